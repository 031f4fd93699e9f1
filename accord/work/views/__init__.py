"""Work pages, by subject."""
