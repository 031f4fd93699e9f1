"""Secrets in links and tokens: shown once, stored only as a hash."""

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from accord.core.secrets import hash_secret, new_secret


def test_a_new_secret_is_stored_only_as_its_sha256():
    secret = new_secret("acc")
    assert secret.digest == hashlib.sha256(secret.plaintext.encode()).hexdigest()
    assert secret.plaintext not in secret.digest
    assert hash_secret(secret.plaintext) == secret.digest


def test_a_secret_shows_its_kind_and_a_short_prefix():
    secret = new_secret("ml")
    assert secret.plaintext.startswith("ml_")
    assert secret.plaintext.startswith(secret.prefix)
    assert len(secret.prefix) == len("ml_") + 6
    assert len(secret.plaintext) > 40  # 32 random bytes


def test_every_secret_is_different():
    secrets = [new_secret("acc") for _ in range(200)]
    assert len({s.plaintext for s in secrets}) == 200
    assert len({s.digest for s in secrets}) == 200


def test_a_secret_is_url_safe():
    secret = new_secret("guest")
    assert all(c.isalnum() or c in "-_" for c in secret.plaintext)


@given(st.text())
def test_hashing_is_deterministic_and_fixed_length(text):
    assert hash_secret(text) == hash_secret(text)
    assert len(hash_secret(text)) == 64
