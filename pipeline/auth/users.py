"""Users, their passwords (argon2id) and API tokens (stored as SHA-256, shown once)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.auth.roles import ADMIN, checked_roles
from pipeline.errors import BadInput, Conflict, NotFound
from pipeline.store.models import ApiToken, User, utcnow

NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD_CHARS = 8
TOKEN_PREFIX = "cm_"
TOUCH_EVERY = dt.timedelta(minutes=5)


class UserRead(BaseModel):
    name: str
    roles: list[str]
    disabled: bool
    has_password: bool
    tokens: int
    created_at: dt.datetime


def default_hasher() -> PasswordHasher:
    """argon2id at the library's current recommended cost (RFC 9106's low-memory profile)."""
    return PasswordHasher()


@cache
def _hasher() -> PasswordHasher:
    return default_hasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so both cases take the same time."""
    return _hasher().hash(secrets.token_urlsafe(16))


def read(user: User) -> UserRead:
    return UserRead(
        name=user.name,
        roles=list(user.roles),
        disabled=user.disabled,
        has_password=user.password_hash is not None,
        tokens=len(user.tokens),
        created_at=user.created_at,
    )


def any_users(db: Session) -> bool:
    return db.scalar(select(User.id).limit(1)) is not None


def list_users(db: Session) -> list[UserRead]:
    return [read(u) for u in db.scalars(select(User).order_by(User.name))]


def get_user(db: Session, name: str) -> User:
    user = db.scalar(select(User).where(func.lower(User.name) == name.strip().lower()))
    if user is None:
        raise NotFound(f"no user named {name!r}")
    return user


def active_user(db: Session, user_id: int) -> User | None:
    user = db.get(User, user_id)
    return user if user is not None and not user.disabled else None


def _hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise BadInput(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    return _hasher().hash(password)


def add_user(db: Session, name: str, roles: Iterable[str], *, password: str | None = None) -> User:
    """A new user; names are unique whatever their case."""
    name = name.strip()
    if not NAME_RE.fullmatch(name):
        raise BadInput("a user name is 1-64 letters, digits or . _ @ - (starting with one)")
    wanted = checked_roles(roles)
    if not wanted:
        raise BadInput("give the user at least one role")
    if db.scalar(select(User.id).where(func.lower(User.name) == name.lower())) is not None:
        raise Conflict(f"a user named {name!r} already exists")
    user = User(
        name=name,
        roles=wanted,
        password_hash=_hash_password(password) if password is not None else None,
    )
    db.add(user)
    db.flush()
    return user


def _is_last_admin(db: Session, user: User) -> bool:
    if ADMIN not in user.roles or user.disabled:
        return False
    admins = [
        u for u in db.scalars(select(User).where(User.disabled.is_(False))) if ADMIN in u.roles
    ]
    return len(admins) == 1


def update_user(
    db: Session,
    name: str,
    *,
    roles: Iterable[str] | None = None,
    password: str | None = None,
    disabled: bool | None = None,
) -> User:
    """Change roles, password or the disabled flag; a new password signs out every session."""
    user = get_user(db, name)
    new_roles = checked_roles(roles) if roles is not None else list(user.roles)
    if roles is not None and not new_roles:
        raise BadInput("give the user at least one role")
    losing_admin = ADMIN not in new_roles or bool(disabled)
    if losing_admin and _is_last_admin(db, user):
        raise Conflict(f"{user.name} is the last admin: make someone else admin first")
    user.roles = new_roles
    if password is not None:
        user.password_hash = _hash_password(password)
        user.session_version += 1
    if disabled is not None:
        user.disabled = disabled
    db.flush()
    return user


def remove_user(db: Session, name: str) -> None:
    user = get_user(db, name)
    if _is_last_admin(db, user):
        raise Conflict(f"{user.name} is the last admin: make someone else admin first")
    db.delete(user)
    db.flush()


def authenticate(db: Session, name: str, password: str) -> User | None:
    """The user when the name and password match an enabled user, else None."""
    user = db.scalar(select(User).where(func.lower(User.name) == name.strip().lower()))
    stored = user.password_hash if user is not None and not user.disabled else None
    try:
        _hasher().verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or stored is None:
        return None
    if _hasher().check_needs_rehash(stored):
        user.password_hash = _hasher().hash(password)
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(db: Session, name: str) -> str:
    """A new API token for the user: returned once, only its hash is kept."""
    user = get_user(db, name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.add(ApiToken(user_id=user.id, token_hash=_token_hash(token), prefix=token[:10]))
    db.flush()
    return token


def revoke_tokens(db: Session, name: str) -> int:
    user = get_user(db, name)
    count = len(user.tokens)
    user.tokens.clear()
    db.flush()
    return count


def user_for_token(db: Session, token: str) -> User | None:
    """The enabled user holding ``token`` (looked up by hash: no timing leak on the secret)."""
    row = db.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if row is None:
        return None
    user = active_user(db, row.user_id)
    now = utcnow()
    if user is not None and (row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY):
        row.last_used_at = now  # not on every call: a write per request would queue writers
    return user
