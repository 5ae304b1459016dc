"""Every change of a youth initiative: proposed, checked, supported, closed, answered.

Learnt from Decidim: a technical check before anyone sees it, supports for a period (one per
account, a database constraint), then the youth council's official answer. Every change of status
e-mails the author (if they asked) and the supporters who asked, once the transaction commits.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from sovet.core.text import transliterate

from .. import rules
from ..models import CommunitySettings, Initiative, InitiativeStatus, Project, Support
from . import notifications, queries

# The youth council may answer early, while supports are still being collected.
ANSWERABLE = (InitiativeStatus.COLLECTING, InitiativeStatus.ANSWERING)
SLUG_LENGTH = Project._meta.get_field("slug").max_length


def _settings() -> CommunitySettings:
    return CommunitySettings.load()


def _changed(initiative: Initiative) -> None:
    """Tell the author and the supporters who asked, after the commit (a task sends)."""
    pk, status = initiative.pk, initiative.status
    transaction.on_commit(lambda: notifications.status_changed(pk, status))


def initiative_propose(
    *, author, title: str, summary: str, needs: str = "", organization=None,
    notify_author: bool = True,
) -> Initiative:  # fmt: skip
    """A young person's proposal: waits for the youth council's technical check."""
    if not rules.can_propose_initiative(author):
        raise ValidationError(
            _("Initiatives are proposed by volunteers aged %(min)s to %(max)s.")
            % {"min": rules.YOUTH_AGES[0], "max": rules.YOUTH_AGES[1]}
        )
    initiative = Initiative(
        author=author,
        title=title.strip(),
        summary=summary.strip(),
        needs=needs.strip(),
        organization=organization,
        notify_author=notify_author,
        language=translation.get_language() or "ru",
        status=InitiativeStatus.CHECKING,
    )
    initiative.full_clean()
    initiative.save()
    return initiative


def _locked(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def _refresh(initiative: Initiative, locked: Initiative) -> Initiative:
    """The caller's object brought up to date with what the service saved."""
    for field in locked._meta.concrete_fields:
        setattr(initiative, field.attname, getattr(locked, field.attname))
    return initiative


@transaction.atomic
def initiative_check(*, initiative: Initiative, admit: bool, note: str = "", by) -> Initiative:
    """The technical check (clear, lawful, not a duplicate): admitted, it collects supports for
    the settings' days; refused, the note is its reason (required)."""
    locked = _locked(initiative)
    if locked.status != InitiativeStatus.CHECKING:
        raise ValidationError(_("This initiative has already been checked."))
    note = note.strip()
    if admit:
        locked.status = InitiativeStatus.COLLECTING
        locked.collecting_until = timezone.localdate() + timedelta(days=_settings().support_days)
    else:
        if not note:
            raise ValidationError({"note": _("Say why the initiative is not admitted.")})
        locked.status = InitiativeStatus.REFUSED
    locked.check_note = note
    locked.save(update_fields=["status", "collecting_until", "check_note", "updated_at"])
    log(instance=locked, action="community.initiative_checked", user=by)
    _changed(locked)
    return _refresh(initiative, locked)


@transaction.atomic
def initiative_support(*, initiative: Initiative, user, notify: bool = False) -> Support:
    """One account's support. A second one changes nothing and returns the first; reaching the
    threshold sends the initiative to the youth council at once."""
    if not user.is_authenticated or not user.is_active:
        raise ValidationError(_("Sign in to support an initiative."))
    locked = _locked(initiative)  # the count and the threshold are decided one at a time
    existing = Support.objects.filter(initiative=locked, user=user).first()
    if existing is not None:
        return existing
    if locked.author_id == user.pk:
        raise ValidationError(_("You cannot support your own initiative."))
    if not queries.collects_supports(locked, timezone.localdate()):
        raise ValidationError(_("This initiative no longer collects supports."))
    try:
        with transaction.atomic():
            support = Support.objects.create(initiative=locked, user=user, notify=notify)
    except IntegrityError:  # the same account in two tabs at once
        return Support.objects.get(initiative=locked, user=user)
    locked.supports_count += 1
    if locked.supports_count >= _settings().support_threshold:
        locked.status = InitiativeStatus.ANSWERING
        locked.save(update_fields=["supports_count", "status", "updated_at"])
        _changed(locked)
    else:
        # A support changes two pages, not the site: an update (no save signal, so the whole
        # page cache keeps its version) and those two addresses forgotten in every language.
        locked.updated_at = timezone.now()
        Initiative.objects.filter(pk=locked.pk).update(
            supports_count=locked.supports_count, updated_at=locked.updated_at
        )
        transaction.on_commit(lambda: queries.forget_initiative_pages(locked.pk))
    _refresh(initiative, locked)
    return support


def initiatives_close_due(today=None) -> int:
    """The periodic sweep: an initiative whose period has ended waits for the answer."""
    today = today or timezone.localdate()
    closed = 0
    due = Initiative.objects.filter(
        status=InitiativeStatus.COLLECTING, collecting_until__lt=today
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            locked = Initiative.objects.select_for_update().get(pk=pk)
            if locked.status != InitiativeStatus.COLLECTING:
                continue
            locked.status = InitiativeStatus.ANSWERING
            locked.save(update_fields=["status", "updated_at"])
            _changed(locked)
            closed += 1
    return closed


def unique_project_slug(title: str) -> str:
    """An address from the title in Latin letters («Субботник» → «subbotnik»), made unique."""
    base = slugify(transliterate(title))[: SLUG_LENGTH - 6].strip("-") or "initiative"
    slug, number = base, 2
    taken = set(
        Project.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )  # fmt: skip
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _project_for(initiative: Initiative, organization) -> Project:
    language = initiative.language if initiative.language in ("ky", "en") else "ru"
    fields = {"title_ru": initiative.title, "description_ru": initiative.summary}
    if language != "ru":
        fields.update(
            {f"title_{language}": initiative.title, f"description_{language}": initiative.summary}
        )
    # Unpublished: the coordinators add its shifts first.
    return Project.objects.create(
        organization=organization,
        slug=unique_project_slug(initiative.title),
        published=False,
        **fields,
    )


@transaction.atomic
def initiative_answer(
    *, initiative: Initiative, accept: bool, answer: str, by, organization=None
) -> Initiative:
    """The youth council's official answer. Accepted, the initiative becomes an unpublished
    project of the chosen organization (else the one it named); declined, the answer gives the
    reasons."""
    locked = _locked(initiative)
    if locked.status not in ANSWERABLE:
        raise ValidationError(_("This initiative cannot be answered now."))
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Write the youth council's answer.")})
    if accept:
        owner = organization or locked.organization
        if owner is None:
            raise ValidationError(
                {"organization": _("Choose the organization that will run the project.")}
            )
        locked.project = _project_for(locked, owner)
        locked.status = InitiativeStatus.ACCEPTED
    else:
        locked.status = InitiativeStatus.DECLINED
    locked.answer = answer
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answer", "answered_at", "project", "updated_at"])
    log(instance=locked, action="community.initiative_answered", user=by)
    _changed(locked)
    return _refresh(initiative, locked)
