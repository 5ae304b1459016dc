"""Replies by e-mail: raw letters as a mail server hands them over, parsed into the request they
answer (by the reply key in an address, or by the reference and the sender), without the quoted
letter, with their files checked; anything else is dropped without an error."""

import io
from email.message import EmailMessage

import pytest
from django.core.management import call_command

from sovet.core.tests.images import gps_jpeg, has_gps
from sovet.helpdesk import inbound, notifications
from sovet.helpdesk.models import MessageKind

from .factories import PDF, make_request


@pytest.fixture
def help_request(help_page, settings):
    settings.HELPDESK_INBOUND_EMAIL = "help@sovet.kg"
    return make_request(email="Anna@Example.org")


def letter(to="", subject="Re: Ваше обращение", sender="anna@example.org", text=None, html=None):
    message = EmailMessage()
    message["From"] = f"Анна <{sender}>"
    message["To"] = to or "help@sovet.kg"
    message["Subject"] = subject
    if text is not None:
        message.set_content(text, cte="quoted-printable")
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    return message


def key_address(help_request):
    return notifications.reply_address(help_request)


QUOTED = (
    "Спасибо, договор прилагаю.\n"
    "Зарплату не платят с октября.\n"
    "\n"
    "> старая цитата\n"
    "Пн, 7 дек. 2026 г. в 10:00, КСОРС <help+abc@sovet.kg> написал(а):\n"
    "Текст нашего письма\n"
)


@pytest.mark.django_db
def test_a_reply_to_the_key_address_lands_in_the_request_without_the_quote(help_request):
    raw = letter(to=f"КСОРС <{key_address(help_request)}>", text=QUOTED).as_bytes()
    assert b"=D0=A1" in raw  # quoted-printable Cyrillic
    reply = inbound.parse_reply(raw)
    assert reply.help_request == help_request
    assert reply.text == "Спасибо, договор прилагаю.\nЗарплату не платят с октября."
    message = inbound.reply_by_email(raw)
    assert message.kind == MessageKind.REQUESTER and message.by_email
    assert message.request == help_request


@pytest.mark.django_db
def test_the_key_is_read_from_cc_and_delivered_to_as_well(help_request):
    message = letter(to="someone@example.org", text="Ответ")
    message["Delivered-To"] = key_address(help_request)
    assert inbound.parse_reply(message.as_bytes()).help_request == help_request
    message = letter(to="someone@example.org", text="Ответ")
    message["Cc"] = key_address(help_request).upper()
    assert inbound.parse_reply(message.as_bytes()).help_request == help_request


@pytest.mark.django_db
def test_english_and_outlook_quotes_are_cut(help_request):
    to = key_address(help_request)
    text = "Thanks!\n\nOn Mon, 7 Dec 2026 at 10:00, Sovet <help@sovet.kg> wrote:\n> old\n"
    assert inbound.parse_reply(letter(to=to, text=text).as_bytes()).text == "Thanks!"
    text = "Хорошо.\n-----Original Message-----\nFrom: help@sovet.kg\nСтарый текст\n"
    assert inbound.parse_reply(letter(to=to, text=text).as_bytes()).text == "Хорошо."


@pytest.mark.django_db
def test_an_html_only_letter_is_read_as_text(help_request):
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>Добрый день,</p>"
        "<p>документы&nbsp;отправлю завтра.<br>Анна</p>"
        "<blockquote>Текст нашего письма</blockquote></body></html>"
    )
    reply = inbound.parse_reply(letter(to=key_address(help_request), html=html).as_bytes())
    assert reply.text == "Добрый день,\nдокументы\xa0отправлю завтра.\nАнна"


@pytest.mark.django_db
def test_attachments_are_checked_and_stripped_and_at_most_three_kept(help_request):
    message = letter(to=key_address(help_request), text="Прилагаю сканы.")
    message.add_attachment(gps_jpeg(), maintype="image", subtype="jpeg", filename="паспорт.jpg")
    message.add_attachment(b"MZ\x90\x00" + bytes(100), maintype="application",
                           subtype="pdf", filename="virus.pdf")  # fmt: skip
    for n in range(3):
        message.add_attachment(PDF, maintype="application", subtype="pdf", filename=f"{n}.pdf")
    saved = inbound.reply_by_email(message.as_bytes())
    files = list(saved.attachments.order_by("pk"))
    assert [f.name for f in files] == ["паспорт.jpg", "0.pdf", "1.pdf"]
    with files[0].file.open("rb") as stored:
        assert not has_gps(stored.read())


@pytest.mark.django_db
def test_without_a_key_the_reference_and_the_requests_own_address_are_needed(help_request):
    subject = f"Re: Ваше обращение получено [{help_request.reference}]"
    found = inbound.parse_reply(letter(subject=subject, text="Да").as_bytes())
    assert found.help_request == help_request  # the address compared without case
    stranger = letter(subject=subject, sender="mallory@example.org", text="Да")
    assert inbound.parse_reply(stranger.as_bytes()) is None
    assert inbound.parse_reply(letter(text="Да").as_bytes()) is None  # no key, no reference
    other_key = letter(to="help+0123456789abcdef01234567@sovet.kg", text="Да")
    assert inbound.parse_reply(other_key.as_bytes()) is None
    other_domain = letter(to=f"help+{help_request.reply_key}@evil.example", text="Да")
    assert inbound.parse_reply(other_domain.as_bytes()) is None


@pytest.mark.django_db
def test_garbage_empty_letters_and_erased_requests_are_dropped_quietly(help_request):
    for raw in (b"", b"\x00\xff\xfe garbage \x81", b"From: \r\n\r\n", bytes(range(256)) * 10):
        assert inbound.reply_by_email(raw) is None
    assert inbound.parse_reply(letter(to=key_address(help_request), text="> only quoted\n")
                               .as_bytes()) is None  # fmt: skip
    broken = letter(to=key_address(help_request), text="Текст").as_bytes()
    broken = broken.replace(b'charset="utf-8"', b'charset="no-such-charset"')
    assert inbound.parse_reply(broken).text
    from sovet.helpdesk import services

    services.request_erase(help_request=help_request)
    assert (
        inbound.reply_by_email(letter(to=key_address(help_request), text="Ещё").as_bytes()) is None
    )


@pytest.mark.django_db
def test_the_command_reads_one_letter_from_stdin(help_request, monkeypatch):
    raw = letter(to=key_address(help_request), text="По почте").as_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    call_command("helpdesk_inbound", stdout=out)
    assert help_request.reference in out.getvalue()
    assert help_request.messages.get(kind=MessageKind.REQUESTER).text == "По почте"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"nonsense")))
    call_command("helpdesk_inbound", stdout=out)
    assert "dropped" in out.getvalue()
