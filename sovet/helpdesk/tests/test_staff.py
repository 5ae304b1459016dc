# ruff: noqa: F811  (the fixtures of staff_world.py, imported, are the tests' arguments)
"""The centres' staff in the admin: who opens which screen, the queue (tabs, filters, pages, a
constant number of queries), a request's page and its forms, canned answers, the access log, the
figures, the desk and the menu, and the heads' daily digest."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from sovet.accounts.roles import Role
from sovet.core.desk import desk_items
from sovet.core.private_files import private_file_url
from sovet.core.testing import MEMBER, assert_role_matrix, make_staff, opens, page_text
from sovet.helpdesk import queries, services
from sovet.helpdesk.models import (
    AccessAction,
    AccessLogEntry,
    CannedAnswer,
    CentreMember,
    HelpRequest,
    MessageKind,
    Status,
)

from .staff_world import (  # noqa: F401  (fixtures)
    ADMIN,
    ADMIN_MEMBER,
    BISHKEK,
    EDITOR,
    HEAD,
    MODERATOR,
    OSH,
    SECRET_FILE,
    SECRET_NAME,
    SECRET_TEXT,
    SECRETARY,
    centres,
    desk,
    osh_request,
    secret,
    upload,
)


def not_found(response) -> bool:
    """A 404 (the locale middleware first sends an unknown admin address to /ru/…, itself
    unknown): the same answer for a request of another centre as for none."""
    return response.status_code == 404 and SECRET_TEXT not in response.content.decode()


MEMBERS = {BISHKEK, OSH, HEAD, ADMIN_MEMBER}
BISHKEK_MEMBERS = {BISHKEK, HEAD, ADMIN_MEMBER}


def test_who_opens_which_screen(client, desk, secret, osh_request):
    attachment = secret.attachments.get()
    canned = CannedAnswer.objects.create(
        centre=secret.centre, topic="labour", title="Трудовой договор", text_ru="Ответ"
    )

    def page(url):
        return lambda user: opens(client, user, url)

    assert_role_matrix(
        desk,
        {
            "queue": (page(reverse("helpdesk_queue")), MEMBERS),
            "transfers away": (page(reverse("helpdesk_transfers")), MEMBERS),
            "a Bishkek request": (
                page(reverse("helpdesk_request", args=[secret.pk])),
                BISHKEK_MEMBERS,
            ),
            "its attachment": (page(private_file_url("helpdesk_file", attachment.file)),
                               BISHKEK_MEMBERS),
            "its export": (page(reverse("helpdesk_export", args=[secret.pk])), BISHKEK_MEMBERS),
            "an Osh request": (page(reverse("helpdesk_request", args=[osh_request.pk])), {OSH}),
            "access log": (page(reverse("helpdesk_access_log")), {HEAD}),
            "figures": (page(reverse("helpdesk_figures")),
                        MEMBERS | {ADMIN, SECRETARY}),
            "canned answers": (page(reverse("helpdesk_canned:index")), {HEAD}),
            "a canned answer": (page(reverse("helpdesk_canned:edit", args=[canned.pk])), {HEAD}),
            "add a canned answer": (page(reverse("helpdesk_canned:add")), {HEAD}),
            "centres": (page(reverse("helpdesk_centre:index")), {ADMIN, ADMIN_MEMBER}),
            "a centre": (page(reverse("helpdesk_centre:edit", args=[secret.centre_id])),
                         {ADMIN, ADMIN_MEMBER}),
            "centres' staff": (page(reverse("helpdesk_member:index")), {ADMIN, ADMIN_MEMBER}),
        },
    )  # fmt: skip


def test_refusals_say_not_found_for_requests_and_denied_for_lists(client, desk, secret):
    client.force_login(desk[OSH])
    missing = HelpRequest.objects.order_by("-pk").first().pk + 100
    for pk in (secret.pk, missing):
        assert not_found(client.get(reverse("helpdesk_request", args=[pk]), follow=True))
        assert not_found(client.get(reverse("helpdesk_export", args=[pk]), follow=True))
    file_url = private_file_url("helpdesk_file", secret.attachments.get().file)
    assert not_found(client.get(file_url, follow=True))
    posts = {
        "helpdesk_answer": {"text": "Ответ"},
        "helpdesk_note": {"text": "Заметка"},
        "helpdesk_status": {"status": "closed"},
        "helpdesk_assign": {"take": "1"},
        "helpdesk_transfer": {"to_centre": secret.centre_id, "confirm": "on"},
        "helpdesk_called_back": {},
    }
    for name, data in posts.items():
        assert not_found(client.post(reverse(name, args=[secret.pk]), data, follow=True)), name
    secret.refresh_from_db()
    assert secret.status == Status.NEW and secret.messages.count() == 0
    assert not AccessLogEntry.objects.filter(user=desk[OSH]).exists()
    # A list refused is a permission-denied page; the administrator outside a centre too.
    client.force_login(desk[ADMIN])
    assert client.get(reverse("helpdesk_queue")).status_code == 403
    assert not_found(client.get(reverse("helpdesk_request", args=[secret.pk]), follow=True))


def test_a_superuser_outside_the_centres_sees_no_request(client, desk, secret):
    admin = desk[ADMIN]
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert client.get(reverse("helpdesk_queue")).status_code == 403
    assert not_found(client.get(reverse("helpdesk_request", args=[secret.pk]), follow=True))


def _many(centre, count, *, by=None):
    made = []
    for number in range(count):
        made.append(
            services.request_submit(
                centre=centre,
                topic="labour" if number % 2 else "documents",
                description=f"Описание {number}",
                language="ru",
                name=f"Человек {number}",
                phone="+996555000111" if number % 3 else "",
                email="" if number % 3 else f"p{number}@example.org",
            )
        )
    if by is not None:
        for help_request in made[::2]:
            services.request_assign(help_request=help_request, assignee=by, by=by)
    return made


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_queue_takes_as_many_queries_for_5_requests_as_for_30(client, desk, centres):
    bishkek, _osh = centres
    client.force_login(desk[BISHKEK])
    url = reverse("helpdesk_queue") + "?tab=open"
    _many(bishkek, 5, by=desk[HEAD])
    client.get(url)  # the session and caches warmed up
    few = _queries(client, url)
    _many(bishkek, 25, by=desk[BISHKEK])
    many = _queries(client, url)
    assert page_text(client.get(url), "Б-").count("Б-20") == 30
    assert few == many


def test_a_requests_page_takes_as_many_queries_with_more_messages_files_and_staff(
    client, desk, centres, secret
):
    bishkek, _osh = centres
    client.force_login(desk[BISHKEK])
    url = reverse("helpdesk_request", args=[secret.pk])
    services.answer_send(help_request=secret, text="Ответ 1", by=desk[BISHKEK])
    client.get(url)  # the session and caches warmed up
    few = _queries(client, url)
    for number in range(5):
        services.note_add(help_request=secret, text=f"Заметка {number}", by=desk[HEAD])
        services.request_reply(help_request=secret, text=f"Ещё {number}", attachments=[upload()])
    for number in range(3):  # more staff to assign to
        extra = make_staff(f"extra{number}@example.org", Role.HELPDESK_STAFF)
        CentreMember.objects.create(centre=bishkek, user=extra)
    many = _queries(client, url)
    text = page_text(client.get(url), "Заметка 4", "Ещё 4", "extra2@example.org")
    assert text.count(SECRET_FILE) == 6  # the first scan and five more
    assert few == many


def test_the_queue_tabs_filters_and_marks(client, desk, centres, osh_request):
    bishkek, _osh = centres
    made = _many(bishkek, 4)
    late = made[0]
    HelpRequest.objects.filter(pk=late.pk).update(
        first_answer_due=timezone.localdate() - timedelta(days=1),
        created_at=timezone.now() - timedelta(days=10),
    )
    services.request_assign(help_request=made[1], assignee=desk[BISHKEK], by=desk[HEAD])
    services.answer_send(help_request=made[2], text="Пришлите договор", by=desk[HEAD],
                         waiting=True)  # fmt: skip
    client.force_login(desk[BISHKEK])
    counts = queries.tab_counts(desk[BISHKEK], centre_id=bishkek.pk)
    assert counts == {"new": 2, "mine": 1, "waiting": 1, "overdue": 1, "open": 4, "finished": 0}
    url = reverse("helpdesk_queue")
    text = page_text(client.get(url + "?tab=overdue"), late.reference, "helpdesk-overdue")
    assert made[1].reference not in text and osh_request.reference not in text
    text = page_text(client.get(url + "?tab=mine"), made[1].reference)
    assert late.reference not in text
    page_text(client.get(url + "?tab=waiting"), made[2].reference)
    # Filters work as plain links; a bad value drops that filter alone.
    text = page_text(client.get(url + "?tab=open&age=7"), late.reference)
    assert made[1].reference not in text
    text = page_text(client.get(url + "?tab=open&topic=documents"), late.reference)
    assert made[1].reference not in text  # labour
    page_text(client.get(url + "?tab=open&topic=nonsense&language=xx&age=5"), late.reference)
    # A phone-only requester is marked for a call back.
    phone_only = next(r for r in made if r.phone_only)
    text = page_text(client.get(url + "?tab=open"), phone_only.reference)
    assert "Только телефон: перезвонить" in text


def test_a_member_of_two_centres_chooses_the_centre(client, desk, centres, secret, osh_request):

    bishkek, osh = centres
    CentreMember.objects.create(centre=osh, user=desk[HEAD], role="lawyer")
    client.force_login(desk[HEAD])
    text = page_text(client.get(reverse("helpdesk_queue")), secret.reference)
    assert osh_request.reference not in text
    text = page_text(client.get(reverse("helpdesk_queue") + f"?centre={osh.pk}"),
                     osh_request.reference)  # fmt: skip
    assert secret.reference not in text


def test_every_opening_is_logged_and_the_head_reads_the_log(client, desk, secret):
    client.force_login(desk[BISHKEK])
    page_text(client.get(reverse("helpdesk_request", args=[secret.pk])), SECRET_TEXT, SECRET_NAME)
    attachment = secret.attachments.get()
    response = client.get(private_file_url("helpdesk_file", attachment.file))
    assert response.status_code == 200
    response = client.get(reverse("helpdesk_export", args=[secret.pk]))
    export = response.content.decode()
    assert SECRET_TEXT in export and secret.reference in export
    assert list(
        AccessLogEntry.objects.filter(request=secret).order_by("pk").values_list("user", "action")
    ) == [
        (desk[BISHKEK].pk, AccessAction.OPENED),
        (desk[BISHKEK].pk, AccessAction.FILE),
        (desk[BISHKEK].pk, AccessAction.EXPORT),
    ]
    client.force_login(desk[HEAD])
    text = page_text(client.get(reverse("helpdesk_access_log")), secret.reference,
                     "lawyer.bishkek@example.org", "экспорт")  # fmt: skip
    assert SECRET_TEXT not in text and SECRET_NAME not in text


def test_answer_with_files_and_waiting(client, desk, secret, django_capture_on_commit_callbacks):
    client.force_login(desk[BISHKEK])
    url = reverse("helpdesk_answer", args=[secret.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"text": "Пришлите, пожалуйста, договор.", "waiting": "on",
             "files": [upload("reply.pdf")]},
        )  # fmt: skip
    assert response.status_code == 302
    secret.refresh_from_db()
    assert secret.status == Status.WAITING and secret.first_answered_at is not None
    assert secret.assignee == desk[BISHKEK]
    answer = secret.messages.get(kind=MessageKind.ANSWER)
    assert answer.attachments.get().name == "reply.pdf"


def test_bad_input_is_refused_with_a_message_and_what_was_typed_is_kept(client, desk, secret):
    client.force_login(desk[BISHKEK])
    files = [upload(f"f{n}.pdf") for n in range(4)]
    response = client.post(
        reverse("helpdesk_answer", args=[secret.pk]),
        {"text": "Мой набранный ответ", "files": files},
    )
    page_text(response, "Мой набранный ответ", "не более 3")
    response = client.post(
        reverse("helpdesk_status", args=[secret.pk]), {"status": "referred", "referred_to": " "}
    )
    page_text(response, "Укажите орган")
    secret.refresh_from_db()
    assert secret.status == Status.NEW and not secret.messages.exists()
    response = client.post(
        reverse("helpdesk_transfer", args=[secret.pk]), {"to_centre": secret.centre_id}
    )
    page_text(response, "Подтвердите передачу")
    secret.refresh_from_db()
    assert secret.centre.code == "bishkek"


def test_status_referred_names_the_body(client, desk, secret):
    client.force_login(desk[BISHKEK])
    response = client.post(
        reverse("helpdesk_status", args=[secret.pk]),
        {"status": "referred", "referred_to": "Прокуратура Чуйской области"},
    )
    assert response.status_code == 302
    secret.refresh_from_db()
    assert secret.status == Status.REFERRED and secret.closed_at is not None
    page_text(client.get(reverse("helpdesk_request", args=[secret.pk])),
              "Прокуратура Чуйской области")  # fmt: skip


def test_assign_and_take_it(client, desk, secret):
    client.force_login(desk[HEAD])
    url = reverse("helpdesk_assign", args=[secret.pk])
    assert client.post(url, {"assignee": desk[BISHKEK].pk}).status_code == 302
    secret.refresh_from_db()
    assert secret.assignee == desk[BISHKEK] and secret.status == Status.IN_PROGRESS
    assert client.post(url, {"take": "1"}).status_code == 302
    secret.refresh_from_db()
    assert secret.assignee == desk[HEAD]
    # Someone from another centre cannot be chosen.
    response = client.post(url, {"assignee": desk[OSH].pk})
    page_text(response, "Выберите корректный вариант")
    secret.refresh_from_db()
    assert secret.assignee == desk[HEAD]


def test_phone_only_is_called_back(client, desk, osh_request):
    client.force_login(desk[OSH])
    page_text(client.get(reverse("helpdesk_request", args=[osh_request.pk])),
              "Только телефон: перезвонить")  # fmt: skip
    response = client.post(reverse("helpdesk_called_back", args=[osh_request.pk]))
    assert response.status_code == 302
    osh_request.refresh_from_db()
    assert osh_request.called_back_by == desk[OSH]
    assert osh_request.messages.filter(kind=MessageKind.EVENT).exists()


def test_a_canned_answer_fills_the_answer_in_the_requesters_language(client, desk, secret):
    canned = CannedAnswer.objects.create(
        centre=secret.centre,
        topic="labour",
        title="Трудовой договор",
        text_ru="Русский текст ответа",
        text_ky="Кыргызча жооптун тексти",
    )
    CannedAnswer.objects.create(
        centre=secret.centre, topic="pensions", title="Пенсия", text_ru="Про пенсию"
    )
    client.force_login(desk[BISHKEK])
    url = reverse("helpdesk_request", args=[secret.pk])
    text = page_text(client.get(url), "Трудовой договор")
    assert "Пенсия" not in text  # another topic
    text = page_text(client.get(f"{url}?canned={canned.pk}"), "Кыргызча жооптун тексти")
    assert "Русский текст ответа" not in text
    # Another centre's canned answer is not offered, nor filled in.
    client.force_login(desk[OSH])
    other = CannedAnswer.objects.create(
        centre_id=secret.centre_id, topic="documents", title="Паспорт", text_ru="Секрет центра"
    )
    osh = services.request_submit(centre=desk[OSH].help_centre_memberships.get().centre,
                                  topic="documents", description="x", language="ru",
                                  phone="+996555000222")  # fmt: skip
    text = page_text(client.get(reverse("helpdesk_request", args=[osh.pk]) +
                                f"?canned={other.pk}"), osh.reference)  # fmt: skip
    assert "Секрет центра" not in text


def test_inserting_a_canned_answer_keeps_what_was_typed_and_sends_nothing(client, desk, secret):
    canned = CannedAnswer.objects.create(
        centre=secret.centre,
        topic="labour",
        title="Трудовой договор",
        text_ru="Русский текст ответа",
        text_ky="Кыргызча жооптун тексти",
    )
    client.force_login(desk[BISHKEK])
    response = client.post(
        reverse("helpdesk_answer", args=[secret.pk]),
        {"text": "Саламатсызбы, Айгуль!", "canned": canned.pk, "insert": "1"},
    )
    text = page_text(response, "Саламатсызбы, Айгуль!")
    assert "Саламатсызбы, Айгуль!\n\nКыргызча жооптун тексти" in text
    assert not secret.messages.exists()  # nothing sent


def test_the_head_keeps_their_centres_canned_answers_only(client, desk, centres):
    bishkek, osh = centres
    theirs = CannedAnswer.objects.create(centre=osh, topic="labour", title="Ошский", text_ru="x")
    client.force_login(desk[HEAD])
    text = page_text(client.get(reverse("helpdesk_canned:index")), "Готовые ответы")
    assert "Ошский" not in text
    # The kit sends a user who may not open it back to the dashboard.
    assert client.get(reverse("helpdesk_canned:edit", args=[theirs.pk])).status_code in (302, 404)
    text = page_text(client.get(reverse("helpdesk_canned:add")), bishkek.name_ru)
    assert osh.name_ru not in text
    response = client.post(
        reverse("helpdesk_canned:add"),
        {"centre": osh.pk, "topic": "labour", "title": "Чужой", "text_ru": "x"},
    )
    assert response.status_code == 200 and not CannedAnswer.objects.filter(title="Чужой").exists()
    response = client.post(
        reverse("helpdesk_canned:add"),
        {"centre": bishkek.pk, "topic": "labour", "title": "Свой", "text_ru": "x"},
    )
    assert response.status_code == 302 and CannedAnswer.objects.filter(title="Свой").exists()


def test_figures_for_a_period(client, desk, secret, osh_request):
    """This year by default; counts only, by topic, centre and month; a period chosen by dates;
    a reversed period refused with a message."""
    client.force_login(desk[SECRETARY])
    year = timezone.localdate().year
    text = page_text(
        client.get(reverse("helpdesk_figures")),
        "Показатели правовой помощи",
        f'value="{year}-01-01"',
        "Трудовые вопросы",
        "Документы и гражданство",
        "Центр правовой помощи в Оше",
    )
    assert "<dd>2</dd>" in text  # received this year
    text = page_text(
        client.get(reverse("helpdesk_figures") + f"?start={year - 2}-01-01&end={year - 2}-12-31"),
        f'value="{year - 2}-12-31"',
    )
    assert "Трудовые вопросы" not in text and "<dd>0</dd>" in text
    response = client.get(reverse("helpdesk_figures") + f"?start={year}-12-31&end={year}-01-01")
    page_text(response, "Начало периода не может быть позже его конца")


def test_the_desk_lines_of_a_centres_staff(rf, desk, centres, secret, osh_request):
    bishkek, _osh = centres
    late = _many(bishkek, 1)[0]
    HelpRequest.objects.filter(pk=late.pk).update(
        first_answer_due=timezone.localdate() - timedelta(days=1)
    )
    services.request_assign(help_request=secret, assignee=desk[BISHKEK], by=desk[BISHKEK])
    request = rf.get("/admin/")
    request.user = desk[BISHKEK]
    with CaptureQueriesContext(connection) as captured:
        lines = {item.label: item for item in desk_items(request) if "helpdesk" in item.url}
    assert {label: item.count for label, item in lines.items()} == {
        "Новые обращения": 1,
        "Просроченные обращения": 1,
        "Обращения ждут ответа заявителя": 0,
        "Обращения, назначенные мне": 1,
    }
    assert lines["Просроченные обращения"].urgent
    assert lines["Новые обращения"].url == reverse("helpdesk_queue") + "?tab=new"
    assert len(captured) < 12
    for name in (OSH, ADMIN, SECRETARY, EDITOR, MODERATOR):
        request.user = desk[name]
        lines = [item for item in desk_items(request) if "helpdesk/?" in item.url]
        if name == OSH:
            assert [item.count for item in lines] == [1, 0, 0, 0]
        else:
            assert lines == []


def _menu(rf, user) -> dict[str, str]:
    """The help desk's menu items the user is shown: {label: address}."""
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = user
    for item in admin_menu.menu_items_for_request(request):
        if item.name == "help-desk":
            return {str(i.label): i.url for i in item.menu.menu_items_for_request(request)}
    return {}


def test_the_menu_shows_each_user_their_items(rf, desk):
    with translation.override("ru"):
        assert list(_menu(rf, desk[BISHKEK])) == ["Очередь", "Переданы в другой центр",
                                                 "Показатели"]  # fmt: skip
        assert list(_menu(rf, desk[HEAD])) == [
            "Очередь", "Переданы в другой центр", "Готовые ответы", "Журнал доступа", "Показатели"
        ]  # fmt: skip
        assert list(_menu(rf, desk[ADMIN])) == ["Показатели", "Центры", "Сотрудники центров"]
        assert list(_menu(rf, desk[ADMIN_MEMBER]))[0] == "Очередь"
        assert list(_menu(rf, desk[SECRETARY])) == ["Показатели"]
        for name in (EDITOR, MODERATOR, MEMBER):
            assert _menu(rf, desk[name]) == {}


BISHKEK_TZ = ZoneInfo("Asia/Bishkek")


def test_the_digest_goes_to_the_heads_after_eight_in_bishkek(desk, secret, monkeypatch):
    early = datetime(2026, 12, 7, 7, 59, tzinfo=BISHKEK_TZ)
    monkeypatch.setattr(timezone, "now", lambda: early)
    assert services.digests_send() == 0
    assert mail.outbox == []
    monkeypatch.setattr(timezone, "now", lambda: early + timedelta(minutes=2))
    assert services.digests_send() == 1  # Osh has no head to write to
    letters = [letter for letter in mail.outbox if "Новые: 1" in letter.body]
    assert [letter.to for letter in letters] == [["head.bishkek@example.org"]]
    assert SECRET_TEXT not in letters[0].body and SECRET_NAME not in letters[0].body
    assert services.digests_send() == 0  # once a day
