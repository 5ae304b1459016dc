"""Reads other parts of the community share: a volunteer's certificates with their addresses
(the volunteer's own page lists them)."""

from ..models import Certificate


def certificates_of(volunteer):
    """The volunteer's certificates, newest first, revoked ones too (their page says so)."""
    return Certificate.objects.filter(volunteer=volunteer).select_related("project")


def certificate_paths(page, certificate) -> dict[str, str]:
    """The addresses under ``page`` (the VolunteersPage): its verification page, its PDF and the
    page to print."""
    verify = page.url + page.reverse_subpage("verify_view", kwargs={"code": certificate.code})
    pdf = page.url + page.reverse_subpage("download_view", kwargs={"code": certificate.code})
    return {"verify": verify, "pdf": pdf, "print": pdf + "?format=html"}
