"""CLI commands: the product profile (``callmine product set FILE`` / ``callmine product show``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli_app import app, console, open_workspace, print_json
from pipeline.content import profile as service
from pipeline.errors import NotFound

product_app = typer.Typer(
    help="Our product, described once: the facts about us documents may cite as [Pn].",
    no_args_is_help=True,
)
app.add_typer(product_app, name="product")


@product_app.command("set")
def product_set(
    file: Annotated[
        Path, typer.Argument(help="A TOML or JSON profile (examples/product_profile.toml).")
    ],
    author: Annotated[str, typer.Option(help="Recorded as the version's author.")] = "cli",
) -> None:
    """Save the product profile from a file as a new version."""
    with open_workspace() as workspace, workspace.session() as db:
        data = service.read_profile_file(file)
        saved = service.set_profile(db, data, author=author)
        facts = len(service.profile_facts(saved.profile))
    console.print(
        f"product profile {saved.profile.name}: version {saved.version}, {facts} facts",
        highlight=False,
    )


@product_app.command("show")
def product_show(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The current product profile, its facts numbered as documents cite them."""
    with open_workspace() as workspace, workspace.session() as db:
        current = service.current_profile(db)
        if current is None:
            raise NotFound("no product profile yet: `callmine product set FILE`")
    if as_json:
        print_json(current.model_dump(mode="json"))
        return
    p = current.profile
    console.print(f"[bold]{p.name}[/bold] (version {current.version})", highlight=False)
    if p.pitch:
        console.print(p.pitch, highlight=False)
    for fact in service.profile_facts(p):
        console.print(
            f"[P{fact.id}] {service.SECTIONS[fact.section]}: {fact.text}", highlight=False
        )
    if p.cta:
        console.print(f"call to action: {p.cta}", highlight=False)
