"""Wagtail's image and document forms, with every new upload checked by core.uploads."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .uploads import check_document, check_image


def _is_new_upload(file) -> bool:
    return bool(file) and hasattr(file, "content_type")


class CheckedImageForm(BaseImageForm):
    """Images must decode, fit the limits, and lose their EXIF/GPS metadata."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        return check_image(file) if _is_new_upload(file) else file


class CheckedDocumentForm(BaseDocumentForm):
    """Documents must really be of an allowed type, whatever their name says."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        return check_document(file) if _is_new_upload(file) else file
