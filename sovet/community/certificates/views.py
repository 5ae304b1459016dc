"""A certificate's public verification page (what anyone holding the paper may check) and the
certificate itself, as a PDF or a page to print, for its holder and those who may issue it."""

import re
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

from sovet.core import printing
from sovet.core.lookups import absolute_url, index_page
from sovet.core.printing import qr_code, qr_svg
from sovet.core.public import RateLimit, private_page, render_page

from .. import rules
from ..models import Certificate, Volunteer, VolunteersPage

# Enough for an employer checking a pile of certificates; far too few to walk the codes (60
# random bits each).
VERIFY_LIMIT = RateLimit(
    "community-certificate-verify",
    "30/h",
    gettext_lazy("Too many certificates checked from your address. Please try again in an hour."),
)
PDF_LIMIT = RateLimit(
    "community-certificate-pdf",
    "30/m",
    gettext_lazy("Too many certificates from your address. Please wait a minute and try again."),
)
TEMPLATE = "community/certificates/certificate.html"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
KYRGYZ = re.compile(r"[ҢңӨөҮү]")


def normalized_code(code: str) -> str:
    """A code as typed from paper: any case, with spaces or dashes between the groups."""
    return re.sub(r"[^0-9A-Za-z]", "", code).upper()


def grouped_code(code: str) -> str:
    """«ABCD-EFGH-JKLM»: easier to read aloud and to type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def hours_text(hours: Decimal) -> str:
    """12 / 12,5 / 12,25 as the active language writes numbers."""
    if hours == hours.to_integral_value():
        return number_format(int(hours), force_grouping=True)
    return number_format(hours.normalize(), force_grouping=True)


def text_language(text: str, language: str) -> str:
    """The language a frozen text is written in, as far as a page's ``lang`` needs it: Russian
    when an English or Kyrgyz certificate kept a Russian title (no translation, or a signer's
    position typed in Russian)."""
    if language == "en" and CYRILLIC.search(text):
        return "ru"
    if language == "ky" and CYRILLIC.search(text) and not KYRGYZ.search(text):
        return "ru"
    return language


def holder_short_name(certificate: Certificate) -> str:
    """«Петрова А. С.»: the Volunteer's short form, of the name as printed."""
    return Volunteer(full_name=certificate.holder_name).short_name


def verify_path(page, certificate: Certificate) -> str:
    """The verification page's address in the certificate's language (the page handed over
    when no page of that language is live)."""
    localized = index_page(VolunteersPage, certificate.language) or page
    return localized.url + localized.reverse_subpage(
        "verify_view", kwargs={"code": certificate.code}
    )


def _certificate(code: str) -> Certificate:
    found = (
        Certificate.objects.select_related("project", "volunteer")
        .filter(code=normalized_code(code))
        .first()
    )
    if found is None:
        raise Http404
    return found


@private_page
def verify_view(page, request, code):
    if VERIFY_LIMIT.exceeded(request):  # counted before the lookup: walking codes costs
        return VERIFY_LIMIT.refusal()
    certificate = _certificate(code)
    context = {
        "certificate": certificate,
        "code": grouped_code(certificate.code),
        "holder": holder_short_name(certificate),
        "hours": hours_text(certificate.hours),
        "scope": _scope(certificate),
        **_languages(certificate),
    }
    return render_page(page, request, "community/certificates/verify.html", context)


def _scope(certificate: Certificate) -> str:
    """The project's title as printed, or the year."""
    if certificate.kind == "project":
        return certificate.projects[0] if certificate.projects else str(certificate.project)
    return str(certificate.year)


def _languages(certificate: Certificate) -> dict:
    language = certificate.language
    return {
        "signer_lang": text_language(certificate.signer_title, language),
        "scope_lang": text_language(_scope(certificate), language),
        "projects": [(title, text_language(title, language)) for title in certificate.projects],
    }


def may_download(user, certificate: Certificate) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if certificate.volunteer.user_id == user.pk:
        return True
    return rules.can_issue_certificate(user, project=certificate.project)


def certificate_context(page, certificate: Certificate) -> dict:
    """What the printed certificate shows; read inside the certificate's language."""
    url = absolute_url(verify_path(page, certificate))
    return {
        "certificate": certificate,
        "code": grouped_code(certificate.code),
        "hours": hours_text(certificate.hours),
        "scope": _scope(certificate),
        **_languages(certificate),
        "verify_url": url,
        "qr_svg": qr_svg(
            qr_code(url),
            gettext("QR code: the address where this certificate can be verified"),
            css_class="certificate__qr-code",
        ),
    }


def certificate_html(page, request, certificate: Certificate, *, screen: bool = False) -> str:
    with translation.override(certificate.language):
        context = certificate_context(page, certificate)
        context["screen"] = screen
        return render_to_string(TEMPLATE, context, request=request)


@private_page
def download_view(page, request, code):
    """The certificate as a PDF (``?format=html``: the page to print), in its own language;
    only for its holder and those who may issue it, a 404 for anyone else."""
    certificate = _certificate(code)
    if not may_download(request.user, certificate):
        raise Http404
    if request.GET.get("format") == "html":
        return HttpResponse(certificate_html(page, request, certificate, screen=True))
    if PDF_LIMIT.exceeded(request):
        return PDF_LIMIT.refusal()
    html = certificate_html(page, request, certificate)
    with translation.override(certificate.language):
        title = gettext("Certificate of volunteer hours %(code)s") % {"code": certificate.code}
    return printing.pdf_response(
        request, html, filename=f"certificate-{certificate.code}.pdf", title=title
    )
