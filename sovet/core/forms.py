from wagtail.images.forms import BaseImageForm

from .uploads import check_image


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form, with every new upload checked and stripped of metadata."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file or not hasattr(file, "content_type"):
            return file  # no new upload on edit
        return check_image(file)
