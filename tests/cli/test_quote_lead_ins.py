"""A name before a quote on the same line of a note (``- Lucy: "…"``) is no note of its own
where a user reads the call: ``call-show``, ``utterances`` and the call page show the quote under
its speaker's name, and the lead-in is marked ``lead_in`` with no kind (walk 3: "Lucy:" was
listed as a rep's note, kind other 0.99). It stays stored in its place, so every later sentence
keeps its address."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.workspace import Workspace
from tests.conftest import Cli, app_client
from tests.samples import write

NOTES = {
    "vets.md": (
        "# Larkspur Vets - discovery\nDate: 2026-05-04\n"
        "Attendees: Nora Pike (Pawplan); Gail Moss, Owen Reyes (Larkspur Vets)\n\n"
        "- Three vets, one nurse on reception.\n"
        '- Owen: "If the reminders can\'t go by text, the owners will never read them."\n'
        "- Owen is away at a conference in June.\n",
        "Owen:",
        "If the reminders can't go by text, the owners will never read them.",
    ),
    "salon.md": (
        "# Curl Up Salon - call notes\nDate: 2026-05-05\n"
        "Attendees: Nora Pike (Chairly); Rosa Lin (Curl Up Salon)\n\n"
        "* Four chairs, two part-time stylists.\n"
        "* Rosa: “Half our colour bookings never turn up and we still pay the stylist.”\n"
        "* Sent the deposits page.\n",
        "Rosa:",
        "Half our colour bookings never turn up and we still pay the stylist.",
    ),
    "accountants.md": (
        "# Pennant & Vale - intro\nDate: 2026-05-08\n"
        "Attendees: Nora Pike (Ledgerlight); Priti Rao (Pennant & Vale)\n\n"
        "- Twelve partners, payroll for 300 clients.\n"
        '- Priti Rao: "We can\'t take on a new system before the January tax deadline."\n'
        "- Follow up after 31 January.\n",
        "Priti Rao:",
        "We can't take on a new system before the January tax deadline.",
    ),
}


@pytest.mark.parametrize("filename", sorted(NOTES))
def test_a_quotes_lead_in_is_shown_with_its_quote(cli: Cli, tmp_path: Path, filename: str) -> None:
    text, lead_in, quote = NOTES[filename]
    path = write(tmp_path, filename, text.encode())
    assert cli("ingest", path).exit_code == 0
    rows = cli.json("utterances", "--call", "1")
    [led] = [row for row in rows if row["text"] == lead_in]  # still stored in its place
    assert led["lead_in"] is True and led["kinds"] == [] and led["sentences"] == []
    [said] = [row for row in rows if row["text"] == quote]
    assert said["role"] == "buyer" and said["seq"] == led["seq"] + 1 and not said["lead_in"]
    assert not any(row["lead_in"] for row in rows if row is not led)

    shown = cli("call-show", "1").output
    assert quote in " ".join(shown.split()) and f"(rep_note): {lead_in}" not in shown
    table = cli("utterances", "--call", "1").output
    assert quote.split()[0] in table and f" {lead_in} " not in f" {' '.join(table.split())} "

    workspace = Workspace(cli.settings())
    try:
        with app_client(workspace) as client:
            page = client.get("/calls/1").text
    finally:
        workspace.close()
    assert f'id="u{led["id"]}"' not in page and f'id="u{said["id"]}"' in page
