"""Assigned organizations report on decisions; others cannot; the editor's dashboard puts
overdue decisions first. The public progress page: test_reports_demo.py."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sovet.accounts.roles import Role
from sovet.conferences import queries, rules, services
from sovet.conferences.models import ProgressReport
from sovet.core.testing import MEMBER, VISITOR, assert_role_matrix
from sovet.organizations.tests.factories import editor_of, make_organization

from .test_importer import SEED


@pytest.fixture
def world(db, users):
    resolution = services.resolution_import(text=SEED.read_text(encoding="utf-8"), user=None)
    assigned, other = make_organization(name_ru="Назначенная"), make_organization(name_ru="Другая")
    decision = resolution.decisions.get(number=9)
    decision.organizations.set([assigned])
    users["editor of the assigned"] = editor_of(assigned, "assigned@example.org")
    users["editor of another"] = editor_of(other, "another@example.org")
    return users, decision, assigned, other


@pytest.mark.django_db
def test_report_matrix(world):
    users, decision, assigned, other = world
    managers = {str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)}
    assert_role_matrix(
        users,
        {
            "report for the assigned organization": (
                lambda u: rules.can_report(u, decision, assigned),
                managers | {"editor of the assigned"},
            ),
            "report for an organization not assigned": (
                lambda u: rules.can_report(u, decision, other),
                set(),
            ),
            "review reports": (rules.can_review_reports, managers),
        },
    )
    assert {VISITOR, MEMBER} <= users.keys()


@pytest.mark.django_db
def test_report_moves_progress_and_status(world):
    users, decision, assigned, _other = world
    services.progress_report_add(
        decision=decision,
        organization=assigned,
        user=users["editor of the assigned"],
        text="Сделали сайт.",
        progress=40,
    )
    decision.refresh_from_db()
    assert (decision.progress, decision.status) == (40, "in_progress")
    services.progress_report_add(
        decision=decision,
        organization=assigned,
        user=users["editor of the assigned"],
        text="Ещё отчёт.",
        progress=10,
    )
    decision.refresh_from_db()
    assert decision.progress == 40  # a lower figure in a later report does not undo progress


@pytest.mark.django_db
def test_reports_from_others_are_refused(world):
    users, decision, assigned, other = world
    with pytest.raises(PermissionDenied):
        services.progress_report_add(
            decision=decision, organization=other, user=users["editor of another"], text="x"
        )
    with pytest.raises(PermissionDenied):
        services.progress_report_add(
            decision=decision, organization=assigned, user=users["editor of another"], text="x"
        )
    with pytest.raises(ValidationError):
        services.progress_report_add(
            decision=decision,
            organization=assigned,
            user=users["editor of the assigned"],
            text="x",
            progress=150,
        )
    assert not ProgressReport.objects.exists()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_editor_reports_in_the_admin_with_a_photo(world, client):
    users, decision, assigned, _other = world
    client.force_login(users["editor of the assigned"])
    dashboard = client.get("/admin/")
    assert "Изыскать финансовые средства" in dashboard.content.decode()
    url = f"/admin/conferences/decisions/{decision.pk}/report/"
    response = client.post(
        url,
        {"organization": assigned.pk, "text": "Сайт запущен.", "progress": "70",
         "links": "https://sovet.kg/ru/\nhttps://sovet.kg/ky/",
         "photo": SimpleUploadedFile("photo.png", png_bytes(), "image/png")},
    )  # fmt: skip
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.photo is not None and report.link_list == [
        "https://sovet.kg/ru/",
        "https://sovet.kg/ky/",
    ]


@pytest.mark.django_db
def test_bad_report_input_is_explained_and_kept(world, client):
    users, decision, assigned, _other = world
    client.force_login(users["editor of the assigned"])
    response = client.post(
        f"/admin/conferences/decisions/{decision.pk}/report/",
        {"organization": assigned.pk, "text": "Сайт запущен.", "progress": "170", "links": "not a link",
         "photo": SimpleUploadedFile("photo.jpg", b"plain text", "image/jpeg")},
    )  # fmt: skip
    assert response.status_code == 200
    assert {"progress", "links", "photo"} <= set(response.context["form"].errors)
    assert "Сайт запущен." in response.content.decode()
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_editor_of_another_organization_cannot_open_the_report_form(world, client):
    users, decision, _assigned, other = world
    client.force_login(users["editor of another"])
    assert client.get(f"/admin/conferences/decisions/{decision.pk}/report/").status_code in (
        302,
        403,
    )
    client.post(
        f"/admin/conferences/decisions/{decision.pk}/report/",
        {"organization": other.pk, "text": "x"},
    )
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_dashboard_puts_overdue_decisions_first(world):
    users, decision, assigned, _other = world
    resolution = decision.resolution
    later = resolution.decisions.get(number=14)
    later.organizations.add(assigned)
    later.due = "2099"
    later.save()
    decision.due = "2021-12"
    decision.save()
    no_due = resolution.decisions.get(number=5)
    no_due.organizations.add(assigned)
    expected = queries.expected_of(users["editor of the assigned"])
    assert [d.number for d in expected] == [9, 14, 5]
    assert expected[0].is_overdue and not expected[1].is_overdue
    assert queries.expected_of(users["editor of another"]) == []
