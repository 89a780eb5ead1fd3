"""Buyer vs rep: stated roles, our_speakers names, companies, then the heuristic or unknown."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.embed import Embedder
from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.roles import assign_roles, fill_account, name_matches
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import EXAMPLES_DIR, make_settings


def _call(*turns: tuple[str, str | None, str], account: str | None = None) -> ParsedCall:
    utterances = [
        ParsedUtterance(text, speaker, company=company) for speaker, company, text in turns
    ]
    return ParsedCall(format="txt", raw_text="", utterances=utterances, account=account)


def _roles(call: ParsedCall) -> dict[str | None, str]:
    return {u.speaker: u.role for u in call.utterances}


@pytest.mark.parametrize(
    ("speaker", "ours", "expected"),
    [
        ("Maya Chen", "maya chen", True),
        ("Maya", "Maya Chen", True),
        ("MAYA CHEN", "Maya", True),
        ("Maya Patel", "Maya Chen", False),
        ("Dr. Sam Reyes", "dr sam reyes", True),
        ("Sam", "Samantha", False),
        ("Bell, Marcus", "Marcus Bell", True),  # a Teams display name
        ("Bell, Marcus", "Marcus", True),
        ("Bell, Marcus", "Bell Marcus", False),
    ],
)
def test_name_matches(speaker: str, ours: str, expected: bool) -> None:
    assert name_matches(speaker, ours) is expected


def test_our_speakers_make_reps_and_everyone_else_buyers() -> None:
    call = _call(
        ("Maya", None, "Hi!"),
        ("Dana Ruiz", None, "Hello."),
        ("Luis", None, "Hey."),
    )
    assign_roles(call, ["Maya Chen"])
    assert _roles(call) == {"Maya": "rep", "Dana Ruiz": "buyer", "Luis": "buyer"}


def test_stated_roles_and_notes_are_kept() -> None:
    call = _call(("Ops Lead", None, "Can we pay monthly?"), ("Maya", None, "Yes."))
    call.utterances[0].role, call.utterances[0].role_from_source = "buyer", True
    call.utterances.append(ParsedUtterance("Send pricing.", role="rep_note", role_from_source=True))
    assign_roles(call, ["Maya", "Ops Lead"])  # the file's own statement wins over the names
    assert [u.role for u in call.utterances] == ["buyer", "rep", "rep_note"]


def test_company_shared_with_a_named_rep_is_the_seller() -> None:
    call = _call(
        ("Sam Patel", "Tidyhive", "Hello."),
        ("Priya Nair", "Tidyhive", "Hi, I'm the solutions engineer."),
        ("Ken Ito", "Harbor Plumbing", "Hello both."),
    )
    assign_roles(call, ["Sam Patel"])
    assert _roles(call) == {"Sam Patel": "rep", "Priya Nair": "rep", "Ken Ito": "buyer"}


def test_a_speaker_who_says_they_are_ours_is_the_rep() -> None:
    """A phone recording with SPEAKER_00/01: "this is Marcus" (a name on our team) or our
    company in an introduction; the caller asking "is this Dispatchly?" is no rep."""
    call = _call(
        ("SPEAKER_00", None, "Hi, I'm calling about your ad, is this Dispatchly?"),
        ("SPEAKER_01", None, "Yes it is, this is Marcus, how can I help?"),
        ("SPEAKER_00", None, "Honestly the price scares me."),
        ("SPEAKER_01", None, "Our Starter plan is $149 a month."),
    )
    assign_roles(call, ["Marcus Bell"])
    assert _roles(call) == {"SPEAKER_00": "buyer", "SPEAKER_01": "rep"}
    answered = _call(
        ("SPEAKER_00", None, "Dispatchly, you've reached support."),
        ("SPEAKER_01", None, "Hi, it's Angie from Delta Drain Pros, about the trial."),
    )
    assign_roles(answered, [], our_company="Dispatchly")
    assert _roles(answered) == {"SPEAKER_00": "unknown", "SPEAKER_01": "unknown"}
    answered.utterances[0].text = "Thanks for calling Dispatchly, this is support."
    assign_roles(answered, [], our_company="Dispatchly")
    assert _roles(answered) == {"SPEAKER_00": "rep", "SPEAKER_01": "buyer"}
    fill_account(answered, ["Dispatchly"])
    assert answered.account == "Delta Drain Pros"  # the buyer's introduction names it
    for said, account in (
        ("Hi, I run Liu Garage Doors, four trucks.", "Liu Garage Doors"),
        ("I own Reyes Heating and Air.", "Reyes Heating and Air"),
        ("I run the office, so it's me you need.", None),
    ):
        answered.account = None
        answered.utterances[1].text = said
        fill_account(answered, ["Dispatchly"])
        assert answered.account == account, said


def test_the_rep_naming_the_buyers_company_names_the_account() -> None:
    """A Zoom call's rep asked "how you dispatch today at Reyes Heating and Air"; the call had
    no account."""
    call = _call(
        ("Priya Nair", None, "So tell me how you dispatch today at Reyes Heating and Air."),
        ("Tom Reyes", None, "Honestly, a whiteboard and a lot of phone calls."),
        ("Priya Nair", None, "Your data would be hosted at AWS in Ohio."),
    )
    assign_roles(call, ["Priya Nair"])
    fill_account(call, ["Dispatchly"])
    assert call.account == "Reyes Heating and Air"


def test_when_every_speaker_says_an_ours_name_none_is_taken_for_it() -> None:
    """A buyer named Sam beside our Sam Rivera: both "this is Sam" prove nothing."""
    call = _call(
        ("SPEAKER_00", None, "Hi, this is Sam from the clinic."),
        ("SPEAKER_01", None, "Hey, this is Sam, thanks for calling."),
    )
    assign_roles(call, ["Sam Rivera"])
    assert _roles(call) == {"SPEAKER_00": "unknown", "SPEAKER_01": "unknown"}


def test_a_meeting_tools_tag_is_no_company() -> None:
    """Teams' "Sandra Okoye (Guest)" had made "Guest" the account."""
    for tag in ("Guest", "External", "Unverified", "she/her"):
        vtt = (
            "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Bell, Marcus>Thanks for the time.</v>\n\n"
            f"00:00:05.000 --> 00:00:08.000\n<v Sandra Okoye ({tag})>Sure, go ahead.</v>\n"
        )
        call = parse_file(vtt.encode(), "call.vtt")[0]
        assign_roles(call, ["Marcus Bell"])
        fill_account(call)
        assert call.account is None, tag
        assert _roles(call) == {"Marcus Bell": "rep", "Sandra Okoye": "buyer"}  # as people write it


def test_account_company_is_the_buyer_and_our_company_the_seller() -> None:
    call = _call(
        ("Sam Patel", "Tidyhive", "Hello."),
        ("Ken Ito", "Harbor Plumbing", "Hello."),
        account="Harbor Plumbing",
    )
    assign_roles(call, [])
    assert _roles(call) == {"Sam Patel": "unknown", "Ken Ito": "buyer"}
    assign_roles(call, [], our_company="tidyhive")
    assert _roles(call) == {"Sam Patel": "rep", "Ken Ito": "buyer"}


def test_heuristic_names_the_seller_when_the_evidence_is_clear() -> None:
    call = _call(
        ("A", None, "Thanks for taking the time. How are you handling rotas today? What tools?"),
        ("B", None, "We use a whiteboard and our staff text me. I hate it, my team hates it."),
        ("A", None, "Let me show you how our platform builds the rota. Do your staff use phones?"),
        ("B", None, "Most of us do. How much does it cost? We're a small shop."),
    )
    assign_roles(call, [])
    assert _roles(call) == {"A": "rep", "B": "buyer"}


def test_heuristic_leaves_unknown_when_unsure() -> None:
    call = _call(
        ("A", None, "I think we should look at the numbers again before we decide."),
        ("B", None, "I agree, we need our accountant to see it, I will ask her."),
    )
    assign_roles(call, [])
    assert _roles(call) == {"A": "unknown", "B": "unknown"}
    short = _call(("A", None, "Hi."), ("B", None, "Hello there."))
    assign_roles(short, [])
    assert _roles(short) == {"A": "unknown", "B": "unknown"}


def test_assign_roles_is_idempotent_and_improves_with_names() -> None:
    call = _call(
        ("A", None, "I think we should look at the numbers again before we decide."),
        ("B", None, "I agree, we need our accountant to see it, I will ask her."),
    )
    assign_roles(call, [])
    assign_roles(call, ["B"])
    assert _roles(call) == {"A": "buyer", "B": "rep"}
    assign_roles(call, ["B"])
    assert _roles(call) == {"A": "buyer", "B": "rep"}


def test_heuristic_on_the_example_calls_is_never_wrong() -> None:
    """Without names, each example speaker's role is the manifest's answer or unknown."""
    manifest = {r["file"]: r for r in csv.DictReader((EXAMPLES_DIR / "manifest.csv").open())}
    transcripts = [
        p for p in sorted(EXAMPLES_DIR.iterdir()) if p.suffix in {".txt", ".vtt", ".srt", ".json"}
    ]
    if not transcripts:
        pytest.skip("examples/calls not present")
    decided = wrong = 0
    for path in transcripts:
        names = [n for n in manifest.get(path.name, {}).get("our_speakers", "").split(";") if n]
        if not names:
            continue
        [named] = parse_file(path.read_bytes(), path.name, our_speakers=names)
        [guessed] = parse_file(path.read_bytes(), path.name)
        truth = _roles(named)
        for speaker, role in _roles(guessed).items():
            if speaker is None or role in ("unknown", "rep_note"):
                continue
            decided += 1
            wrong += role != truth[speaker]
    assert wrong == 0
    assert decided >= 30


def test_a_speaker_named_in_the_account_and_their_colleague_are_the_buyer() -> None:
    """Otter's three speakers: the firm's named partner, the administrator she introduces as
    "our", and our rep. The administrator, with few questions, had read as a second rep."""
    call = _call(
        ("Priya Shah", None, "Good morning both. Last time Marisol said the firm is growing."),
        ("Marisol Delgado", None, "Yeah. Ken's our firm administrator, he'd run it day to day."),
        ("Ken Alvarez", None, "Hi. So you know where we're at, we have a demo with MyCase."),
        ("Priya Shah", None, "Appreciate you telling me. What matters most to you?"),
        ("Ken Alvarez", None, "Adoption. The partners never logged in to the last system."),
        account="Delgado & Associates",
    )
    assign_roles(call, [])
    assert _roles(call) == {"Priya Shah": "rep", "Marisol Delgado": "buyer", "Ken Alvarez": "buyer"}


def test_the_people_a_speaker_greets_are_the_other_side() -> None:
    """A security review: the buyer's consultant asks "will you sign a BAA?" and our rep answers
    "we sign BAAs"; the phrase heuristic alone had swapped them. The rep's greeting ("Hi Karin,
    hi Mats.") and "Mats is our IT consultant" settle it once the title names the account."""
    turns = (
        ("Jo Park", None, "Hi Karin, hi Mats. Thanks for making time for the security review."),
        ("Karin Lindqvist", None, "Of course. Mats is our IT consultant, he'll ask the hard ones."),
        ("Mats Berg", None, "Will you sign a business associate agreement with us?"),
        (
            "Jo Park",
            None,
            "Yes, we sign them on the Professional plan, and the data stays in the US.",
        ),
        ("Mats Berg", None, "Single sign-on? We don't want another set of passwords."),
        ("Jo Park", None, "SSO is supported, we support every major identity provider."),
    )
    call = _call(*turns)
    assign_roles(call, [], account_hint="Lindqvist Legal")
    assert _roles(call) == {"Jo Park": "rep", "Karin Lindqvist": "buyer", "Mats Berg": "buyer"}
    # No account, no names we know: the greeting still parts the sides once one is known.
    unnamed = _call(*turns)
    assign_roles(unnamed, ["Jo Park"])
    assert _roles(unnamed) == {"Jo Park": "rep", "Karin Lindqvist": "buyer", "Mats Berg": "buyer"}
    greeted = _call(
        ("Ana Ruiz", None, "Hi Ben and Cal, thanks for joining, and Dee from our side is here."),
        ("Ben Ode", None, "Thanks. We use spreadsheets for all of it today."),
        ("Dee Moss", None, "Happy to help with the import when you're ready."),
        ("Cal Ode", None, "How long does an import take for us?"),
    )
    assign_roles(greeted, ["Ana Ruiz"])
    assert _roles(greeted)["Dee Moss"] == "rep"  # "from our side" outweighs the greeting list


def test_a_name_with_our_company_introduces_a_rep() -> None:
    """An SRT's capitals and no roster: "this is Lena with Docketly" is ours, whoever Lena is."""
    call = _call(
        ("LENA ORTIZ", None, "Hi, this is Lena with Docketly, am I speaking with Sean?"),
        ("SEAN BRENNAN", None, "Yes, Sean Brennan, Brennan Immigration Law. Thanks for calling."),
        ("LENA ORTIZ", None, "Of course. What prompted you to fill out the form?"),
    )
    assign_roles(call, [], our_company="Docketly")
    assert _roles(call) == {"LENA ORTIZ": "rep", "SEAN BRENNAN": "buyer"}


def test_a_speaker_naming_themself_with_our_company_is_the_rep() -> None:
    """No roster: "this is Priya, I'm the solutions engineer at PawDesk" and "Derek from
    PawDesk" are ours; the buyer's IT lead ("This is Dana Fischer, she handles our IT") had read
    as the rep and the rep as unknown."""
    call = _call(
        (
            "Raman, Priya",
            None,
            "Good morning, this is Priya, I'm the solutions engineer at PawDesk.",
        ),
        ("Castellano, Marco", None, "Morning. This is Dana Fischer, she handles our IT systems."),
        ("Fischer, Dana", None, "Hi. What's your lab integration story? How do you do that?"),
        (
            "Raman, Priya",
            None,
            "Honest answer, we don't integrate with the in-house analyzers yet.",
        ),
    )
    assign_roles(call, [], our_company="PawDesk")
    assert _roles(call) == {
        "Raman, Priya": "rep",
        "Castellano, Marco": "buyer",
        "Fischer, Dana": "buyer",
    }
    gemini = _call(
        ("Chidi Okafor", None, "Okay, Paul's here too."),
        ("Derek Lund", None, "Morning both, Derek from PawDesk. I sent the quote Tuesday."),
        ("Chidi Okafor", None, "Honestly it's a lot for two locations."),
    )
    assign_roles(gemini, [], our_company="PawDesk")
    assert _roles(gemini) == {"Chidi Okafor": "buyer", "Derek Lund": "rep"}
    # A buyer naming our company beside their own name is no rep.
    asked = _call(
        ("Sam Ode", None, "Hi, this is Sam, I saw PawDesk at the conference."),
        ("Lee Park", None, "Thanks for calling, let me show you around."),
    )
    assign_roles(asked, [], our_company="PawDesk")
    assert _roles(asked)["Sam Ode"] != "rep"


def test_a_colleague_joining_is_the_speakers_side_and_no_company() -> None:
    """Fireflies: "Hi Derek, Marisa is joining too, she does our books." had made "Marisa" the
    account and, read as greeted, a rep."""
    call = _call(
        ("Ellen Sato", None, "Hi Derek, Marisa is joining too, she does our books."),
        ("Derek Lund", None, "Hi Ellen, hi Marisa. Thanks for the time. How do you do it today?"),
        ("Ellen Sato", None, "We've been on ezyVet for two years and we're pretty happy with it."),
        ("Marisa Quinn", None, "Does your invoicing export to QuickBooks Online?"),
        ("Derek Lund", None, "It does, and let me show you how our sync works."),
    )
    assign_roles(call, [], our_company="PawDesk")
    assert _roles(call) == {"Ellen Sato": "buyer", "Derek Lund": "rep", "Marisa Quinn": "buyer"}
    fill_account(call, ["PawDesk"])
    assert call.account is None


@pytest.mark.parametrize(
    ("said", "account"),
    [
        ("Dunmore Veterinary Clinic, this is Carla, how can I help?", "Dunmore Veterinary Clinic"),
        ("Yes, hi. I'm at Bramblewood Pet Clinic, two vets.", "Bramblewood Pet Clinic"),
        ("So, we're on ezyVet now, at Cedar Hollow Vet Clinic.", "Cedar Hollow Vet Clinic"),
        ("Honestly, we are at capacity most days.", None),
        ("Honestly, it's a mess. Every payday I'm chasing timesheets.", None),
        ("Great, it's Dana here.", None),
        ("Acme Plumbing, you've reached Tom.", "Acme Plumbing"),
        ("It's Rob, and Angela's here too from Bright Minds Learning Center.",
         "Bright Minds Learning Center"),
        ("Hi, calling from Oakwood Music Academy about the quote.", "Oakwood Music Academy"),
        ("We moved from Jackrabbit last year.", None),
    ],
)  # fmt: skip
def test_a_buyers_first_words_name_their_business(said: str, account: str | None) -> None:
    """Answering the phone as the clinic, "I'm at ...", "we're ... at ...": five calls of a
    reviewer's had no account though the buyer had said it."""
    call = _call(
        ("SPEAKER_00", None, said),
        ("SPEAKER_01", None, "Hi, this is Maya with PawDesk, returning your call."),
    )
    assign_roles(call, [], our_company="PawDesk")
    assert _roles(call) == {"SPEAKER_00": "buyer", "SPEAKER_01": "rep"}
    fill_account(
        call,
        ["PawDesk"],
    )
    assert call.account == account


def test_a_speaker_told_both_sides_stays_unknown_on_every_run() -> None:
    """Greeted by a rep and by a buyer, Priya had been rep or buyer by the hash seed's whim."""
    from pipeline.ingest.role_relations import settle_sides

    speakers = ["Priya", "Aaron", "Beth"]
    other = {("Priya", "Aaron"), ("Priya", "Beth")}
    assert settle_sides({"Aaron": "rep", "Beth": "buyer"}, speakers, set(), other)[0] == {}
    assert settle_sides({"Aaron": "rep"}, speakers, set(), other)[0] == {
        "Priya": "buyer",
        "Beth": "rep",
    }


# Every utterance's role in the review fixtures, read as each of two of our companies.
_ROLES_SCRIPT = (
    "import json, pathlib\n"
    "from pipeline.ingest import parse_file\n"
    "out = {}\n"
    "for path in sorted(pathlib.Path('tests/fixtures/review').rglob('*.*')):\n"
    "    if path.suffix in ('.json', '.md') and path.parent.name == 'review': continue\n"
    "    if path.name in ('expected.json', 'README.md'): continue\n"
    "    for company in ('Docketly', 'ClassNest'):\n"
    "        calls = parse_file(path.read_bytes(), path.name, our_companies=[company])\n"
    "        out[f'{path.name}/{company}'] = [u.role for c in calls for u in c.utterances]\n"
    "print(json.dumps(out, sort_keys=True))\n"
)


def test_roles_do_not_depend_on_the_hash_seed() -> None:
    """Three hash seeds: two fixed ones in fresh interpreters and this process's own (each
    fresh interpreter pays the package's import, about 3 s of CPU)."""
    import contextlib
    import io
    import os
    import subprocess
    import sys

    seeds = ("1", "2")
    assert os.environ.get("PYTHONHASHSEED") not in seeds  # so the three seeds differ
    runs = {
        subprocess.run(
            [sys.executable, "-c", _ROLES_SCRIPT],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in seeds
    }
    here = io.StringIO()
    with contextlib.redirect_stdout(here):
        exec(_ROLES_SCRIPT, {})
    assert len(runs) == 1 and runs == {here.getvalue()}


# The rep's question naming the buyer's company "at <Name> today", "over at <Name>" or "for
# <Name>", in four trades; and what such a question names that is no account: a town, a tool
# the buyer pays for, a date, a time, a person.
_REP_NAMES_THEM = [
    (
        "Could you walk me through how you book dental slots at Larkspur Vets today?",
        "Larkspur Vets",
    ),
    (
        "Great. And how are the pick lists working over at Northgate Logistics?",
        "Northgate Logistics",
    ),
    ("So do you handle the payroll for Pennant & Vale?", "Pennant & Vale"),
    ("What do you use for bookings at Curl Up Salon right now?", "Curl Up Salon"),
    ("How do you keep track of stock at Sheffield today?", None),
    ("Roughly what do you pay for ProScript?", None),
    ("Are you open at Easter?", None),
    ("Would you be free at 3 today?", None),
    ("Do you do the ordering for Gail?", None),
]


def test_the_reps_question_at_or_for_their_company_names_the_account() -> None:
    """Walk 3: "how you keep track of stock at Hollybank today" had named no account, though
    the rep naming it in the first turns is read."""
    found = {}
    for question, _account in _REP_NAMES_THEM:
        text = (
            f"Nora Pike: Thanks for the time, Gail. {question}\n"
            "Gail Moss: Honestly it's a spreadsheet and a lot of phone calls.\n"
        )
        [call] = parse_file(text.encode(), "call.txt", our_speakers=["Nora Pike"])
        found[question] = call.account
    assert found == dict(_REP_NAMES_THEM)


def test_a_configured_rival_is_no_account_when_stored(tmp_path: Path, embedder: Embedder) -> None:
    """Through the ingest service: a rival the user configured, named "over at Rackline" by
    the rep, leaves the call without an account; unconfigured, the same words name it."""
    said = (
        b"Nora Pike: Hi Imran. How are the counts going over at Rackline these days?\n"
        b"Imran Shah: A clipboard walk every Friday, wrong by Monday.\n"
        b"Nora Pike: Got it, thanks.\n"
    )
    accounts = []
    for name, rivals in (("configured", ["Rackline"]), ("plain", [])):
        workspace = Workspace(make_settings(tmp_path / name, competitors=rivals), embedder=embedder)
        [result] = ingest_bytes(
            workspace, said, "counts.txt", CallMetadata(our_speakers=["Nora Pike"]), analyse=False
        )
        with workspace.session() as db:
            accounts.append(db.get(Call, result.call_id).account)
        workspace.close()
    assert accounts == [None, "Rackline"]


def test_a_rival_a_stored_call_names_is_no_account(workspace: Workspace) -> None:
    """A rival on file from an earlier upload (a salon buyer named Glossbook, the call's
    record lists it) is no later call's account when the rep asks "how's the diary over at
    Glossbook?"."""
    earlier = b"Nora Pike: Hi Rosa.\nRosa Lin: Glossbook takes a cut of every booking.\n"
    told = CallMetadata(our_speakers=["Nora Pike"], competitors=["Glossbook"])
    ingest_bytes(workspace, earlier, "salon-1.txt", told)  # analysed: the rival detected
    later = (
        b"Nora Pike: Hi Dee, how's the diary looking over at Glossbook these days?\n"
        b"Dee Hart: Full on Saturdays, empty on Tuesdays.\n"
    )
    [result] = ingest_bytes(
        workspace, later, "salon-2.txt", CallMetadata(our_speakers=["Nora Pike"]), analyse=False
    )
    with workspace.session() as db:
        assert db.get(Call, result.call_id).account is None


def test_a_rival_on_file_named_by_the_rep_is_no_account() -> None:
    """ "How's it going over at Rackline?" names a rival the user configured, not the buyer."""
    call = _call(
        ("Nora Pike", None, "Hi Imran. How are the counts going over at Rackline these days?"),
        ("Imran Shah", None, "A clipboard walk every Friday, wrong by Monday."),
    )
    assign_roles(call, ["Nora Pike"])
    fill_account(call, ["Dispensa"], rivals=["Rackline"])
    assert call.account is None
    fill_account(call, ["Dispensa"])
    assert call.account == "Rackline"  # the same words with no rival on file
