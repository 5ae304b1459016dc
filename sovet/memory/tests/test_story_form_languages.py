"""The story form's numbered labels are translated when shown, not once when the module loads."""

from django.utils import translation

from sovet.memory.stories.forms import StoryContentForm


def test_numbered_labels_follow_the_reader_language():
    fields = StoryContentForm.base_fields
    labels = {}
    for language in ("ky", "en", "ru"):
        with translation.override(language):
            labels[language] = [
                str(fields[name].label) for name in ("photo_1", "caption_2", "document_1")
            ]
    assert labels["en"] == ["Photo 1", "Caption of photo 2", "Document 1"]
    assert labels["ky"][0] == "1-сүрөт"
    assert labels["ru"][0] != labels["en"][0] != labels["ky"][0]
