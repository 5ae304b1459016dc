"""Staff admin: visitors' reports about memorial places (being written)."""
