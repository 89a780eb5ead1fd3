"""The roles a user may hold and what each one allows; ``admin`` may do everything."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.errors import BadInput

ADMIN = "admin"
ROLES: dict[str, str] = {
    "marketing": "upload calls, edit clusters, generate and edit content, send it for review",
    "sales": "review content, comment, the sales accuracy check, approve or request changes",
    ADMIN: "everything, plus users, deleting calls and erasing an account",
}


def allows(held: Iterable[str], needed: Iterable[str]) -> bool:
    """True when ``held`` has any of the ``needed`` roles (none needed: any signed-in user)."""
    held_set, needed_set = set(held), set(needed)
    return ADMIN in held_set or not needed_set or bool(held_set & needed_set)


def checked_roles(roles: Iterable[str]) -> list[str]:
    """Known roles, each once, sorted; an unknown one is a ``BadInput``."""
    wanted = sorted({role.strip().lower() for role in roles if role.strip()})
    unknown = [role for role in wanted if role not in ROLES]
    if unknown:
        raise BadInput(f"unknown role {', '.join(unknown)} (known: {', '.join(ROLES)})")
    return wanted
