"""Password hashing with argon2 and the rules a new password must meet."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 200

# A short list of passwords people still choose; argon2 cannot save these.
COMMON_PASSWORDS = frozenset(
    {
        "password1234",
        "password12345",
        "passwordpassword",
        "123456789012",
        "qwertyuiopas",
        "letmeinletmein",
        "iloveyou1234",
        "welcome12345",
        "changeme1234",
        "administrator",
        "nhspassword1",
        "nhspassword123",
        "coprodcoprod",
    }
)

_hasher = PasswordHasher()
# Hash of a random password, verified against when an e-mail is unknown so that
# a failed sign-in takes as long whether or not the account exists.
_dummy_hash: str | None = None


def use_fast_hashing() -> None:
    """Switch to cheap hashing parameters; for the test suite only."""
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    _dummy_hash = None


def hash_password(password: str) -> str:
    """Return an argon2 hash of the password."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Return whether the password matches the hash; with no hash, spend the same time."""
    global _dummy_hash
    if password_hash is None:
        if _dummy_hash is None:
            _dummy_hash = _hasher.hash(secrets.token_hex(16))
        password_hash = _dummy_hash
        password = password + "\x00never"
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Return whether the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)


def password_problems(password: str, email: str = "") -> list[str]:
    """Return the reasons a password is too weak to use; empty when it is fine."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"Password must be at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        problems.append(f"Password must be {MAX_LENGTH} characters or fewer")
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < 5:
        problems.append("Password is too easy to guess; use three or four random words")
    local = email.split("@")[0].lower()
    if len(local) >= 4 and local in lowered:
        problems.append("Password must not contain your e-mail address")
    return problems
