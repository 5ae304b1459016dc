"""The memory archive's hooks into the rest of the site."""

from wagtail import hooks


@hooks.register("demo_pages")
def memory_demo_pages(home):
    from .demo import add_pages

    return add_pages(home)
