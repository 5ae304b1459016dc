"""Photos on cards: rotating and cropping what is stored.

Uploads are checked and stored by core.images (type from content, size, decoding, metadata
dropped; a clean JPEG of a sensible size and a small copy for lists), as every photo is.
"""

import io

from PIL import Image

from sovet.core.images import set_image, set_image_from_upload

from .models import Photo

__all__ = ["crop", "rotate", "set_image", "set_image_from_upload"]


def _open(photo: Photo) -> Image.Image:
    with photo.image.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def _replace(photo: Photo, image: Image.Image) -> None:
    old = [photo.image.name, photo.thumbnail.name]
    set_image(photo, image)
    photo.save()
    storage = photo.image.storage
    for name in old:
        if name:
            storage.delete(name)


def rotate(photo: Photo, degrees: int) -> None:
    """Turn the photo by 90, 180 or 270 degrees clockwise."""
    if degrees % 90 or degrees % 360 == 0:
        raise ValueError("rotate by a multiple of 90 degrees")
    _replace(photo, _open(photo).rotate(-degrees, expand=True))


def crop(photo: Photo, left: float, top: float, right: float, bottom: float) -> None:
    """Keep the part between the given fractions of the width and height (0…1)."""
    if not (0 <= left < right <= 1 and 0 <= top < bottom <= 1):
        raise ValueError("crop box outside the photo")
    image = _open(photo)
    width, height = image.size
    box = (round(left * width), round(top * height), round(right * width), round(bottom * height))
    if box[2] - box[0] < 16 or box[3] - box[1] < 16:
        raise ValueError("crop box too small")
    _replace(photo, image.crop(box))
