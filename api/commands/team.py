"""CLI commands: the team roster (``callmine team add/list/remove``)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.cli_app import app, console, open_workspace, print_json
from pipeline.ingest import team as service
from pipeline.ingest.rep_memory import learned_on_calls

team_app = typer.Typer(
    help="Our people: anyone on the team is a rep on every call uploaded after.",
    no_args_is_help=True,
)
app.add_typer(team_app, name="team")


@team_app.command("add")
def team_add(
    name: Annotated[str, typer.Argument(help="Full name as it appears on calls.")],
    company: Annotated[str | None, typer.Option(help="Our company's name.")] = None,
) -> None:
    """Put someone on the team."""
    with open_workspace() as workspace, workspace.session() as db:
        member = service.add_member(db, name, company=company)
    at = f" ({member.company})" if member.company else ""
    console.print(f"{member.name}{at} is on the team (id {member.id})", highlight=False)


@team_app.command("list")
def team_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Everyone on the team."""
    with open_workspace() as workspace, workspace.session() as db:
        members = service.list_members(db)
        on_roster = {m.name.casefold() for m in members}
        remembered = [n for n in service.named_on_calls(db) if n.casefold() not in on_roster]
        told = on_roster | {n.casefold() for n in remembered}
        learned = [n for n in learned_on_calls(db) if n.casefold() not in told]
    if as_json:
        print_json([m.model_dump() for m in members])
        return
    table = Table(title=f"team ({len(members)})")
    for column in ("id", "name", "company"):
        table.add_column(column)
    for m in members:
        table.add_row(str(m.id), m.name, m.company or "")
    console.print(table)
    if remembered:
        console.print(
            "Also ours on every upload, as earlier calls named them ours (our_speakers): "
            + ", ".join(remembered)
            + ". A call that got one wrong: callmine call-update ID --role 'Name=buyer'.",
            highlight=False,
        )
    if learned:
        console.print(
            "Ours on later calls where their file does not say, as an earlier call's file placed "
            "them on our side (an address on our domain, an internal flag): "
            + ", ".join(learned)
            + ".",
            highlight=False,
        )


@team_app.command("remove")
def team_remove(
    member: Annotated[str, typer.Argument(help="Name or id of the team member.")],
) -> None:
    """Take someone off the team (calls already stored keep their roles)."""
    key: int | str = int(member) if member.isdigit() else member
    with open_workspace() as workspace, workspace.session() as db:
        removed = service.remove_member(db, key)
    console.print(f"{removed.name} is no longer on the team", highlight=False)
