"""Email in: reading a raw message (MIME, its text, its files) and recognising automatic mail.
Pure functions on bytes and strings; the services decide what becomes of the email."""
