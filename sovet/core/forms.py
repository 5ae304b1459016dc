"""Wagtail's image and document forms, with every new upload checked by core.images and
core.uploads (settings WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .images import check_image
from .uploads import check_document


def _is_new_upload(file) -> bool:
    return bool(file) and hasattr(file, "content_type")


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, run on core.images' clean copy of the upload.

    core.images goes first: Wagtail's own checks decode a decompression bomb's header with
    Pillow's limits (an error page, not a form error) and keep the file as sent.
    """

    def to_python(self, data):
        if _is_new_upload(data):
            _replace_content(data, check_image(data))
        return super().to_python(data)


def _replace_content(upload, clean) -> None:
    """Put the clean copy in the upload itself. Wagtail's multiple upload keeps the request's
    file, not the form's, when another field is invalid, and makes the image from it later."""
    content = clean.read()
    upload.file.seek(0)
    upload.file.write(content)
    upload.file.truncate()
    upload.file.flush()
    upload.file.seek(0)
    upload.size = len(content)
    upload.name = clean.name


class CheckedImageForm(BaseImageForm):
    """Images must decode, fit the limits, and lose their EXIF/GPS metadata."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:  # the multiple upload's edit form has none
            field = self.fields["file"]
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )


class CheckedDocumentForm(BaseDocumentForm):
    """Documents must really be of an allowed type, whatever their name says."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        return check_document(file) if _is_new_upload(file) else file
