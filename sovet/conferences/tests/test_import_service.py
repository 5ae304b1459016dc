"""Importing creates the whole resolution or nothing, and links what its decisions create."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from sovet.accounts.roles import Role
from sovet.conferences import services
from sovet.conferences.models import Conference, Decision, Resolution
from sovet.core.testing import make_staff
from sovet.organizations.models import CouncilTerm
from sovet.organizations.tests.factories import make_organization

from .test_importer import SEED


@pytest.fixture
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_seed_import_creates_18_decisions_and_plans_the_next_conference(seed_text):
    union = make_organization(name_ru="Союз соотечественниц Кыргызстана", type="union")
    make_organization(
        name_ru="Координационный совет российских соотечественников Кыргызской Республики",
        type="union",
    )
    term = CouncilTerm.objects.create(title_ru="Состав 2021", approved_on=date(2021, 4, 2))
    resolution = services.resolution_import(text=seed_text, user=None)
    conference = resolution.conference
    assert (conference.number, conference.title_ru, conference.city_ru) == (
        12, "Кыргызстан и Россия – новые форматы сотрудничества", "Бишкек",
    )  # fmt: skip
    assert str(conference.dates) == "2021-04-02" and resolution.adopted_on == date(2021, 4, 2)
    decisions = list(resolution.decisions.order_by("number"))
    assert len(decisions) == 18
    assert decisions[5].approves_organization == union
    assert decisions[16].approves_council_term == term
    planned = decisions[17].schedules_conference
    assert (planned.number, planned.status, str(planned.dates)) == (
        13,
        "planned",
        "2022-03/2022-04",
    )
    assert str(decisions[17].due) == "2022-03/2022-04"
    assert resolution.source_text == seed_text


@pytest.mark.django_db
def test_importing_twice_is_refused_and_changes_nothing(seed_text):
    services.resolution_import(text=seed_text, user=None)
    with pytest.raises(ValidationError):
        services.resolution_import(text=seed_text, user=None)
    assert Resolution.objects.count() == 1 and Decision.objects.count() == 18


@pytest.mark.django_db
def test_a_bad_text_creates_nothing():
    with pytest.raises(ValidationError):
        services.resolution_import(text="ПОСТАНОВИЛИ:\n- Отметить.\n- Отметить.\n", user=None)
    assert not Conference.objects.exists() and not Decision.objects.exists()


@pytest.mark.django_db
def test_kind_corrections_are_applied(seed_text):
    resolution = services.resolution_import(text=seed_text, user=None, kinds={10: "support"})
    decision = resolution.decisions.get(number=10)
    assert decision.kind == "support" and decision.tracked


@pytest.mark.django_db
def test_only_managers_import(seed_text):
    editor = make_staff("editor@example.org", Role.ORGANIZATION_EDITOR)
    with pytest.raises(PermissionDenied):
        services.resolution_import(text=seed_text, user=editor)
    secretary = make_staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    assert services.resolution_import(text=seed_text, user=secretary).decisions.count() == 18


@pytest.mark.django_db
def test_command_dry_run_prints_and_writes_nothing():
    out = io.StringIO()
    call_command("import_resolution", str(SEED), "--dry-run", stdout=out)
    output = out.getvalue()
    assert "Conference: XII" in output and "Decisions: 18" in output
    assert " 18. [schedule] → conference 13, 2022-03/2022-04" in output
    assert "Dry run: nothing was written." in output
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_command_imports_and_reports_errors(tmp_path):
    out = io.StringIO()
    call_command("import_resolution", str(SEED), stdout=out)
    assert "with 18 decisions" in out.getvalue()
    empty = tmp_path / "empty.md"
    empty.write_text("")
    with pytest.raises(CommandError):
        call_command("import_resolution", str(empty), stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("import_resolution", str(tmp_path / "missing.md"), stdout=io.StringIO())
