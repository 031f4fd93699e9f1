"""SQLite as Accord runs it (settings.DATABASES ENGINE "accord.core.sqlite")."""
