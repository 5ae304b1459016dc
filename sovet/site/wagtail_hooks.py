"""The site's hooks: what its pages show besides pages."""

from wagtail import hooks


@hooks.register("public_models")
def public_models():
    """The contacts on every page's footer and the contact page (core.page_cache)."""
    from .models import CouncilContacts

    return [CouncilContacts]


@hooks.register("untranslated_content")
def untranslated_contacts():
    """The Council's address and hours (every page's footer) for the translation desk."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from sovet.core.translations import HOME, untranslated_records

    from .models import CouncilContacts

    return untranslated_records(
        CouncilContacts.objects.all(),
        [],
        russian_base=["address", "hours"],
        kind="council-contacts",
        kind_label=_("Council contacts"),
        title=lambda contacts: str(CouncilContacts._meta.verbose_name),
        url=lambda contacts: reverse(
            "wagtailsettings:edit", args=["site", "councilcontacts", contacts.pk]
        ),
        importance=HOME,  # shown on every page
    )
