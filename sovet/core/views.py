from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """Liveness for load balancers: the database and the cache answer. No secrets."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = "error"
    try:
        cache.set("healthz", "1", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "1" else "error"
    except Exception:  # noqa: BLE001
        checks["cache"] = "error"
    # Only the database decides: without the cache the site is slower, not down (a proxy that
    # took every server out while Redis restarts would stop the whole site).
    healthy = checks["database"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


@never_cache
@require_GET
def form_token(request):
    """The visitor's CSRF token, for a form on a page served from the cache (core/js/sovet.js):
    asking for it sets the CSRF cookie the token is checked against."""
    response = HttpResponse(get_token(request), content_type="text/plain")
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/accounts/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form sent without its security token (a page left open for hours, cookies refused, a
    token that could not be fetched): a page in the site's language that says what to do, not
    Django's technical one. The browser's Back keeps what was typed."""
    referer = request.headers.get("Referer", "")
    back_url = referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}) else "/"
    return render(request, "403_csrf.html", {"back_url": back_url}, status=403)
