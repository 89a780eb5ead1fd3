"""Words that settle an objection's category after the model: sums that don't work and what
can't be afforded are price, an approver above the buyer is authority, in any trade; the same
words about something else leave the model's category alone."""

from __future__ import annotations

import pytest

from pipeline.detect.plain_topics import plain_topic

SUMS_THAT_DONT_WORK = [
    "Then the numbers just don't work for us this year.",
    "We've got fit-outs that are done in three weeks, so paying for a full month on those doesn't"
    " add up.",
    "Honestly the maths doesn't stack up for a clinic our size.",
    "The sums don't work once you add the second location.",
    "For twelve vans the economics just don't make sense.",
    "Spending that on a tool we'd use twice a week doesn't add up.",
    "We can't afford another subscription right now.",
    "I couldn't justify the cost to the partners with the margins we run on.",
    "It's not worth the money for a team of four.",
    "That puts it well outside our budget for the year.",
    "The ROI just isn't there for a farm shop.",
    "Paying per location when two of them are tiny kiosks never makes sense.",
    "Four hundred a month for the bakery doesn't pay for itself.",
]

APPROVERS = [
    "I'd need sign-off from our CFO for anything over $10k a year.",
    "Anything like this needs approval from the board first.",
    "The managing director would have to sign it off.",
    "I'll have to run it past my boss before we commit.",
    "Honestly it's not my call, the owners decide on software.",
    "We can't move without the trustees' approval.",
    "The finance director has the final say on new vendors.",
    "That's above my pay grade, I'm afraid.",
    "I'm not the decision maker here, that's our head of operations.",
    "Our CEO will want to approve anything that touches the clinic diary.",
    "I need the green light from head office before I sign.",
    "We'd have to take it to the committee in June.",
    "Procurement has to sign off on any new supplier.",
]


@pytest.mark.parametrize("sentence", SUMS_THAT_DONT_WORK)
@pytest.mark.parametrize("category", ["setup_time", "authority_timing", "contract"])
def test_sums_that_dont_work_are_price(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "price"


@pytest.mark.parametrize("sentence", APPROVERS)
@pytest.mark.parametrize("category", ["contract", "price", "status_quo"])
def test_an_approver_above_the_buyer_is_authority(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "authority_timing"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("The numbers in your reports don't match our payroll.", "integrations"),
        ("The board wants SSO before anything else.", "security"),
        ("We can't afford the downtime of moving the whole team mid-season.", "switching"),
        ("The dates in the rollout plan don't add up for a May opening.", "setup_time"),
        ("Our CFO hated how the last tool's reports looked.", "adoption"),
        ("The toolbox talk sign-off sheets would still be on paper.", "integrations"),
        ("Moving everything over just isn't worth the hassle this year.", "switching"),
        ("The MD wants a three year fixed price before he signs.", "contract"),
        ("Okay, so most of our partners are still on the old system.", "status_quo"),
        ("RotaPro is cheaper and the numbers work for them.", "competitor"),
        ("The contract is too expensive for us, we can't commit to twelve months.", "contract"),
    ],
)
def test_the_same_words_about_something_else_keep_their_category(
    sentence: str, category: str
) -> None:
    assert plain_topic(sentence, category) == category


# --- review 21e item 6: hardware and per-unit fees, compliance papers, systems, language, peak --

WHAT_IT_COSTS = [
    "We have about sixty Zebra MC3300s and I'm not buying new scanners for three buildings.",
    "Concern: scanner hardware cost, they pick with personal phones today and don't want to buy"
    " 20 handhelds.",
    "Per order is going to hurt us.",
    "In November we ship four times our normal volume, so a per-order price basically punishes"
    " us for peak.",
    "We're not buying forty new tablets for the treatment rooms.",
    "The hardware cost for every site hut is what worries me.",
    "A per-user fee for twelve seasonal bookkeepers in tax season would kill us.",
    "Per booking is going to hurt us in August when we're full every night.",
    "I'd have to replace every card reader at the front desk.",
    "The cost of new scanners for the freezer is the sticking point.",
    "Per-shipment fees add up fast at two thousand parcels a day.",
    "Per-patient pricing punishes us in flu season when we see twice the volume.",
    "Having to buy iPads for every crew is a non-starter.",
    "Per-site fees for twenty job sites is more than the whole software budget.",
    "Per transaction, that's going to hurt us at Christmas.",
    "Device costs for sixty handhelds aren't in this year's plan.",
    "We'd need new label printers at every packing station.",
]

COMPLIANCE_PAPERS = [
    "Our IT lead needs a SOC 2 Type II report before anything connects to NetSuite.",
    "Legal won't go further until we see your DPA.",
    "We can't connect patient records to anything without a HIPAA BAA.",
    "Our auditors want the ISO 27001 certificate before you touch the Xero data.",
    "Patient data has to stay in Canada, so data residency comes before any sync with our EHR.",
    "The GDPR side worries me more than the Sage integration.",
    "We need a pen test report before the API connects to our ERP.",
    "Our head of IT asked for your SOC 2 before we plug it into Procore.",
    "Without a signed data processing agreement the Shopify sync is a no-go.",
    "The hotel group needs PCI DSS sorted before anything talks to the PMS.",
    "Our records have to be stored in the EU, whatever the integration does.",
    "The security questionnaire has to be done before the QuickBooks connector goes on.",
    "Our clinic can't sign anything until the HIPAA paperwork is in place.",
    "A penetration test is the first thing our IT contractor will ask for.",
    "Without the SOC 1 report our audit partner won't let it near the ledger.",
]

A_SYSTEM_TO_CONNECT = [
    "The bigger worry for me is NetSuite.",
    "My main concern is QuickBooks.",
    "Xero is the part I'm nervous about.",
    "Honestly, everything hinges on the EHR.",
    "The big question mark is Procore.",
    "What worries me is the Shopify side.",
    "Sage is where the last vendor fell over.",
    "Honestly, the ERP is my biggest worry.",
    "Our PMS is the sticking point for the front desk.",
    "Salesforce is the one I'd lose sleep over.",
    "The Dynamics 365 piece is what keeps me up at night.",
    "WooCommerce is where orders start, so that's the worry.",
    "MYOB is non-negotiable for our bookkeepers.",
    "Amazon and Shopify orders need to sync every fifteen minutes.",
    "The last connector we bought broke at every month-end close.",
    "If it doesn't connect to our accounting software, forget it.",
]

THE_LANGUAGE_ON_SCREEN = [
    "The other thing that worried Sunita was French.",
    "Our Montreal building needs the handheld screens in French for Bill 96 compliance, and your"
    " roadmap only had it for next year.",
    "Y la interfaz tiene que estar en español.",
    "If the handheld screens are only in English, my people won't use it.",
    "Half our cleaners speak Portuguese, so an English-only app is a problem.",
    "Our site crews in Quebec will need everything translated.",
    "The patient reminders have to go out in Welsh as well as English.",
    "No Spanish version means the kitchen staff won't touch it.",
    "Localisation is the worry for our Lyon office.",
    "Language is a big one for our night shift.",
    "The app has to be bilingual for our Miami clinics.",
    "German UI is a must for the Vienna hotel.",
    "Without Vietnamese on the handhelds our pickers are lost.",
    "Our bookkeepers in Montreal work in Canadian French all day.",
    "The translations on the last tool's screens were so bad the nurses gave up.",
]

GO_LIVE_IN_THE_PEAK = [
    "Worried that go-live lands in their Q4 peak if the contract slips past June.",
    "We cannot go live anywhere between October and January, that's peak and I would lose"
    " clients over a bad cutover.",
    "Going live in tax season would be suicide for a firm our size.",
    "A cutover during flu season isn't happening.",
    "If the rollout slips into the summer season we'd have to park it.",
    "Go-live can't land in December, that's our busiest month.",
    "Our peak is November, so launching then is out.",
    "Implementation over Christmas is a non-starter for the restaurant.",
    "Rolling out in the middle of year-end would be chaos.",
    "If the switch-over lands on the wedding season the venue will revolt.",
    "Going live just before Black Friday is the one thing I can't risk.",
    "Any launch in the harvest season is off the table.",
    "The ski season is when we'd least want to implement anything new.",
    "A go-live in the holiday rush would sink the front desk.",
    "We can't cut over at month-end, the accountants would kill me.",
]


@pytest.mark.parametrize("sentence", WHAT_IT_COSTS)
@pytest.mark.parametrize("category", ["security", "setup_time", "adoption", "integrations"])
def test_hardware_and_fees_by_the_unit_are_price(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "price"


@pytest.mark.parametrize("sentence", COMPLIANCE_PAPERS)
@pytest.mark.parametrize("category", ["integrations", "adoption", "authority_timing"])
def test_a_compliance_paper_is_security_whatever_system_it_gates(
    sentence: str, category: str
) -> None:
    assert plain_topic(sentence, category) == "security"


@pytest.mark.parametrize("sentence", A_SYSTEM_TO_CONNECT)
@pytest.mark.parametrize("category", ["adoption", "setup_time", "status_quo"])
def test_a_system_to_connect_is_integrations(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "integrations"


@pytest.mark.parametrize("sentence", THE_LANGUAGE_ON_SCREEN)
@pytest.mark.parametrize("category", ["price", "authority_timing", "security", "integrations"])
def test_the_language_on_screen_is_adoption(sentence: str, category: str) -> None:
    """Whether staff can read the screens is whether they will use it: adoption, also when a
    language law is the reason."""
    assert plain_topic(sentence, category) == "adoption"


@pytest.mark.parametrize("sentence", GO_LIVE_IN_THE_PEAK)
@pytest.mark.parametrize("category", ["contract", "setup_time", "switching"])
def test_go_live_in_the_peak_is_timing(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == "authority_timing"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Your scanners kept dropping the Wi-Fi in the trial.", "adoption"),
        ("Ten weeks per building is too long for us.", "setup_time"),
        ("Training per site takes a full day we don't have.", "setup_time"),
        ("Moving ten years of history out of QuickBooks is the scary part.", "switching"),
        ("I don't trust a migration of twelve thousand SKUs into your system.", "switching"),
        ("Our French clients pay in euros, so the quote has to be in euros.", "price"),
        ("We tried a French vendor last year and it went badly.", "status_quo"),
        ("Explain it in plain English: who owns the data if we leave?", "security"),
        ("How long does go-live take for a clinic our size?", "setup_time"),
        ("Our CFO has to approve anything that connects to NetSuite.", "authority_timing"),
        (
            "We already pay CoolStack for the dry side and they'd add the cold rooms free.",
            "competitor",
        ),
        ("The signal in the back of the yard is terrible.", "adoption"),
        ("We're mid-migration on our phone system and nobody has any bandwidth.", "setup_time"),
        (
            "I'd be nervous about safeguarding letters going out through machine translation.",
            "security",
        ),
        ("They want the cheapest thing, and a six-week security review won't help.", "price"),
    ],
)
def test_the_same_words_about_something_else_keep_their_category_too(
    sentence: str, category: str
) -> None:
    assert plain_topic(sentence, category) == category


CHANGING_THE_SYSTEM = [
    "I can't be switching systems in the middle of peak season either.",
    "We're not changing providers mid-year, the vet nurses would riot.",
    "Switching platforms during harvest is out of the question.",
    "I don't want to be moving systems right before tax season.",
    "Swapping booking systems in December would kill us.",
    "Changing software providers again is the last thing the clinic needs.",
    "We can't switch vendors before the audit.",
    "Switching systems three months before our busy season scares me.",
    "The last time we changed systems we lost a month of orders.",
    "I can't be switching tools on the crews in the middle of a roof job.",
]


@pytest.mark.parametrize("sentence", CHANGING_THE_SYSTEM)
@pytest.mark.parametrize("category", ["setup_time", "adoption", "status_quo"])
def test_changing_the_system_itself_is_switching(sentence: str, category: str) -> None:
    """Review 21g: "I can't be switching systems in the middle of peak season." had been setup time
    (0.96), alone in a theme of its own."""
    assert plain_topic(sentence, category) == "switching"


@pytest.mark.parametrize(
    "sentence",
    [
        "We use three systems today.",
        "Our providers have been great about it.",
        "The systems team will want a look at the API docs.",
    ],
)
def test_systems_said_without_a_change_keep_their_category(sentence: str) -> None:
    assert plain_topic(sentence, "setup_time") in ("setup_time", "integrations")
