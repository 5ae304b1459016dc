"""Every registry of the admin kit (sovet.core.admin), walked for every role: its list, its add
form and every page of one object.

What each role may do is written down below, one line per registry; the walk is the same for
all. A new registry fails here until it has its line and a builder of its objects, and then gets
the whole walk. B's object is one that a narrower role (the editor of organization A, the
secretary) must not reach: it must be absent from their list, and each of its pages refuses them.
"""

from dataclasses import dataclass, field
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.text import capfirst

from sovet.accounts.models import Invitation
from sovet.accounts.roles import Role
from sovet.community.tests.factories import make_project, make_shift
from sovet.conferences.models import Conference, Decision, DraftDecision, ProgressReport, Resolution
from sovet.core.admin import registries
from sovet.core.testing import MEMBER, VISITOR
from sovet.events.models import Campaign, CampaignEdition, Event, EventSeries, EventTag
from sovet.helpdesk.models import CannedAnswer, Centre, CentreMember
from sovet.memory import services as memory_services
from sovet.memory.models import WarParticipant
from sovet.organizations.models import CouncilTerm
from sovet.organizations.tests.factories import editors_of_two_organizations
from sovet.places import services as places_services
from sovet.places.tests.factories import jpeg, make_place

EDITOR_A, EDITOR_B = "editor of A", "editor of B"
EDITOR = str(Role.ORGANIZATION_EDITOR)  # the role, without an organization yet
SECRETARY, ADMINISTRATOR = str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)
MODERATOR, HELPDESK = str(Role.MEMORY_MODERATOR), str(Role.HELPDESK_STAFF)
YOUTH = str(Role.YOUTH_COORDINATOR)
ROLES = {VISITOR, MEMBER, EDITOR, EDITOR_A, EDITOR_B, SECRETARY, MODERATOR, HELPDESK, ADMINISTRATOR,
         YOUTH}  # fmt: skip
MANAGERS = {SECRETARY, ADMINISTRATOR}
PLACE_KEEPERS = MANAGERS | {MODERATOR}
NOBODY = set()


@dataclass(frozen=True)
class Reach:
    """Who opens the pages of one object: those that show it (history, inspect), its edit form
    (and usage), its deletion."""

    sees: set
    edits: set
    deletes: set


@dataclass(frozen=True)
class Expect:
    opens: set  # the list
    adds: set
    a: Reach
    b: Reach | None = None  # for registries whose users reach only some objects
    builders: tuple = field(default=(), repr=False)


def _invitation(organization, side):
    role = Role.ORGANIZATION_EDITOR if side == "A" else Role.ADMINISTRATOR
    return Invitation.objects.create(email=f"{side.lower()}@example.org", role=role)


def _conference(organization, side):
    return Conference.objects.get_or_create(
        number=12, defaults={"title_ru": "Новые форматы", "dates": "2021-04-02"}
    )[0]


def _resolution(organization, side):
    return Resolution.objects.get_or_create(
        conference=_conference(organization, side), defaults={"adopted_on": date(2021, 4, 2)}
    )[0]


def _decision(organization, side):
    return Decision.objects.get_or_create(
        resolution=_resolution(organization, side), number=1,
        defaults={"text_ru": "Провести конференцию.", "kind": "schedule"},
    )[0]  # fmt: skip


def _report(organization, side):
    return ProgressReport.objects.create(
        decision=_decision(organization, side), organization=organization, text="Провели.",
        progress=50,
    )  # fmt: skip


def _event(organization, side):
    event = Event.objects.create(
        title_ru=f"Вечер памяти {side}", starts_at=_moment(), ends_at=_moment(hours=2)
    )
    event.organizations.add(organization)
    return event


def _moment(hours=0):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() + timedelta(days=7, hours=hours)


def _project(organization, side):
    return make_project(
        organization, title_ru=f"Субботники {side}", slug=f"cleanups-{side.lower()}"
    )


def _shift(organization, side):
    return make_shift(_project(organization, side))


def _place(organization, side):
    return make_place(f"Обелиск {side}", caretaker=organization)


def _inspection(organization, side):
    return places_services.inspection_record(
        _place(organization, side), inspected_on=date(2024, 5, 1), condition="good"
    )


def _photo(organization, side):
    return places_services.place_photo_add(
        _place(organization, side), jpeg(), taken_on=date(2024, 5, 1), caption=f"Фото {side}"
    )


def _card(organization, side):
    return memory_services.card_save(
        card=WarParticipant(surname="Тестов", given_name="Иван", status="published")
    )


def _centre(organization, side):
    return Centre.objects.get(code="bishkek" if side == "A" else "osh")


def _canned_answer(organization, side):
    """A's in Bishkek, whose head is the help-desk user; B's in Osh, which nobody here heads."""
    centre = _centre(organization, side)
    if side == "A":
        head = get_user_model().objects.get(email="helpdesk_staff@example.org")
        CentreMember.objects.get_or_create(centre=centre, user=head, defaults={"role": "head"})
    return CannedAnswer.objects.create(
        centre=centre, topic="labour", title=f"Готовый ответ {side}", text_ru="Текст"
    )


def _centre_member(organization, side):
    user = get_user_model().objects.get(email="member@example.org")
    return CentreMember.objects.create(centre=_centre(organization, side), user=user)


def _edition(organization, side):
    campaign = Campaign.objects.create(title_ru="Бессмертный полк", slug="regiment")
    return CampaignEdition.objects.create(campaign=campaign, year=2025)


# One line per registry: who may do what, and how to build A's object (and B's).
EXPECTED = {
    "accounts.invitation": Expect(
        opens=MANAGERS, adds=MANAGERS,
        a=Reach(sees=MANAGERS, edits=NOBODY, deletes=MANAGERS),  # a sent invitation stays as sent
        b=Reach(sees={ADMINISTRATOR}, edits=NOBODY, deletes={ADMINISTRATOR}),
        builders=(_invitation,),
    ),
    "organizations.organization": Expect(
        opens=MANAGERS | {EDITOR, EDITOR_A, EDITOR_B}, adds=MANAGERS,
        a=Reach(sees=MANAGERS | {EDITOR_A}, edits=MANAGERS | {EDITOR_A}, deletes=MANAGERS),
        b=Reach(sees=MANAGERS | {EDITOR_B}, edits=MANAGERS | {EDITOR_B}, deletes=MANAGERS),
        builders=(lambda organization, side: organization,),
    ),
    "organizations.councilterm": Expect(
        opens=MANAGERS, adds=MANAGERS, a=Reach(MANAGERS, MANAGERS, MANAGERS),
        builders=(lambda o, s: CouncilTerm.objects.create(title_ru="Состав", approved_on=date(2021, 4, 2)),),
    ),
    "organizations.organizationeditor": Expect(
        opens=MANAGERS, adds=NOBODY, a=Reach(MANAGERS, MANAGERS, MANAGERS),
        builders=(lambda organization, side: organization.editor_links.get(),),
    ),
    "conferences.conference": Expect(
        opens=MANAGERS, adds=MANAGERS, a=Reach(MANAGERS, MANAGERS, MANAGERS),
        builders=(_conference,),
    ),
    "conferences.resolution": Expect(
        opens=MANAGERS, adds=NOBODY, a=Reach(MANAGERS, MANAGERS, MANAGERS),
        builders=(_resolution,),
    ),
    "conferences.decision": Expect(
        opens=MANAGERS, adds=NOBODY, a=Reach(MANAGERS, MANAGERS, MANAGERS), builders=(_decision,),
    ),
    # Reviewed on its own screen (followup), never through the registry's form.
    "conferences.progressreport": Expect(
        opens=MANAGERS, adds=NOBODY, a=Reach(MANAGERS, NOBODY, MANAGERS), builders=(_report,),
    ),
    "conferences.draftdecision": Expect(
        opens=MANAGERS, adds=NOBODY, a=Reach(MANAGERS, MANAGERS, MANAGERS),
        builders=(lambda o, s: DraftDecision.objects.create(conference=_conference(o, s), text="Провести."),),
    ),
    "events.event": Expect(
        opens=MANAGERS | {EDITOR, EDITOR_A, EDITOR_B}, adds=MANAGERS | {EDITOR_A, EDITOR_B},
        a=Reach(*[MANAGERS | {EDITOR_A}] * 3),
        b=Reach(*[MANAGERS | {EDITOR_B}] * 3),
        builders=(_event,),
    ),
    "events.eventseries": Expect(
        opens=MANAGERS, adds=MANAGERS, a=Reach(MANAGERS, MANAGERS, MANAGERS),
        builders=(lambda o, s: EventSeries.objects.create(title_ru="Вечера", slug="evenings"),),
    ),
    "events.eventtag": Expect(
        opens=MANAGERS, adds=MANAGERS, a=Reach(MANAGERS, MANAGERS, MANAGERS),
        builders=(lambda o, s: EventTag.objects.create(name_ru="Память", slug="memory"),),
    ),
    "events.campaign": Expect(
        opens=MANAGERS, adds=MANAGERS, a=Reach(MANAGERS, MANAGERS, MANAGERS),
        builders=(lambda o, s: Campaign.objects.create(title_ru="Полк", slug="polk"),),
    ),
    "events.campaignedition": Expect(
        opens=MANAGERS, adds=MANAGERS, a=Reach(MANAGERS, MANAGERS, MANAGERS),
        builders=(_edition,),
    ),
    # Volunteer work: the youth council's coordinators and the Council everywhere, an
    # organization's editors their own projects and shifts; only managers delete a project.
    "community.project": Expect(
        opens=MANAGERS | {YOUTH, EDITOR, EDITOR_A, EDITOR_B},
        adds=MANAGERS | {YOUTH, EDITOR_A, EDITOR_B},
        a=Reach(MANAGERS | {YOUTH, EDITOR_A}, MANAGERS | {YOUTH, EDITOR_A}, MANAGERS | {YOUTH}),
        b=Reach(MANAGERS | {YOUTH, EDITOR_B}, MANAGERS | {YOUTH, EDITOR_B}, MANAGERS | {YOUTH}),
        builders=(_project,),
    ),
    "community.shift": Expect(
        opens=MANAGERS | {YOUTH, EDITOR, EDITOR_A, EDITOR_B},
        adds=MANAGERS | {YOUTH, EDITOR_A, EDITOR_B},
        a=Reach(MANAGERS | {YOUTH, EDITOR_A}, MANAGERS | {YOUTH, EDITOR_A}, MANAGERS | {YOUTH}),
        b=Reach(MANAGERS | {YOUTH, EDITOR_B}, MANAGERS | {YOUTH, EDITOR_B}, MANAGERS | {YOUTH}),
        builders=(_shift,),
    ),
    "places.memorialplace": Expect(
        opens=PLACE_KEEPERS | {EDITOR_A, EDITOR_B}, adds=PLACE_KEEPERS | {EDITOR_A, EDITOR_B},
        # An editor keeps the place their organization looks after, but deletes none.
        a=Reach(PLACE_KEEPERS | {EDITOR_A}, PLACE_KEEPERS | {EDITOR_A}, PLACE_KEEPERS),
        b=Reach(PLACE_KEEPERS | {EDITOR_B}, PLACE_KEEPERS | {EDITOR_B}, PLACE_KEEPERS),
        builders=(_place,),
    ),
    "places.inspection": Expect(
        opens=PLACE_KEEPERS | {EDITOR_A, EDITOR_B}, adds=PLACE_KEEPERS | {EDITOR_A, EDITOR_B},
        a=Reach(*[PLACE_KEEPERS | {EDITOR_A}] * 3),
        b=Reach(*[PLACE_KEEPERS | {EDITOR_B}] * 3),
        builders=(_inspection,),
    ),
    "places.placephoto": Expect(
        opens=PLACE_KEEPERS | {EDITOR_A, EDITOR_B}, adds=PLACE_KEEPERS | {EDITOR_A, EDITOR_B},
        a=Reach(*[PLACE_KEEPERS | {EDITOR_A}] * 3),
        b=Reach(*[PLACE_KEEPERS | {EDITOR_B}] * 3),
        builders=(_photo,),
    ),
    "memory.warparticipant": Expect(
        opens={MODERATOR, ADMINISTRATOR}, adds={MODERATOR, ADMINISTRATOR},
        # A wrong card is hidden, not deleted: its stories, photos and log stay.
        a=Reach({MODERATOR, ADMINISTRATOR}, {MODERATOR, ADMINISTRATOR}, NOBODY),
        builders=(_card,),
    ),
    # The help desk: a centre's head keeps its canned answers; the administrators, the centres.
    "helpdesk.cannedanswer": Expect(
        opens={HELPDESK}, adds={HELPDESK},
        a=Reach({HELPDESK}, {HELPDESK}, {HELPDESK}), b=Reach(NOBODY, NOBODY, NOBODY),
        builders=(_canned_answer,),
    ),
    "helpdesk.centre": Expect(
        opens={ADMINISTRATOR}, adds={ADMINISTRATOR},
        # A centre keeps its requests' reference letters: none is deleted.
        a=Reach({ADMINISTRATOR}, {ADMINISTRATOR}, NOBODY), builders=(_centre,),
    ),
    "helpdesk.centremember": Expect(
        opens={ADMINISTRATOR}, adds={ADMINISTRATOR},
        a=Reach(*[{ADMINISTRATOR}] * 3), builders=(_centre_member,),
    ),
}  # fmt: skip


def _registries():
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (loading the admin's URLs registers the viewsets)
    return {viewset.model._meta.label_lower: viewset for viewset in registries()}


def test_every_registry_of_the_kit_has_its_line():
    assert sorted(_registries()) == sorted(EXPECTED)


@pytest.fixture
def world(users, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    a, b = editors_of_two_organizations(users, (EDITOR_A, EDITOR_B))
    assert users.keys() == ROLES
    return users, a, b


def _url(viewset, name, *args):
    try:
        return reverse(viewset.get_url_name(name), args=args)
    except NoReverseMatch:
        return None


def _get(client, user, url):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url)


def _language(response):
    return response.headers.get("Content-Language") or "ru"


def _object_pages(viewset, expect: Expect, reach: Reach, obj):
    """(url, who may open it) of every page of one object the registry has."""
    pages = [
        ("edit", reach.edits),
        ("delete", reach.deletes),
        ("history", reach.sees),
        ("usage", reach.edits),  # Wagtail's usage page asks for "change"
        ("inspect", reach.sees),
        ("copy", reach.sees & expect.adds),
    ]
    for name, allowed in pages:
        if url := _url(viewset, name, obj.pk):
            yield name, url, allowed


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(EXPECTED))
def test_registry_walk(world, client, label):
    users, a, b = world
    viewset, expect = _registries()[label], EXPECTED[label]
    build = expect.builders[0]
    objects = [(build(a, "A"), expect.a)]
    if expect.b is not None:
        objects.append((build(b, "B"), expect.b))
    index_url, add_url = _url(viewset, "index") or _url(viewset, "list"), _url(viewset, "add")
    mismatches = []

    def heading():
        return escape(capfirst(str(viewset.model._meta.verbose_name_plural)))

    def form():
        return 'method="POST"'

    def check(role, what, response, allowed, piece):
        """``piece()``: what the page shows, in the page's language."""
        if allowed and response.status_code != 200:
            mismatches.append(f"{what:<28} {role:<24} {response.status_code}, expected 200")
        elif not allowed and response.status_code != 302:
            mismatches.append(f"{what:<28} {role:<24} {response.status_code}, expected refusal")
        elif allowed:
            with translation.override(_language(response)):
                if (text := piece()) not in response.content.decode():
                    mismatches.append(f"{what:<28} {role:<24} 200 without «{text}»")

    for role, user in users.items():
        response = _get(client, user, index_url)
        check(role, "list", response, role in expect.opens, heading)
        if response.status_code == 200:
            page = response.content.decode()
            for obj, reach in objects:
                links = [_url(viewset, name, obj.pk) for name in ("edit", "inspect", "delete")]
                with translation.override(_language(response)):
                    named = escape(str(obj)) in page
                shown = named or any(link and f'href="{link}' in page for link in links)
                if shown != (role in reach.sees):
                    mismatches.append(
                        f"list shows {obj!s:<17} {role:<24} {shown}, expected the opposite"
                    )
        if add_url:
            check(role, "add", _get(client, user, add_url), role in expect.adds, form)
        for obj, reach in objects:
            for name, url, allowed in _object_pages(viewset, expect, reach, obj):
                piece = form if name == "copy" else (lambda obj=obj: escape(str(obj)))
                check(role, f"{name} {obj}", _get(client, user, url), role in allowed, piece)
    # An object that does not exist is not found, for those who may see objects like it (a 404
    # of the admin is redirected to the address with the language, and found missing there).
    role = sorted(expect.a.sees)[0]
    client.force_login(users[role])
    for missing in (_Missing(), _NotAKey()):
        for name, url, allowed in _object_pages(viewset, expect, expect.a, missing):
            if role in allowed and (status := client.get(url, follow=True).status_code) != 404:
                mismatches.append(f"{name} of {missing.pk!r:<18} {role:<24} {status}, expected 404")
    # A chooser asked for an object by a key that cannot be one, or that does not exist.
    chooser = getattr(viewset, "chooser_viewset", None)
    if chosen := chooser and _url(chooser, "chosen", "abc"):
        for key in ("abc", "999999"):
            status = client.get(chosen.replace("abc", key), follow=True).status_code
            if status != 404:
                mismatches.append(f"chooser's chosen {key:<11} {role:<24} {status}, expected 404")
    assert not mismatches, f"{label}:\n" + "\n".join(mismatches)


class _Missing:
    pk = 999_999


class _NotAKey:
    """An address with a key no object can have (``abc`` for a number)."""

    pk = "abc"
