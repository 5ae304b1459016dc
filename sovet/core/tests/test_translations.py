"""core.translations: a record lacks a language when a field is written in Russian and empty in
that language; found in one query however many records lack it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sovet.core.models import Region
from sovet.core.translations import MISSING, UPCOMING, untranslated_records


def regions_untranslated(**options):
    return untranslated_records(
        Region.objects.all(),
        ["name"],
        kind="region",
        kind_label="Regions",
        title=lambda region: region.name_ru,
        url=lambda region: f"/regions/{region.code}/",
        **options,
    )


@pytest.mark.django_db
def test_a_record_lacks_the_languages_whose_field_is_empty():
    assert regions_untranslated() == []
    Region.objects.filter(code="osh").update(name_en="")
    Region.objects.filter(code="chui").update(name_ky="", name_en="")
    found = {item.title: item for item in regions_untranslated(importance=UPCOMING)}
    assert set(found) == {
        Region.objects.get(code="osh").name_ru,
        Region.objects.get(code="chui").name_ru,
    }
    osh = found[Region.objects.get(code="osh").name_ru]
    assert [(gap.language, gap.state) for gap in osh.gaps] == [("en", MISSING)]
    assert osh.lacks("en") and not osh.lacks("ky")
    assert osh.importance == UPCOMING and osh.gaps[0].url == "/regions/osh/"
    chui = found[Region.objects.get(code="chui").name_ru]
    assert [gap.language for gap in chui.gaps] == ["ky", "en"]


@pytest.mark.django_db
def test_a_field_empty_in_russian_too_is_not_lacking():
    Region.objects.filter(code="osh").update(name_ru="", name_en="")
    assert regions_untranslated() == []


@pytest.mark.django_db
def test_one_query_however_many_records_lack_a_language():
    Region.objects.filter(code="osh").update(name_en="")
    with CaptureQueriesContext(connection) as one:
        assert len(regions_untranslated()) == 1
    regions = Region.objects.update(name_en="")
    with CaptureQueriesContext(connection) as every:
        assert len(regions_untranslated()) == regions > 1
    assert len(one) == len(every) == 1
