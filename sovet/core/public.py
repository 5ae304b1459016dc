"""What every form a visitor sends without an account needs, in one place.

- `RateLimit`: counted per address BEFORE the form is bound, so a post over the limit costs
  nothing (no image decoded, no e-mail sent); the form comes back with what was typed and the
  limit's message alone, with status 429.
- `private`, `private_page`: a page reached by a secret link (a story's, a report's, a
  registration's status, an invitation) is never cached, indexed or passed on in a Referer.
- `render_page`: a page route's own template, with a status.

A public form view (a page route) reads::

    LIMIT = RateLimit("places-report", "5/h", gettext_lazy("Too many reports…"))

    limited = request.method == "POST" and LIMIT.exceeded(request)
    form = ReportForm(request.POST or None, request.FILES or None)
    status = 200
    if limited:
        status = LIMIT.refuse(form)
    elif request.method == "POST" and form.is_valid():
        ...  # the service; then redirect to the private page
    return render_page(page, request, "app/form.html", {"form": form}, status=status)
"""

from dataclasses import dataclass
from functools import wraps
from http import HTTPStatus

from django.forms.utils import ErrorDict
from django.http import HttpResponse
from django.utils.datastructures import MultiValueDict
from django_ratelimit.core import is_ratelimited

__all__ = ["RateLimit", "private", "private_page", "render_page"]


@dataclass(frozen=True)
class RateLimit:
    """At most ``rate`` (django-ratelimit's "5/h", "10/10m") requests from one address."""

    group: str
    rate: str
    message: str  # what the visitor reads: translated, and says when to try again

    def exceeded(self, request) -> bool:
        """Count this request; True when it is one too many. Call it first, before any costly
        work: a refused request must cost nothing, or the limit protects nothing."""
        return is_ratelimited(request, group=self.group, key="ip", rate=self.rate, increment=True)

    def refuse(self, form) -> int:
        """Show ``form`` as it was sent, with the limit's message alone: no field is validated
        and no file read. Returns the status to answer with (429)."""
        form.files = MultiValueDict()
        form.cleaned_data = {}
        form._errors = ErrorDict()  # errors without validation (Form.errors would validate)
        form.add_error(None, str(self.message))
        return HTTPStatus.TOO_MANY_REQUESTS

    def refusal(self) -> HttpResponse:
        """The answer to a refused download: the message as plain text, status 429."""
        return HttpResponse(
            str(self.message),
            status=HTTPStatus.TOO_MANY_REQUESTS,
            content_type="text/plain; charset=utf-8",
        )


def private(response: HttpResponse) -> HttpResponse:
    """A page behind a secret link, with personal data: never cached, indexed or referred."""
    response["Cache-Control"] = "private, no-store"
    # Not "no-referrer": the browser would then send "Origin: null" with the page's own forms,
    # which Django's CSRF check refuses. "same-origin" still keeps the link from other sites.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def private_page(view):
    """A view whose every answer is `private` (its redirects and error statuses too)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return private(view(request, *args, **kwargs))

    return wrapper


def render_page(page, request, template: str, context: dict, *, status: int = 200):
    """A page's route rendered with its own template, the page's context and ``context``."""
    response = page.render(request, context_overrides=context, template=template)
    response.status_code = status
    return response
