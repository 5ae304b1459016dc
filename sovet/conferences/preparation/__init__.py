"""Preparing the next conference: proposals opened and decided, organizations invited by a
private link, and the proposals' outcome once the resolution is published."""
