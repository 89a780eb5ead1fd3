"""Content that keeps up with the calls: a document is marked out of date when a new objection
enters the top, a cluster grows by half or buyers name a new competitor, on the list, the page
and the API, and one click regenerates it as a new version (issue 20)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from api.cli import app as cli_app
from pipeline.analysis.corrections import label_mention
from pipeline.cluster.edits import mark_cluster, merge_clusters
from pipeline.content.citations import page_order
from pipeline.content.documents import list_documents
from pipeline.content.generate import generate_document, regenerate_document
from pipeline.content.staleness import Staleness, staleness, what_changed
from pipeline.store.models import Cluster, Document, Mention, Utterance
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded

PRICE, SETUP = "price too high for a small team", "setup takes too long"  # the seeded themes


def _more_calls(ws: Workspace, seeded: Seeded) -> int:
    """Later calls: the price cluster grows by half (5 -> 8) and names Acuity; a new objection
    (10 mentions, heard on two calls: a recurring theme) outgrows setup (2)."""
    with ws.session() as db:
        contract = Cluster(kind="objection", name="locked into a year", keywords=["contract"])
        db.add(contract)
        db.flush()
        for n in range(13):
            # Both Health & fitness calls: the other industry's use case stays as it was.
            call_id = seeded.calls[2] if n >= 3 and n % 2 else seeded.calls[0]
            text = f"Later worry number {n}: a year is too long to commit to."
            utterance = Utterance(
                call_id=call_id, seq=100 + n, speaker="Dana", role="buyer", text=text
            )
            db.add(utterance)
            db.flush()
            price = n < 3
            db.add(
                Mention(
                    utterance_id=utterance.id,
                    call_id=call_id,
                    kind="objection",
                    category="price" if price else "contract",
                    text=text,
                    char_end=len(text),
                    competitor="Acuity" if n == 0 else None,
                    cluster_id=seeded.price if price else contract.id,
                )
            )
        return contract.id


def test_out_of_date_documents_are_marked_and_regenerated(
    ws: Workspace, seeded: Seeded, api: TestClient
) -> None:
    with ws.session() as db:
        document_id = generate_document(db, ws.settings, doc_type="objection-faq").id
        pinned = generate_document(
            db, ws.settings, doc_type="objection-faq", cluster_ids=[seeded.setup]
        ).id
        ours = generate_document(db, ws.settings, doc_type="use-case", industry="health & FITNESS")
        theirs = generate_document(db, ws.settings, doc_type="use-case", industry="Trades")
        use_cases = {"ours": ours.id, "theirs": theirs.id}
        assert ours.title.startswith("A use case for health & FITNESS")
    with ws.session() as db:
        assert all(not d.out_of_date for d in list_documents(db))
    contract = _more_calls(ws, seeded)
    with ws.session() as db:
        marks = {d.id: d.out_of_date for d in list_documents(db)}
    assert marks[document_id] == [
        "3 new quotes in “price too high for a small team” since v1 (8 now, 5 when written)",
        "“locked into a year” is now among the 2 objections heard most",
        "buyers now name Acuity",
    ]
    assert marks[pinned] == []  # the user's own choice of clusters did not move
    # A use case counts its industry's calls: the later calls are Health & fitness ones.
    assert marks[use_cases["ours"]][0] == (
        "3 new quotes in “price too high for a small team” since v1 (5 now, 2 when written)"
    )
    assert marks[use_cases["theirs"]] == []
    # The dashboard lists what is out of date, with what changed and a regenerate button.
    board = api.get("/api/dashboard").json()["out_of_date"]
    assert {d["id"]: d["changes"] for d in board} == {
        document_id: marks[document_id],
        use_cases["ours"]: marks[use_cases["ours"]],
    }
    dashboard = api.get("/dashboard").text
    panel = dashboard[dashboard.index('id="out-of-date"') :]
    assert "buyers now name Acuity" in panel
    # Named as the documents list names them, not by their internal names ("objection-faq").
    assert "Objection FAQ · Draft" in panel and "objection-faq" not in panel.split("<form")[0]
    assert f'action="/documents/{document_id}/regenerate"' in panel
    assert f'action="/documents/{pinned}/regenerate"' not in panel
    assert api.get(f"/api/documents/{document_id}").json()["out_of_date"] == marks[document_id]
    assert "out of date</span>" in api.get("/documents").text
    page = api.get(f"/documents/{document_id}").text
    assert "Out of date" in page and "buyers now name Acuity" in page, page[page.find("<main") :][
        :3000
    ]
    assert f'action="/documents/{document_id}/regenerate"' in page
    done = api.post(f"/documents/{document_id}/regenerate")
    flash = done.text[done.text.find('role="status"') :][:400]
    assert done.status_code == 200 and "Regenerated as version 2" in done.text, flash
    fresh = api.get(f"/api/documents/{document_id}").json()
    assert fresh["current_version"] == 2 and fresh["out_of_date"] == []
    assert contract in fresh["cluster_ids"] and fresh["state"] == "draft"
    again = api.post(f"/api/documents/{pinned}/regenerate", json={"use_llm": "false"})
    assert again.status_code == 200 and again.json()["current_version"] == 2


def test_a_renamed_theme_is_named_both_ways(ws: Workspace, seeded: Seeded) -> None:
    """The note had quoted only the old automatic name of a theme the user had renamed."""
    with ws.session() as db:
        document = generate_document(db, ws.settings, doc_type="objection-faq")
        price = db.get(Cluster, seeded.price)
        assert price is not None
        price.name, price.status = "Too dear", "retired"
        db.flush()
        assert what_changed(db, document)[0] == (
            "“price too high for a small team” (now “Too dear”) was regrouped into other themes"
        )


def test_a_quote_corrected_to_no_objection_puts_the_page_out_of_date(
    ws: Workspace, seeded: Seeded
) -> None:
    """A sentence a user marked "other" had stayed quoted on a use case, the page up to date."""
    with ws.session() as db:
        document = generate_document(db, ws.settings, doc_type="objection-faq")
        assert what_changed(db, document) == []
        cited = set(page_order(document.body_markdown))
        quote = next(
            q
            for q in document.structured["evidence"]["quotes"]
            if q["id"] in cited and q["mention_id"] and q["kind"] != "answer"
        )
        label_mention(ws, db, quote["mention_id"], label="other")
        theme = next(
            c["name"]
            for c in document.structured["evidence"]["clusters"]
            if c["id"] == quote["cluster_id"]
        )
        said = f"a quote it cites no longer counts in “{theme}”: “{quote['text'][:40]}"
        left = [c for c in what_changed(db, document) if c.startswith("a quote")]
        assert len(left) == 1 and left[0].startswith(said), left
        assert left[0].endswith(f"[Q{quote['id']}]")


def test_the_documents_list_says_which_are_out_of_date(
    ws: Workspace, seeded: Seeded, point_cli_at: Callable[..., None]
) -> None:
    with ws.session() as db:
        stale = generate_document(db, ws.settings, doc_type="objection-faq").id
        fresh = generate_document(
            db, ws.settings, doc_type="objection-faq", cluster_ids=[seeded.setup]
        ).id
    _more_calls(ws, seeded)
    point_cli_at(ws.settings.data_dir, ws.settings.database_url)
    listed = CliRunner().invoke(cli_app, ["documents"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0, listed.output
    rows = {line.split("│")[1].strip(): line for line in listed.output.splitlines() if "│" in line}
    assert "yes (3)" in rows[str(stale)] and "yes" not in rows[str(fresh)]
    assert "callmine regenerate ID" in listed.output


def test_a_quoted_call_whose_deal_was_decided_since_puts_the_page_out_of_date(
    ws: Workspace, seeded: Seeded
) -> None:
    """Re-uploaded with --outcome won, a call's won-deal reply answers worries now; the page
    had stayed up to date, its sources saying "unknown"."""
    from pipeline.store.models import Call

    with ws.session() as db:
        document = generate_document(db, ws.settings, doc_type="objection-faq")
        quoted = {q["call_id"]: q["outcome"] for q in document.structured["evidence"]["quotes"]}
        call_id, outcome = next((c, o) for c, o in quoted.items() if o != "won")
        call = db.get(Call, call_id)
        assert call is not None
        call.outcome = "won"
        db.flush()
        assert f"call {call_id} is now won (was {outcome})" in what_changed(db, document)


def test_a_rival_named_in_a_worry_of_another_topic_puts_the_page_out_of_date(
    ws: Workspace, seeded: Seeded
) -> None:
    """ "Smokeball is cheaper than you per user" is a price worry with no competitor of its own,
    only a competitor tag on the sentence: the FAQ citing the price theme had stayed current
    while the theme's page listed Smokeball. A rival named when the page was built is no news."""
    with ws.session() as db:
        call_id = seeded.calls[0]

        def worry(seq: int, text: str, rival: str) -> None:
            said = Utterance(call_id=call_id, seq=seq, speaker="Dana", role="buyer", text=text)
            db.add(said)
            db.flush()
            for kind, topic, cluster in (
                ("objection", "price", seeded.price),
                ("competitor", "mention", None),
            ):
                db.add(
                    Mention(
                        utterance_id=said.id, call_id=call_id, kind=kind, category=topic,
                        text=text, char_end=len(text), cluster_id=cluster,
                        competitor=rival if kind == "competitor" else None,
                    )
                )  # fmt: skip
            db.flush()

        worry(200, "Clearwave is cheaper than you per user.", "Clearwave")
        document = generate_document(db, ws.settings, doc_type="objection-faq")
        assert what_changed(db, document) == []
        worry(201, "Smokeball is cheaper than you per user.", "Smokeball")
        assert "buyers now name Smokeball" in what_changed(db, document)


def _redetect(ws: Workspace, **moved: tuple[str, int | None]) -> None:
    """What ``callmine redetect`` does to the mentions: every one deleted and made anew, here in
    the other order, so a sentence's new row has another id and its old id is another
    sentence's (SQLite hands out the freed ids again). ``moved``: a sentence's text (as a
    keyword's value's key, see the callers) detected anew as another kind or in another theme."""
    with ws.session() as db:
        old = db.scalars(select(Mention).order_by(Mention.id.desc())).all()
        again = [
            {c.key: getattr(m, c.key) for c in Mention.__table__.columns if c.key != "id"}
            for m in old
        ]
        for mention in old:
            db.delete(mention)
        db.flush()
        for row in again:
            kind, cluster_id = moved.get(row["text"], (row["kind"], row["cluster_id"]))
            db.add(Mention(**(row | {"kind": kind, "cluster_id": cluster_id})))


def _cited(document: Document) -> list[dict[str, Any]]:
    cited = set(page_order(document.body_markdown))
    return [
        q
        for q in document.structured["evidence"]["quotes"]
        if q["id"] in cited and q["mention_id"] and q["kind"] != "answer"
    ]


def _before_spans(ws: Workspace, document_id: int) -> None:
    """The document as a version from before quotes recorded their spans stored it."""
    with ws.session() as db:
        document = db.get(Document, document_id)
        assert document is not None
        structured = copy.deepcopy(document.structured)
        for quote in structured["evidence"]["quotes"]:
            del quote["char_start"], quote["char_end"]
        document.structured = structured


def test_a_quote_redetect_made_anew_still_stands(ws: Workspace, seeded: Seeded) -> None:
    """After ``callmine redetect`` 10 of 16 quotes of a reviewer's FAQ were flagged as no longer
    standing in their theme, "I can't put a tracker in someone's Honda Civic" among them while
    still its theme's top quote: the check had looked up the quoted mention's id, which
    redetect had deleted (or handed to another sentence)."""
    with ws.session() as db:
        documents = [
            generate_document(db, ws.settings, doc_type="objection-faq", use_llm=False).id
            for _ in range(2)
        ]
        first = db.get(Document, documents[0])
        assert first is not None and len(_cited(first)) >= 3
    _before_spans(ws, documents[1])
    _redetect(ws)
    with ws.session() as db:
        # The ids the page recorded are other sentences' now.
        now = {m.id: m.utterance_id for m in db.scalars(select(Mention))}
        assert any(now.get(q["mention_id"]) != q["utterance_id"] for q in _cited(first))
        for document_id in documents:
            document = db.get(Document, document_id)
            assert document is not None
            assert what_changed(db, document) == [], document_id


def test_a_quote_whose_sentence_left_its_theme_is_flagged_and_not_quoted_again(
    ws: Workspace, seeded: Seeded
) -> None:
    """A sentence redetect reads as no objection, or files under another theme, no longer
    stands where the page took it, whichever row and id redetect gave it; the regenerated
    page quotes its theme's other sentences instead."""
    with ws.session() as db:
        documents = [
            generate_document(db, ws.settings, doc_type="objection-faq", use_llm=False).id
            for _ in range(2)
        ]
        document = db.get(Document, documents[0])
        assert document is not None
        price = [q for q in _cited(document) if q["cluster_id"] == seeded.price]
        setup = [q for q in _cited(document) if q["cluster_id"] == seeded.setup]
        assert price and setup
        left, moved = price[0], setup[0]
        said = {
            q["id"]: db.get(Utterance, q["utterance_id"]).text  # type: ignore[union-attr]
            for q in (left, moved)
        }
    _before_spans(ws, documents[1])
    _redetect(ws, **{said[left["id"]]: ("other", None), said[moved["id"]]: ("objection", None)})
    for document_id in documents:
        with ws.session() as db:
            document = db.get(Document, document_id)
            assert document is not None
            themes = {seeded.price: PRICE, seeded.setup: SETUP}
            assert [c for c in what_changed(db, document) if c.startswith("a quote")] == [
                f"a quote it cites no longer counts in “{themes[q['cluster_id']]}”: "
                f"“{q['text'][:80]}” [Q{q['id']}]"
                for q in sorted((left, moved), key=lambda q: q["id"])
            ], document_id
            again = regenerate_document(db, ws.settings, document_id, use_llm=False)
            quoted = [q["text"] for q in _cited(again)]
            assert left["text"] not in quoted and moved["text"] not in quoted, quoted
            assert any(q["cluster_id"] == seeded.price for q in _cited(again))
            assert what_changed(db, again) == []


def test_the_flag_shows_the_quote_as_the_page_does(
    ws: Workspace, seeded: Seeded, point_cli_at: Callable[..., None]
) -> None:
    """``callmine document`` had printed the flag through rich's markup, which took "[name]"
    for a style: “ wasn't willing to sign…”."""
    with ws.session() as db:
        # The price theme's quotes are its sentences that name a person, an email, a card.
        for mention in db.scalars(select(Mention).where(Mention.cluster_id == seeded.price)):
            if not re.search(r"@|\d{4} \d{4}|Marco", mention.text):
                mention.cluster_id = None
        document = generate_document(db, ws.settings, doc_type="objection-faq", use_llm=False)
        redacted = next(q for q in _cited(document) if "[" in q["text"])
        text = db.get(Utterance, redacted["utterance_id"]).text  # type: ignore[union-attr]
    _redetect(ws, **{text: ("other", None)})
    point_cli_at(ws.settings.data_dir, ws.settings.database_url)
    shown = CliRunner().invoke(cli_app, ["document", str(document.id)], env={"COLUMNS": "300"})
    assert shown.exit_code == 0, shown.output
    flag = f"a quote it cites no longer counts in “{PRICE}”: “{redacted['text'][:60]}"
    assert redacted["text"] in document.body_markdown
    assert flag in shown.output, shown.output[-1500:]


def test_the_heading_names_what_changed_it_theme_edits_later_calls_or_both(
    ws: Workspace, seeded: Seeded
) -> None:
    """A user's own merge and hide had been listed under "Later calls changed…"."""
    with ws.session() as db:
        edited = generate_document(db, ws.settings, doc_type="objection-faq")
        mark_cluster(db, seeded.setup, not_objection=True)
        kept = merge_clusters(ws, db, [seeded.questions, _question_theme(db, seeded)])["id"]
        assert kept == seeded.questions
        found = staleness(db, edited)
        assert found.heading == "Theme edits changed what this was built on"
        assert "“setup takes too long” was hidden as not an objection" in found.changes
        assert not any("later calls" in change.lower() for change in found.changes)
    _more_calls(ws, seeded)
    with ws.session() as db:
        document = db.get(Document, edited.id)
        assert document is not None
        assert staleness(db, document).heading == (
            "Theme edits and later calls changed what this was built on"
        )
        fresh = generate_document(db, ws.settings, doc_type="objection-faq")
        assert staleness(db, fresh) == Staleness([], "")


def test_later_calls_alone_are_named_as_the_cause(ws: Workspace, seeded: Seeded) -> None:
    with ws.session() as db:
        document_id = generate_document(db, ws.settings, doc_type="objection-faq").id
    _more_calls(ws, seeded)
    with ws.session() as db:
        document = db.get(Document, document_id)
        assert document is not None
        found = staleness(db, document)
        assert found.changes and found.heading == "Later calls changed what this was built on"


def test_a_merged_theme_names_the_theme_it_went_into(ws: Workspace, seeded: Seeded) -> None:
    with ws.session() as db:
        document = generate_document(db, ws.settings, doc_type="objection-faq")
        merge_clusters(ws, db, [seeded.setup, seeded.price])
        merged = db.get(Cluster, seeded.setup)
        assert merged is not None  # named anew from all its quotes by the merge
        assert (
            f"“price too high for a small team” was merged into “{merged.name}”"
            in staleness(db, document).changes
        )


def _question_theme(db: Any, seeded: Seeded) -> int:
    """A second question theme to merge the seeded one with."""
    other = Cluster(kind="question", name="calendar export", keywords=["export"])
    db.add(other)
    db.flush()
    return int(other.id)
