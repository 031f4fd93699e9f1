"""Intake pages: the AM's queue, requests, the guided brief, sign-off and brief templates."""
