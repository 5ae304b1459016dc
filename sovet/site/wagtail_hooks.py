from wagtail import hooks

from .models import CouncilContacts


@hooks.register("public_models")
def site_public_models():
    """The footer and the contact page show the Council's contacts (core.page_cache)."""
    return [CouncilContacts]
