"""Small talk, praise of the trial, buying signals and the price of idle seats, read after the
kind model (``pipeline/detect/asides.py``, ``small_talk.py``, ``topics.py``): review 19b had filed
the weather as a status-quo objection (a theme of its own), a won deal's praise of the trial as a
security objection and seasonal seats as setup time; review 20d a won deal's "why we picked you
over <rival>" as an objection theme and "We signed off on the budget yesterday" as the opening
quote of a pricing page."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.asides import reports_it_went_well, signals_a_purchase
from pipeline.detect.plain_topics import plain_topic
from pipeline.detect.small_talk import makes_small_talk
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

SMALL_TALK = [
    "Ha, Wellington weather, four seasons in one day.",
    "Typical Glasgow summer, it's been raining since June.",
    "The traffic on the ring road this morning was a nightmare.",
    "Sorry, the dog's been barking at the postman all morning.",
    "It's absolutely freezing in Winnipeg today.",
    "We've had snow three days running here in Denver.",
    "My flight got delayed four hours on the way back from Lisbon.",
    "The kids are off school this week so it's chaos at home.",
    "Honestly, this heat is killing me, it's thirty-eight degrees in Perth.",
    "Hobart's been grey and windy for a fortnight.",
    "Sorry I'm late, the parking here is impossible.",
    "It's been pouring all week in Cork.",
    "Long weekend coming up, thank goodness.",
    "Darwin humidity, you never get used to it.",
    "Did you see the footy on Saturday, what a finish.",
]
PRAISE = [
    "our tenants actually pay on time now, in the trial they did it without us chasing.",
    "The team loved the trial, bookings went up the first week.",
    "Since the pilot our drivers actually fill in their logs on time.",
    "During the trial our patients booked online without calling us once.",
    "Honestly the portal made month-end so much easier during the trial.",
    "Our members paid through the link without a single reminder in the trial.",
    "The trial went really well, the front desk picked it up in a day.",
    "In the pilot, the crews clocked in from their phones without being chased.",
    "Our parents signed the forms online, we didn't have to print anything.",
    "The reminders cut our no-shows in half during the trial.",
    "Even our oldest customers managed to log in without help.",
    "The staff have stopped complaining about the rota since we started the trial.",
    "We closed the month two days early with it.",
    "Suppliers actually respond now, we used to chase them for weeks.",
    "The dashboard saved my managers hours on Monday.",
    "the QR sign-in at the gate saved us twenty minutes every morning",
    "The new rota saved my manager three hours a week.",
    "It saved us 20 minutes a day in the trial.",
]
# Worries that share the words: they stay objections.
WORRIES = [
    "The weather app we tried was too expensive.",
    "The trial was fine but the price isn't.",
    "The trial went well but I still can't get it past the partners.",
    "Our clients didn't upload anything in the trial, they still emailed us.",
    "In the trial half the team never logged in.",
    "I loved the demo but six seats is more than we pay for everything now.",
    "The team liked it, but the contract length is a problem.",
    "The weather here means our crews lose signal, so an app that needs signal won't work.",
    "It's been a rough winter and we don't have budget for anything new until spring.",
    "The trial was nice but our drivers still won't use the app.",
    "I really can't have the front desk in training during the school holidays.",
    "The rain days wreck our schedule and your app can't move the jobs for us.",
    "It hasn't saved us any time at all.",
    "Honestly it never saved us twenty minutes, the crews still use paper.",
]
# A decision made for us, across industries: no objection, whatever the turn around it.
BUYING_SIGNALS = [
    "Honestly, the incident reporting from the phone is why we picked you over Crewboard.",
    "The scheduling board is the reason we chose you over RotaPro, to be fair.",
    "We signed off on the budget yesterday, so this is really about rollout.",
    "Finance approved the spend on Friday, so we can start with the two clinics.",
    "The board approved it last night.",
    "That's exactly why we went with you, the offline mode.",
    "We've gone with you for all four depots.",
    "The budget's been approved for next financial year.",
    "The PO was raised this morning, it should land with your accounts team today.",
    "The partners signed off on it at Monday's meeting.",
    "We got the green light from the trustees.",
    "We're ready to go from our side.",
    "Happy to sign today, just send it over.",
    "The council gave us the go-ahead for the pilot schools.",
    "Procurement has approved it, so the paperwork is on its way.",
    "The practice directors have okayed it for all six surgeries.",
    "Our CFO signed off on the funding this week.",
    "Mate, the route planning is why we went with you lot.",
]
# The same words asked, wished, lost or turned to a worry: they stay objections.
NOT_SIGNALS = [
    "We signed off on the budget, but it's half what you quoted.",
    "Why would we pick you over Crewboard?",
    "Honestly, we picked Crewboard over you because of the price.",
    "We'd pick you if the price came down.",
    "The board hasn't approved it yet.",
    "Unless finance approves the spend, we can't move.",
    "Has the budget been approved on your side?",
    "We approved the budget for twelve sites, and it covers eight at your price.",
    "We're ready to go once the SSO is sorted.",
    "We chose you last year and the adoption has been a nightmare.",
    "The board approved it, but only for a one-year contract.",
    "We went with you for the pilot and the contract terms are a problem.",
    "We'd be happy to sign if you can match RotaPro on price.",
    "We're not ready to sign until legal has seen the DPA.",
    "We picked you over them, and now the renewal price has doubled.",
    "The board approved a budget that's a third of your quote.",
]
IDLE_SEATS = [
    "We have four part-timers from March to June and I'm not paying full seats for them in"
    " October.",
    "I've got three seasonal staff over summer, I'm not paying for them all year.",
    "We bring in six temps at Christmas and paying a full licence for them the other eleven"
    " months makes no sense.",
    "Half our crew is seasonal, so a seat for each of them year-round doesn't work.",
    "Our casuals only work in the harvest, I won't pay for their seats the rest of the year.",
    "Paying per seat for the ski instructors who are only here in winter would kill us.",
    "I'm not paying for twelve seats when eight of them sit empty from May to September.",
    "Our locums come and go, I'm not paying a full seat for someone who works two days a month.",
    "We double our staff for the summer season and I can't pay for those seats all year.",
    "The physios who are in two days a week shouldn't cost a full seat.",
    "I won't pay a full user fee for my part-time bookkeeper.",
    "Paying for idle seats in the off-season is a non-starter.",
    "For the quiet months I'd be paying for logins nobody uses.",
    "We've got thirty staff but ten of them are seasonal, so paying a full seat for each all"
    " year doesn't work for us.",
    "We hire ten pickers in autumn and I'm not paying licences for them in spring.",
]


@pytest.mark.parametrize("sentence", SMALL_TALK)
def test_small_talk_about_the_world(sentence: str) -> None:
    assert makes_small_talk(sentence)
    assert not reports_it_went_well(sentence)


@pytest.mark.parametrize("sentence", PRAISE)
def test_a_report_that_the_trial_went_well(sentence: str) -> None:
    assert reports_it_went_well(sentence)


@pytest.mark.parametrize("sentence", WORRIES)
def test_a_worry_in_the_same_words_is_neither(sentence: str) -> None:
    assert not makes_small_talk(sentence)
    assert not reports_it_went_well(sentence)


@pytest.mark.parametrize("sentence", BUYING_SIGNALS)
def test_a_buying_signal_says_no_concern(sentence: str) -> None:
    assert signals_a_purchase(sentence)


@pytest.mark.parametrize("sentence", [*NOT_SIGNALS, *WORRIES, *SMALL_TALK, *PRAISE])
def test_a_question_condition_loss_or_worry_is_no_buying_signal(sentence: str) -> None:
    assert not signals_a_purchase(sentence)


@pytest.mark.parametrize("sentence", IDLE_SEATS)
def test_paying_for_idle_seats_is_price(sentence: str) -> None:
    assert plain_topic(sentence, "setup_time") == "price"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Switching now would mean retraining six people before the season.", "switching"),
        ("The per-seat price is fine, but the move would take us months.", "setup_time"),
        ("RotaPro charges us less per seat and we already know it.", "competitor"),
    ],
)
def test_other_topics_keep_their_category(sentence: str, category: str) -> None:
    assert plain_topic(sentence, category) == category


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=["RotaPro"])


def test_the_detector_files_them_as_other_and_price(detector: RuleEmbeddingDetector) -> None:
    """Each turn after a rep's line, as in a call; the worries stay objections."""
    said = {
        "Ha, Auckland weather, four seasons in one day.": ("other", None),
        "The kids are off school this week so it's chaos at home.": ("other", None),
        "our customers actually book online now, in the trial they did it without us chasing.": (
            "other",
            None,
        ),
        "In the pilot, the crews clocked in from their phones without being chased.": (
            "other",
            None,
        ),
        "We have five part-timers from May to August and I'm not paying full seats for them in "
        "January.": ("objection", "price"),
        "We bring in six temps at Christmas and paying a full licence for them the other eleven "
        "months makes no sense.": ("objection", "price"),
        "The trial was nice but our drivers still won't use the app.": ("objection", "adoption"),
        "In the trial half the team never logged in.": ("objection", "adoption"),
    }
    lines: list[Line] = []
    for i, text in enumerate(said):
        lines += [
            Line(2 * i, "rep", "So how did the last few weeks go?"),
            Line(2 * i + 1, "buyer", text),
        ]
    found = detector.detect_utterances(lines)
    for i, (text, expected) in enumerate(said.items()):
        got = [
            (d.kind, d.category)
            for d in found[2 * i + 1]
            if d.kind not in ("competitor", "why_now")
        ]
        assert got == [expected], text


def test_buying_signals_are_other_and_keep_the_rival_they_name(embedder: Embedder) -> None:
    """After the rep's line, as in a won call: the signals are ``other`` (the rival still
    tagged); asked, lost, conditional or turned to price, they stay objections."""
    detector = RuleEmbeddingDetector(embedder, competitors=["Crewboard", "RotaPro"])
    said = {
        "Honestly, the incident reporting from the phone is why we picked you over Crewboard.": (
            "other"
        ),
        "We signed off on the budget yesterday, so this is really about rollout.": "other",
        "Finance approved the spend on Friday, so we can start with the two clinics.": "other",
        "The board approved it last night.": "other",
        "We signed off on the budget, but it's half what you quoted.": "objection",
        "Honestly, we picked Crewboard over you because of the price.": "objection",
        "Why would we pick you over RotaPro?": "objection",
    }
    lines: list[Line] = []
    for i, text in enumerate(said):
        lines += [
            Line(2 * i, "rep", "So the plan is twelve sites at ninety-five a month each."),
            Line(2 * i + 1, "buyer", text),
        ]
    found = detector.detect_utterances(lines)
    for i, (text, expected) in enumerate(said.items()):
        kinds = [d.kind for d in found[2 * i + 1] if d.kind not in ("competitor", "why_now")]
        assert kinds == [expected], text
    rivals = [d.competitor for d in found[1] if d.kind == "competitor"]
    assert rivals == ["Crewboard"]


LAUGHS = [
    "Haha, he'll be thrilled.",
    "Ha, he'll be thrilled.",
    "Haha, love that.",
    "Lol, typical.",
    "Hahaha, classic Dave.",
    "Ha ha, she'd love that.",
    "Heh, fair enough.",
    "Haha, that's so him.",
    "Lol, of course he did.",
    "Haha!",
    "Hehe, the chef will be over the moon.",
    "Haha, yeah, the kids would agree.",
]
LAUGHS_WITH_A_WORRY = [
    "Haha, no, the price is the problem.",
    "Haha, we can't afford that.",
    "Ha, that won't work for our drivers.",
    "Haha, your app crashed twice in the trial.",
    "Lol, the contract is the issue.",
    "Haha, honestly I'm worried the staff won't use it at all because they hate new things.",
    "He, well, he'd be annoyed about the setup fee.",
    "Hal will have to sign it off.",
]


@pytest.mark.parametrize("sentence", LAUGHS)
def test_a_short_laugh_led_reaction_is_small_talk(sentence: str) -> None:
    """Review 21g: "Haha, he'll be thrilled." had been a status-quo objection, a theme alone."""
    assert makes_small_talk(sentence)


@pytest.mark.parametrize("sentence", LAUGHS_WITH_A_WORRY)
def test_a_laugh_before_a_worry_is_no_small_talk(sentence: str) -> None:
    assert not makes_small_talk(sentence)


def test_the_detector_files_a_laugh_as_other(detector: RuleEmbeddingDetector) -> None:
    """After a rep's line about the owner's sign-off, as in the call it was found in."""
    lines = [
        Line(1, "rep", "I'll send the proposal to your business partner for sign-off then."),
        Line(2, "buyer", "Haha, he'll be thrilled."),
    ]
    found = detector.detect_utterances(lines)[2]
    assert [d.kind for d in found if d.kind not in ("competitor", "why_now")] == ["other"]
