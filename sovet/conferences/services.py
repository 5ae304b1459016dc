"""Every change to conferences, resolutions and decisions goes through these functions."""

import re
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sovet.core.validators import normalize_phone
from sovet.organizations.models import CouncilTerm, Organization
from sovet.organizations.models.registry import name_key

from . import importer, rules
from .followup import services as followup_services
from .models import (
    Conference,
    ConferenceStatus,
    Decision,
    DecisionKind,
    DecisionStatus,
    Delegate,
    DraftDecision,
    ProgressReport,
    Proposal,
    ProposalStatus,
    ReportEvent,
    ReportEventKind,
    ReportStatus,
    Resolution,
)
from .preparation.queries import adoption_day, conference_dates


def resolution_import(
    *,
    text: str,
    user,
    conference_number: int | None = None,
    force: bool = False,
    kinds: dict[int, str] | None = None,
    corrections: dict[int, dict] | None = None,
) -> Resolution:
    """Read the adopted text and create its resolution (``resolution_create``)."""
    parsed = importer.parse(text, conference_number=conference_number, force=force)
    return resolution_create(parsed=parsed, user=user, kinds=kinds, corrections=corrections)


@transaction.atomic
def resolution_create(
    *,
    parsed: importer.ParsedResolution,
    user,
    kinds: dict[int, str] | None = None,
    corrections: dict[int, dict] | None = None,
) -> Resolution:
    """Create a resolution and its decisions from the parsed text — all of it, or nothing.

    ``parsed`` is what the secretary checked in the preview (``importer.parse``). Their
    corrections, by decision number: ``corrections={3: {"kind": "support", "due": PartialDate
    or None, "recurrence": "yearly"}}`` (a key left out keeps what was read); ``kinds`` is the
    older form of the kind corrections alone. The texts go to the fields of the text's language.
    The conference is created if it does not exist yet; a decision that schedules the next
    conference creates that conference as planned, in the city and period the decision names.
    """
    if user is not None and not rules.can_manage_conferences(user):
        raise PermissionDenied(_("Only the Council secretary imports resolutions."))
    if not parsed.is_valid:
        raise ValidationError(parsed.errors)
    language = parsed.language
    conference, _created = Conference.objects.get_or_create(
        number=parsed.conference_number, defaults={"dates": parsed.adopted_on.isoformat()}
    )
    if hasattr(conference, "resolution"):
        raise ValidationError(
            _("The %(conference)s already has a resolution. Delete it first to import it again.")
            % {"conference": conference}
        )
    _fill_empty(conference, {f"title_{language}": parsed.title, **_cities(parsed.place, language)})
    conference.status = ConferenceStatus.RESOLUTION_ADOPTED
    conference.save()
    resolution = Resolution.objects.create(
        conference=conference,
        adopted_on=parsed.adopted_on,
        adopted_in=importer.city_names(parsed.place, language).get("ru", parsed.place),
        source_text=parsed.text,
        **{f"preamble_{language}": parsed.preamble},
    )
    corrections = {number: dict(values) for number, values in (corrections or {}).items()}
    for number, kind in (kinds or {}).items():
        corrections.setdefault(number, {}).setdefault("kind", kind)
    for item in parsed.decisions:
        corrected = corrections.get(item.number, {})
        kind = corrected.get("kind", item.kind)
        decision = Decision(
            resolution=resolution,
            number=item.number,
            kind=DecisionKind(kind),
            kind_needs_review=item.needs_review and "kind" not in corrected,
            tracked=kind not in importer.UNTRACKED_KINDS,
            due=corrected.get("due", item.due),
            recurrence=corrected.get("recurrence", item.recurrence),
            **{f"text_{language}": item.text},
        )
        _link(decision, item, resolution, language=language)
        decision.full_clean()
        decision.save()
    return resolution


def _cities(name: str, language: str) -> dict[str, str]:
    """``city_ru``/``city_ky``/``city_en`` of a city named in any language."""
    return {f"city_{lang}": value for lang, value in importer.city_names(name, language).items()}


def _fill_empty(conference: Conference, values: dict) -> None:
    """Set the fields still empty; what the secretary entered is never overwritten."""
    for name, value in values.items():
        if value and not getattr(conference, name):
            setattr(conference, name, value)


def _link(decision: Decision, item, resolution: Resolution, *, language: str = "ru") -> None:
    """Connect a decision to what it creates: a conference, a Council composition, an organization."""
    if decision.kind == DecisionKind.SCHEDULE and item.schedules_conference:
        # The decision's due date (corrected in the preview, if it was) is the conference's dates.
        planned, _created = Conference.objects.get_or_create(
            number=item.schedules_conference, defaults={"status": ConferenceStatus.PLANNED}
        )
        _fill_empty(planned, {"dates": decision.due, **_cities(item.scheduled_city, language)})
        planned.save()
        decision.schedules_conference = planned
    elif decision.kind == DecisionKind.APPROVE and re.search(
        r"состав\w*\s+координационного совета", item.text, re.I
    ):
        decision.approves_council_term = CouncilTerm.objects.filter(
            approved_on=resolution.adopted_on
        ).first()
    elif decision.kind == DecisionKind.APPROVE and "создан" in item.text.lower():
        decision.approves_organization = _organization_named_in(item.text)


def _organization_named_in(text: str) -> Organization | None:
    """The organization whose every long word (by its stem) appears in the text, if just one."""
    words = set(re.findall(r"[а-яё]{6,}", name_key(text)))
    stems = {word[:6] for word in words}
    matches = []
    for organization in Organization.objects.only("pk", "name_key"):
        long_words = re.findall(r"[а-яё]{6,}", organization.name_key)
        if long_words and all(word[:6] in stems for word in long_words):
            matches.append(organization)
    return matches[0] if len(matches) == 1 else None


def decision_update(*, decision: Decision, user, **changes) -> Decision:
    if not rules.can_manage_conferences(user):
        raise PermissionDenied(_("Only the Council secretary changes decisions."))
    for name, value in changes.items():
        setattr(decision, name, value)
    decision.full_clean()
    decision.save()
    return decision


def decision_assign(*, decision: Decision, organizations, user) -> None:
    if not rules.can_manage_conferences(user):
        raise PermissionDenied(_("Only the Council secretary assigns decisions."))
    decision.organizations.set(organizations)


def progress_report_add(
    *,
    decision: Decision,
    organization,
    user,
    text: str,
    progress: int | None = None,
    links: str = "",
    photo=None,
    document=None,
    reported_on=None,
) -> ProgressReport:
    """An assigned organization reports what it did; a new progress figure moves the decision's.

    `photo` and `document` are checked uploads (core.uploads); they are kept in the private
    storage, for the secretary and the organization's editors only.
    """
    if not rules.can_report(user, decision, organization):
        raise PermissionDenied(
            _("Only editors of an organization assigned to this decision can report on it.")
        )
    report = ProgressReport(
        decision=decision,
        organization=organization,
        author=user,
        text=text,
        progress=progress,
        links=links,
        photo=photo,
        document=document,
        document_name=(document.name or "")[:255] if document else "",
    )
    if reported_on:
        report.reported_on = reported_on
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
            # The first step of the report's history (followup: asked for more, answered…).
            ReportEvent.objects.create(report=report, kind=ReportEventKind.SUBMITTED, author=user)
            if progress is not None:
                # Compare in the database: two reports at once cannot lower the figure.
                Decision.objects.filter(pk=decision.pk, progress__lt=progress).update(
                    progress=progress
                )
                Decision.objects.filter(pk=decision.pk, status=DecisionStatus.NOT_STARTED).update(
                    status=DecisionStatus.IN_PROGRESS
                )
                decision.refresh_from_db(fields=["progress", "status"])
    except BaseException:
        # The files were written by save(): they go with the report, or not at all.
        for file in (report.photo, report.document):
            if file and file._committed:
                file.storage.delete(file.name)
        raise
    return report


def progress_report_review(*, report: ProgressReport, user, status: str, comment: str = "") -> None:
    """The secretary accepts a report or asks the organization for more (a comment then says
    what). The step is kept in the report's history; a question goes to the report's author by
    e-mail, after commit (followup.notifications)."""
    if not rules.can_review_reports(user):
        raise PermissionDenied(_("Only the Council secretary reviews reports."))
    if status not in (ReportStatus.ACCEPTED, ReportStatus.NEEDS_MORE):
        raise ValidationError(_("A report is either accepted or more is asked."), code="status")
    comment = comment.strip()
    if status == ReportStatus.NEEDS_MORE and not comment:
        raise ValidationError(
            _("Write what more the organization should tell: the comment is sent to them."),
            code="comment_required",
        )
    with transaction.atomic():
        report.status = ReportStatus(status)
        report.secretary_comment = comment
        report.save(update_fields=["status", "secretary_comment"])
        followup_services.record_review(report=report, user=user, status=status, comment=comment)


def delegate_quota_for(conference: Conference, organization) -> int:
    override = (
        conference.quotas.filter(organization=organization).values_list("quota", flat=True).first()
    )
    return conference.delegate_quota if override is None else override


def delegate_register(
    *,
    conference: Conference,
    organization,
    user,
    full_name: str,
    position: str = "",
    email: str = "",
    phone: str = "",
) -> Delegate:
    """An organization's editor (or the secretary) registers a delegate (``delegate_add``); the
    secretary may also register when registration is not open or has closed."""
    if not rules.can_register_delegates(user, organization):
        raise PermissionDenied(_("You may register delegates of your own organization only."))
    return delegate_add(
        conference=conference,
        organization=organization,
        full_name=full_name,
        position=position,
        email=email,
        phone=phone,
        registered_by=user,
        any_time=rules.can_manage_conferences(user),
    )


@transaction.atomic
def delegate_add(
    *,
    conference: Conference,
    organization,
    full_name: str,
    position: str = "",
    email: str = "",
    phone: str = "",
    registered_by=None,
    any_time: bool = False,
) -> Delegate:
    """A delegate within the organization's quota, while registration is open and not closed
    (``any_time``: the secretary's, whatever the dates). Callers check who may: an editor
    (``delegate_register``) or an invited organization's private link (preparation)."""
    if conference.status != ConferenceStatus.REGISTRATION_OPEN and not any_time:
        raise ValidationError(
            _("Delegate registration for this conference is not open."), code="not_open"
        )
    closes = conference.registration_closes_on
    if closes and timezone.localdate() > closes and not any_time:
        raise ValidationError(
            _("Delegate registration closed on %(date)s.")
            % {"date": date_format(closes, "DATE_FORMAT")},
            code="registration_closed",
        )
    # Lock the organization's row so two people cannot both take the last place.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    quota = delegate_quota_for(conference, organization)
    if conference.delegates.filter(organization=organization).count() >= quota:
        raise ValidationError(
            _("%(organization)s has already registered all %(quota)s of its delegates.")
            % {"organization": organization, "quota": quota},
            code="quota_full",
        )
    delegate = Delegate(
        conference=conference,
        organization=organization,
        full_name=full_name.strip(),
        position=position.strip(),
        email=email.strip(),
        phone=normalize_phone(phone) if phone.strip() else "",
        registered_by=registered_by,
    )
    delegate.full_clean()
    delegate.save()
    return delegate


def delegate_confirm(*, delegate: Delegate, user) -> None:
    if not rules.can_confirm_delegates(user):
        raise PermissionDenied(_("Only the Council secretary confirms delegates."))
    delegate.confirmed = True
    delegate.save(update_fields=["confirmed"])


def delegate_check_in(*, delegate: Delegate, user) -> None:
    if not rules.can_confirm_delegates(user):
        raise PermissionDenied(_("Only the Council secretary checks delegates in."))
    if delegate.checked_in_at is None:
        delegate.checked_in_at = timezone.now()
        delegate.save(update_fields=["checked_in_at"])


def proposal_submit(*, conference: Conference, organization, user, text: str) -> Proposal:
    """An organization's editor proposes a decision, while the secretary keeps proposals open."""
    if not rules.proposals_accepted(conference):
        raise PermissionDenied(_("Proposals for this conference are closed."))
    if not rules.can_propose(user, organization, conference):
        raise PermissionDenied(
            _("Proposals are accepted from the editors of an organization before the conference.")
        )
    proposal = Proposal(
        conference=conference, organization=organization, submitted_by=user, text=text.strip()
    )
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def draft_add(*, conference: Conference, user, text: str, proposals=()) -> DraftDecision:
    """Merge one or more proposals (or the secretary's own text) into an item of the draft.
    Only this conference's proposals still waiting (or already in another item) are merged."""
    if not rules.can_decide_proposals(user):
        raise PermissionDenied(_("Only the Council secretary prepares the draft resolution."))
    if hasattr(conference, "resolution"):
        raise ValidationError(_("This conference already has a resolution."))
    order = conference.draft_decisions.count()
    draft = DraftDecision.objects.create(conference=conference, text=text.strip(), sort_order=order)
    merged = Proposal.objects.filter(
        conference=conference,
        pk__in=[p.pk for p in proposals],
        status__in=[ProposalStatus.SUBMITTED, ProposalStatus.IN_DRAFT],
    )
    if merged:
        draft.proposals.set(merged)
        merged.update(status=ProposalStatus.IN_DRAFT)
    return draft


# A resolution is sometimes signed and dated some days after the conference closes.
ADOPTION_GRACE = timedelta(days=30)


def check_adoption_date(conference: Conference, adopted_on) -> None:
    """The resolution is adopted at the conference: not before its first day, and not more than
    ADOPTION_GRACE after its last. A conference without dates is not checked."""
    dates = conference_dates(conference)
    if not dates:
        return
    first, last = dates.earliest(), dates.latest() + ADOPTION_GRACE
    if not first <= adopted_on <= last:
        raise ValidationError(
            _(
                "The conference met on %(dates)s: the resolution's date must be from %(first)s "
                "to %(last)s (up to 30 days after the conference)."
            )
            % {
                "dates": dates.display(),
                "first": date_format(first, "DATE_FORMAT"),
                "last": date_format(last, "DATE_FORMAT"),
            },
            code="date_out_of_range",
        )


@transaction.atomic
def draft_publish(
    *, conference: Conference, user, adopted_on=None, preamble: str = ""
) -> Resolution:
    """The conference voted: the adopted items become the resolution, numbered in order.

    ``adopted_on`` defaults to the conference's day (``adoption_day``). Each adopted item keeps
    the decision it became and assigns it to the organizations that proposed it; items not
    adopted stay, with their vote, for the record. Every proposal gets its outcome: adopted, not
    adopted, or — never merged into the draft — declined with no reason written (the proposals
    screen reads "not included in the draft")."""
    if not rules.can_decide_proposals(user):
        raise PermissionDenied(_("Only the Council secretary publishes the resolution."))
    if hasattr(conference, "resolution"):
        raise ValidationError(_("This conference already has a resolution."))
    adopted_on = adopted_on or adoption_day(conference)
    if adopted_on is None:
        raise ValidationError(
            _("Enter the date the resolution was adopted: the conference's dates name no one day."),
            code="date_missing",
        )
    check_adoption_date(conference, adopted_on)
    drafts = list(conference.draft_decisions.order_by("sort_order", "pk"))
    undecided = [d for d in drafts if not d.unanimous and d.votes_for is None]
    if undecided:
        raise ValidationError(
            _("Record the vote on every item first (items without a vote: %(count)s).")
            % {"count": len(undecided)},
            code="vote_missing",
        )
    adopted = [d for d in drafts if d.is_adopted]
    if not adopted:
        raise ValidationError(_("No item of the draft was adopted."))
    resolution = Resolution.objects.create(
        conference=conference,
        preamble_ru=preamble,
        adopted_on=adopted_on,
        adopted_in=conference.city_ru,
    )
    for number, draft in enumerate(adopted, start=1):
        kind, review = importer.detect_kind(draft.text)
        draft.decision = Decision.objects.create(
            resolution=resolution,
            number=number,
            text_ru=draft.text,
            kind=kind,
            kind_needs_review=review,
            tracked=kind not in importer.UNTRACKED_KINDS,
            vote_result=draft.vote_record,
        )
        draft.save(update_fields=["decision"])
        draft.decision.organizations.set(
            Organization.objects.filter(proposals__drafts=draft).distinct()
        )
    _record_outcomes(conference, adopted, [d for d in drafts if not d.is_adopted])
    conference.status = ConferenceStatus.RESOLUTION_ADOPTED
    conference.save(update_fields=["status"])
    return resolution


def _record_outcomes(conference: Conference, adopted, rejected) -> None:
    """A proposal merged into any adopted item is adopted; into rejected items only, not
    adopted; never merged, declined without a reason of its own."""
    proposals, now = Proposal.objects.filter(conference=conference), timezone.now()
    won = set(proposals.filter(drafts__in=adopted).values_list("pk", flat=True))
    lost = set(proposals.filter(drafts__in=rejected).values_list("pk", flat=True)) - won
    proposals.filter(pk__in=won).update(status=ProposalStatus.ADOPTED, decided_at=now)
    proposals.filter(pk__in=lost).update(status=ProposalStatus.NOT_ADOPTED, decided_at=now)
    proposals.filter(status=ProposalStatus.SUBMITTED).update(
        status=ProposalStatus.DECLINED, decline_reason="", decided_at=now
    )
