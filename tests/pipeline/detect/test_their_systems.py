"""A system the buyer runs for other work, or asks ours to be wired to, is their set-up, not a
rival: not a competitor tag on the call, not a row of the dashboard's competitors, not a filter
option; a rival named in the same call still is.

Why: a new user's walk on a van tracker found "Does it talk to our booking system? We use
Despatchly for the jobs" and "Does it link with our PMR? We're on ProScript Connect." counted as
competitors on the dashboard, the home page's filter and the theme pages. The calls here are
other trades' (a vet practice, a salon group, a warehouse), with invented names, ingested and
analysed on the real embedder and SQLite.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.cluster.rivals import known_competitors
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.dashboard import competitor_mentions
from pipeline.detect.competitors import find_competitors
from pipeline.ingest.paths import ingest_paths
from pipeline.store.models import Call, Mention
from pipeline.workspace import Workspace

# Our product in these calls: staff rotas, for any trade.
PROFILE = ProductProfile(
    name="Shiftloft",
    pitch="Staff rotas, shift swaps and time clocking for clinics, salons and warehouses.",
    pricing=["£3 per staff member per month."],
    plans=[],
    features=["Staff swap shifts in the app and managers approve in one tap."],
    integrations=["Approved hours go to Xero payroll."],
    security=[],
    onboarding=[],
    proof_points=[],
)

# Each call: a system of theirs asked to be wired to ours, and a rival weighed or run.
WIRED_CALLS = {
    "ashvale_vets.txt": [
        "Priya Nair: Thanks for making time. Where are the rotas today?",
        "Tom Ellery: On a whiteboard in the prep room, mostly. Does it link with our practice"
        " system? We're on VetNexa Cloud.",
        "Priya Nair: There's a CSV import today.",
        "Tom Ellery: Fine. We also looked at RotaHarbour last spring, it was cheaper.",
    ],
    "gloss_and_co.txt": [
        "Priya Nair: How do you book the stylists' shifts?",
        "Mia Grant: By text, which is chaos. Will it sync with our till? We use Saloniq at the"
        " desk.",
        "Priya Nair: Not natively yet.",
        "Mia Grant: Honestly we trialled ShiftPebble, the girls liked the app.",
    ],
    "northdock_storage.txt": [
        "Priya Nair: What runs the warehouse day to day?",
        "Dev Patel: We run PalletMind. Can yours talk to it? The pickers' hours start there.",
        "Priya Nair: Through the open API, yes.",
        "Dev Patel: We're tied into Clockrail until June, so nothing moves before then.",
    ],
}
WIRED_RIVALS = {"RotaHarbour", "ShiftPebble", "Clockrail"}
THEIR_SYSTEMS = {"VetNexa Cloud", "Saloniq", "PalletMind"}

# With our profile known: a system kept for other work, and a rival kept for ours.
PURPOSE_CALLS = {
    "brook_lane_vets.txt": [
        "Priya Nair: What do you use today?",
        "Ana Lucas: We use Petrova Records for the patient histories, and we're on Rotafox for"
        " the rotas.",
    ],
    "lumen_salon.txt": [
        "Priya Nair: And the appointments?",
        "Kay Osei: We use Bookwren for the client bookings. Clockfly does the shift swaps, but"
        " Clockfly charges per stylist.",
    ],
    "cargo_yard.txt": [
        "Priya Nair: How do the loaders clock in?",
        "Sam Ruiz: We use Yardlist for the stock counts. We pay Tallyshift about ninety a"
        " month for the time clocking.",
    ],
}
PURPOSE_RIVALS = {"Rotafox", "Clockfly", "Tallyshift"}
OTHER_WORK = {"Petrova Records", "Bookwren", "Yardlist"}


def _ingest(ws: Workspace, folder: Path, calls: dict[str, list[str]]) -> None:
    folder.mkdir()
    rows = ["file,date,account,outcome,our_speakers,competitors,industry"]
    for day, (name, lines) in enumerate(calls.items(), start=1):
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        account = name.removesuffix(".txt").replace("_", " ").title()
        rows.append(f"{name},2026-03-0{day},{account},open,Priya Nair,,Services")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    ingest_paths(ws, [folder], manifest=folder / "manifest.csv")


def _named(ws: Workspace) -> tuple[dict[str, set[str]], dict[str, int], list[str]]:
    """Each call's competitors by its file, the dashboard's calls per rival, the filter's."""
    with ws.session() as db:
        rows = db.execute(
            select(Call.filename, Mention.competitor)
            .join(Mention, Mention.call_id == Call.id)
            .where(Mention.kind == "competitor")
        )
        by_call: dict[str, set[str]] = {}
        for source, rival in rows:
            by_call.setdefault(Path(str(source)).name, set()).add(str(rival))
        board = {row.name: row.calls for row in competitor_mentions(db)}
        return by_call, board, known_competitors(db)


def test_a_system_they_ask_ours_to_talk_to_is_no_competitor(
    workspace: Workspace, tmp_path: Path
) -> None:
    """No profile needed: the ask to be wired to it says what the name is."""
    _ingest(workspace, tmp_path / "calls", WIRED_CALLS)
    by_call, board, filters = _named(workspace)
    assert by_call == {
        "ashvale_vets.txt": {"RotaHarbour"},
        "gloss_and_co.txt": {"ShiftPebble"},
        "northdock_storage.txt": {"Clockrail"},
    }
    assert board == dict.fromkeys(WIRED_RIVALS, 1)
    assert set(filters) == WIRED_RIVALS


def test_a_system_kept_for_other_work_than_ours_is_no_competitor(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Our profile says what we do: "for the patient histories" is other work, "for the rotas"
    and "for the time clocking" ours."""
    with workspace.session() as db:
        set_profile(db, PROFILE)
    _ingest(workspace, tmp_path / "calls", PURPOSE_CALLS)
    by_call, board, filters = _named(workspace)
    assert by_call == {
        "brook_lane_vets.txt": {"Rotafox"},
        "lumen_salon.txt": {"Clockfly"},
        "cargo_yard.txt": {"Tallyshift"},
    }
    assert board == dict.fromkeys(PURPOSE_RIVALS, 1)
    assert set(filters) == PURPOSE_RIVALS


WORK = (PROFILE.pitch, *PROFILE.features)


@pytest.mark.parametrize(
    ("before", "sentence"),
    [
        # wired to ours, asked before or after the name, by the buyer or the rep
        ("Does it talk to our booking system?", "We use Despatchly."),
        ("Can yours connect to the kennel software?", "We're on Pawbase."),
        ("", "We're on Ledgerly Hub. Would it sync with it?"),
        ("Would it need to link with your job sheets?\n", "Yes, we use Fixplanr."),
        # kept for back-office work, asked about just before
        ("What about payroll?", "We use Paywick."),
    ],
)
def test_a_wired_or_back_office_system_is_no_rival_without_a_profile(
    before: str, sentence: str
) -> None:
    first = sentence.split(". ")[0]
    assert find_competitors(first, [], around=f"{before} {sentence}") == []


@pytest.mark.parametrize(
    ("before", "sentence", "rival"),
    [
        # weighed or chosen, whatever it is wired to
        ("Does it talk to our tills?", "We looked at Rotabird.", "Rotabird"),
        # run for our work: the ask names our kind of system, the purpose our work
        ("Does it link with our rota app?", "We use Rosterly.", "Rosterly"),
        ("", "We use Swapdeck for the shift swaps.", "Swapdeck"),
        # a "for" that tells how long or why
        ("", "We've used Clockwell for three years.", "Clockwell"),
        ("", "We stayed with Rotamint for the price.", "Rotamint"),
        # no purpose, nothing wired: the incumbent stays a rival
        ("", "We're tied into Staffweave until May.", "Staffweave"),
    ],
)
def test_a_rival_kept_for_our_work_or_weighed_stays_one(
    before: str, sentence: str, rival: str
) -> None:
    """Guards: these were rivals before and stay so with our profile known."""
    found = find_competitors(sentence, [], around=f"{before} {sentence}", work=WORK)
    assert [h.name for h in found] == [rival]


def test_a_system_for_other_work_needs_our_profile_to_tell() -> None:
    """Without the profile, "for the patient histories" might be our work: the name stays."""
    sentence = "We use Petrova Records for the patient histories."
    assert [h.name for h in find_competitors(sentence, [])] == ["Petrova Records"]
    assert find_competitors(sentence, [], work=WORK) == []
