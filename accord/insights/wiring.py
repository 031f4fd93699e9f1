"""How insights hooks into the apps below it: event listeners, worker sweeps, page panels,
notification kinds, verbs and audit checks — each part registers its own, from
InsightsConfig.ready."""


def connect() -> None:
    from accord.insights import (
        hooks_agreements,
        hooks_conflicts,
        hooks_health,
        hooks_notes,
        hooks_tone,
    )

    hooks_health.connect()
    hooks_agreements.connect()
    hooks_notes.connect()
    hooks_conflicts.connect()
    hooks_tone.connect()
