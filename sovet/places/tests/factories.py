"""Objects the places tests build."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sovet.core.models import Region
from sovet.places.models import MemorialPlace

EDITOR_A, EDITOR_B = "editor of the caretaker", "editor of another organization"


def make_place(name="Обелиск землякам", *, region="chui", status="published", **fields):
    values = {
        "kind": "obelisk",
        "name_ru": name,
        "region": Region.objects.get(code=region),
        "status": status,
    }
    values.update(fields)
    return MemorialPlace.objects.create(**values)


def image_file(name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "gray").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
