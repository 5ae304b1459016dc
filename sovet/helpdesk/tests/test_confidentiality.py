# ruff: noqa: F811  (the fixtures of staff_world.py, imported, are the tests' arguments)
"""Confidentiality that holds: what Bishkek's request holds (its requester, description and scan)
never reaches the staff of Osh, an editor, the secretary or an administrator outside the centre —
in no list, count, tab, desk line, figures page, access log or admin search; a transfer moves
the request whole to the receiving centre and leaves the sender the fact alone; internal notes
stay with the staff."""

from django.urls import reverse

from sovet.core.private_files import private_file_url
from sovet.core.testing import page_text
from sovet.helpdesk import queries, rules, services
from sovet.helpdesk.models import AccessLogEntry, CannedAnswer, MessageKind

from .staff_world import (  # noqa: F401  (fixtures)
    ADMIN,
    ADMIN_MEMBER,
    BISHKEK,
    EDITOR,
    HEAD,
    MODERATOR,
    OSH,
    SECRET_EMAIL,
    SECRET_FILE,
    SECRET_NAME,
    SECRET_TEXT,
    SECRETARY,
    centres,
    desk,
    osh_request,
    secret,
)
from .test_staff import not_found

SECRETS = (SECRET_NAME, SECRET_TEXT, SECRET_FILE, SECRET_EMAIL)


def assert_hidden(text: str, help_request, where: str) -> None:
    for piece in (*SECRETS, help_request.reference):
        assert piece not in text, f"{where} shows {piece!r}"


def _outsiders_pages(osh_request):
    """What each outsider opens, and a piece each page must show (so the page is real)."""
    queue = reverse("helpdesk_queue")
    figures = reverse("helpdesk_figures")
    tabs = [(f"{queue}?tab={name}", "Вкладки очереди") for name, _label in queries.TABS]
    tabs.append((f"{queue}?tab=new", osh_request.reference))
    common = [
        ("/admin/", "Ждёт вас"),
        (figures, "Показатели правовой помощи"),
        (f"{figures}?start=2000-01-01&end=2099-12-31", "Получено обращений"),
    ]
    # Wagtail's search (pages, documents, images): for those with pages to search.
    # The box repeats the query: a hit would show the request's reference, name or file.
    search = (f"/admin/pages/search/?q={SECRET_NAME}", "ничего не найдено")
    return {
        OSH: [
            *tabs,
            (f"{queue}?tab=open&topic=labour&age=2", "Здесь нет обращений"),
            (reverse("helpdesk_transfers"), "Переданы в другой центр"),
            *common,
        ],
        SECRETARY: [*common, search],
        ADMIN: [
            *common,
            search,
            (reverse("helpdesk_centre:index"), "Центр правовой помощи в Бишкеке"),
            (reverse("helpdesk_member:index"), "lawyer.bishkek@example.org"),
        ],
        EDITOR: [("/admin/", "Ждёт вас")],
        MODERATOR: [("/admin/", "Ждёт вас")],
    }


def test_outsiders_never_see_bishkeks_request(client, desk, secret, osh_request):
    # Bishkek's staff worked on it: opened it, its scan, an answer, a note, an export.
    client.force_login(desk[BISHKEK])
    page_text(client.get(reverse("helpdesk_request", args=[secret.pk])), SECRET_TEXT)
    client.get(private_file_url("helpdesk_file", secret.attachments.get().file))
    services.note_add(help_request=secret, text=f"Заметка о {SECRET_NAME}", by=desk[BISHKEK])
    for name, pages in _outsiders_pages(osh_request).items():
        client.force_login(desk[name])
        for url, shows in pages:
            text = page_text(client.get(url), shows)
            if "/search/" in url:
                text = text.replace(SECRET_NAME, "")
            assert_hidden(text, secret, f"{name}: {url}")


def test_outsiders_counts_and_desk_lines_hold_nothing_of_bishkek(rf, desk, secret, osh_request):
    assert queries.tab_counts(desk[OSH], centre_id=secret.centre_id) == dict.fromkeys(
        [name for name, _label in queries.TABS], 0
    )
    for name in (OSH, EDITOR, SECRETARY, ADMIN, MODERATOR):
        assert secret not in rules.visible_requests(desk[name])
        assert queries.desk_count(desk[name], "new") == (1 if name == OSH else 0)
    # Centres' canned answers and access log stay in the centre too.
    CannedAnswer.objects.create(
        centre=secret.centre, topic="labour", title="Бишкекский ответ", text_ru="x"
    )
    assert not rules.canned_answers_for(desk[OSH]).exists()
    assert not rules.canned_answers_reached(desk[OSH], CannedAnswer.objects.all()).exists()


def test_the_access_log_of_osh_holds_nothing_of_bishkek(client, desk, centres, secret):
    _bishkek, osh = centres
    from sovet.helpdesk.models import CentreMember

    osh_head = desk[OSH]
    CentreMember.objects.filter(user=osh_head).update(role="head")
    services.access_record(help_request=secret, user=desk[BISHKEK])
    mine = services.request_submit(
        centre=osh, topic="labour", description="x", language="ru", phone="+996555000333"
    )
    client.force_login(osh_head)
    page_text(client.get(reverse("helpdesk_request", args=[mine.pk])), mine.reference)
    text = page_text(client.get(reverse("helpdesk_access_log")), mine.reference)
    assert_hidden(text, secret, "Osh's access log")


def test_osh_staff_are_not_found_at_each_address_of_bishkeks_request(client, desk, secret):
    client.force_login(desk[OSH])
    pk = secret.pk
    file_url = private_file_url("helpdesk_file", secret.attachments.get().file)
    for url in (
        reverse("helpdesk_request", args=[pk]),
        reverse("helpdesk_request", args=[pk]) + "?canned=1",
        reverse("helpdesk_export", args=[pk]),
        file_url,
    ):
        assert not_found(client.get(url, follow=True)), url
    assert not AccessLogEntry.objects.filter(user=desk[OSH]).exists()


def test_a_transfer_moves_the_request_and_leaves_the_fact(client, desk, centres, secret):
    bishkek, osh = centres
    client.force_login(desk[BISHKEK])
    # Shown first, transferred only when confirmed.
    page_text(client.get(reverse("helpdesk_request", args=[secret.pk])), "Передать в другой центр")
    response = client.post(
        reverse("helpdesk_transfer", args=[secret.pk]), {"to_centre": osh.pk, "confirm": "on"}
    )
    assert response.status_code == 302 and response.url == reverse("helpdesk_queue")
    secret.refresh_from_db()
    assert secret.centre == osh and secret.assignee is None
    # The receiving centre sees it whole, from now on.
    client.force_login(desk[OSH])
    page_text(client.get(reverse("helpdesk_queue")), secret.reference)
    page_text(
        client.get(reverse("helpdesk_request", args=[secret.pk])),
        SECRET_TEXT,
        SECRET_NAME,
        SECRET_FILE,
        "Передано",
    )
    # The sending centre keeps the fact: reference, date, the receiving centre; nothing else.
    for name in (BISHKEK, HEAD, ADMIN_MEMBER):
        user = type(desk[name]).objects.get(pk=desk[name].pk)
        client.force_login(user)
        assert not_found(client.get(reverse("helpdesk_request", args=[secret.pk]), follow=True))
        text = page_text(client.get(reverse("helpdesk_queue")), "Здесь нет обращений")
        assert secret.reference not in text
        text = page_text(client.get(reverse("helpdesk_transfers")), secret.reference, osh.name_ru)
        for piece in SECRETS:
            assert piece not in text
    # Osh's staff never see Bishkek's transfers list.
    client.force_login(desk[OSH])
    text = page_text(client.get(reverse("helpdesk_transfers")), "Переданы в другой центр")
    assert secret.reference not in text


def test_internal_notes_stay_with_the_staff(client, desk, secret):
    client.force_login(desk[BISHKEK])
    response = client.post(
        reverse("helpdesk_note", args=[secret.pk]), {"text": "Похоже на мошенничество работодателя"}
    )
    assert response.status_code == 302
    text = page_text(
        client.get(reverse("helpdesk_request", args=[secret.pk])),
        "Похоже на мошенничество работодателя",
        "Внутренняя заметка — заявитель её не видит",
    )
    assert text.count('class="helpdesk-entry helpdesk-entry--note"') == 1
    note = secret.messages.get()
    assert note.kind == MessageKind.NOTE and not note.is_public
    # The requester's timeline has no notes (nor internal changes).
    services.answer_send(help_request=secret, text="Ответ заявителю", by=desk[BISHKEK])
    services.status_change(help_request=secret, status="in_progress", by=desk[BISHKEK])
    public = list(queries.timeline(secret, public=True))
    assert [m.text for m in public] == ["Ответ заявителю"]
