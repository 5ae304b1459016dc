"""Photos on cards: a clean, upright JPEG of a sensible size and a small copy for lists.

Uploads are first checked by core.uploads.check_image (type from content, size, decoding,
metadata dropped); this module only sizes, rotates and crops what passed.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image

from .models import Photo

# Large enough to print an A3 placard at ~150 dpi for a 20 cm portrait, small enough for a phone.
PHOTO_MAX_SIDE = 2000
THUMBNAIL_SIDE = 400
JPEG_QUALITY = 85


def _jpeg(image: Image.Image, max_side: int) -> ContentFile:
    image = image.copy()
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "L"):
        # Transparent areas become white, as on paper.
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    output = io.BytesIO()
    image.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(output.getvalue(), name="photo.jpg")


def set_image(photo: Photo, image: Image.Image) -> None:
    """Store `image` as the photo and its small copy (the photo is not saved here)."""
    photo.image.save("photo.jpg", _jpeg(image, PHOTO_MAX_SIDE), save=False)
    photo.thumbnail.save("photo.jpg", _jpeg(image, THUMBNAIL_SIDE), save=False)


def set_image_from_upload(photo: Photo, clean_upload) -> None:
    """`clean_upload` is what core.uploads.check_image returned."""
    clean_upload.seek(0)
    with Image.open(clean_upload) as image:
        image.load()
        set_image(photo, image)


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
