"""Who answers the secretary's questions on a report."""

from sovet.organizations.rules import is_editor_of


def can_answer_report(user, report) -> bool:
    """Only an editor of the reporting organization answers for it: the secretary asked them
    (the secretary and administrators review, they do not answer their own questions)."""
    return is_editor_of(user, report.organization)
