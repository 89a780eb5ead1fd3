"""Who may use callmine: users and roles, API tokens, the session key, sign-in throttling, and
whether sign-in is on at all (a token or any user turns it on)."""

from __future__ import annotations

import ipaddress

from sqlalchemy.orm import Session

from pipeline.auth.roles import ADMIN, ROLES, allows, checked_roles
from pipeline.auth.users import any_users
from pipeline.config import Settings
from pipeline.errors import CallmineError

__all__ = [
    "ADMIN",
    "ROLES",
    "allows",
    "auth_required",
    "check_exposure",
    "checked_roles",
    "is_loopback",
]


def auth_required(settings: Settings, db: Session) -> bool:
    """Sign-in is on when the legacy API token is set or any user exists; otherwise callmine
    is a single-user local tool and every route is open."""
    return settings.api_token is not None or any_users(db)


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve anywhere


def check_exposure(settings: Settings, db: Session, host: str) -> None:
    """Refuse to serve an open callmine beyond this machine unless told to."""
    if is_loopback(host) or auth_required(settings, db) or settings.allow_open:
        return
    raise CallmineError(
        f"refusing to serve on {host} without sign-in: add a user "
        "(`callmine users add NAME --role admin`), set CALLMINE_API_TOKEN, "
        "or set CALLMINE_ALLOW_OPEN=1 to serve it open on purpose"
    )
