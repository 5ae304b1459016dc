"""A certificate's public verification page (the essentials, valid or revoked, nothing personal)
and its PDF (its language, the QR code of the verification page, who may download it)."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from pypdf import PdfReader

from sovet.accounts.roles import Role
from sovet.community.certificates import services, views
from sovet.community.certificates.queries import certificate_paths, certificates_of
from sovet.community.models import (
    Attendance,
    CertificateKind,
    CommunitySettings,
    Participation,
    ParticipationStatus,
)
from sovet.core.i18n_checks import untranslated_texts
from sovet.core.testing import assert_role_matrix, make_staff, opens, page_text
from sovet.organizations.tests.factories import make_organization

from .factories import (
    make_coordinator,
    make_project,
    make_shift,
    make_volunteer,
    make_youth_coordinator,
)

pytestmark = pytest.mark.django_db
BIRTH_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")


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
    organization = make_organization()
    project = make_project(
        organization,
        title_ru="Субботники у мест памяти",
        title_ky="Эстелик жайларындагы ишембиликтер",
        title_en="Clean-ups at memorial places",
    )
    volunteer = make_volunteer(phone="+996555123456")
    credit(volunteer, make_shift(project, days=-10, hour=9, length=4.5))
    youth = make_youth_coordinator()
    return {
        "page": volunteers_page,
        "project": project,
        "volunteer": volunteer,
        "coordinator": make_coordinator(organization=organization),
        "youth": youth,
        "issue": lambda **kw: services.certificate_issue(
            **{
                "volunteer": volunteer,
                "kind": CertificateKind.PROJECT,
                "project": project,
                "language": "ru",
                "by": youth,
                **kw,
            }
        ),
    }


def route_url(page, route, code, language="ru"):
    path = page.url + page.reverse_subpage(route, kwargs={"code": code})
    return path.replace("/ru/", f"/{language}/", 1)


def test_the_verification_page_shows_the_essentials_and_nothing_personal(world, client):
    certificate = world["issue"]()
    response = client.get(route_url(world["page"], "verify_view", certificate.code))
    text = page_text(
        response,
        "4,5",
        "Петрова А. С.",
        views.grouped_code(certificate.code),
        "Субботники у мест памяти",
        "Иванов Иван Иванович",
        "ДЕЙСТВИТЕЛЬНА",
    )
    volunteer = world["volunteer"]
    assert "Петрова Анна Сергеевна" not in text and "Анна" not in text
    for pattern in BIRTH_FORMATS:
        assert volunteer.birth_date.strftime(pattern) not in text
    assert volunteer.user.email not in text
    assert "555123456" not in text
    article = text.split('<article class="narrow">', 1)[1].split("</article>", 1)[0]
    assert volunteer.city not in article and volunteer.region.name not in article
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"


def test_a_revoked_certificate_says_so_with_the_date_not_the_reason(world, client):
    certificate = world["issue"]()
    services.certificate_revoke(
        certificate=certificate, reason="Часы введены ошибочно", by=world["youth"]
    )
    response = client.get(route_url(world["page"], "verify_view", certificate.code))
    text = page_text(response, "ОТОЗВАНА", "4,5")
    assert "Часы введены ошибочно" not in text


def test_unknown_codes_are_404_and_codes_are_case_insensitive(world, client):
    certificate = world["issue"]()
    unknown = "ABCDEFGHJKLM" if certificate.code != "ABCDEFGHJKLM" else "MLKJHGFEDCBA"
    assert client.get(route_url(world["page"], "verify_view", unknown)).status_code == 404
    typed = views.grouped_code(certificate.code).lower()  # «abcd-efgh-jklm», as on paper
    page_text(client.get(route_url(world["page"], "verify_view", typed)), "4,5")


def test_lookups_are_rate_limited_per_address(world, client):
    certificate = world["issue"]()
    url = route_url(world["page"], "verify_view", certificate.code)
    for _ in range(30):
        assert client.get(url).status_code == 200
    refused = client.get(url)
    assert refused.status_code == 429
    # Walking unknown codes is counted the same way.
    assert client.get(route_url(world["page"], "verify_view", "ZZZZZZZZZZZZ")).status_code == 429


def test_the_pdf_is_the_certificate_in_its_language(world, client):
    certificate = world["issue"]()
    client.force_login(world["volunteer"].user)
    response = client.get(route_url(world["page"], "download_view", certificate.code))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    for piece in ("Справка о волонтёрских часах", "4,5", "Субботники у мест памяти",
                  "Иванов Иван Иванович", "Петрова Анна Сергеевна"):  # fmt: skip
        assert piece in text, piece


@pytest.mark.parametrize(
    ("language", "pieces"),
    [
        ("ru", ["Справка о волонтёрских часах", "Субботники у мест памяти", "4,5"]),
        (
            "ky",
            ["Ыктыярчылык сааттары жөнүндө маалымкат", "Эстелик жайларындагы", "4,5"],
        ),  # a comma, as ru
        ("en", ["Certificate of volunteer hours", "Clean-ups at memorial places", "4.5"]),
    ],
)
def test_the_printable_page_speaks_the_certificates_language(world, client, language, pieces):
    certificate = world["issue"](language=language)
    client.force_login(world["volunteer"].user)
    # Whatever the page's language, the certificate is printed in its own.
    response = client.get(
        route_url(world["page"], "download_view", certificate.code) + "?format=html"
    )
    page_text(response, *pieces, f'lang="{language}"')


def test_the_qr_code_holds_the_verification_pages_absolute_address(world, client, monkeypatch):
    certificate = world["issue"](language="ky")
    encoded = []
    original = views.qr_code
    monkeypatch.setattr(views, "qr_code", lambda url: encoded.append(url) or original(url))
    client.force_login(world["volunteer"].user)
    url = route_url(world["page"], "download_view", certificate.code)
    assert client.get(url).status_code == 200
    address = f"{settings.SITE_URL}/ky/volunteers/certificates/{certificate.code}/"
    assert encoded == [address]
    html = client.get(url + "?format=html").content.decode()
    assert f'href="{address}"' in html and 'class="certificate__qr-code"' in html
    # And that address verifies it.
    page_text(client.get(address.removeprefix(settings.SITE_URL)), "4,5", "Маалымкатты текшерүү")


def test_a_revoked_certificates_pdf_says_revoked(world, client):
    certificate = world["issue"]()
    services.certificate_revoke(certificate=certificate, reason="Ошибка", by=world["youth"])
    client.force_login(world["volunteer"].user)
    url = route_url(world["page"], "download_view", certificate.code)
    page_text(client.get(url + "?format=html"), "Отозвана", "certificate__revoked")
    response = client.get(url)
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "ОТОЗВАНА" in text.upper()


def test_who_may_download(world, client):
    project_certificate = world["issue"]()
    users = {
        "owner": world["volunteer"].user,
        "other volunteer": make_volunteer("other@example.org").user,
        "visitor": AnonymousUser(),
        "coordinator of the project": world["coordinator"],
        "editor of another organization": make_coordinator("editor-b@example.org"),
        "youth coordinator": world["youth"],
        "secretary": make_staff("secretary@example.org", Role.COUNCIL_SECRETARY),
    }
    page = world["page"]
    actions = {
        "download a project's certificate": (
            lambda user: opens(
                client,
                user,
                route_url(page, "download_view", project_certificate.code) + "?format=html",
            ),
            {"owner", "coordinator of the project", "youth coordinator", "secretary"},
        ),
        "verify a certificate": (
            lambda user: opens(
                client, user, route_url(page, "verify_view", project_certificate.code)
            ),
            set(users),
        ),
    }
    assert_role_matrix(users, actions)


def test_a_years_certificate_is_not_its_projects_coordinators(world, client):
    shift = world["project"].shifts.first()
    certificate = world["issue"](kind=CertificateKind.YEAR, project=None, year=shift.starts_at.year)
    url = route_url(world["page"], "download_view", certificate.code) + "?format=html"
    assert not opens(client, world["coordinator"], url)
    assert opens(client, world["youth"], url)
    assert opens(client, world["volunteer"].user, url)


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_no_text_is_left_untranslated(world, client, language):
    certificate = world["issue"](language=language)
    verify = client.get(route_url(world["page"], "verify_view", certificate.code, language))
    html = page_text(verify, views.grouped_code(certificate.code))
    article = html.split('<article class="narrow">', 1)[1].split("</article>", 1)[0]
    assert untranslated_texts(f'<div lang="{language}">{article}</div>', language) == []
    client.force_login(world["volunteer"].user)
    printed = client.get(
        route_url(world["page"], "download_view", certificate.code) + "?format=html"
    )
    assert untranslated_texts(page_text(printed, "certificate__qr-code"), language) == []


def test_a_volunteers_certificates_and_their_addresses(world, client):
    certificate = world["issue"]()
    assert list(certificates_of(world["volunteer"])) == [certificate]
    paths = certificate_paths(world["page"], certificate)
    client.force_login(world["volunteer"].user)
    page_text(client.get(paths["verify"]), "4,5")
    page_text(client.get(paths["print"]), "4,5")
    assert client.get(paths["pdf"])["Content-Type"] == "application/pdf"
