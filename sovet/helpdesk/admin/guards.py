"""Who reaches which staff screen: a list's refusal is a permission-denied page, a request that
is not in one of the user's centres is a 404, as for an id that does not exist."""

from django.http import Http404

from sovet.core.admin import only_for

from .. import rules

only = only_for  # the admin kit's 403 guard, by the help desk's rules


def visible_request(user, pk, queryset=None):
    """The request, if it is in one of the user's centres now; otherwise a 404."""
    found = rules.visible_requests(user, queryset).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
