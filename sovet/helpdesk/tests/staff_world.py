"""The help desk's tests: both centres' staff, the roles around them, and requests in each centre
whose private words must never reach anyone outside the centre."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sovet.accounts.roles import Role
from sovet.core.testing import MEMBER, VISITOR, make_staff, make_user
from sovet.helpdesk import services
from sovet.helpdesk.models import Centre, CentreMember, CentreRole

EDITOR, MODERATOR, SECRETARY = "editor", "moderator", "secretary"
BISHKEK, OSH, HEAD = "Bishkek staff", "Osh staff", "Bishkek head"
ADMIN, ADMIN_MEMBER = "administrator", "administrator in Bishkek"

# What Bishkek's request holds: none of it may reach anyone outside Bishkek's centre.
SECRET_NAME = "Секретова Айгуль"
SECRET_TEXT = "Тайное-описание-7731"
SECRET_FILE = "passport-scan-7731.pdf"
SECRET_EMAIL = "aigul.secret@example.org"


def upload(name=SECRET_FILE, content=b"%PDF-1.4 secret scan"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def centres(db):
    return Centre.objects.get(code="bishkek"), Centre.objects.get(code="osh")


@pytest.fixture
def desk(centres):
    """Users keyed by the role matrix's names."""
    bishkek, osh = centres
    users = {
        VISITOR: None,
        MEMBER: make_user("member@example.org"),
        EDITOR: make_staff("editor@example.org", Role.ORGANIZATION_EDITOR),
        MODERATOR: make_staff("moderator@example.org", Role.MEMORY_MODERATOR),
        SECRETARY: make_staff("secretary@example.org", Role.COUNCIL_SECRETARY),
        BISHKEK: make_staff("lawyer.bishkek@example.org", Role.HELPDESK_STAFF),
        OSH: make_staff("lawyer.osh@example.org", Role.HELPDESK_STAFF),
        HEAD: make_staff("head.bishkek@example.org", Role.HELPDESK_STAFF),
        ADMIN: make_staff("admin@example.org", Role.ADMINISTRATOR),
        ADMIN_MEMBER: make_staff("admin.member@example.org", Role.ADMINISTRATOR),
    }
    from django.contrib.auth.models import AnonymousUser

    users[VISITOR] = AnonymousUser()
    CentreMember.objects.create(centre=bishkek, user=users[BISHKEK], role=CentreRole.LAWYER)
    CentreMember.objects.create(centre=osh, user=users[OSH], role=CentreRole.LAWYER)
    CentreMember.objects.create(centre=bishkek, user=users[HEAD], role=CentreRole.HEAD)
    CentreMember.objects.create(
        centre=bishkek, user=users[ADMIN_MEMBER], role=CentreRole.CONSULTANT
    )
    return users


@pytest.fixture
def secret(centres):
    """Bishkek's request: a name, an e-mail, a description and a scan."""
    bishkek, _osh = centres
    return services.request_submit(
        centre=bishkek,
        topic="labour",
        description=SECRET_TEXT,
        language="ky",
        name=SECRET_NAME,
        email=SECRET_EMAIL,
        attachments=[upload()],
    )


@pytest.fixture
def osh_request(centres):
    _bishkek, osh = centres
    return services.request_submit(
        centre=osh,
        topic="documents",
        description="Вопрос о паспорте",
        language="ru",
        name="Иванов Пётр",
        phone="+996555000111",
    )
