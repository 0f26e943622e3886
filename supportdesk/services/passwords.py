"""Passwords: the rules a new one must meet, and Argon2id hashing. Pure: no database, no audit.

`services/auth.py` signs people in with these; `services/users.py` sets them when creating accounts.
"""

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from supportdesk.errors import Invalid
from supportdesk.i18n import msg

MIN_PASSWORD = 8
# Argon2 cost grows with the input; nobody types a longer password, and a megabyte one must not tie up a core.
MAX_PASSWORD = 1024

_hasher = PasswordHasher()
# Verified against when the login is unknown, disabled or has no password, so that every failed sign-in costs
# the same Argon2 work: a fast "no such user" would tell a guesser which logins exist.
_DUMMY_HASH = _hasher.hash("supportdesk: no such account")


def check_password_rules(password: str) -> None:
    """Raise Invalid when `password` may not be set (too short, too long, spaces around it)."""
    if len(password) < MIN_PASSWORD:
        raise Invalid("password", msg("at least {count} characters", count=MIN_PASSWORD))
    if len(password) > MAX_PASSWORD:
        raise Invalid("password", msg("at most {limit} characters", limit=MAX_PASSWORD))
    if password.strip() != password:
        raise Invalid("password", msg("no spaces at the start or end"))


def hash_password(password: str) -> str:
    """The Argon2id hash of a password that meets the rules (Invalid if it does not)."""
    check_password_rules(password)
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches `password_hash`; with no hash, the same work is done and False returned."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password[: MAX_PASSWORD * 4]) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's (re-hash it on the next sign-in)."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def login_digest(key: str) -> str:
    """What the sign-in throttle stores for a normalised login: a digest, so a password typed as a login is not
    kept in the clear."""
    return hashlib.sha256(b"supportdesk sign-in\x00" + key.encode("utf-8")).hexdigest()
