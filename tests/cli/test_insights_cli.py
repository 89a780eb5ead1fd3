"""The insights commands through typer's CliRunner on a copy of the analysed theme corpus."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from api.cli import app
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES


@pytest.fixture
def cli(ws: Workspace, point_cli_at: Callable[..., None]) -> CliRunner:
    """The commands over a copy of the theme corpus (this module's ``cli`` is a bare runner)."""
    point_cli_at(ws.settings.data_dir, ws.settings.database_url)
    return CliRunner()


def run(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_clusters_table_and_json(cli: CliRunner) -> None:
    table = run(cli, "clusters", "--kind", "objection")
    assert "Clusters" in table and "lost" in table
    rows = json.loads(run(cli, "clusters", "--kind", "objection", "--json"))
    assert rows and all(r["kind"] == "objection" for r in rows)
    lost = json.loads(run(cli, "clusters", "--outcome", "lost", "--since", "2026-01-01", "--json"))
    assert all(set(r["outcome_counts"]) == {"lost"} for r in lost)
    shown = run(cli, "cluster-show", str(rows[0]["id"]))
    assert rows[0]["name"] in shown and "call " in shown and "None" not in shown
    detail = json.loads(run(cli, "cluster-show", str(rows[0]["id"]), "--json"))
    assert detail["size"] == rows[0]["size"]
    missing = cli.invoke(app, ["cluster-show", "99999"])
    assert missing.exit_code == 1 and "no cluster 99999" in missing.output


def test_cluster_show_says_which_quotes_are_a_reps_notes(ws: Workspace, cli: CliRunner) -> None:
    """A rep's note is never shown as the buyer's words, on the command line either."""
    from sqlalchemy import select

    from pipeline.store.models import Mention, Utterance

    cluster_id = json.loads(run(cli, "clusters", "--kind", "objection", "--json"))[0]["id"]
    with ws.session() as db:
        ids = db.scalars(select(Mention.utterance_id).where(Mention.cluster_id == cluster_id))
        for utterance in db.scalars(select(Utterance).where(Utterance.id.in_(list(ids)))):
            utterance.role = "rep_note"
    detail = json.loads(run(cli, "cluster-show", str(cluster_id), "--json"))
    shown = run(cli, "cluster-show", str(cluster_id))
    quoted = [line for line in shown.splitlines() if line.startswith('  "')]
    assert detail["quotes"] and len(quoted) == len(detail["quotes"])
    assert all("rep's note, mention" in line for line in quoted)


def test_cluster_show_says_how_many_mentions_it_does_not_quote(
    ws: Workspace, cli: CliRunner
) -> None:
    """ "6 mentions" above one quote had left the user wondering where the rest were."""
    from sqlalchemy import select

    from pipeline.store.models import Mention

    cluster_id = json.loads(run(cli, "clusters", "--kind", "objection", "--json"))[0]["id"]
    with ws.session() as db:
        members = list(db.scalars(select(Mention).where(Mention.cluster_id == cluster_id)))
        for mention in members[1:]:
            mention.text = "Hmm."  # counted, never quoted
    shown = run(cli, "cluster-show", str(cluster_id))
    quoted = [line for line in shown.splitlines() if line.startswith('  "')]
    assert len(quoted) == 1
    assert f"…and {len(members) - 1} more mentions" in shown


def test_industry_filters_clusters_and_dashboard(cli: CliRunner) -> None:
    account = json.loads(run(cli, "account", "account 2", "--industry", "Clinics", "--json"))
    assert account["industry"] == "Clinics" and len(account["calls"]) == 2
    every = json.loads(run(cli, "clusters", "--kind", "objection", "--json"))
    clinics = json.loads(
        run(cli, "clusters", "--kind", "objection", "--industry", "clinics", "--json")
    )
    assert 0 < sum(r["size"] for r in clinics) < sum(r["size"] for r in every)
    assert all(r["calls"] <= 2 and r["accounts"] == 1 for r in clinics)
    board = json.loads(run(cli, "dashboard", "--industry", "Clinics", "--json"))
    assert board["industry"] == "Clinics" and board["totals"]["calls"] == 2
    assert run(cli, "dashboard", "--industry", "Clinics").startswith("Clinics: 2 calls")


def test_edit_commands_and_recluster(cli: CliRunner) -> None:
    ids = [r["id"] for r in json.loads(run(cli, "clusters", "--kind", "objection", "--json"))]
    run(cli, "rename", str(ids[0]), "Too expensive")
    run(cli, "merge", str(ids[1]), str(ids[2]))
    children = json.loads(run(cli, "split", str(ids[1]), "--json"))["children"]
    assert json.loads(run(cli, "unsplit", str(children[1]), "--json"))["id"] == ids[1]
    said = run(cli, "split", str(ids[1]))  # a line naming both halves by id and name
    children = [int(n) for n in re.findall(r"#(\d+) “", said)]
    assert said.startswith(f"Split #{ids[1]} into ") and len(children) == 2, said
    run(cli, "not-objection", str(ids[0]))
    summary = json.loads(run(cli, "cluster", "--rebuild", "--json"))
    assert summary["objection"]["full"] is True
    after = {r["id"] for r in json.loads(run(cli, "clusters", "--json"))}
    assert ids[0] not in after and set(children) <= after
    assert "up to date" in run(cli, "cluster")


def test_merging_themes_of_two_kinds_says_which(cli: CliRunner) -> None:
    objection = json.loads(run(cli, "clusters", "--kind", "objection", "--json"))[0]["id"]
    question = json.loads(run(cli, "clusters", "--kind", "question", "--json"))
    if not question:
        pytest.skip("the corpus has no question theme")
    merged = cli.invoke(app, ["merge", str(objection), str(question[0]["id"])])
    assert merged.exit_code == 1
    assert "cannot merge clusters of different kinds (objection and question)" in merged.output


def test_search_and_phrases(cli: CliRunner) -> None:
    hits = json.loads(run(cli, "search", "setup takes months", "-k", "2", "--json"))
    assert len(hits) == 2 and hits[0]["text"] in THEMES["setup"]
    assert "Nearest quotes" in run(cli, "search", "too expensive")
    phrases = json.loads(run(cli, "phrases", "--json"))
    assert isinstance(phrases, list)
    assert "Buyer phrases" in run(cli, "phrases")


def test_dashboard_table_and_json(cli: CliRunner) -> None:
    board = json.loads(run(cli, "dashboard", "--json"))
    assert board["totals"]["calls"] > 0 and board["lost"]
    table = run(cli, "dashboard")
    assert "Objections in lost deals" in table and board["lost"][0]["name"] in table


def test_dashboard_and_clusters_say_the_same_trend_words(cli: CliRunner) -> None:
    """``clusters`` had shown a ratio (2.83) where the dashboard said "rising", and the
    dashboard had said "rising" against a month before the first call. The corpus's calls
    begin 5 January: its last 30 days have no history to compare with; from 26 January they
    do (15 days against 15), and both commands say "steady", the ratio kept in --json."""
    board = run(cli, "dashboard")
    assert "rising" not in board
    assert "trend: not enough history to compare: the first call is on 2026-01-05" in board
    listed = json.loads(run(cli, "clusters", "--kind", "objection", "--json"))
    assert {row["trend_label"] for row in listed} == {""} and all(r["trend"] for r in listed)
    table = run(cli, "clusters", "--kind", "objection")
    assert "6.00" not in table and "rising" not in table
    assert "trend: not enough history to compare: the first call is on 2026-01-05" in table
    since = ("--since", "2026-01-26")
    board = run(cli, "dashboard", *since)
    assert "not enough history" not in board and "steady" in board
    rows = json.loads(run(cli, "clusters", "--kind", "objection", *since, "--json"))
    assert {r["trend_label"] for r in rows} == {"steady"} and all(r["trend"] for r in rows)
    table = run(cli, "clusters", "--kind", "objection", *since)
    assert table.count("steady") == len(rows) and "1.33" not in table
    assert "not enough history" not in table


def test_clusters_grain(cli: CliRunner) -> None:
    auto = json.loads(run(cli, "clusters", "--kind", "objection", "--json"))
    finer = run(cli, "clusters", "--kind", "objection", "--grain", "finer")
    rows = json.loads(run(cli, "clusters", "--kind", "objection", "--json"))
    assert len(rows) > len(auto)
    assert f"objection: {len(rows)} themes (automatic: {len(auto)})" in finer
    assert "(automatic)" in run(cli, "clusters", "--kind", "objection", "--grain", "auto")
    assert {r["id"] for r in json.loads(run(cli, "clusters", "--kind", "objection", "--json"))} == {
        r["id"] for r in auto
    }
    bad = cli.invoke(app, ["clusters", "--grain", "lots"])
    assert bad.exit_code == 1 and "coarser, finer, auto" in bad.output


def test_cluster_show_of_undated_calls_says_so(cli: CliRunner, ws: Workspace) -> None:
    """A theme of calls with no date had printed "None to None"."""
    from sqlalchemy import update

    from pipeline.store.models import Call

    with ws.session() as session:
        session.execute(update(Call).values(call_date=None))
    rows = json.loads(run(cli, "clusters", "--kind", "objection", "--json"))
    shown = run(cli, "cluster-show", str(rows[0]["id"]))
    assert "no dates;" in shown and "None" not in shown


def test_cluster_filters_take_an_alias_and_any_case(
    ws: Workspace, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`clusters --competitor CS` (Cornerstone's alias) and `--account "account 1"` had printed
    "No clusters yet: ingest calls..." though both named what the calls hold."""
    from sqlalchemy import select

    from pipeline.store.models import Call

    with ws.session() as db:
        for call in db.scalars(select(Call).where(Call.account == "Account 1")):
            call.competitors = ["Cornerstone"]
    monkeypatch.setenv("CALLMINE_COMPETITOR_ALIASES", '{"CS": "Cornerstone"}')
    aliased = json.loads(run(cli, "clusters", "--competitor", "CS", "--json"))
    named = json.loads(run(cli, "clusters", "--competitor", "Cornerstone", "--json"))
    assert aliased and aliased == named
    lower = json.loads(run(cli, "clusters", "--account", "account 1", "--json"))
    assert lower == json.loads(run(cli, "clusters", "--account", "Account 1", "--json")) != []
    none = run(cli, "clusters", "--competitor", "Nobody")
    assert "No clusters match these filters." in none


def test_search_quotes_buyers_unless_role_widens_it(cli: CliRunner, ws: Workspace) -> None:
    """A rep's note nearest the words is not a buyer quote: ``--role rep_note`` brings it."""
    [top] = json.loads(run(cli, "search", "setup takes months", "-k", "1", "--json"))
    with ws.session() as db:
        mention = db.get(Mention, top["mention_id"])
        assert mention is not None
        utterance = db.get(Utterance, mention.utterance_id)
        assert utterance is not None
        utterance.role = "rep_note"
    buyers = json.loads(run(cli, "search", "setup takes months", "-k", "3", "--json"))
    assert top["mention_id"] not in {h["mention_id"] for h in buyers}
    assert {h["role"] for h in buyers} == {"buyer"}
    wide = json.loads(
        run(
            cli,
            "search",
            "setup takes months",
            "-k",
            "1",
            "--role",
            "buyer",
            "--role",
            "rep_note",
            "--json",
        )
    )
    assert [(h["mention_id"], h["role"]) for h in wide] == [(top["mention_id"], "rep_note")]
    assert "said by" in run(cli, "search", "setup takes months")


def test_merge_says_and_keeps_the_first_ids_typed_name(cli: CliRunner) -> None:
    """Review 27 item 5: merging into theme 10 keeps the name typed on 10 over one typed on
    the theme merged in; the help says which name is kept, and --name chooses one."""
    shown = " ".join(run(cli, "merge", "--help").split())
    assert "typed on the first id" in shown and "--name" in shown
    ids = [r["id"] for r in json.loads(run(cli, "clusters", "--kind", "objection", "--json"))]
    run(cli, "rename", str(ids[0]), "Costs we already carry")
    run(cli, "rename", str(ids[1]), "What the owner thinks")
    merged = json.loads(run(cli, "merge", str(ids[1]), str(ids[0]), "--json"))
    assert merged["name"] == "What the owner thinks"
    named = run(cli, "merge", str(ids[1]), str(ids[2]), "--name", "Owners' doubts")
    assert f"into #{ids[1]} “Owners' doubts”" in named, named


def test_a_redacted_name_shows_as_a_placeholder_in_the_phrases_table(
    ws: Workspace, cli: CliRunner
) -> None:
    """Rich had read "[name]" as markup and printed a hole ("the old stuff, , just start
    fresh"); the table shows what the documents show."""
    from pipeline.store.models import Call

    lines = [
        "Honestly, Gemma, the rota app is clunky.",
        "Look, Gemma, the booking screen freezes again.",
    ]
    with ws.session() as db:
        for index in range(2):
            call = Call(
                filename=f"r{index}.txt", format="txt", raw_text="", content_hash=f"r{index}"
            )
            db.add(call)
            db.flush()
            db.add(Utterance(call_id=call.id, seq=0, role="buyer", speaker="Gemma Hart", text=""))
            for seq, text in enumerate(lines, start=1):
                db.add(Utterance(call_id=call.id, seq=seq, role="buyer", speaker="Tom", text=text))
        db.commit()
    found = json.loads(run(cli, "phrases", "--top", "200", "--json"))
    shown = [q["text"] for p in found for q in p["examples"] if "rota app" in p["phrase"]]
    assert shown and "[name]" in shown[0], shown
    table = run(cli, "phrases", "--top", "200")
    assert "Honestly, [name], the rota app is clunky." in table, table
