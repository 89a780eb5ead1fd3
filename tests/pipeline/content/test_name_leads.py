"""A word a sentence capitalises only for opening it stays before the name it leads: "Ask Aoife,
she's on the rota." had read "[name], she's on the rota.", the verb taken for a first name.
A first name that is also a word ("Grace", "Will", "Hope") is no such word: it goes with the
surname."""

from __future__ import annotations

import pytest

from pipeline.name_leads import leads_a_name
from pipeline.redact import NAME, Redactor, redactor_for
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded

# (said, what the redacted text must start with), across trades
LEADS = [
    ("Ask Aoife, she's on the rota at the school.", f"Ask {NAME}, she's on the rota"),
    ("Call Declan about it, he's our MD.", f"Call {NAME} about it"),
    ("Call Declan about the keg returns.", f"Call {NAME} about the keg returns."),
    ("Tell Priya, she's the one signing for the lab.", f"Tell {NAME}, she's"),
    ("Email Marguerite, she's our practice manager.", f"Email {NAME}, she's"),
    ("Ring Tomasz on Monday, he runs the night shift.", f"Ring {NAME} on Monday"),
    ("Ring Tomasz, he runs the night shift at the depot.", f"Ring {NAME}, he runs"),
    ("Ping Oluwaseun, he's our head brewer.", f"Ping {NAME}, he's"),
    ("Thank Sinead, she has sorted the berth list.", f"Thank {NAME}, she has"),
    ("Cc Hamish, he signs the purchase orders.", f"Cc {NAME}, he signs"),
    ("Cc Hamish.", f"Cc {NAME}."),
    ("Honestly Aoife said no to the pilot.", f"Honestly {NAME} said no"),
    ("Maybe Ngozi wants the trial first.", f"Maybe {NAME} wants"),
    ("So Kwabena reckons the yard needs two scanners.", f"So {NAME} reckons"),
    ("Remind Obinna, he signs off the timetable.", f"Remind {NAME}, he signs"),
    ("Ask Dr. Okafor, she owns the practice.", f"Ask Dr. {NAME}, she owns"),
    ("Ask Will Turner, he's the harbourmaster.", f"Ask {NAME}, he's"),
]
# Both words are a name, one of them also a word: the whole name goes.
WHOLE = [
    ("Grace Kelly handles the remakes for the lab.", f"{NAME} handles the remakes"),
    ("Talk to Grace Kelly about the berths.", f"Talk to {NAME} about the berths."),
    ("Will Turner, our MD, signs off on the capex.", f"{NAME}, our MD, signs off"),
    ("Hope Adeyemi runs the yard.", f"{NAME} runs the yard."),
    ("Rose Tan, our office manager, books the coaches.", f"{NAME}, our office manager"),
    ("Mark Ellison, he's the head brewer.", f"{NAME}, he's the head brewer."),
    ("Joy Mensah's team packs the orders.", f"{NAME}'s team packs"),
    ("Faith Okonkwo said the kids liked it.", f"{NAME} said the kids"),
]
# Teams, titles, days, words said in lower case and the workspace's brands stay.
KEPT = [
    "Ask Support about the refund.",
    "Email Accounts the invoice, they pay on Fridays.",
    "Call Reception when the van arrives.",
    "Thank God it synced before the audit.",
    "Cc Finance on the renewal.",
    "Ask Xero whether the ledger syncs nightly.",
    "Call Monday instead, the office is shut today.",
    "Ping Dispatch when the pallets leave.",
    "Ask Spanish speakers to fill in the form.",
    "Tell Sales the discount is fine, sales signs it anyway.",
    "Call Centre staff hate the hold music at the depot.",
    "Call Recording is included in the plan.",
    "Text Messaging costs extra for the school.",
    "Ring Central is our phone system at the marina.",
    "Email Octopus sends our newsletter.",
    "Will that work for the brewery?",
]


@pytest.mark.parametrize(("said", "shown"), LEADS)
def test_a_word_that_opens_the_sentence_stays_before_the_name(said: str, shown: str) -> None:
    assert Redactor().redact(said).startswith(shown)


@pytest.mark.parametrize(("said", "shown"), WHOLE)
def test_a_first_name_that_is_also_a_word_goes_with_its_surname(said: str, shown: str) -> None:
    assert Redactor().redact(said).startswith(shown)


@pytest.mark.parametrize("said", KEPT)
def test_teams_titles_days_and_brands_after_a_verb_stay(said: str) -> None:
    assert Redactor(common=frozenset({"xero"})).redact(said) == said


@pytest.mark.parametrize("word", ["Ask", "Call", "Cc", "Maybe", "Honestly", "Thanks", "So"])
def test_verbs_greetings_and_openers_lead_a_name(word: str) -> None:
    assert leads_a_name(word)


@pytest.mark.parametrize("word", ["Will", "Mark", "Grace", "Hope", "Rose", "Aoife"])
def test_first_names_lead_no_name(word: str) -> None:
    assert not leads_a_name(word)


def test_the_calls_tying_a_name_do_not_make_the_verb_a_name(ws: Workspace, seeded: Seeded) -> None:
    """One turn ties "Aoife" to a person after "Ask"; another says "Ask" alone."""
    with ws.session() as session:
        call_id = seeded.calls[0]
        session.add_all(
            [
                Utterance(call_id=call_id, seq=98, speaker="Gareth", role="buyer",
                          text="Ask Aoife, she's the one who does the rota."),
                Utterance(call_id=call_id, seq=99, speaker="Gareth", role="buyer",
                          text="Ask whoever is on the desk that day."),
            ]
        )  # fmt: skip
        session.flush()
        redactor = redactor_for(session, [call_id])
    assert redactor.redact("Ask Aoife, she does the rota.") == f"Ask {NAME}, she does the rota."
    assert redactor.redact("Ask whoever is on the desk.") == "Ask whoever is on the desk."
