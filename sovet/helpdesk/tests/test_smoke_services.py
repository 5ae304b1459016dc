import pytest
from django.core.exceptions import PermissionDenied

from sovet.accounts.roles import Role
from sovet.core.testing import make_user
from sovet.helpdesk import rules, services
from sovet.helpdesk.models import Centre, CentreMember, MessageKind, Status


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_smoke():
    bishkek, osh = Centre.objects.get(code="bishkek"), Centre.objects.get(code="osh")
    a = make_user("a@example.org", roles=[Role.HELPDESK_STAFF])
    b = make_user("b@example.org", roles=[Role.HELPDESK_STAFF])
    CentreMember.objects.create(centre=bishkek, user=a)
    CentreMember.objects.create(centre=osh, user=b)
    r = services.request_submit(
        centre=bishkek, topic="labour", description="x", language="ru", phone="+996555123456"
    )
    assert r.reference.startswith("Б-")
    assert list(rules.visible_requests(a)) == [r]
    assert list(rules.visible_requests(b)) == []
    services.answer_send(help_request=r, text="ok", by=a)
    with pytest.raises(PermissionDenied):
        services.note_add(help_request=r, text="n", by=b)
    services.request_transfer(help_request=r, to_centre=osh, by=a)
    a2 = type(a).objects.get(pk=a.pk)
    assert list(rules.visible_requests(a2)) == []
    r.refresh_from_db()
    assert r.status == Status.NEW and r.messages.filter(kind=MessageKind.EVENT).exists()
