"""Builders of the community's tests: the public page, volunteers (adult and minor), projects,
shifts with slots, coordinators."""

from datetime import date, timedelta

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from sovet.accounts.roles import Role
from sovet.core.models import Region
from sovet.core.testing import make_staff, make_user
from sovet.organizations.tests.factories import OrganizationFactory, editor_of

from ..models import Project, Shift, Slot, SlotRole, Volunteer, VolunteersPage


def make_site() -> VolunteersPage:
    """Home and the volunteers page in Russian, aliased into ky and en."""
    Page.objects.filter(depth=2).delete()  # Wagtail's own "Welcome" page
    root = Page.get_first_root_node()
    ru = Locale.objects.get(language_code="ru")
    home = root.add_child(instance=Page(title="Главная", slug="home", locale=ru))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    page = home.add_child(instance=VolunteersPage(title="Волонтёры", slug="volunteers"))
    for code in ("ky", "en"):
        locale = Locale.objects.create(language_code=code)
        for each in (home, page):
            each.copy_for_translation(locale, alias=True)
    return page


def years_ago(years: int, days: int = 0) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=days)


def make_volunteer(email="volunteer@example.org", *, age=25, **fields) -> Volunteer:
    user = fields.pop("user", None) or make_user(email)
    data = {
        "full_name": "Петрова Анна Сергеевна",
        "birth_date": years_ago(age, days=10),
        "region": Region.objects.get(code="bishkek"),
        "city": "Бишкек",
        "languages": ["ru"],
        "skills": [],
        "consent_at": timezone.now(),
    }
    data.update(fields)
    return Volunteer.objects.create(user=user, **data)


def make_project(organization=None, **fields) -> Project:
    organization = organization or OrganizationFactory()
    data = {
        "title_ru": "Субботники у мест памяти 2027",
        "slug": f"cleanups-{Project.objects.count() + 1}",
    }
    data.update(fields)
    return Project.objects.create(organization=organization, **data)


def make_shift(project=None, *, days=7, hour=10, length=3, slots=None, **fields) -> Shift:
    """A shift `days` from today at `hour`:00 Bishkek time, `length` hours long, with slots
    given as {role: capacity} (a clean-up slot of 10 by default)."""
    project = project or make_project()
    day = timezone.localdate() + timedelta(days=days)
    starts = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour))
    shift = Shift.objects.create(
        project=project, starts_at=starts, ends_at=starts + timedelta(hours=length), **fields
    )
    for role, capacity in (slots or {SlotRole.CLEANUP: 10}).items():
        Slot.objects.create(shift=shift, role=role, capacity=capacity)
    return shift


def make_coordinator(email="coordinator@example.org", organization=None):
    """An editor of the organization (a project's coordinator)."""
    return editor_of(organization or OrganizationFactory(), email)


def make_youth_coordinator(email="youth@example.org"):
    """A coordinator of the youth council, with two-factor sign-in (the admin opens)."""
    return make_staff(email, Role.YOUTH_COORDINATOR)
