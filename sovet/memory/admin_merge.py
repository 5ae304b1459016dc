"""Staff admin: merging two cards (and undoing it), visitors' reports, rotating and cropping photos."""
