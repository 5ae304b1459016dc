"""The help desk's demo content (to be built)."""


def add_pages(home):
    return None
