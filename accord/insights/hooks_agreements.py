"""What the agreements part of insights registers with the apps below it (verbs, listeners, sweeps,
panels, notification kinds), called from wiring.connect()."""


def connect() -> None:
    pass
