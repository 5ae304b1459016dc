"""The site's hooks: what its pages show besides pages."""

from wagtail import hooks


@hooks.register("public_models")
def public_models():
    """The contacts on every page's footer and the contact page (core.page_cache)."""
    from .models import CouncilContacts

    return [CouncilContacts]
