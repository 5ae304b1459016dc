"""Who reaches which staff screen: a list's refusal is a permission-denied page, a request that
is not in one of the user's centres is a 404, as for an id that does not exist."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.defaults import permission_denied

from .. import rules


def only(rule):
    """A 403 page for anyone the rule refuses. (Raised inside an admin view, PermissionDenied
    would become a redirect to the dashboard.)"""

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not rule(request.user):
                return permission_denied(request, PermissionDenied())
            return view(request, *args, **kwargs)

        return guarded

    return decorate


def visible_request(user, pk, queryset=None):
    """The request, if it is in one of the user's centres now; otherwise a 404."""
    found = rules.visible_requests(user, queryset).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
