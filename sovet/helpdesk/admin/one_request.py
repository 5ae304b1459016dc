"""A request's page and everything done to it: answer, note, status, assignment, transfer,
call-back, export, its files. Each page and action answers 404 to anyone outside the request's
current centre (as for an id that does not exist); every opening is written to the access log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sovet.core.private_files import PrivateFileView, private_file_url

from .. import queries, rules, services
from ..models import AccessAction, Attachment, Centre, HelpRequest
from .forms import AnswerForm, AssignForm, NoteForm, StatusForm, TransferForm
from .guards import visible_request

FULL = HelpRequest.objects.select_related(
    "centre", "region", "assignee", "called_back_by"
).prefetch_related("attachments")


def _canned_answers(user, help_request):
    return rules.canned_answers_for(user).filter(
        centre_id=help_request.centre_id, topic=help_request.topic
    )


def _other_centres(help_request):
    return Centre.objects.exclude(pk=help_request.centre_id)


def _forms(request, help_request, members, bound=None):
    """Each form of the page: the one posted (``bound``) with what was typed, the others fresh."""
    bound = bound or {}
    answer_initial = {}
    canned_id = request.GET.get("canned", "")
    if canned_id.isdigit():
        canned = _canned_answers(request.user, help_request).filter(pk=canned_id).first()
        if canned is not None:
            answer_initial["text"] = canned.text_in(help_request.language)
    return {
        "answer_form": bound.get("answer") or AnswerForm(initial=answer_initial),
        "note_form": bound.get("note") or NoteForm(),
        "status_form": bound.get("status")
        or StatusForm(initial={"status": help_request.status,
                               "referred_to": help_request.referred_to}),
        "assign_form": bound.get("assign")
        or AssignForm(members=members, initial={"assignee": help_request.assignee_id}),
        "transfer_form": bound.get("transfer")
        or TransferForm(centres=_other_centres(help_request)),
    }  # fmt: skip


def _render(request, help_request, bound=None, status=200):
    services.access_record(help_request=help_request, user=request.user)
    canned = list(_canned_answers(request.user, help_request))
    members = rules.can_assign_to(help_request.centre_id)
    timeline = list(queries.timeline(help_request, public=False))
    for attachment in [
        *help_request.attachments.all(),
        *(a for message in timeline for a in message.attachments.all()),
    ]:
        attachment.admin_url = private_file_url("helpdesk_file", attachment.file)
    context = {
        "help_request": help_request,
        "title": help_request.reference,
        "timeline": timeline,
        "attachments": [a for a in help_request.attachments.all() if a.message_id is None],
        "overdue": queries.is_overdue(help_request, timezone.localdate()),
        "canned_answers": canned,
        "canned_chosen": request.GET.get("canned", ""),
        "may_take": help_request.assignee_id != request.user.pk and request.user in members,
        "call_back_url": reverse("helpdesk_called_back", args=[help_request.pk]),
        **_forms(request, help_request, members, bound),
    }
    return render(request, "helpdesk/admin/request.html", context, status=status)


def request_view(request, pk):
    return _render(request, visible_request(request.user, pk, FULL))


def _refused(form, error: ValidationError):
    for name, errors in error.update_error_dict({}).items():
        form.add_error(name if name in form.fields else None, errors)


def _done(request, help_request, text):
    messages.success(request, text)
    return redirect("helpdesk_request", pk=help_request.pk)


def _act(request, help_request, key, form, service):
    """Run ``service(form)`` for a valid form; a refusal keeps the form, typed, on the page."""
    if form.is_valid():
        try:
            return service(form)
        except ValidationError as error:
            _refused(form, error)
        except PermissionDenied:  # moved to another centre meanwhile
            return redirect("helpdesk_queue")
    messages.error(request, _("The form has errors: see below, correct and send again."))
    return _render(request, help_request, {key: form})


@require_POST
def answer_view(request, pk):
    help_request = visible_request(request.user, pk, FULL)
    if "insert" in request.POST:
        return _insert_canned(request, help_request)
    form = AnswerForm(request.POST, request.FILES)

    def send(form):
        services.answer_send(
            help_request=help_request,
            text=form.cleaned_data["text"],
            by=request.user,
            attachments=form.cleaned_data["files"],
            waiting=form.cleaned_data["waiting"],
        )
        return _done(request, help_request, _("The answer is sent."))

    return _act(request, help_request, "answer", form, send)


def _insert_canned(request, help_request):
    """The canned answer chosen, added to what was typed (nothing is sent): the page again with
    the answer's text in the requester's language after the consultant's own words."""
    typed = request.POST.get("text", "").rstrip()
    canned_id = request.POST.get("canned", "")
    canned = None
    if canned_id.isdigit():
        canned = _canned_answers(request.user, help_request).filter(pk=canned_id).first()
    text = typed
    if canned is not None:
        text = "\n\n".join(part for part in (typed, canned.text_in(help_request.language)) if part)
    form = AnswerForm(initial={"text": text, "waiting": bool(request.POST.get("waiting"))})
    return _render(request, help_request, {"answer": form})


@require_POST
def note_view(request, pk):
    help_request = visible_request(request.user, pk, FULL)

    def add(form):
        services.note_add(help_request=help_request, text=form.cleaned_data["text"],
                          by=request.user)  # fmt: skip
        return _done(request, help_request, _("The internal note is added."))

    return _act(request, help_request, "note", NoteForm(request.POST), add)


@require_POST
def status_view(request, pk):
    help_request = visible_request(request.user, pk, FULL)

    def change(form):
        services.status_change(
            help_request=help_request,
            status=form.cleaned_data["status"],
            referred_to=form.cleaned_data["referred_to"],
            by=request.user,
        )
        return _done(request, help_request, _("The status is saved."))

    return _act(request, help_request, "status", StatusForm(request.POST), change)


@require_POST
def assign_view(request, pk):
    help_request = visible_request(request.user, pk, FULL)
    members = rules.can_assign_to(help_request.centre_id)
    data = request.POST
    if "take" in data:
        data = data.copy()
        data["assignee"] = str(request.user.pk)
    form = AssignForm(data, members=members)

    def assign(form):
        services.request_assign(help_request=help_request, assignee=form.chosen(),
                                by=request.user)  # fmt: skip
        return _done(request, help_request, _("The assignment is saved."))

    return _act(request, help_request, "assign", form, assign)


@require_POST
def transfer_view(request, pk):
    help_request = visible_request(request.user, pk, FULL)
    form = TransferForm(request.POST, centres=_other_centres(help_request))

    def transfer(form):
        to_centre = form.cleaned_data["to_centre"]
        services.request_transfer(help_request=help_request, to_centre=to_centre,
                                  by=request.user)  # fmt: skip
        messages.success(
            request,
            _("%(reference)s is transferred to %(centre)s.")
            % {"reference": help_request.reference, "centre": to_centre.name},
        )
        return redirect("helpdesk_queue")

    return _act(request, help_request, "transfer", form, transfer)


@require_POST
def called_back_view(request, pk):
    help_request = visible_request(request.user, pk)
    try:
        services.request_called_back(help_request=help_request, by=request.user)
    except PermissionDenied:
        return redirect("helpdesk_queue")
    return _done(request, help_request, _("Marked as called back."))


def export_view(request, pk):
    """The request as a text file (requester, description, the whole timeline), logged."""
    help_request = visible_request(request.user, pk, FULL)
    services.access_record(help_request=help_request, user=request.user,
                           action=AccessAction.EXPORT)  # fmt: skip
    text = render_to_string(
        "helpdesk/admin/export.txt",
        {
            "help_request": help_request,
            "timeline": queries.timeline(help_request, public=False),
            "exported_at": timezone.localtime(),
            "exported_by": request.user,
        },
        request=request,
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{help_request.reference}.txt"
    )
    response["Cache-Control"] = "private, no-store"
    return response


class FileView(PrivateFileView):
    """An attachment, to the members of its request's current centre; each opening logged."""

    model = Attachment
    fields = ("file",)

    def get_queryset(self):
        return Attachment.objects.select_related("request")

    def allowed(self, user, attachment) -> bool:
        if not rules.visible_requests(user).filter(pk=attachment.request_id).exists():
            return False
        services.access_record(help_request=attachment.request, user=user,
                               action=AccessAction.FILE)  # fmt: skip
        return True

    def download_name(self, attachment, file) -> str:
        return attachment.name
