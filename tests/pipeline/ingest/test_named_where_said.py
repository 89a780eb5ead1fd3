"""Accounts and speakers named where the file says them, and archives refused with what to do.

Why (walk 7, snags 13 and 15): a gym CRM's "Studio" column was left unread ("no account column
recognised"), so its calls had no account; "Yeah, that's me, Grace from <studio>" named no
account; a Rev "Speaker 2" who said "I'm Mel, I own <studio>" kept her label because a second
nameless buyer was on the call; a zip renamed .json was refused without saying to unzip it.

Fixtures: invented trades (hair salons, dental practices, event venues, plumbers, physios,
bakeries, vets, wineries), their people and companies; our company is "Rostrum"."""

from __future__ import annotations

import bz2
import gzip
import io
import zipfile

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pipeline.embed import Embedder
from pipeline.ingest import team
from pipeline.ingest.business_columns import business_kind, reads_as_a_name
from pipeline.ingest.csv_preview import csv_preview
from pipeline.ingest.role_heuristic import introduced_company
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

TEAM = ("Priya Raman", "Ben Otieno")

# An AU Excel export: semicolons, Windows-1252 (en dash, é), a salon wholesaler's "Salon".
SALONS = (
    "Date;Salon;Contact;Notes;Stage;Owner\r\n"
    '3/11/2026;Velvet & Vine Hair Studio;Keira Blunt;"Keira orders colour from two suppliers '
    'by phone – stock runs out mid-week.";Discovery;Priya Raman\r\n'
    '5/11/2026;Maison Rosé Salon;Ana Ferreira;"Ana said the booking app double-books her '
    'chairs on Saturdays.";Nurture;Ben Otieno\r\n'
).encode("cp1252")
DENTAL = (
    b"Activity Date,Practice Name,Call Notes,Owner\n"
    b'2026-03-02,Harbourview Dental,"Dr Osei runs recalls from a paper diary, hours a week.",'
    b"Ben Otieno\n"
    b'2026-03-04,Kingsgate Family Dentistry,"Front desk retypes every referral letter.",'
    b"Priya Raman\n"
)
VENUES = (
    b"Created,Venue,Notes\n"
    b'2026-05-12,The Grain Store Events,"Their event manager quotes menus in Word, then '
    b'redoes the numbers when guests change."\n'
    b'2026-05-13,Blackwood Barn Weddings,"They lose deposits because nobody chases the '
    b'second payment."\n'
)
# Business-kind columns whose cells are no names: store numbers, links, sentences.
NOT_NAMES = (
    b"Date,Store,Site,Shop,Notes\n"
    b'2026-06-01,114,https://example.com/a,"they asked about it. call back",'
    b'"Manager said stock counts are done on clipboards."\n'
    b'2026-06-02,207,https://example.com/b,"see notes. again",'
    b'"Their counts never match the till."\n'
)
# A recognised account column wins over a business-kind one.
BOTH = (
    b"Date,Company,Venue,Notes\n"
    b'2026-06-03,Harlow Hospitality Group,Riverside Pavilion,"They run six venues on '
    b'spreadsheets."\n'
)


def _call(*turns: str) -> bytes:
    """A Rev-style transcript: "Speaker N (hh:mm:ss):" above each turn."""
    lines = []
    for position, turn in enumerate(turns):
        speaker, text = turn.split(": ", 1)
        lines.append(f"{speaker} (00:00:{position * 7:02d}):\n{text}\n")
    return "\n".join(lines).encode()


INTRODUCED = {
    "plumber.txt": _call(
        "Speaker 1: Hi, it's Priya from Rostrum, am I speaking with Dale?",
        "Speaker 2: Yep, that's me, Dale from Northside Plumbing out in Epping. Go ahead.",
        "Speaker 1: How do you book jobs in today?",
        "Speaker 2: Whiteboard and a group chat, and jobs get missed every week.",
    ),
    "physio.txt": _call(
        "Speaker 1: Hello, Ben from Rostrum here.",
        "Speaker 2: Morning, Sandra Kowalski, owner of Ridgeline Physio. Thanks for calling.",
        "Speaker 1: What made you look at scheduling tools?",
        "Speaker 2: Our no-shows cost us two appointments a day and nobody texts reminders.",
    ),
    "bakery.txt": _call(
        "Speaker 1: Thanks for making the time, it's Priya from Rostrum.",
        "Speaker 2: No worries. Rosa here, from Crumb and Kettle Bakery. We're flat out.",
        "Speaker 1: How do you plan the rosters?",
        "Speaker 2: On paper, and the weekend bakers swap shifts by text so I never know who's in.",
    ),
}
# Two nameless people on the buyer's side; one says "I'm <name>".
CROWDED = {
    "plumber_pair.txt": _call(
        "Speaker 1: G'day both, it's Priya from Rostrum.",
        "Speaker 2: Morning. I'm Dale, I own Northside Plumbing, and Kim does our bookings.",
        "Speaker 3: Hi Priya.",
        "Speaker 2: We lose jobs because the diary lives on a whiteboard.",
    ),
    "vet_pair.txt": _call(
        "Speaker 1: Hi both, Ben from Rostrum here.",
        "Speaker 2: Hello. My name's Farah, I'm the practice manager at Willowbank Vets.",
        "Speaker 3: And I'm on too, I look after the front desk.",
        "Speaker 2: Our vets fill in the rota on a spreadsheet nobody trusts.",
    ),
    "winery_pair.txt": _call(
        "Speaker 1: Thanks for jumping on, it's Priya from Rostrum.",
        "Speaker 2: Hi Priya, I'm Tomasz, I run the cellar door at Ridge Hollow Wines.",
        "Speaker 3: Morning.",
        "Speaker 2: Tastings get double-booked whenever two of us take a phone booking.",
    ),
    # "this is Kim" introduces a colleague: no one is named from it
    "colleague.txt": _call(
        "Speaker 1: Hi both, it's Ben from Rostrum.",
        "Speaker 2: Hi Ben, and this is Kim, she does our bookings at Northside Plumbing.",
        "Speaker 3: Hello.",
        "Speaker 2: The diary lives on a whiteboard and jobs get missed.",
    ),
}


def _stored(workspace: Workspace, files: dict[str, bytes]) -> dict[str, list[Call]]:
    """Each file ingested (every row a call), and its stored calls by file name."""
    with workspace.session() as db:
        for member in TEAM:
            team.add_member(db, member, company="Rostrum")
    for name, data in files.items():
        results = ingest_bytes(workspace, data, name, analyse=False)
        assert {result.status for result in results} == {"created"}, results
    with workspace.session() as db:
        calls = db.scalars(select(Call).options(selectinload(Call.utterances))).all()
        for call in calls:
            db.expunge(call)
    stored: dict[str, list[Call]] = {}
    for call in sorted(calls, key=lambda c: c.id):
        stored.setdefault(call.filename, []).append(call)
    return stored


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> dict[str, list[Call]]:
    settings = make_settings(tmp_path_factory.mktemp("named") / "data", our_company="Rostrum")
    workspace = Workspace(settings, embedder=embedder)
    files = {
        "salons.csv": SALONS,
        "dental.csv": DENTAL,
        "venues.csv": VENUES,
        "not_names.csv": NOT_NAMES,
        "both.csv": BOTH,
        **INTRODUCED,
        **CROWDED,
    }
    try:
        return _stored(workspace, files)
    finally:
        workspace.close()


@pytest.mark.parametrize(
    ("filename", "accounts"),
    [
        ("salons.csv", ["Velvet & Vine Hair Studio", "Maison Rosé Salon"]),
        ("dental.csv", ["Harbourview Dental", "Kingsgate Family Dentistry"]),
        ("venues.csv", ["The Grain Store Events", "Blackwood Barn Weddings"]),
        ("not_names.csv", [None, None]),
        ("both.csv", ["Harlow Hospitality Group"]),
    ],
)
def test_a_column_named_for_the_customers_kind_of_business_is_the_account(
    stored: dict[str, list[Call]], filename: str, accounts: list[str | None]
) -> None:
    assert [call.account for call in stored[filename]] == accounts


@pytest.mark.parametrize(
    ("data", "column"), [(SALONS, "Salon"), (DENTAL, "Practice Name"), (NOT_NAMES, "")]
)
def test_the_upload_preview_maps_the_business_column_to_the_account(
    data: bytes, column: str
) -> None:
    assert dict(csv_preview(data, "export.csv")["fields"])["account"] == column


@pytest.mark.parametrize(
    ("filename", "account"),
    [
        ("plumber.txt", "Northside Plumbing"),
        ("physio.txt", "Ridgeline Physio"),
        ("bakery.txt", "Crumb and Kettle Bakery"),
    ],
)
def test_a_buyers_introduction_names_the_account(
    stored: dict[str, list[Call]], filename: str, account: str
) -> None:
    [call] = stored[filename]
    assert call.account == account


def _speakers(call: Call) -> dict[str, str]:
    return {u.speaker: u.role for u in call.utterances if u.speaker}


@pytest.mark.parametrize(
    ("filename", "rep", "buyer"),
    [
        ("plumber_pair.txt", "Priya Raman", "Dale"),
        ("vet_pair.txt", "Ben Otieno", "Farah"),
        ("winery_pair.txt", "Priya Raman", "Tomasz"),
    ],
)
def test_a_numbered_buyer_beside_another_takes_the_name_they_give(
    stored: dict[str, list[Call]], filename: str, rep: str, buyer: str
) -> None:
    [call] = stored[filename]
    assert _speakers(call) == {rep: "rep", buyer: "buyer", "Speaker 3": "buyer"}


def test_a_colleague_introduced_beside_another_buyer_names_no_one(
    stored: dict[str, list[Call]],
) -> None:
    [call] = stored["colleague.txt"]
    assert _speakers(call) == {"Ben Otieno": "rep", "Speaker 2": "buyer", "Speaker 3": "buyer"}


@pytest.mark.parametrize(
    ("said", "company"),
    [
        ("Yeah, that's me, Grace from Saltmarsh Yoga up the coast.", "Saltmarsh Yoga"),
        ("That's right, Hemi from Kauri Electrical.", "Kauri Electrical"),
        ("Speaking, Tom here from Harbour Row Dental.", "Harbour Row Dental"),
        ("Morning, Dan here, from Gully Roofing.", "Gully Roofing"),
        ("I'm Sandra, owner of Ridgeline Physio.", "Ridgeline Physio"),
        ("Raj, co-owner of Bluegum Cafe, nice to meet you.", "Bluegum Cafe"),
        ("I'm Mel, I own Ironwood Strength, and Tash runs the desk.", "Ironwood Strength"),
        ("I run Copperleaf Catering with my sister.", "Copperleaf Catering"),
        ("Last week, Dave from Tillpoint rang me about it.", None),  # someone else's company
    ],
)
def test_common_introductions_name_the_buyers_company(said: str, company: str | None) -> None:
    assert introduced_company([said]) == company


@pytest.mark.parametrize(
    ("header", "kind"),
    [("Studio", "studio"), ("Gym Name", "gym"), ("Practices", "practice"), ("Venue", "venue"),
     ("Clinic", "clinic"), ("Property", "property"), ("Location", None),
     ("Business type", None), ("Studio ID", None)],
)  # fmt: skip
def test_a_header_names_a_kind_of_business(header: str, kind: str | None) -> None:
    assert business_kind(header) == kind


@pytest.mark.parametrize(
    ("value", "name"),
    [("Red Gum CrossFit", True), ("24 Hour Fitness", True), ("O'Brien & Sons Plumbing", True),
     ("12 Harbour St", False), ("Yes", False), ("4/12/2026", False), ("1042", False),
     ("Perth", False), ("info@example.com", False), ("Said no. Call back later.", False)],
)  # fmt: skip
def test_a_cell_reads_as_a_business_name(value: str, name: bool) -> None:
    assert reads_as_a_name(value) is name


def _zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("call.json", '{"utterances": []}')
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "advice"),
    [
        (_zipped(), "deepgram_export.json", "zip archive: unzip it and upload the files inside"),
        (gzip.compress(b"WEBVTT\n\n" + b"\x00" * 40), "teams_call.vtt", "gzip archive: extract"),
        (bz2.compress(b"Rep: hi\n" * 200) + b"\x00" * 8, "notes.txt", "bzip2 archive: extract"),
    ],
    ids=["zip", "gzip", "bzip2"],
)
def test_an_archive_is_refused_with_what_to_do(
    tmp_path_factory: pytest.TempPathFactory,
    embedder: Embedder,
    data: bytes,
    filename: str,
    advice: str,
) -> None:
    settings = make_settings(tmp_path_factory.mktemp("archive") / "data")
    workspace = Workspace(settings, embedder=embedder)
    try:
        [result] = ingest_bytes(workspace, data, filename, analyse=False)
    finally:
        workspace.close()
    assert result.status == "rejected"
    assert advice in (result.reason or "")
