"""What the tone part of insights registers with the apps below it: the live tone check beside
the boxes where the agency writes to a client (core.compose), called from wiring.connect()."""


def connect() -> None:
    from accord.core.compose import register_compose_assist, register_sent_observer
    from accord.insights import views_tone

    register_compose_assist(views_tone.assist)
    register_sent_observer(views_tone.on_sent)
