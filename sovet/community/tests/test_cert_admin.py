"""The certificates' admin screens: who opens them, what each lists, issuing after seeing the
hours to be stated, revoking with a reason; the menu item."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks

from sovet.accounts.roles import Role
from sovet.community.certificates import services
from sovet.community.certificates.views import grouped_code
from sovet.community.models import (
    Attendance,
    Certificate,
    CertificateKind,
    CommunitySettings,
    Participation,
    ParticipationStatus,
)
from sovet.core.testing import assert_role_matrix, make_staff, opens, page_text
from sovet.organizations.tests.factories import make_organization

from .factories import (
    make_coordinator,
    make_project,
    make_shift,
    make_volunteer,
    make_youth_coordinator,
)
from .test_cert_views import route_url

pytestmark = pytest.mark.django_db


def admin_url(name, *args):
    """The admin's address as a Russian-speaking coordinator opens it."""
    with translation.override("ru"):
        return reverse(name, args=args)


def credit(volunteer, shift):
    return Participation.objects.create(
        slot=shift.slots.first(),
        volunteer=volunteer,
        status=ParticipationStatus.CONFIRMED,
        attendance=Attendance.CAME,
        hours=shift.hours,
    )


@pytest.fixture
def world(volunteers_page):
    defaults = CommunitySettings.load()
    defaults.signer_name = "Иванов Иван Иванович"
    defaults.signer_title = "Председатель молодёжного совета"
    defaults.save()
    a, b = make_organization(name_ru="Организация А"), make_organization(name_ru="Организация Б")
    project_a = make_project(a, title_ru="Субботники А")
    project_b = make_project(b, title_ru="Полк Б")
    volunteer = make_volunteer()
    other = make_volunteer("other@example.org", full_name="Сидоров Олег")
    shift_a = make_shift(project_a, days=-10, length=3)
    credit(volunteer, shift_a)
    credit(other, make_shift(project_b, days=-9, length=2))
    youth = make_youth_coordinator()
    issue = services.certificate_issue
    return {
        "volunteers_page": volunteers_page,
        "volunteer": volunteer,
        "other": other,
        "project_a": project_a,
        "project_b": project_b,
        "year": shift_a.starts_at.year,
        "coordinator": make_coordinator("editor-a@example.org", a),
        "editor_b": make_coordinator("editor-b@example.org", b),
        "youth": youth,
        "secretary": make_staff("secretary@example.org", Role.COUNCIL_SECRETARY),
        "cert_a": issue(
            volunteer=volunteer, kind="project", project=project_a, language="ru", by=youth
        ),
        "cert_b": issue(
            volunteer=other, kind="project", project=project_b, language="ru", by=youth
        ),
        "cert_year": issue(
            volunteer=volunteer, kind="year", year=shift_a.starts_at.year, language="en", by=youth
        ),
    }


def test_the_admin_url_matrix(world, client):
    users = {
        "visitor": AnonymousUser(),
        "volunteer": world["volunteer"].user,
        "coordinator of project A": world["coordinator"],
        "editor of B": world["editor_b"],
        "youth coordinator": world["youth"],
        "secretary": world["secretary"],
    }
    staff = {"coordinator of project A", "editor of B", "youth coordinator", "secretary"}

    def revoke(key):
        return lambda user: opens(
            client, user, admin_url("community_certificate_revoke", world[key].pk)
        )

    assert_role_matrix(
        users,
        {
            "certificates list": (
                lambda user: opens(client, user, admin_url("community_certificates")),
                staff,
            ),
            "issue form": (
                lambda user: opens(client, user, admin_url("community_certificate_issue")),
                staff,
            ),
            "revoke project A's": (
                revoke("cert_a"),
                {"coordinator of project A", "youth coordinator", "secretary"},
            ),
            "revoke project B's": (
                revoke("cert_b"),
                {"editor of B", "youth coordinator", "secretary"},
            ),
            "revoke a year's": (revoke("cert_year"), {"youth coordinator", "secretary"}),
        },
    )


def test_out_of_reach_is_404_and_non_staff_are_refused(world, client):
    client.force_login(world["coordinator"])
    url = admin_url("community_certificate_revoke", world["cert_b"].pk)
    # A 404 under /admin/ is sent by the locale middleware to /ru/admin/…, a 404 again.
    assert client.get(url, follow=True).status_code == 404
    assert client.post(url, {"reason": "x"}, follow=True).status_code == 404
    world["cert_b"].refresh_from_db()
    assert world["cert_b"].valid
    client.force_login(world["volunteer"].user)
    assert client.get(admin_url("community_certificates")).status_code in (302, 403)


def test_the_list_shows_only_the_certificates_in_reach(world, client):
    client.force_login(world["coordinator"])
    text = page_text(
        client.get(admin_url("community_certificates")),
        "Субботники А",
        grouped_code(world["cert_a"].code),
    )
    assert "Сидоров Олег" not in text
    assert grouped_code(world["cert_year"].code) not in text
    client.force_login(world["youth"])
    page_text(
        client.get(admin_url("community_certificates")),
        "Субботники А",
        "Сидоров Олег",
        f"За {world['year']} год",
    )
    page_text(client.get(admin_url("community_certificates") + "?status=revoked"), "Справок нет.")


def test_issuing_shows_the_hours_first_then_issues(world, client):
    client.force_login(world["coordinator"])
    url = admin_url("community_certificate_issue")
    data = {
        "volunteer": world["volunteer"].pk,
        "kind": CertificateKind.PROJECT,
        "project": world["project_a"].pk,
        "language": "ky",
        "signer_name": "Иванов Иван Иванович",
        "signer_title": "Председатель",
    }
    before = Certificate.objects.count()
    preview = client.post(url, {**data, "action": "preview"})
    page_text(preview, "В справке будет указано", "Субботники А", "<strong>3</strong>")
    assert Certificate.objects.count() == before
    issued = client.post(url, {**data, "action": "issue"})
    assert issued.status_code == 302
    certificate = Certificate.objects.latest("pk")
    assert certificate.language == "ky" and certificate.signer_title == "Председатель"
    assert certificate.issued_by == world["coordinator"]


def test_the_issue_form_offers_only_what_the_user_coordinates(world, client):
    client.force_login(world["coordinator"])
    url = admin_url("community_certificate_issue")
    text = page_text(client.get(url), "Субботники А", "Иванов Иван Иванович")
    assert "Полк Б" not in text and "Сидоров Олег" not in text
    assert 'name="year"' not in text  # a year's certificate is the youth council's
    # Another organization's project, posted by hand, is refused by the form.
    response = client.post(
        url,
        {
            "volunteer": world["other"].pk,
            "kind": CertificateKind.PROJECT,
            "project": world["project_b"].pk,
            "language": "ru",
            "signer_name": "И",
            "signer_title": "П",
            "action": "issue",
        },
    )
    assert response.status_code == 200
    assert not Certificate.objects.filter(
        project=world["project_b"], issued_by=world["coordinator"]
    ).exists()


def test_refusals_come_back_on_the_form(world, client):
    client.force_login(world["youth"])
    response = client.post(
        admin_url("community_certificate_issue"),
        {
            "volunteer": world["other"].pk,
            "kind": CertificateKind.PROJECT,
            "project": world["project_a"].pk,
            "language": "ru",
            "signer_name": "И",
            "signer_title": "П",
            "action": "preview",
        },
    )
    page_text(response, "нет засчитанных часов в этом проекте")
    future = client.post(
        admin_url("community_certificate_issue"),
        {
            "volunteer": world["volunteer"].pk,
            "kind": CertificateKind.YEAR,
            "year": timezone.localdate().year + 1,
            "language": "ru",
            "signer_name": "И",
            "signer_title": "П",
            "action": "issue",
        },
    )
    assert future.status_code == 200  # not among the years offered


def test_revoking_needs_a_reason(world, client):
    client.force_login(world["coordinator"])
    url = admin_url("community_certificate_revoke", world["cert_a"].pk)
    page_text(client.post(url, {"reason": ""}), "Причина отзыва")
    world["cert_a"].refresh_from_db()
    assert world["cert_a"].valid
    assert client.post(url, {"reason": "Часы введены ошибочно"}).status_code == 302
    world["cert_a"].refresh_from_db()
    assert not world["cert_a"].valid
    assert world["cert_a"].revoked_reason == "Часы введены ошибочно"
    page_text(client.get(url), "Часы введены ошибочно", "Отозвана")


def test_the_menu_item_is_for_coordinators(world):
    items = [item for fn in hooks.get_hooks("community_menu_items") for item in fn()]
    ours = [item for item in items if item.url == admin_url("community_certificates")]
    assert len(ours) == 1
    request = RequestFactory().get("/admin/")
    for user, shown in [
        (world["coordinator"], True),
        (world["youth"], True),
        (world["volunteer"].user, False),
        (AnonymousUser(), False),
    ]:
        request.user = user
        assert ours[0].is_shown(request) is shown


def test_the_list_and_the_verification_page_keep_their_queries(world, client):
    client.force_login(world["youth"])
    url = admin_url("community_certificates")
    client.get(url)  # caches warmed (the volunteers page's lookups, settings)

    def count(address):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    before = count(url)
    for n in range(5):
        volunteer = make_volunteer(f"more{n}@example.org", full_name=f"Волонтёр {n}")
        credit(volunteer, make_shift(world["project_a"], days=-8, length=2))
        services.certificate_issue(
            volunteer=volunteer, kind="project", project=world["project_a"], language="ru",
            by=world["youth"],
        )  # fmt: skip
    assert count(url) == before
    page = world["volunteers_page"]
    client.logout()
    count(route_url(page, "verify_view", world["cert_a"].code))  # the site's menus cached
    first = count(route_url(page, "verify_view", world["cert_a"].code))
    assert count(route_url(page, "verify_view", world["cert_year"].code)) == first
