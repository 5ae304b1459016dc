"""Staff admin: cards with their sources, the moderation queue, story review, the log."""
