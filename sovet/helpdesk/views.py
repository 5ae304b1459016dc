"""The help desk's public pages. `HelpDeskPage`'s routes call the functions here: the knowledge
base, the request form and its suggestions, and each request's private pages (status, reply,
data, erasure, files), reached by the request's secret token only."""

import io
import json
import re
import zipfile

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename
from django.utils.translation import gettext, gettext_lazy

from sovet.core.private_files import file_key, private_file_response
from sovet.core.public import RateLimit, private, private_page, render_page

from . import queries, services
from .forms import ReplyForm, RequestForm
from .models import Centre, MessageKind, Topic

REQUEST_LIMIT = RateLimit(
    "helpdesk-request",
    "5/h",
    gettext_lazy("Too many requests from your address. Please try again in an hour."),
)
REPLY_LIMIT = RateLimit(
    "helpdesk-reply",
    "20/h",
    gettext_lazy("Too many messages from your address. Please try again in an hour."),
)
# Typing asks again every few words: generous, yet an end to anyone scraping with it.
SUGGEST_LIMIT = RateLimit(
    "helpdesk-suggest",
    "120/10m",
    gettext_lazy("Too many suggestions asked from your address. Please try again later."),
)
DATA_LIMIT = RateLimit(
    "helpdesk-data",
    "20/h",
    gettext_lazy("Too many downloads from your address. Please try again in an hour."),
)
_FILE_KEY = re.compile(r"[0-9a-f]{32}")


def index_view(page, request):
    """/<lang>/help/: the knowledge base by topic, the way to ask, the centres."""
    return page.render(
        request,
        context_overrides={
            "topics": queries.knowledge_base(page),
            "centres": Centre.objects.prefetch_related("regions"),
        },
    )


def request_view(page, request):
    """/<lang>/help/request/: the request form (its topic may come from an article's link)."""
    posted = request.method == "POST"
    limited = posted and REQUEST_LIMIT.exceeded(request)  # before anything is read
    initial = {}
    if request.GET.get("topic") in Topic.values:
        initial["topic"] = request.GET["topic"]
    form = RequestForm(
        request.POST if posted else None, request.FILES if posted else None, initial=initial
    )
    status = 200
    if limited:
        status = REQUEST_LIMIT.refuse(form)
    elif posted and form.is_valid():
        try:
            help_request = services.request_submit(**form.request_data())
        except ValidationError as error:
            for name, errors in error.update_error_dict({}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            if help_request.email:
                thanks = gettext(
                    "Your request has been sent. Its number is «%(reference)s». Keep the address "
                    "of this page (we have also e-mailed it to you): the answers will appear here."
                )
            else:
                thanks = gettext(
                    "Your request has been sent. Its number is «%(reference)s». Keep the address "
                    "of this page (bookmark it): the answers will appear here, and the centre "
                    "will call you back."
                )
            messages.success(request, thanks % {"reference": help_request.reference})
            return private(redirect(page.status_path(help_request)))
    context = {
        "form": form,
        "files_lost": posted and bool(request.FILES),
        "region_centres": form.region_centres(),
    }
    return render_page(page, request, "helpdesk/request.html", context, status=status)


def suggest_view(page, request):
    """POST …/help/suggest/ with ``q``: up to three articles for a description being typed
    (JSON). A POST, never a GET: what a person types about their situation must not sit in an
    address, a server's log or a shared cache. Rate limited like a search; nothing is stored."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if SUGGEST_LIMIT.exceeded(request):
        return SUGGEST_LIMIT.refusal()
    text = request.POST.get("q", "")[: queries.SUGGEST_TEXT_LENGTH]
    articles = queries.suggest_articles(text, translation.get_language())
    response = JsonResponse({"articles": articles}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response


def reference_html(help_request):
    """The reference number as shown in a sentence: its letter is Russian («Б-2026-0042»)."""
    return format_html('<span lang="ru">{}</span>', help_request.reference)


def _help_request(token):
    """The request of this token; any other token (a changed letter too) is a 404."""
    help_request = queries.request_by_token(token)
    if help_request is None:
        raise Http404
    return help_request


def attachment_key(attachment) -> str:
    """What addresses a file on the requester's pages: its stored name's random part."""
    return file_key(attachment.file).partition(".")[0]


def _file_link(page, help_request, attachment) -> dict:
    return {
        "name": attachment.name,
        "size": attachment.size,
        "url": f"{page.status_path(help_request)}files/{attachment_key(attachment)}/",
    }


@private_page
def status_view(page, request, token):
    """The requester's page: where the request is, the answers, a reply box."""
    help_request = _help_request(token)
    if help_request.anonymized_at:
        context = {"help_request": help_request, "reference": reference_html(help_request)}
        return render_page(page, request, "helpdesk/status.html", context)
    posted = request.method == "POST"
    limited = posted and REPLY_LIMIT.exceeded(request)
    form = ReplyForm(request.POST if posted else None, request.FILES if posted else None)
    status = 200
    if limited:
        status = REPLY_LIMIT.refuse(form)
    elif posted and form.is_valid():
        try:
            services.request_reply(
                help_request=help_request,
                text=form.cleaned_data["text"],
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Your message has been sent to the centre."))
            return redirect(page.status_path(help_request))
    timeline = [
        {
            "message": message,
            "from_centre": message.kind == MessageKind.ANSWER,
            "files": [_file_link(page, help_request, a) for a in message.attachments.all()],
        }
        for message in queries.timeline(help_request, public=True)
    ]
    sent_files = [
        _file_link(page, help_request, attachment)
        for attachment in help_request.attachments.filter(message__isnull=True)
    ]
    context = {
        "help_request": help_request,
        "reference": reference_html(help_request),
        "timeline": timeline,
        "sent_files": sent_files,
        "form": form,
        "files_lost": posted and bool(request.FILES),
        "status_path": page.status_path(help_request),
    }
    return render_page(page, request, "helpdesk/status.html", context, status=status)


def request_data(help_request) -> dict:
    """Everything about the request the person gave, and the answers they were sent."""

    def when(value):
        return timezone.localtime(value).isoformat() if value else None

    def files(attachments):
        return [
            {"name": a.name, "size": a.size, "file": f"files/{_zip_name(a)}"} for a in attachments
        ]

    return {
        "reference": help_request.reference,
        "centre": help_request.centre.name,
        "topic": help_request.topic,
        "topic_label": str(help_request.get_topic_display()),
        "region": help_request.region.name if help_request.region else None,
        "description": help_request.description,
        "language": help_request.language,
        "name": help_request.name,
        "email": help_request.email,
        "phone": help_request.phone,
        "consent_given_at": when(help_request.consent_at),
        "received_at": when(help_request.created_at),
        "status": help_request.status,
        "status_label": str(help_request.get_status_display()),
        "files": files(help_request.attachments.filter(message__isnull=True)),
        "messages": [
            {
                "from": "centre" if message.kind == MessageKind.ANSWER else "requester",
                "text": message.text,
                "by_email": message.by_email,
                "written_at": when(message.created_at),
                "files": files(message.attachments.all()),
            }
            for message in queries.timeline(help_request, public=True)
        ],
    }


def _zip_name(attachment) -> str:
    return f"{attachment.pk}-{get_valid_filename(attachment.name) or 'file'}"


@private_page
def data_view(page, request, token):
    """/…/r/<token>/data/: a ZIP of request.json and every file of the request and its answers."""
    help_request = _help_request(token)
    if help_request.anonymized_at:
        return redirect(page.status_path(help_request))
    if DATA_LIMIT.exceeded(request):
        return DATA_LIMIT.refusal()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = request_data(help_request)
        archive.writestr("request.json", json.dumps(data, ensure_ascii=False, indent=2))
        public_ids = {m.pk for m in queries.timeline(help_request, public=True)}
        for attachment in help_request.attachments.all():
            if attachment.message_id is not None and attachment.message_id not in public_ids:
                continue
            try:
                with attachment.file.open("rb") as stored:
                    archive.writestr(f"files/{_zip_name(attachment)}", stored.read())
            except FileNotFoundError:
                continue
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{help_request.reference}.zip"
    )
    return response


@private_page
def erase_view(page, request, token):
    """/…/r/<token>/erase/: what erasure does (GET), then erasure (POST)."""
    help_request = _help_request(token)
    done = bool(help_request.anonymized_at)
    if request.method == "POST" and not done:
        services.request_erase(help_request=help_request)
        done = True
    context = {
        "help_request": help_request,
        "reference": reference_html(help_request),
        "done": done,
        "status_path": page.status_path(help_request),
    }
    return render_page(page, request, "helpdesk/erase.html", context)


@private_page
def requester_file_view(page, request, token, key):
    """A file of this request (its own or an answer's), to the holder of its token only."""
    help_request = _help_request(token)
    if not _FILE_KEY.fullmatch(key):
        raise Http404
    stored = f"helpdesk/{key}"
    attachment = (
        help_request.attachments.filter(Q(file=stored) | Q(file__startswith=f"{stored}."))
        .exclude(message__kind__in=(MessageKind.NOTE, MessageKind.EVENT))
        .first()
    )
    if attachment is None:
        raise Http404
    return private_file_response(attachment.file, filename=attachment.name)
