"""Family stories on the public site, without an account. The archive page's routes
(`MemoryIndexPage`) call these with the page.

New story: step 1 asks who it is about and offers the published cards of that name; step 2 is
the full form for a new person. The submitter's private page (by the story's token) shows the
status and, when a moderator asked for changes, the form to send them.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sovet.core.public import RateLimit, private, render_page
from sovet.memory.models import MAY_BE_ALIVE, CardStatus, Story, StoryStatus, WarParticipant
from sovet.memory.names.search import search

from . import services
from .forms import NewPersonForm, PersonLookupForm, ResubmitForm, StoryForm

DUPLICATES = 10
# Namesakes born this many years apart may still be one person (records disagree).
BIRTH_YEAR_SLACK = 2
# Each story sends a letter: a flood from one address must not fill the queue or mail strangers.
STORY_LIMIT = RateLimit(
    "memory-story",
    "5/h",
    gettext_lazy("Too many stories from your address. Please try again in an hour."),
)
CHANGES_LIMIT = RateLimit(
    "memory-story-changes",
    "10/h",
    gettext_lazy("Too many changes from your address. Please wait an hour."),
)


def possible_duplicates(
    surname: str, given_name: str, patronymic: str = "", birth_year: int | None = None
) -> list[WarParticipant]:
    """Published cards that may be the same person, best match first."""
    if not surname.strip():
        return []
    name = " ".join(part for part in (surname, given_name, patronymic) if part)
    keep = None
    if birth_year:

        def keep(card):
            return card.birth_year is None or abs(card.birth_year - birth_year) <= BIRTH_YEAR_SLACK

    return search(name, limit=DUPLICATES, keep=keep)


def _submit(story_form, **person) -> tuple[Story | None, int]:
    """Send the story; errors go to the form."""
    try:
        return services.story_submit(**person, **story_form.submission()), 200
    except ValidationError as error:
        story_form.add_error(None, ValidationError(error.messages))
        return None, 429 if getattr(error, "code", "") == "too_many_unconfirmed" else 200


def _sent(page, request, story):
    context = {
        "story": story,
        "email": story.submitter_email,
        # Phone-only: no letter brings the private link, so it is shown here.
        "status_url": _status_url(page, story),
    }
    return private(render_page(page, request, "memory/story_sent.html", context))


def story_new_view(page, request):
    """A story about someone: find them among the published cards, or describe a new person."""
    new_url = page.url + page.reverse_subpage("story_new")
    if request.method == "POST":
        limited = STORY_LIMIT.exceeded(request)
        person_form = NewPersonForm(request.POST)
        story_form = StoryForm(request.POST, request.FILES)
        story_form.set_category(request.POST.get("category", ""))
        status = 200
        if limited:
            status = STORY_LIMIT.refuse(story_form)  # the person's fields hold no file
        elif person_form.is_valid() & story_form.is_valid():
            story, status = _submit(story_form, new_person=person_form.person_data())
            if story is not None:
                return _sent(page, request, story)
        context = {
            "step": 2,
            "new_url": new_url,
            "person_form": person_form,
            "story_form": story_form,
            "duplicates": possible_duplicates(**person_form.lookup()),
            "files_lost": bool(request.FILES),
        }
        return render_page(page, request, "memory/story_new.html", context, status=status)

    lookup = PersonLookupForm(request.GET or None)
    context = {"step": 1, "new_url": new_url, "lookup_form": lookup}
    if lookup.is_valid():
        data = lookup.cleaned_data
        duplicates = possible_duplicates(**data)
        if duplicates and not request.GET.get("new"):
            query = {key: value for key, value in data.items() if value}
            context.update(
                candidates=[(card, page.person_path(card, "story_add")) for card in duplicates],
                new_person_url=f"{new_url}?{urlencode({**query, 'new': '1'})}",
            )
        else:
            initial = {
                "surname": data["surname"],
                "given_name": data["given_name"],
                "patronymic": data["patronymic"],
                "birth_date": str(data["birth_year"] or ""),
            }
            context.update(
                step=2,
                person_form=NewPersonForm(initial=initial),
                story_form=StoryForm(),
                duplicates=duplicates,
            )
    return render_page(page, request, "memory/story_new.html", context)


def _card_for_story(pk):
    """The published card a story may be added to; a merged card's address leads to its heir."""
    card = WarParticipant.objects.select_related("region").filter(pk=pk).first()
    seen = set()
    while card is not None and card.status == CardStatus.MERGED and card.merged_into_id:
        if card.pk in seen:
            break
        seen.add(card.pk)
        card = (
            WarParticipant.objects.select_related("region").filter(pk=card.merged_into_id).first()
        )
    if card is None or card.status != CardStatus.PUBLISHED:
        raise Http404
    return card


def story_add_view(page, request, pk):
    """A story about a person already in the archive (a published card)."""
    card = _card_for_story(pk)
    if card.pk != int(pk):
        return redirect(page.person_path(card, "story_add"))
    limited = request.method == "POST" and STORY_LIMIT.exceeded(request)
    story_form = StoryForm(
        request.POST or None, request.FILES or None, may_be_alive=card.category in MAY_BE_ALIVE
    )
    status = 200
    if limited:
        status = STORY_LIMIT.refuse(story_form)
    elif request.method == "POST" and story_form.is_valid():
        story, status = _submit(story_form, participant=card)
        if story is not None:
            return _sent(page, request, story)
    context = {
        "card": card,
        "card_url": page.person_path(card),
        "form_url": page.person_path(card, "story_add"),
        "story_form": story_form,
        "files_lost": request.method == "POST" and bool(request.FILES),
    }
    return render_page(page, request, "memory/story_add.html", context, status=status)


def _story_or_404(token) -> Story:
    story = Story.objects.select_related("participant").filter(token=token).first()
    if story is None:
        raise Http404
    return story


def _status_url(page, story) -> str:
    return page.url + page.reverse_subpage("story_status", kwargs={"token": story.token})


def story_confirm_view(page, request, token):
    """The link in the first letter. Confirming takes a button (POST): mail scanners that open
    links must not confirm an address for its owner."""
    story = _story_or_404(token)
    if request.method == "POST":
        if services.story_confirm(story=story):
            messages.success(
                request,
                _("Thank you! Your address is confirmed and the story has reached the moderators."),
            )
        return private(redirect(_status_url(page, story)))
    if story.status != StoryStatus.UNCONFIRMED:
        return private(redirect(_status_url(page, story)))
    context = {"story": story, "card": story.participant}
    return private(render_page(page, request, "memory/story_confirm.html", context))


def story_status_view(page, request, token):
    """The submitter's private page: where the story is, and the changes a moderator asked for."""
    story = _story_or_404(token)
    card = story.participant
    form = None
    status = 200
    if story.status == StoryStatus.NEEDS_CHANGES:
        limited = request.method == "POST" and CHANGES_LIMIT.exceeded(request)
        form = ResubmitForm(request.POST or None, request.FILES or None, story=story)
        if limited:
            status = CHANGES_LIMIT.refuse(form)
        elif request.method == "POST" and form.is_valid():
            try:
                services.story_resubmit(story=story, **form.changes())
            except ValidationError as error:
                form.add_error(None, ValidationError(error.messages))
            else:
                messages.success(
                    request, _("Thank you! The changed story has reached the moderators.")
                )
                return private(redirect(_status_url(page, story)))
    elif request.method == "POST":
        return private(redirect(_status_url(page, story)))
    context = {
        "story": story,
        "card": card,
        "card_url": page.person_path(card)
        if story.status == StoryStatus.PUBLISHED and card.status == CardStatus.PUBLISHED
        else "",
        "photos": list(story.photos.all()),
        "documents": list(story.documents.all()),
        "form": form,
        "files_lost": request.method == "POST" and bool(request.FILES),
    }
    return private(render_page(page, request, "memory/story_status.html", context, status=status))
