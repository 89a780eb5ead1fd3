"""A profile fact answers a worry's point, not a word it shares with it, and an FAQ question of
one kind is answered from that kind's facts: adoption worries by the adoption, training and
ease facts, a security question by the security facts where the profile has them.

Why: review 27 (funeral homes) answered "we'd still need the spreadsheet for that" with "We
migrate your data from ... spreadsheets for free", "Will my staff actually use it?" with a PIN on
personal phones, and left "Where is our data stored, and who can see it?" to write beside five
security facts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.pairing import about_the_same
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, theme_around


@pytest.mark.parametrize(
    ("fact", "said"),
    [
        ("We import your customer list from spreadsheets for free.",
         "We'd still have to keep the spreadsheet for the bait-station counts."),
        ("Setup takes two weeks and our team draws your chart.",
         "We'd still need the paper chart on the office wall for the harbour master."),
        ("Timesheets are imported from Harvest in one afternoon.",
         "Clients still want their timesheets as a PDF every Friday."),
        ("Two-way sync with Xero for invoices.",
         "We still write the invoices by hand in the lambing shed."),
        ("Donor records are moved across from your spreadsheets for free.",
         "Gift aid claims still need a separate spreadsheet."),
        ("Appointment reminders are encrypted and hosted in the EU.",
         "Reminders still go out from the receptionist's own phone."),
        ("Staff training takes one afternoon with our trainer.",
         "Parents still want the afternoon pick-up list on paper."),
        ("Menus are imported from your old till for free.",
         "We'd still need the laminated menus for the terrace."),
        ("Jobs sync both ways with QuickBooks Online.",
         "Jobs over two days still go in the paper diary."),
        ("Members are moved over from your spreadsheet in a day.",
         "Class waitlists still live in a spreadsheet."),
        ("We migrate your records from your old system or spreadsheets for free.",
         "Then we'd still need the spreadsheet for that, which kind of defeats the point."),
    ],
)  # fmt: skip
def test_a_fact_about_another_thing_sharing_one_word_answers_nothing(fact: str, said: str) -> None:
    assert not about_the_same(fact, [said], fact=True)


@pytest.mark.parametrize(
    ("fact", "said"),
    [
        # A fact naming no topic: one word of theirs is its point.
        ("Routes are planned from the day's jobs.",
         "Planning routes takes me two hours every morning."),
        ("A landlord portal shows statements.", "Landlords won't log into another portal."),
        ("Berth holders pay their fees online.", "Chasing berth fees eats my Mondays."),
        # The topic they name.
        ("We import your customer list from spreadsheets for free.",
         "Moving our customer list over is my worry."),
        ("Setup takes two weeks with training for every dispatcher.",
         "Our dispatchers won't sit through training."),
        # Another topic, but two words of theirs.
        ("Two-way sync with Xero for invoices and payments.",
         "We still do invoices and payments by hand."),
    ],
)  # fmt: skip
def test_a_fact_on_the_worrys_point_still_answers_it(fact: str, said: str) -> None:
    assert about_the_same(fact, [said], fact=True)


@dataclass(frozen=True)
class Case:
    industry: str
    profile: ProductProfile
    adoption: list[str]  # staff will not use it (one line about their own phones)
    security: list[str]  # what is at stake, in words naming no security topic


def _profile(
    name: str, features: list[str], onboarding: list[str], security: list[str]
) -> ProductProfile:
    return ProductProfile(
        name=name, pricing=["$40 a month per site."], features=features, onboarding=onboarding,
        security=security,
    )  # fmt: skip


PIN = "On personal phones, a PIN can be required and downloads switched off."
CASES = [
    Case(
        "Physiotherapy",
        _profile(
            "MoveNotes",
            [
                "Patients book and pay online from a link.",
                "Clinicians see the day's list on one screen.",
            ],
            [
                "Two training sessions for every clinician, in person or online.",
                "We import your patient list for free.",
            ],
            [
                "Data is hosted in London and encrypted at rest.",
                PIN,
                "Every opening of a patient file is in your audit log.",
            ],
        ),
        [
            "Half my physios barely open their email, let alone a new app.",
            "None of them have device management on their personal phones.",
        ],
        [
            "It's the bank details and home addresses of every patient.",
            "Legal will want the pen test report before anything is signed.",
        ],
    ),
    Case(
        "Schools",
        _profile(
            "ClassPost",
            [
                "Parents see homework and letters in one app.",
                "Teachers take the register on a tablet.",
            ],
            [
                "Staff training is one twilight session per school, with a named trainer.",
                "Pupil records are imported from your MIS for free.",
            ],
            [
                "Data is hosted in our own data centre and encrypted.",
                PIN,
                "Only staff you name can open a pupil's file.",
            ],
        ),
        [
            "Our older teachers will never open it.",
            "Staff don't have device management on their own personal phones.",
        ],
        [
            "It is the bank details and home addresses of every parent.",
            "The council will want to know about data protection.",
        ],
    ),
    Case(
        "Pest control",
        _profile(
            "BugRoute",
            [
                "Technicians see the day's jobs and routes on their phone.",
                "Bait station counts are logged with a photo.",
            ],
            [
                "Each technician gets a one-hour training call.",
                "Your customer list is imported for free.",
            ],
            [
                "Data is hosted on encrypted servers and backed up nightly.",
                PIN,
                "Customer addresses are visible only to the technician on the job.",
            ],
        ),
        [
            "My older technicians will just keep using the paper job sheets.",
            "We've no device management on the lads' personal phones.",
        ],
        [
            "It is the bank details and key safe numbers of every client.",
            "Our biggest client will want the pen test report first.",
        ],
    ),
]


def _faq(ws: Workspace, embedder: Embedder, case: Case) -> dict[str, list[str]]:
    """FAQ question -> the profile facts its answer states, for an adoption and a security
    theme said on their own calls."""
    with ws.session() as db:
        set_profile(db, case.profile)
        ids, n = [], 0
        for category, lines in (("adoption", case.adoption), ("security", case.security)):
            theme = theme_around(db, embedder, lines)
            ids.append(theme.id)
            for text in lines:
                n += 1
                _, [u] = _call(db, n, f"Account {n}", "open", "2026-03-01",
                               [("Pat", "buyer", text)], industry=case.industry)  # fmt: skip
                _mention(db, u, "objection", category, theme)
        doc = generate_document(
            db, ws.settings, doc_type="objection-faq", use_llm=False, embedder=embedder,
            cluster_ids=ids,
        )  # fmt: skip
        text = {p["id"]: p["text"] for p in doc.structured["evidence"]["profile"]}
        items = doc.structured["content"]["items"]
    return {item["question"]: [text[i] for i in item["profile"]] for item in items}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.industry)
def test_an_faq_question_is_answered_from_its_kinds_facts(
    ws: Workspace, embedder: Embedder, case: Case
) -> None:
    answers = _faq(ws, embedder, case)
    adoption = answers["Will my staff actually use it?"]
    security = answers["Where is our data stored, and who can see it?"]
    kinds = {*case.profile.features, *case.profile.onboarding, *case.profile.proof_points}
    assert set(adoption) <= kinds  # no PIN on personal phones
    assert security and set(security) <= set(case.profile.security)
