import pytest
from django.utils import translation

from sovet.core.models import Region


@pytest.mark.django_db
def test_the_nine_regions_are_loaded_with_names_in_three_languages():
    regions = list(Region.objects.all())
    assert [r.code for r in regions] == [
        "bishkek",
        "osh-city",
        "chui",
        "issyk-kul",
        "naryn",
        "talas",
        "jalal-abad",
        "osh",
        "batken",
    ]
    assert sum(r.is_city for r in regions) == 2
    assert all(r.name_ru and r.name_ky and r.name_en for r in regions)


@pytest.mark.django_db
def test_region_name_follows_the_active_language():
    osh = Region.objects.get(code="osh")
    with translation.override("ky"):
        assert osh.name == "Ош облусу"
    with translation.override("en"):
        assert str(osh) == "Osh Region"
    with translation.override("de"):
        assert osh.name == "Ошская область"
