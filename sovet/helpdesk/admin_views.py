"""The centres' staff screens in the Wagtail admin (to be built)."""
