"""A comparison asked for without a competitor names the rivals on file, the one buyers mention
most first, in the CLI, the API's 422 and the web form (walk 3: "needs a competitor's name" and
nothing to pick from)."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.workspace import Workspace
from tests.conftest import Cli, app_client
from tests.samples import write

# Three trades, each call naming its rival as often as the order below needs: Kennelwise on
# three buyer lines, Rackline on two, Ledgerly on one; Tillbook only listed on a call's record.
VETS = (
    b"Nora Pike: Thanks for having me, Gail. How do you book the dental slots now?\n"
    b"Gail Moss: We're on Kennelwise and the reminders keep going out twice.\n"
    b"Nora Pike: That sounds painful.\n"
    b"Gail Moss: Kennelwise charges us per vet, which hurts with four locums.\n"
    b"Nora Pike: Understood.\n"
    b"Gail Moss: Honestly Kennelwise is cheaper than you at our size.\n"
)
WAREHOUSE = (
    b"Nora Pike: Morning Imran, how are pallets tracked today?\n"
    b"Imran Shah: Rackline does the bay labels, but nobody trusts the counts.\n"
    b"Nora Pike: Got it.\n"
    b"Imran Shah: Rackline's contract runs until March, so we can't move before then.\n"
)
ACCOUNTANTS = (
    b"Nora Pike: Hi Priti, how do the partners track billable hours?\n"
    b"Priti Rao: Ledgerly has the timesheets, but the year-end rush still breaks us.\n"
)


def _ingest(cli: Cli, tmp_path: Path) -> None:
    for name, text, rivals in (
        ("vets.txt", VETS, "Kennelwise"),
        ("warehouse.txt", WAREHOUSE, "Rackline,Tillbook"),
        ("accountants.txt", ACCOUNTANTS, "Ledgerly"),
    ):
        path = write(tmp_path, name, text)
        result = cli("ingest", path, "--our-speakers", "Nora Pike", "--competitors", rivals)
        assert result.exit_code == 0, result.output


def _listed(reason: str) -> list[str]:
    found = re.search(r"most mentioned first, are ([^.]+)\.", " ".join(reason.split()))
    assert found, reason
    return found.group(1).split(", ")


def test_a_comparison_without_a_competitor_lists_the_rivals_on_file(
    cli: Cli, tmp_path: Path
) -> None:
    _ingest(cli, tmp_path)
    refused = cli("generate", "--type", "comparison", "--offline")
    assert refused.exit_code == 1
    assert "needs a competitor's name" in refused.output
    assert _listed(refused.output) == ["Kennelwise", "Rackline", "Ledgerly", "Tillbook"]

    workspace = Workspace(cli.settings())
    try:
        with app_client(workspace) as client:
            problem = client.post("/api/documents", json={"type": "comparison"})
            assert problem.status_code == 422
            assert _listed(problem.json()["detail"]) == _listed(refused.output)
            sent = {"doc_type": "comparison", "generator": "offline"}
            back = client.post("/generate", data=sent, follow_redirects=True)
            assert 'aria-invalid="true"' in back.text
            form = back.text.split('id="competitor-error"', 1)[1].split("</p>", 1)[0]
            assert "Kennelwise, Rackline, Ledgerly, Tillbook" in form
    finally:
        workspace.close()


def test_with_no_rival_on_file_it_says_none_is(cli: Cli, tmp_path: Path) -> None:
    path = write(
        tmp_path, "salon.txt", b"Nora Pike: Hi Rosa.\nRosa Lin: Half our colour bookings no-show.\n"
    )
    assert cli("ingest", path, "--our-speakers", "Nora Pike").exit_code == 0
    refused = cli("generate", "--type", "comparison", "--offline")
    assert refused.exit_code == 1 and "none is on file yet" in refused.output
