"""Every write about versions, rounds, decisions, comments, to-dos and guests."""
