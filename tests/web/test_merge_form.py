"""The merge form says which name the merged theme keeps when the user picks none (review 27
item 5): the name typed on the theme merged into, else the one typed on the other, else a new
name from all its quotes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from pipeline.cluster import edits
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace


def _form(client: TestClient, workspace: Workspace, typed: tuple[bool, bool]) -> str:
    with workspace.session() as session:
        themes = [
            Cluster(kind="objection", name=name, auto_name=name, status="active")
            for name in ("Berth fees", "Winter storage")
        ]
        session.add_all(themes)
        session.flush()
        for theme, rename in zip(themes, typed, strict=True):
            if rename:
                edits.rename_cluster(session, theme.id, f"{theme.name} (typed)")
        session.commit()
        ids = [theme.id for theme in themes]
    return " ".join(client.get(f"/clusters/{ids[0]}/merge", params={"other": ids[1]}).text.split())


def test_the_form_names_this_themes_typed_name_as_kept(
    client: TestClient, workspace: Workspace
) -> None:
    page = _form(client, workspace, (True, True))
    assert "“Berth fees (typed)”, the name typed on this theme" in page


def test_the_form_names_the_other_themes_typed_name_as_kept(
    client: TestClient, workspace: Workspace
) -> None:
    page = _form(client, workspace, (False, True))
    assert "“Winter storage (typed)”, the name typed on the theme merged in" in page


def test_the_form_says_a_new_name_when_none_was_typed(
    client: TestClient, workspace: Workspace
) -> None:
    page = _form(client, workspace, (False, False))
    assert "A new name from all its quotes (neither name was typed)" in page
