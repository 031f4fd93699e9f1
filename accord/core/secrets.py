"""Secrets in links and tokens: random, shown once, stored only as a SHA-256 hash."""

import hashlib
import secrets
from dataclasses import dataclass


@dataclass(frozen=True)
class NewSecret:
    plaintext: str  # shown to its owner once, never stored
    prefix: str  # a short visible part to recognise it by
    digest: str  # what is stored


def hash_secret(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def new_secret(kind: str, *, nbytes: int = 32) -> NewSecret:
    body = secrets.token_urlsafe(nbytes)
    plaintext = f"{kind}_{body}"
    return NewSecret(
        plaintext=plaintext, prefix=plaintext[: len(kind) + 7], digest=hash_secret(plaintext)
    )
