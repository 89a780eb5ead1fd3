"""Buyer phrase extraction: counts, distinct calls, example quotes, trimming and order."""

from __future__ import annotations

from typing import Any

from pipeline.cluster.phrases import Phrase, Quote, SourceText, extract_phrases
from tests.plugins.stored_calls import buyer_calls

SOURCES = [
    SourceText(1, 10, "Honestly it's too much admin for me. Staff won't use it."),
    SourceText(2, 10, "I spend Sundays chasing people for timesheets."),
    SourceText(3, 11, "There's too much admin already, and I'm chasing people for timesheets."),
    SourceText(4, 12, "My staff won\u2019t use it, they hate apps. Too much admin!"),
    SourceText(5, 12, "Yeah, you know, I mean, it's fine. You know what I mean."),
    SourceText(6, 13, "You know, I mean, we're fine, you know what I mean"),
    SourceText(7, 13, "Too much admin. Too much admin."),
]


def by_phrase(found: list[Phrase]) -> dict[str, Phrase]:
    return {p.phrase: p for p in found}


def test_counts_calls_and_example_quotes() -> None:
    found = by_phrase(extract_phrases(SOURCES))
    admin = found["too much admin"]
    assert (admin.count, admin.distinct_calls) == (4, 4)  # utterances, not repetitions
    assert admin.examples == (
        Quote(1, 10, "Honestly it's too much admin for me."),
        Quote(3, 11, "There's too much admin already, and I'm chasing people for timesheets."),
        Quote(4, 12, "Too much admin!"),
    )
    chasing = found["chasing people for timesheets"]
    assert (chasing.count, chasing.distinct_calls) == (2, 2)
    staff = found["staff won't use it"]  # curly apostrophe normalised
    assert (staff.count, staff.distinct_calls) == (2, 2)
    assert staff.examples[1] == Quote(4, 12, "My staff won\u2019t use it, they hate apps.")


def test_fillers_and_contained_phrases_are_dropped() -> None:
    phrases = [p.phrase for p in extract_phrases(SOURCES)]
    assert "much admin" not in phrases  # inside "too much admin" with the same count
    assert "chasing people" not in phrases
    assert "people for timesheets" not in phrases
    assert not any(p.startswith(("you know", "i mean", "know what")) for p in phrases)
    assert not any("timesheets staff" in p for p in phrases)  # never across sentences


def test_order_is_deterministic_and_ranked() -> None:
    first = extract_phrases(SOURCES)
    reordered = extract_phrases(list(reversed(SOURCES)))
    assert [(p.phrase, p.count) for p in reordered] == [(p.phrase, p.count) for p in first]
    assert [p.phrase for p in first] == [
        "too much admin",
        "chasing people for timesheets",
        "staff won't use it",
    ]
    assert first == extract_phrases(SOURCES)


def test_min_count_top_and_max_n() -> None:
    assert extract_phrases(SOURCES, min_count=5) == []
    assert [p.phrase for p in extract_phrases(SOURCES, top=1)] == ["too much admin"]
    short = [p.phrase for p in extract_phrases(SOURCES, max_n=2)]
    assert all(len(p.split()) <= 2 for p in short)
    assert "chasing people" in short


def test_plain_strings_and_empty_input() -> None:
    found = extract_phrases(["too much admin here", "so much admin, too much admin", ""])
    assert [(p.phrase, p.count, p.distinct_calls) for p in found] == [("too much admin", 2, 2)]
    assert extract_phrases([]) == []
    assert extract_phrases([(1, 1, "   ")]) == []


def test_names_of_people_and_companies_are_no_buyer_phrases() -> None:
    """ "vetdesk sales" and "priya shah 11" had been listed as what buyers say: a team, our
    company and a rep's name, from tool lines and a chat's sender lines."""
    from pipeline.cluster.phrases import names_someone

    named = names_someone(["Priya Shah", "Chairside", "Greystone Dental Group", "", "Al"])
    assert named("priya shah 11")
    assert named("chairside sales")
    assert named("greystone dental group")
    assert not named("shah")  # a name's one word alone is not the name
    assert not named("front desk")
    assert not named("al fresco") and not names_someone([])("priya shah")


def test_buyer_phrases_skip_reps_notes_and_names(workspace: Any) -> None:
    from pipeline.cluster.phrases import list_phrases
    from pipeline.ingest import team
    from pipeline.store.models import Call, Utterance

    with workspace.session() as db:
        team.add_member(db, "Tom Becker", company="Chairside")
        for index in range(2):
            call = Call(filename=f"{index}.txt", format="txt", raw_text="", content_hash=str(index))
            db.add(call)
            db.flush()
            said = [
                ("buyer", "The monthly fee feels steep for us."),
                ("unknown", "Handled by Tom Becker (Chairside Sales)"),
                ("rep_note", "Send the revised quote today."),
            ]
            for position, (role, text) in enumerate(said):
                db.add(Utterance(call_id=call.id, seq=position, role=role, text=text))
        db.commit()
        found = [p["phrase"] for p in list_phrases(db)]
    assert "monthly fee" in " ".join(found)
    assert not any("tom becker" in p or "chairside" in p or "revised quote" in p for p in found)


def test_a_title_and_a_name_are_no_buyer_phrase(workspace: Any) -> None:
    """ "mrs garrod" (a marina's owner, named by a buyer, never a speaker) had topped the
    phrases buyers repeat; a title addresses a person in any trade. "miss" stays a verb."""
    from pipeline.cluster.phrases import list_phrases

    lines = [
        "Mrs Garrod looks at every invoice and we miss calls at the desk.",
        "Dr. Okafor signs off the lab orders and we miss calls at the desk.",
        "Mr Tanaka wants the keg report and we miss calls at the desk.",
        "Ms Rowe runs the timetable and we miss calls at the desk.",
        "Prof Adeyemi chairs the board and we miss calls at the desk.",
    ]
    with workspace.session() as db:
        buyer_calls(db, lines)
        found = [p["phrase"] for p in list_phrases(db)]
    assert any("miss calls" in p for p in found), found
    titled = ("mrs garrod", "dr okafor", "mr tanaka", "ms rowe", "prof adeyemi", "garrod", "okafor")
    assert not any(name in p for p in found for name in titled), found


def test_a_phrase_is_never_counted_inside_a_hyphenated_word() -> None:
    """ "two vans" had been counted, and quoted, from "Twenty-two vans, and every van off the
    road..."; a hyphenated word is one word to a phrase, whatever the trade."""
    lines = [
        SourceText(1, 1, "Twenty-two vans, and every van off the road is a day lost."),
        SourceText(2, 2, "We've got thirty-two vans on the school run."),
        SourceText(3, 3, "Our vet practice has forty-two kennels and they're always full."),
        SourceText(4, 4, "Fifty-two kennels to clean before nine, every morning."),
        SourceText(5, 5, "The salon has a follow-up chair and a self-service till."),
        SourceText(6, 6, "A self-service till and one follow-up chair, that's all."),
    ]
    found = by_phrase(extract_phrases(lines))
    assert "two vans" not in found and "two kennels" not in found, list(found)
    assert "up chair" not in found and "service till" not in found, list(found)
    assert "self service till" in found  # the whole word still counts


def test_an_example_quote_says_the_phrase_as_whole_words() -> None:
    """The example is the sentence that says the phrase, not one holding it inside a
    hyphenated word ("Twenty-two vans" for "two vans")."""
    lines = [
        SourceText(1, 1, "We run twenty-two vans. Two vans sit idle every Monday."),
        SourceText(2, 2, "Honestly two vans would do it."),
        SourceText(3, 3, "The clinic has thirty-two beds. Two beds are for cats only."),
        SourceText(4, 4, "Maybe two beds, no more."),
    ]
    found = by_phrase(extract_phrases(lines))
    assert found["two vans"].examples[0] == Quote(1, 1, "Two vans sit idle every Monday.")
    assert found["two beds"].examples[0] == Quote(3, 3, "Two beds are for cats only.")


def test_a_count_of_something_is_no_buyer_phrase(workspace: Any) -> None:
    """ "six trucks" and "one of my guys" had topped a haulier's phrases: one buyer's figure,
    no words buyers share. What they say of the things counted stays."""
    from pipeline.cluster.phrases import list_phrases

    lines = [
        "We run six trucks and the fuel receipts go missing.",
        "One of my guys keys the fuel receipts twice.",
        "The clinic has three chairs, and the recall letters go out late.",
        "One of the nurses posts the recall letters herself.",
        "We brew twelve kegs a week, the keg returns never add up.",
        "Fifty five a keg, and the keg returns are still a mess.",
    ]
    with workspace.session() as db:
        buyer_calls(db, lines)
        found = [p["phrase"] for p in list_phrases(db)]
    assert {"fuel receipts", "recall letters", "keg returns"} <= set(found), found
    counts = ("six trucks", "one of my guys", "three chairs", "one of the nurses", "twelve kegs")
    assert not any(count in found for count in (*counts, "fifty five")), found
