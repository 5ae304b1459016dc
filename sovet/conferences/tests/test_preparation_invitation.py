"""Organizations invited by e-mail to a private page: register delegates within the quota and
propose while proposals are open, with no account; nothing of another organization shows."""

import re

import pytest
from django.core import mail
from wagtail.models import Locale, Page, Site

from sovet.accounts.roles import Role
from sovet.conferences import services
from sovet.conferences.models import (
    AgendaItem,
    ConferenceIndexPage,
    Delegate,
    DelegateQuota,
    Invitation,
    Proposal,
)
from sovet.conferences.preparation import services as preparation
from sovet.conferences.preparation.views import INVITATION_LIMIT
from sovet.core.i18n_checks import untranslated_texts
from sovet.core.testing import make_staff, page_text
from sovet.organizations.tests.factories import make_organization

from .factories import ConferenceFactory, DelegateFactory


@pytest.fixture
def world(db):
    Page.objects.filter(depth=2).delete()
    home = Page.get_first_root_node().add_child(
        instance=Page(title="Главная", slug="home", locale=Locale.objects.get(language_code="ru"))
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    index = home.add_child(instance=ConferenceIndexPage(title="Конференции", slug="conferences"))
    for code in ("ky", "en"):
        locale = Locale.objects.create(language_code=code)
        for page in (home, index):
            page.copy_for_translation(locale, alias=True)
    conference = ConferenceFactory(
        number=15,
        status="registration_open",
        dates="2025-04-01",
        city_ru="Ош",
        proposals_open=True,
    )
    AgendaItem.objects.create(conference=conference, title_ru="Отчёт Совета за период")
    rodnik = make_organization(
        name_ru="Родник", membership_status="member", email="rodnik@example.org"
    )
    other = make_organization(
        name_ru="Соседи", membership_status="member", email="sosedi@example.org"
    )
    silent = make_organization(name_ru="Без почты", membership_status="member")
    DelegateQuota.objects.create(conference=conference, organization=rodnik, quota=1)
    DelegateFactory(conference=conference, organization=other, full_name="Чужой Делегат",
                    email="chuzhoy@example.org", phone="+996555000111")  # fmt: skip
    secretary = make_staff("desk@example.org", Role.COUNCIL_SECRETARY)
    return conference, rodnik, other, silent, secretary


def invite(world, django_capture_on_commit_callbacks):
    conference, rodnik, other, silent, secretary = world
    with django_capture_on_commit_callbacks(execute=True):
        return preparation.invitation_send(
            conference=conference, organizations=[rodnik, silent], user=secretary
        )


def link_in(letter) -> str:
    return re.search(r"http\S+/conferences/invitation/[\w-]+/", letter.body).group(0)


@pytest.mark.django_db
def test_invitations_go_by_e_mail_with_a_private_link(world, django_capture_on_commit_callbacks):
    conference, rodnik, _other, silent, secretary = world
    sent, skipped = invite(world, django_capture_on_commit_callbacks)
    assert [i.organization for i in sent] == [rodnik]
    assert [(o, str(reason)) for o, reason in skipped] == [
        (silent, "в карточке организации нет адреса e-mail")
    ]
    (letter,) = mail.outbox
    invitation = Invitation.objects.get()
    assert letter.to == ["rodnik@example.org"] and len(invitation.token) >= 43
    assert link_in(letter).endswith(f"/ru/conferences/invitation/{invitation.token}/")
    assert "Уважаемые коллеги" in letter.body and "Dear colleagues" in letter.body
    assert "урматтуу кесиптештери" in letter.body
    # Sent again: the old link stops working.
    old = invitation.token
    invite(world, django_capture_on_commit_callbacks)
    assert Invitation.objects.get().token != old and len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_secretary_invites_from_the_prepare_screen(
    world, client, django_capture_on_commit_callbacks
):
    conference, rodnik, _other, silent, secretary = world
    client.force_login(secretary)
    url = f"/admin/conferences/{conference.pk}/prepare/"
    html = page_text(
        client.get(url), "Родник — rodnik@example.org", "Без почты — нет адреса e-mail"
    )
    assert html.count('name="organizations"') == 3 and html.count("checked") >= 3  # all by default
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"invite": "1", "organizations": [rodnik.pk, silent.pk]}, follow=True
        )
    page_text(response, "Отправлено приглашений: 1.", "«Без почты» не приглашена")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_private_page_registers_delegates_within_the_quota(
    world, client, django_capture_on_commit_callbacks
):
    invite(world, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0]).split("localhost", 1)[-1].split("testserver", 1)[-1]
    url = url[url.index("/ru/") :]
    response = client.get(url)
    html = page_text(response, "XV страновая конференция", "Ош", "Отчёт Совета за период", "Родник",
                     "Зарегистрировано: 0 из 1.")  # fmt: skip
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    # Nothing of another organization: its delegate's name and contacts.
    for secret in ("Чужой Делегат", "chuzhoy@example.org", "+996555000111", "Соседи"):
        assert secret not in html
    assert Invitation.objects.get().last_used_at is not None

    data = {"register": "1", "full_name": "Иванова Анна", "position": "председатель",
            "email": "anna@example.org", "phone": ""}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    page_text(client.get(url), "Иванова Анна", "Зарегистрировано: 1 из 1.")
    delegate = Delegate.objects.get(full_name="Иванова Анна")
    assert delegate.organization.name_ru == "Родник" and delegate.registered_by is None
    html = page_text(client.post(url, {**data, "full_name": "Петров Пётр"}),
                     "уже зарегистрировала всех своих делегатов")  # fmt: skip
    assert 'value="Петров Пётр"' in html  # what was typed stays
    assert Delegate.objects.filter(organization__name_ru="Родник").count() == 1


@pytest.mark.django_db
def test_the_private_page_takes_proposals_only_while_they_are_open(
    world, client, django_capture_on_commit_callbacks
):
    conference = world[0]
    invite(world, django_capture_on_commit_callbacks)
    url = f"/ru/conferences/invitation/{Invitation.objects.get().token}/"
    assert client.post(url, {"propose": "1", "text": "Открыть клуб."}).status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.organization.name_ru, proposal.submitted_by) == ("Родник", None)
    page_text(client.get(url), "Открыть клуб.")
    conference.proposals_open = False
    conference.save()
    html = page_text(client.post(url, {"propose": "1", "text": "Ещё одно предложение."}),
                     "Приём предложений к этой конференции закрыт.")  # fmt: skip
    assert "Ещё одно предложение." in html  # kept in the form
    assert Proposal.objects.count() == 1


@pytest.mark.django_db
def test_a_wrong_token_is_a_404_and_posts_are_rate_limited(
    world, client, django_capture_on_commit_callbacks, monkeypatch
):
    invite(world, django_capture_on_commit_callbacks)
    assert client.get("/ru/conferences/invitation/" + "x" * 43 + "/").status_code == 404
    url = f"/ru/conferences/invitation/{Invitation.objects.get().token}/"
    monkeypatch.setattr(type(INVITATION_LIMIT), "exceeded", lambda self, request: True)
    html = page_text(client.post(url, {"propose": "1", "text": "Спам."}), "Спам.", status=429)
    assert "Слишком много отправок" in html
    assert not Proposal.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language, town", [("ru", "Ош"), ("ky", "Ош"), ("en", "Osh")])
def test_the_private_page_is_translated(
    world, client, language, town, django_capture_on_commit_callbacks
):
    invite(world, django_capture_on_commit_callbacks)
    url = f"/{language}/conferences/invitation/{Invitation.objects.get().token}/"
    html = page_text(client.get(url), "Родник", f"<dd>{town}")  # the town in the page's language
    assert not untranslated_texts(html, language)
    html = page_text(client.post(url, {"register": "1", "full_name": ""}), "Родник")
    assert not untranslated_texts(html, language)


@pytest.mark.django_db
def test_a_proposal_sent_through_the_link_is_declined_to_the_invitations_address(
    world, django_capture_on_commit_callbacks
):
    secretary = world[4]
    invite(world, django_capture_on_commit_callbacks)
    proposal = preparation.invitation_propose(
        invitation=Invitation.objects.get(), text="Открыть клуб."
    )
    with django_capture_on_commit_callbacks(execute=True):
        preparation.proposal_decline(proposal=proposal, user=secretary, reason="Уже есть клуб.")
    letter = mail.outbox[-1]
    assert letter.to == ["rodnik@example.org"] and "Уже есть клуб." in letter.body


@pytest.mark.django_db
def test_the_private_page_says_what_became_of_the_proposals(
    world, client, django_capture_on_commit_callbacks
):
    conference, *_rest, secretary = world
    invite(world, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    proposal = preparation.invitation_propose(invitation=invitation, text="Открыть клуб.")
    draft = services.draft_add(
        conference=conference, user=secretary, text="Открыть клуб.", proposals=[proposal]
    )
    draft.unanimous = True
    draft.save()
    services.draft_publish(conference=conference, user=secretary)
    html = page_text(
        client.get(f"/ru/conferences/invitation/{invitation.token}/"),
        "Принято как решение 1",
        'href="/ru/conferences/xv/1/"',
    )
    assert 'name="register"' not in html  # the conference is over: no more forms


@pytest.mark.django_db
def test_the_prepare_screen_sums_up_quotas_agenda_and_invitations(
    world, client, django_capture_on_commit_callbacks
):
    conference, *_rest, secretary = world
    invite(world, django_capture_on_commit_callbacks)
    client.force_login(secretary)
    html = page_text(
        client.get(f"/admin/conferences/{conference.pk}/prepare/"),
        "Отчёт Совета за период",
        "rodnik@example.org",
        f"/admin/conferences_conference/edit/{conference.pk}/",
    )
    rows = {
        name: re.sub(r"\s+", "", html.split(f"<td>{name}</td>", 1)[1].split("</tr>", 1)[0])
        for name in ("Родник", "Соседи", "Без почты")
    }
    assert rows["Родник"] == "<td>1*</td><td>0/1</td>"  # its own quota
    assert rows["Соседи"] == "<td>3</td><td>1/3</td>"
    assert rows["Без почты"] == "<td>3</td><td>0/3</td>"
