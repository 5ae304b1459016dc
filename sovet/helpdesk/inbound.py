"""Replies by e-mail: a requester answers one of our letters and the reply lands in the request.

Our letters carry a Reply-To of ``help+<reply key>@domain`` (notifications.reply_address); the
mail server hands each letter to that address to ``manage.py helpdesk_inbound`` (one raw message
on stdin). A letter whose addresses carry no key still finds its request by the reference in its
subject («[Б-2026-0042]»), but only from the request's own e-mail address. Anything else —
garbage, spam, a stranger — matches nothing and is dropped without an error.
"""

import html
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import strip_tags

from sovet.core.uploads import check_document

from . import services
from .models import HelpRequest, Message
from .services import ATTACHMENT_TYPES, MAX_ATTACHMENTS

MAX_MESSAGE_BYTES = 40 * 1024 * 1024
MAX_TEXT = 5000
ADDRESS_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")
_REFERENCE = re.compile(r"\[\s*([^\W\d_]{1,2}-\d{4}-\d{4,6})\s*\]")
_KEY = re.compile(r"[0-9a-f]{24}")
# Where the quoted letter begins: everything from such a line on is the old letter.
_QUOTE_STARTS = [
    re.compile(r"^\s*On\b.{0,300}\bwrote:\s*$", re.IGNORECASE),
    re.compile(r"^.{0,300}\bнаписал(а|\(а\))?\s*:\s*$", re.IGNORECASE),
    re.compile(r"^.{0,300}\bжазды\s*:\s*$", re.IGNORECASE),
    re.compile(r"^\s*-{2,}\s*(Original Message|Исходное сообщение|Пересылаемое сообщение)", re.I),
    re.compile(r"^\s*_{10,}\s*$"),
    re.compile(r"^\s*(From|От|Кимден):\s.+$"),
]
_SIGNATURE = "-- "


@dataclass
class InboundReply:
    help_request: HelpRequest
    text: str
    sender: str
    attachments: list = field(default_factory=list)


def parse_reply(raw: bytes) -> InboundReply | None:
    """The request a raw letter replies to, with its new text and files; None for a letter
    that belongs to no request (or is not a letter at all)."""
    if not raw or len(raw) > MAX_MESSAGE_BYTES:
        return None
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        sender = parseaddr(str(message.get("From", "")))[1].strip().lower()
        help_request = _by_reply_key(message) or _by_reference(message, sender)
        if help_request is None:
            return None
        text = reply_text(_body(message))[:MAX_TEXT]
        attachments = _attachments(message)
    except (LookupError, ValueError, TypeError, AttributeError, IndexError):
        return None  # a letter broken beyond reading
    if not text and not attachments:
        return None
    return InboundReply(help_request, text, sender, attachments)


def reply_by_email(raw: bytes) -> Message | None:
    """The requester's reply by e-mail, added to their request (services.request_reply); None
    for a letter that matches nothing or a request erased since. Never raises on bad input."""
    reply = parse_reply(raw)
    if reply is None:
        return None
    try:
        return services.request_reply(
            help_request=reply.help_request,
            text=reply.text,
            attachments=reply.attachments,
            by_email=True,
        )
    except ValidationError:
        return None


def _addresses(message: EmailMessage) -> list[str]:
    values = []
    for header in ADDRESS_HEADERS:
        values += [str(value) for value in message.get_all(header, [])]
    return [address.strip().lower() for _name, address in getaddresses(values) if address]


def _by_reply_key(message: EmailMessage) -> HelpRequest | None:
    inbound = (settings.HELPDESK_INBOUND_EMAIL or "").strip().lower()
    if "@" not in inbound:
        return None
    local, domain = inbound.rsplit("@", 1)
    for address in _addresses(message):
        mailbox, _at, host = address.rpartition("@")
        base, plus, key = mailbox.partition("+")
        if host == domain and base == local and plus and _KEY.fullmatch(key):
            found = HelpRequest.objects.filter(reply_key=key).first()
            if found is not None:
                return found
    return None


def _by_reference(message: EmailMessage, sender: str) -> HelpRequest | None:
    match = _REFERENCE.search(str(message.get("Subject", "")))
    if match is None or not sender:
        return None
    found = HelpRequest.objects.filter(reference=match.group(1).upper()).first()
    if found is None or not found.email or found.email.strip().lower() != sender:
        return None
    return found


def _content(part) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", "replace")
    return content if isinstance(content, str) else content.decode("utf-8", "replace")


def _body(message: EmailMessage) -> str:
    """The letter's text: its plain part, or its HTML part without the markup."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = _content(part)
    if part.get_content_subtype() == "html":
        text = html_text(text)
    return text


def html_text(markup: str) -> str:
    """Readable text of an HTML letter: blocks and line breaks as new lines, quotes dropped."""
    markup = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", "", markup)
    markup = re.sub(r"(?is)<blockquote\b.*?</blockquote\s*>", "", markup)
    markup = re.sub(r"(?i)<br\s*/?>", "\n", markup)
    markup = re.sub(r"(?i)</(p|div|li|tr|h[1-6])\s*>", "\n", markup)
    return html.unescape(strip_tags(markup))


def reply_text(text: str) -> str:
    """The new part of a reply: without the quoted letter below it and the signature."""
    kept = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line == _SIGNATURE or any(marker.match(line) for marker in _QUOTE_STARTS):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _attachments(message: EmailMessage) -> list:
    """Up to three attached files that pass the checks of every upload; the rest are left out."""
    accepted = []
    for part in message.iter_attachments():
        if len(accepted) >= MAX_ATTACHMENTS:
            break
        name = part.get_filename()
        payload = part.get_payload(decode=True)
        if not name or not payload:
            continue
        upload = SimpleUploadedFile(name[-150:], payload, part.get_content_type())
        try:
            accepted.append(
                check_document(
                    upload,
                    max_bytes=settings.UPLOAD_MAX_IMAGE_BYTES,
                    allowed_types=ATTACHMENT_TYPES,
                )
            )
        except ValidationError:
            continue
    return accepted
