"""Create, change and sign in staff accounts, with lockout after repeated failures."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select, update

from coprod.extensions import db
from coprod.models import Role, Trust, User
from coprod.models.base import utcnow
from coprod.services import audit
from coprod.services.passwords import (
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)


class AccountError(ValueError):
    """An account change was refused; the message is safe to show to the person."""


SHARED_ACCOUNT = (
    "This account also belongs to a trust you do not manage, so only an admin of all its "
    "trusts can change its role, name, password or whether it can sign in. You can take it "
    "out of your own trusts."
)


def normalise_email(email: str) -> str:
    """Return the e-mail address in the form it is stored and compared in."""
    try:
        result = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise AccountError(f"Enter a valid e-mail address ({exc})") from None
    return result.normalized.lower()


def parse_role(value: str) -> Role:
    """Return the role named by value, or refuse with the list of roles."""
    try:
        return Role(value.strip().lower())
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise AccountError(f"Unknown role {value!r}: choose one of {names}") from None


def trusts_by_code(codes: Iterable[str]) -> list[Trust]:
    """Return the trusts with these codes, or refuse naming any that do not exist."""
    wanted = [c.strip().upper() for c in codes if c.strip()]
    if not wanted:
        raise AccountError("Give at least one trust: every account belongs to a trust")
    found = db.session.scalars(select(Trust).where(Trust.code.in_(wanted))).all()
    missing = sorted(set(wanted) - {t.code for t in found})
    if missing:
        raise AccountError(f"Unknown trust code: {', '.join(missing)}")
    return list(found)


def find_user(email: str) -> User | None:
    """Return the account with this e-mail address, if any."""
    try:
        email = normalise_email(email)
    except AccountError:
        return None
    return db.session.scalar(select(User).where(func.lower(User.email) == email))


def create_user(
    *,
    email: str,
    password: str,
    role: Role,
    trusts: list[Trust],
    name: str = "",
    actor: User | None = None,
) -> User:
    """Add a new account to the session after checking every rule; the caller commits.

    An account an admin makes (actor given) must change the password at its first sign-in,
    as the admin typed it; one made at the command line or by the demo data need not.
    """
    _may_grant(role, actor)
    email = normalise_email(email)
    existing = find_user(email)
    if existing is not None:
        # Say that it exists only to someone who may see it (the command line may see all).
        if actor is None or existing.trust_ids <= actor.trust_ids:
            raise AccountError(f"An account with the e-mail address {email} already exists")
        raise AccountError(
            "This e-mail address cannot be used for a new account here. If the person already "
            "works with another trust, ask that trust's admin or the network's admin to add "
            "your trust to their account."
        )
    problems = password_problems(password, email)
    if problems:
        raise AccountError("; ".join(problems))
    if not trusts:
        raise AccountError("Give at least one trust: every account belongs to a trust")
    user = User(
        email=email,
        name=name.strip(),
        password_hash=hash_password(password),
        role=role,
        trusts=list(trusts),
        session_token=secrets.token_hex(16),
        must_change_password=actor is not None,
    )
    db.session.add(user)
    db.session.flush()
    audit.record(
        actor,
        "user.create",
        user,
        email=email,
        role=role.value,
        trusts=sorted(t.code for t in trusts),
    )
    return user


def set_password(user: User, password: str, *, actor: User | None) -> None:
    """Change an account's password and end its other sessions; the caller commits.

    An admin may set it only for accounts whose every trust is one of theirs. A password
    set by an admin must be changed at the next sign-in; one the person chose need not.
    """
    if actor is not None and actor.id != user.id and not user.trust_ids <= actor.trust_ids:
        raise AccountError(SHARED_ACCOUNT)
    problems = password_problems(password, user.email)
    if problems:
        raise AccountError("; ".join(problems))
    user.password_hash = hash_password(password)
    user.session_token = secrets.token_hex(16)
    user.failed_logins = 0
    user.locked_until = None
    user.must_change_password = actor is not None and actor.id != user.id
    audit.record(actor, "user.password", user)


def end_sessions(user: User) -> None:
    """End every sign-in of this account, as signing out does; the caller commits."""
    user.session_token = secrets.token_hex(16)


def change_own_password(user: User, current: str, new: str) -> None:
    """Change a person's own password after checking the current one; the caller commits."""
    if not verify_password(user.password_hash, current):
        raise AccountError("Your current password is not correct")
    if current == new:
        raise AccountError("Choose a new password that is different from the current one")
    set_password(user, new, actor=user)


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a sign-in attempt; a failure never says which part was wrong."""

    user: User | None
    locked: bool = False


def authenticate(email: str, password: str, *, max_failures: int, lock_minutes: int) -> LoginResult:
    """Check a sign-in attempt, counting failures and locking the account after too many."""
    user = find_user(email)
    now = utcnow()
    if user is None:
        verify_password(None, password)
        audit.record(None, "login.failure", actor_email=email.strip()[:254], reason="unknown")
        return LoginResult(None)
    # Count the attempt in the database before checking it, in one statement, so that
    # attempts made at the same moment each get their own number and a burst of them gets
    # no more guesses than one at a time.
    count, locked_until = db.session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins, User.locked_until)
    ).one()
    # Commit the count before the slow password check, so no lock is held while it runs:
    # otherwise a burst of sign-ins queues behind each other's hashing and, on SQLite,
    # runs out of time waiting for the database.
    db.session.commit()
    user = db.session.get(User, user.id)
    if locked_until is not None and locked_until > now:
        verify_password(None, password)
        audit.record(None, "login.failure", user, actor_email=user.email, reason="locked")
        return LoginResult(None, locked=True)
    if count > max_failures:  # others used up the guesses while this one waited
        verify_password(None, password)
        _lock(user, now, lock_minutes)
        audit.record(None, "login.failure", user, actor_email=user.email, reason="locked")
        return LoginResult(None, locked=True)
    if not user.is_enabled or not verify_password(user.password_hash, password):
        reason = "disabled" if not user.is_enabled else "password"
        if count >= max_failures:
            _lock(user, now, lock_minutes)
        audit.record(None, "login.failure", user, actor_email=user.email, reason=reason)
        return LoginResult(None)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    audit.record(user, "login.success", user)
    return LoginResult(user)


def _may_grant(role: Role, actor: User | None) -> None:
    """Refuse to make a network admin unless a network admin (or the command line) asks."""
    if role is Role.NETWORK_ADMIN and actor is not None and actor.role is not Role.NETWORK_ADMIN:
        raise AccountError("Only a network admin can make another network admin")


def _lock(user: User, now, lock_minutes: int) -> None:
    user.locked_until = now + timedelta(minutes=lock_minutes)
    user.failed_logins = 0
    audit.record(None, "user.locked", user, actor_email=user.email)


def update_user(
    user: User,
    *,
    actor: User,
    role: Role,
    is_enabled: bool,
    name: str,
    trusts_in_scope: list[Trust],
) -> None:
    """Change an account's role, status and the trusts the actor can grant; caller commits.

    Memberships of trusts outside the actor's own are kept as they are.
    """
    if user.id == actor.id and (role is not user.role or not is_enabled):
        raise AccountError(
            "You cannot remove your own admin access, change your own role or disable yourself"
        )
    if role is not user.role:
        _may_grant(role, actor)
    outside = [t for t in user.trusts if t.id not in actor.trust_ids]
    new_trusts = outside + [t for t in trusts_in_scope if t.id in actor.trust_ids]
    if outside:
        # A role applies in every trust of the account, so only someone who administers all
        # of them may change it; another trust's admin may only take it out of theirs.
        unchanged = role is user.role and is_enabled == user.is_enabled
        unchanged = unchanged and name.strip() == user.name
        added = {t.id for t in new_trusts} - user.trust_ids
        if not unchanged or added:
            raise AccountError(SHARED_ACCOUNT)
    if not new_trusts:
        raise AccountError("Give at least one trust: every account belongs to a trust")
    before = {
        "role": user.role.value,
        "enabled": user.is_enabled,
        "trusts": sorted(t.code for t in user.trusts),
    }
    user.role = role
    user.name = name.strip()
    if user.is_enabled and not is_enabled:
        user.session_token = secrets.token_hex(16)
    user.is_enabled = is_enabled
    user.trusts = new_trusts
    after = {
        "role": role.value,
        "enabled": is_enabled,
        "trusts": sorted(t.code for t in new_trusts),
    }
    audit.record(actor, "user.update", user, before=before, after=after)


def remove_from_trusts(user: User, *, actor: User) -> None:
    """Take an account out of the actor's trusts, keeping its others; the caller commits."""
    keep = [t for t in user.trusts if t.id not in actor.trust_ids]
    if not keep:
        raise AccountError(
            "This account belongs only to your trusts: disable it instead of removing it"
        )
    before = sorted(t.code for t in user.trusts)
    user.trusts = keep
    audit.record(
        actor, "user.remove_trusts", user, before=before, after=sorted(t.code for t in keep)
    )
