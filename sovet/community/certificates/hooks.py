"""Certificates' admin screens, their item in the volunteers' menu and their log actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks

from sovet.core.admin import RuleMenuItem

from .. import rules
from . import admin, services


@hooks.register("register_admin_urls")
def certificate_admin_urls():
    return [
        path("community/certificates/", admin.list_view, name="community_certificates"),
        path("community/certificates/issue/", admin.issue_view, name="community_certificate_issue"),
        path(
            "community/certificates/<int:pk>/revoke/",
            admin.revoke_view,
            name="community_certificate_revoke",
        ),
    ]


@hooks.register("community_menu_items")
def certificate_menu_items():
    return [
        RuleMenuItem(
            pgettext_lazy("certificate", "Certificates"),
            reverse("community_certificates"),
            rule=rules.coordinates,
            icon_name="doc-full",
            name="community-certificates",
            order=500,
        )
    ]


@hooks.register("register_log_actions")
def register_certificate_actions(actions):
    actions.register_action(
        services.ISSUED,
        pgettext_lazy("certificate", "Issue a certificate"),
        _("Certificate of volunteer hours issued"),
    )
    actions.register_action(
        services.REVOKED,
        pgettext_lazy("certificate", "Revoke a certificate"),
        _("Certificate of volunteer hours revoked"),
    )
