"""The admin kit's guard and menu items for screens that are not registries."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from sovet.core.admin import RuleMenuItem, RuleSubmenu, only_for


def is_named_ann(user) -> bool:
    return getattr(user, "first_name", "") == "Ann"


class Person:
    is_authenticated = True

    def __init__(self, first_name):
        self.first_name = first_name


def request_by(user):
    request = RequestFactory().get("/admin/x/")
    request.user = user
    return request


def test_a_guarded_view_answers_403_to_whom_the_rule_refuses():
    view = only_for(is_named_ann)(lambda request: HttpResponse("the screen"))
    assert view(request_by(Person("Ann"))).content == b"the screen"
    refused = view(request_by(Person("Bob")))
    assert refused.status_code == 403 and b"the screen" not in refused.content
    assert view(request_by(AnonymousUser())).status_code == 403


def test_menu_items_are_shown_by_their_rule():
    item = RuleMenuItem("Screen", "/admin/x/", rule=is_named_ann)
    group = RuleSubmenu("Group", None, rule=is_named_ann)
    assert item.is_shown(request_by(Person("Ann"))) and group.is_shown(request_by(Person("Ann")))
    assert not item.is_shown(request_by(Person("Bob")))
    assert not group.is_shown(request_by(Person("Bob")))
