"""CLI commands: users (add, list, roles, password, remove, API tokens) and erasing an account."""

from __future__ import annotations

import enum
import getpass
import sys
from typing import Annotated

import typer
from rich.table import Table

from api.cli_app import app, console, open_workspace, print_json
from pipeline.auth import ROLES
from pipeline.auth import users as service
from pipeline.calls.erasure import erase_account

users_app = typer.Typer(
    help="Who may sign in to the web UI and call the API, with which roles.",
    no_args_is_help=True,
)
app.add_typer(users_app, name="users")

RoleChoice = enum.StrEnum("RoleChoice", {name: name for name in ROLES})  # type: ignore[misc]
RolesOption = Annotated[
    list[RoleChoice],
    typer.Option("--role", "-r", help="A role (repeat for several): " + ", ".join(ROLES) + "."),
]
PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from standard input (one line)."),
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@users_app.command("add")
def add(
    name: str,
    role: RolesOption,
    password_stdin: PasswordStdin = False,
    no_password: Annotated[
        bool, typer.Option("--no-password", help="An API-token-only user (cannot sign in).")
    ] = False,
) -> None:
    """Add a user; the first one turns sign-in on for the web UI and the API."""
    password = None if no_password else _password(password_stdin)
    with open_workspace() as workspace, workspace.session() as db:
        user = service.add_user(db, name, [r.value for r in role], password=password)
        console.print(f"added {user.name} ({', '.join(user.roles)})", highlight=False)


@users_app.command("list")
def list_users(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The users, their roles and how many API tokens each holds."""
    with open_workspace() as workspace, workspace.session() as db:
        users = service.list_users(db)
    if as_json:
        print_json([u.model_dump(mode="json") for u in users])
        return
    table = Table("name", "roles", "password", "tokens", "disabled", "created")
    for u in users:
        table.add_row(
            u.name,
            ", ".join(u.roles),
            "yes" if u.has_password else "no",
            str(u.tokens),
            "yes" if u.disabled else "",
            u.created_at.strftime("%Y-%m-%d"),
        )
    console.print(table)


@users_app.command("roles")
def roles(name: str, role: RolesOption) -> None:
    """Replace a user's roles."""
    with open_workspace() as workspace, workspace.session() as db:
        user = service.update_user(db, name, roles=[r.value for r in role])
        console.print(f"{user.name}: {', '.join(user.roles)}", highlight=False)


@users_app.command("password")
def password(name: str, password_stdin: PasswordStdin = False) -> None:
    """Set a new password (the user's open sessions are signed out)."""
    new = _password(password_stdin)
    with open_workspace() as workspace, workspace.session() as db:
        user = service.update_user(db, name, password=new)
        console.print(f"new password set for {user.name}", highlight=False)


@users_app.command("remove")
def remove(name: str) -> None:
    """Remove a user and their API tokens."""
    with open_workspace() as workspace, workspace.session() as db:
        service.remove_user(db, name)
        console.print(f"removed {name}", highlight=False)


@users_app.command("token")
def token(
    name: str,
    revoke: Annotated[bool, typer.Option("--revoke", help="Revoke all the user's tokens.")] = False,
) -> None:
    """Issue a new API token (printed once; only its hash is kept), or revoke them all."""
    with open_workspace() as workspace, workspace.session() as db:
        if revoke:
            console.print(f"revoked {service.revoke_tokens(db, name)} token(s)", highlight=False)
            return
        issued = service.issue_token(db, name)
    sys.stdout.write(issued + "\n")


@app.command()
def purge(
    account: Annotated[str, typer.Option("--account", help="The account to erase.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Erase an account's calls and everything derived from them (recorded for admins)."""
    if not yes:
        typer.confirm(f"Erase every call of {account!r} and what was made from them?", abort=True)
    with open_workspace() as workspace:
        done = erase_account(workspace, account, actor=f"cli:{getpass.getuser()}")
    if as_json:
        print_json(done.model_dump(mode="json"))
        return
    items = [(k.replace("_", " "), v) for k, v in done.counts.items() if k != "complete"]
    counts = ", ".join(f"{k} {v}" for k, v in items)
    console.print(f"erased {done.account} (erasure {done.id}): {counts}", highlight=False)
