"""Chasing the resolution's decisions: reminders before and after a due date, the secretary's
monthly digest, and the letters of a report's review (asked for more, answered)."""
