"""Titles and accounts a file states in its own layout: a Gemini notes doc's meeting name under
its "📝 Notes" tab, an Avoma "Account | Brand Plan topic" title, a Grain "Brand x Account -
topics" title, and a chat with no title where the buyer says where they are from.

Why (reviews 19a #4, 19b #8): the Gemini doc was stored as "📝 Notes" with no account; the Avoma
and Grain titles gave no account ("FleetPulse Pro rollout call" and "pricing & TMS" were read as
second names); "Olivia Reed from Tallis & Reed here" in a WhatsApp chat gave none either."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from pipeline.embed import Embedder
from pipeline.ingest.role_heuristic import introduced_company
from pipeline.ingest.titles import is_part_name, title_account
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.stored_calls import store_all

TEAM = ("Aisha Kerr", "Ben Otieno")


def _gemini_notes() -> bytes:
    """A Google Docs "Notes by Gemini" file: a tab name, the date, the meeting's name as its
    heading, the summary, then the transcript tab."""
    document = docx.Document()
    document.add_paragraph("📝 Notes")
    document.add_paragraph("Apr 2, 2026")
    document.add_heading("Tallyfold / Pemberton Books - Demo", level=1)
    document.add_paragraph("Invited Aisha Kerr Ruth Pemberton")
    document.add_heading("Summary", level=2)
    document.add_paragraph("Aisha Kerr showed Tallyfold to Ruth Pemberton of Pemberton Books.")
    document.add_paragraph("📖 Transcript")
    document.add_paragraph("Apr 2, 2026")
    document.add_heading("Tallyfold / Pemberton Books - Demo - Transcript", level=1)
    document.add_paragraph("00:00:00")
    document.add_paragraph("Aisha Kerr: Thanks for joining, Ruth. How do clients send statements?")
    document.add_paragraph("Ruth Pemberton: By email, and I chase every one of them by hand.")
    document.add_paragraph("Aisha Kerr: Tallyfold sends the reminders for you.")
    document.add_paragraph("Ruth Pemberton: Four seats at that price is more than we pay now.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


AVOMA = """Carrick Dairy Haulage | Tallyfold Plus onboarding call
Monday, 9 March 2026 · 10:00 GMT · 20 mins
Attendees: Aisha Kerr, Duncan Carrick

Recorded and transcribed by Avoma

Aisha Kerr | 00:00:03
Hi Duncan, thanks for making time. How are the tanker runs going?

Duncan Carrick | 00:00:09
Busy. Our drivers still write the collection volumes on paper and we key them in at night.

Aisha Kerr | 00:00:21
With Plus the volumes come straight from the driver's phone.

Duncan Carrick | 00:00:30
Fine, but I need it to export to our accounts package or it's no use.
"""

GRAIN = """Tallyfold x Bexley Print Works - renewal & SSO
March 11, 2026
Recorded with Grain · https://grain.com/share/recording/5b1e/bexley

Ben Otieno (00:00)
Hi Marta, thanks for coming back to us about the renewal.

Marta Lindgren (00:06)
Our IT team won't renew unless everyone signs in with our Microsoft accounts.

Ben Otieno (00:14)
Single sign-on is included from the next plan up.

Marta Lindgren (00:20)
Then the price jump is the problem, we budgeted for the same as last year.
"""

WHATSAPP = """14/04/2026, 09:12 - Messages and calls are end-to-end encrypted. Only people in this chat can read, listen to, or share them. Tap to learn more.
14/04/2026, 09:12 - Nell Varga: Hey Ben, Nell Varga from Varga & Holt here
14/04/2026, 09:14 - Ben Otieno: Hi Nell! Good to hear from you. How can I help?
14/04/2026, 09:17 - Nell Varga: Do you have SOC 2? Our insurer now asks every supplier
14/04/2026, 09:20 - Nell Varga: And the partners won't sign a 12-month contract for new software
14/04/2026, 09:25 - Ben Otieno: SOC 2 Type II yes, and I'll ask about monthly terms.
"""  # noqa: E501

# Review 23n #6: a plain description after the account's name ("- food truck"), and our rep's
# name beside it, in a title with no other metadata.
DESCRIBED = """Call with Harrow Lane Bakery - wholesale bakery
Date: 2026-03-17

Aisha Kerr: Hi Piotr, is now still a good time?
Piotr Nowak: Yes, the ovens are on but I have ten minutes.
Piotr Nowak: We send invoices from a spreadsheet and the cafes pay whenever they like.
"""

REP_IN_TITLE = """Call with Fenwick Joinery - Ben Otieno
Date: 2026-03-18

Aisha Kerr: Thanks for picking up, Lena.
Lena Fenwick: No problem. Chasing the builders for payment takes me a day a month.
"""

FILES = {
    "described_title.txt": DESCRIBED.encode(),
    "rep_in_title.txt": REP_IN_TITLE.encode(),
    "pemberton_gemini_notes.docx": _gemini_notes(),
    "avoma_carrick_dairy.txt": AVOMA.encode(),
    "grain_bexley_print.txt": GRAIN.encode(),
    "whatsapp_chat.txt": WHATSAPP.encode(),
}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> dict[str, Call]:
    settings = make_settings(tmp_path_factory.mktemp("stated") / "data", our_company="Tallyfold")
    return store_all(Workspace(settings, embedder=embedder), FILES, TEAM)


def test_a_gemini_notes_doc_is_titled_by_its_meeting_not_its_tab(
    stored: dict[str, Call],
) -> None:
    call = stored["pemberton_gemini_notes.docx"]
    assert (call.title, call.account, call.call_date) == (
        "Tallyfold / Pemberton Books - Demo",
        "Pemberton Books",
        dt.date(2026, 4, 2),
    )


@pytest.mark.parametrize(
    ("filename", "account"),
    [
        ("avoma_carrick_dairy.txt", "Carrick Dairy Haulage"),  # account | our plan + topic
        ("grain_bexley_print.txt", "Bexley Print Works"),  # ours x account - topics
    ],
)
def test_a_title_beside_our_plan_or_topics_names_the_account(
    stored: dict[str, Call], filename: str, account: str
) -> None:
    assert stored[filename].account == account


def test_a_chat_with_no_title_takes_the_buyers_introduction_and_first_date(
    stored: dict[str, Call],
) -> None:
    call = stored["whatsapp_chat.txt"]
    assert (call.account, call.call_date) == ("Varga & Holt", dt.date(2026, 4, 14))


@pytest.mark.parametrize(
    ("title", "account"),
    [
        ("Carrick Dairy Haulage | Tallyfold Pro rollout call", "Carrick Dairy Haulage"),
        ("Tallyfold x Bexley Print Works - pricing & TMS", "Bexley Print Works"),
        ("Tallyfold x Bexley Print Works - security and Q&A", "Bexley Print Works"),
        ("Tallyfold weekly pipeline review", None),
        ("Carrick Dairy Haulage | Tallyfold Bexley Print", None),  # two names: neither
    ],
)
def test_our_product_and_joined_topics_name_no_one(title: str, account: str | None) -> None:
    assert title_account(title, ["Tallyfold"]) == account


@pytest.mark.parametrize(
    ("title", "part"),
    [
        ("📝 Notes", True),
        ("📖 Transcript", True),
        ("Summary", True),
        ("Pemberton Books notes", False),
        ("Discovery call", False),
    ],
)
def test_a_documents_part_name_is_no_title(title: str, part: bool) -> None:
    assert is_part_name(title) is part


@pytest.mark.parametrize(
    ("said", "company"),
    [
        ("Hey Ben, Nell Varga from Varga & Holt here", "Varga & Holt"),
        ("Morning! Nell from Varga & Holt here.", "Varga & Holt"),
        ("Hi, Marek Nowak at Oakfield Dental speaking.", "Oakfield Dental"),
        ("Hi Ben, it's Fiona from Glenmore Parcels. Callum said to call.", "Glenmore Parcels"),
        ("I'm the practice manager at Harbour Row Dental, so it is mine.", "Harbour Row Dental"),
        ("Sarah Jones from Acme Ltd mentioned you to us.", None),  # a referral, not who speaks
    ],
)
def test_a_buyers_self_introduction_names_their_company(said: str, company: str | None) -> None:
    assert introduced_company([said]) == company


@pytest.mark.parametrize(
    ("filename", "account"),
    [("described_title.txt", "Harrow Lane Bakery"), ("rep_in_title.txt", "Fenwick Joinery")],
)
def test_a_title_names_the_account_beside_a_description_or_our_rep(
    stored: dict[str, Call], filename: str, account: str
) -> None:
    """Review 23n: "Call with Rolling Fuego - food truck" gave no account, and a rep's name
    beside the account, not said in the call, became the account."""
    assert stored[filename].account == account


@pytest.mark.parametrize(
    ("title", "account"),
    [
        ("Call with Harrow Lane Bakery - wholesale bakery", "Harrow Lane Bakery"),
        ("Call with Harrow Lane Bakery - discovery", "Harrow Lane Bakery"),
        ("Call with Harrow Lane Bakery – pricing follow-up", "Harrow Lane Bakery"),
        ("Harrow Lane Bakery <> Tallyfold | Demo", "Harrow Lane Bakery"),
        ("Call with Harrow Lane Bakery (wholesale bakery)", "Harrow Lane Bakery"),
        ("Tallyfold demo - Harrow Lane Bakery - 2 sites, 1 kitchen", "Harrow Lane Bakery"),
        ("Call with Harrow Lane Bakery - Ben Otieno", "Harrow Lane Bakery"),
        ("Ben Otieno <> Harrow Lane Bakery | menu call", "Harrow Lane Bakery"),
        # ours, our rep or a description alone names no account
        ("Call with Tallyfold - wholesale bakery", None),
        ("Call with Ben Otieno - wholesale bakery", None),
        ("Harrow Lane Bakery - wholesale bakery", None),  # nothing frames it
    ],
)
def test_a_title_names_no_description_rep_or_us(title: str, account: str | None) -> None:
    assert title_account(title, ["Tallyfold"], TEAM) == account


@pytest.mark.parametrize(
    ("title", "account"),
    [
        # Walk 6: "Summit Aggregate Hauling x HaulDesk - Migration scoping" had named no one
        ("Redrock Gravel Haulers x Tallyfold - Migration scoping", "Redrock Gravel Haulers"),
        ("Brightsmile Dental x Tallyfold - Imaging walkthrough", "Brightsmile Dental"),
        ("Tallyfold <> Harbor Salon Group - Pricing deep dive", "Harbor Salon Group"),
        ("Greenfield Farms / Tallyfold — Harvest planning", "Greenfield Farms"),
        ("Oakline Joinery - Contract redlines", "Oakline Joinery"),
        ("Rolling fuego - Menu costing", None),  # two parts in sentence case: which is whose?
    ],
)
def test_a_purpose_in_sentence_case_is_no_second_name(title: str, account: str | None) -> None:
    assert title_account(title, ["Tallyfold"]) == account
