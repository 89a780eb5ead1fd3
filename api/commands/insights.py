"""CLI commands for insights: cluster, list and edit clusters, search quotes, buyer phrases
(the dashboard has ``api.commands.dashboard``)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any, cast, get_args

import typer
from rich.markup import escape
from rich.table import Table

from api.cli_app import ID_COMMAND, app, console, open_workspace, print_json, progress_bar
from api.commands.cluster_edits import ClusterId
from pipeline.analysis import corrections
from pipeline.analysis import flow as analysis
from pipeline.cluster import grain as cluster_grain
from pipeline.cluster import phrases as phrase_service
from pipeline.cluster import queries as cluster_queries
from pipeline.cluster import search as quote_search
from pipeline.cluster.index import CLUSTERED_KINDS
from pipeline.cluster.queries import ONE_CALL, SortKey, listed_after
from pipeline.cluster.rows import trend_note
from pipeline.cluster.state import unthemed_mentions
from pipeline.cluster.stats import OUTCOME_ORDER
from pipeline.store.models import Outcome
from pipeline.wording import plural

KindChoice = enum.StrEnum("KindChoice", {k: k for k in CLUSTERED_KINDS})  # type: ignore[misc]
RoleChoice = enum.StrEnum("RoleChoice", {r: r for r in quote_search.SEARCH_ROLES})  # type: ignore[misc]
SortChoice = enum.StrEnum("SortChoice", {s: s for s in get_args(SortKey)})  # type: ignore[misc]


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _split(outcomes: dict[str, float]) -> str:
    return " ".join(f"{name} {share:.0%}" for name, share in outcomes.items())


@app.command()
def cluster(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Full re-cluster now.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Cluster objections and questions (only where drift warrants it, unless --rebuild)."""
    with open_workspace() as workspace, progress_bar("clustering", hidden=as_json) as progress:
        summary = analysis.run_clustering(workspace, rebuild=rebuild, progress=progress)
    if as_json:
        print_json(summary)
        return
    for kind, counts in summary.items():
        if counts.get("full"):
            console.print(
                f"{kind}: {plural(counts['clusters'], 'cluster')} over "
                f"{plural(counts['mentions'], 'mention')} "
                f"({counts['created']} new, {counts['retired']} retired)"
                + _unthemed(counts.get("unthemed", 0))
            )
        elif counts.get("new_themes") or counts.get("waiting"):
            console.print(f"{kind}: {_waiting(counts)}" + _unthemed(counts.get("unthemed", 0)))
        elif counts.get("unthemed"):
            console.print(
                f"{kind}: clusters up to date{_unthemed(counts['unthemed'])} (use --rebuild to "
                "re-cluster now)"
            )
        else:
            console.print(f"{kind}: clusters up to date (use --rebuild to force)")


def _waiting(counts: dict[str, Any]) -> str:
    """New themes made of waiting mentions, and the new mentions that fit no theme yet: not
    "up to date" (dog groomers' no-shows had joined "How long payroll takes" unsaid)."""
    said = []
    if counts.get("new_themes"):
        said.append(
            f"{plural(counts['new_themes'], 'new theme')} from "
            f"{plural(counts['placed'], 'waiting mention')}"
        )
    if counts.get("waiting"):
        fit = "fits" if counts["waiting"] == 1 else "fit"
        said.append(
            f"{plural(counts['waiting'], 'new mention')} {fit} no theme (a theme forms once "
            f"{counts['theme_needs']} say one thing, or re-cluster now with --rebuild)"
        )
    return "; ".join(said)


def _unthemed(count: int) -> str:
    """Confident quotes in no theme, said rather than hidden (a lost deal's reason had been)."""
    if not count:
        return ""
    return f", {plural(count, 'confident quote')} without a theme yet"


@app.command("clusters")
def list_clusters(
    kind: Annotated[KindChoice | None, typer.Option(help="objection, pain or question")] = None,
    outcome: Annotated[Outcome | None, typer.Option(help="Count only these deals.")] = None,
    since: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    until: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    competitor: Annotated[str | None, typer.Option()] = None,
    account: Annotated[str | None, typer.Option()] = None,
    industry: Annotated[str | None, typer.Option(help="Only calls of this industry.")] = None,
    sort: Annotated[SortChoice, typer.Option()] = SortChoice("size"),
    grain: Annotated[
        str | None,
        typer.Option(
            help="Fewer or more themes first: coarser, finer, auto or a number of themes "
            "(kept; no re-embedding)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Recurring themes with counts, won/lost split and a quote."""
    kinds = [kind.value] if kind else None
    with open_workspace() as workspace:
        grains = cluster_grain.apply_grain(workspace, grain, kinds) if grain is not None else []
        if competitor:  # "CS" is Cornerstone's alias
            competitor = workspace.settings.rival_names.canonical(competitor)
        confident_at = workspace.settings.confident_at
        with workspace.session() as session:
            rows = _listed(
                session, kind, outcome, since, until, competitor, account, industry, sort,
                confident_at,
            )  # fmt: skip
            kinds = [kind.value] if kind else list(CLUSTERED_KINDS)
            unthemed = {k: unthemed_mentions(session, k) for k in kinds}
            since_day, until_day = (day.date() if day else None for day in (since, until))
            note = trend_note(session, since_day, until_day)
    if as_json:
        print_json(rows)
        return
    for info in grains:
        auto = "automatic" if info["automatic"] else f"automatic: {info['automatic_themes']}"
        console.print(f"{info['kind']}: {plural(info['themes'], 'theme')} ({auto})")
    filtered = any(v is not None for v in (outcome, since, until, competitor, account, industry))
    if not rows and filtered:
        console.print("No clusters match these filters.")
        return
    _print_clusters(rows, named_kind=kind is not None, confident_at=confident_at)
    if note:
        console.print(f"trend: {note}", highlight=False)
    for shown, count in unthemed.items():  # in no theme, yet confident: said, not hidden
        if count:
            scope = " across all calls" if filtered else ""
            console.print(f"{shown}: {_unthemed(count).lstrip(', ')}{scope} (`callmine cluster`)")


def _listed(
    session: Any,
    kind: KindChoice | None,
    outcome: Outcome | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    competitor: str | None,
    account: str | None,
    industry: str | None,
    sort: SortChoice,
    confident_at: float,
) -> list[dict[str, Any]]:
    return cluster_queries.list_clusters(
        session,
        kind=kind.value if kind else None,
        outcome=outcome.value if outcome else None,
        date_from=since.date() if since else None,
        date_to=until.date() if until else None,
        competitor=competitor,
        account=account,
        industry=industry,
        sort=cast(SortKey, sort.value),
        confident_at=confident_at,
    )


def _print_clusters(rows: list[dict[str, Any]], *, named_kind: bool, confident_at: float) -> None:
    """The themes as a table; those heard on one call only, then those made only of uncertain
    mentions (``listed_after``) in sections of their own, marked, so none passes for a sure,
    recurring objection."""
    if not rows:
        console.print("No clusters yet: ingest calls, then run `callmine cluster`.")
        return
    table = Table(title="Clusters", show_lines=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("name", style="bold", min_width=16, max_width=32)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("calls", justify="right", no_wrap=True)
    table.add_column("won/lost/open/\nunknown", no_wrap=True)  # mentions; documents count calls
    table.add_column("trend", justify="right", no_wrap=True)
    quote_width = max(16, min(60, console.width - 75))  # the figures stay readable on 80 columns
    table.add_column("quote", max_width=quote_width, overflow="ellipsis", no_wrap=True)
    table.caption = _clusters_caption(rows, confident_at) or None
    for at, row in enumerate(rows):
        counts = row["outcome_counts"]
        if at and listed_after(rows[at - 1]) != listed_after(row):
            table.add_section()  # a line before the one-call themes and the uncertain ones
        table.add_row(
            str(row["id"]),
            escape(_theme_name(row, named_kind)),
            str(row["size"]),
            str(row["calls"]),
            "/".join(str(counts.get(outcome, 0)) for outcome in OUTCOME_ORDER),
            row["trend_label"] or "-",
            escape(row["quote"] or ""),  # "[inaudible]" is no markup
            style="dim" if row["uncertain_only"] else None,
        )
    console.print(table)


def _clusters_caption(rows: list[dict[str, Any]], confident_at: float) -> str:
    """What the marks under the table mean, for those the list holds."""
    one_call = sum(bool(row["one_call"]) for row in rows)
    uncertain = sum(bool(row["uncertain_only"]) for row in rows)
    said = []
    if one_call:
        said.append(
            f"{plural(one_call, 'theme')} marked ({ONE_CALL}): every mention from the same call, "
            "so not recurring; listed after those heard on more calls."
        )
    if uncertain:
        said.append(
            f"{plural(uncertain, 'theme')} marked (uncertain): no mention read at "
            f"{confident_at:g} confidence or more; listed last."
        )
    return "\n".join(said)


def _theme_name(row: dict[str, Any], named_kind: bool) -> str:
    """A listed theme's name with its kind (unless the listing named it) and, for one made only
    of uncertain mentions or heard on one call, that it is (a plain terminal shows no dimming)."""
    marks = [
        *([] if named_kind else [row["kind"]]),
        *([ONE_CALL] if row["one_call"] else []),
        *(["uncertain"] if row["uncertain_only"] else []),
    ]
    return f"{row['name']} ({', '.join(marks)})" if marks else str(row["name"])


@app.command("cluster-show", **ID_COMMAND)
def cluster_show(cluster_id: ClusterId, as_json: JsonOption = False) -> None:
    """One cluster: figures, representative quotes with call context."""
    with open_workspace() as workspace, workspace.session() as session:
        detail = cluster_queries.get_cluster(
            session,
            cluster_id,
            embedder=workspace.embedder,
            confident_at=workspace.settings.confident_at,
        )
    if as_json:
        print_json(detail)
        return
    console.print(f"[bold]#{detail['id']} {detail['name']}[/bold] ({detail['kind']})")
    dated = (
        f"{detail['first_seen']} to {detail['last_seen']}; "
        if detail["first_seen"]
        else "no dates; "
    )
    console.print(
        f"{plural(detail['size'], 'mention')} in {plural(detail['calls'], 'call')}, "
        f"{plural(detail['accounts'], 'account')}, "
        f"{dated}mentions {_split(detail['outcomes'])}; trend {detail.get('trend_label') or '-'}"
    )
    # What its mentions name, then who its calls were against (named anywhere on them).
    named = ", ".join(f"{c['name']} ({c['count']})" for c in detail["competitors"])
    if named:
        console.print(f"competitors named: {named}", highlight=False)
    on_calls = ", ".join(
        f"{c['name']} ({plural(c['count'], 'call')})" for c in detail["competitors_on_calls"]
    )
    if on_calls:
        console.print(f"competitors on these calls: {on_calls}", highlight=False)
    for quote in detail["quotes"]:
        said = "rep's note, " if quote["role"] == "rep_note" else ""
        where = ", ".join(
            str(part)
            for part in (f"call {quote['call_id']}", quote["date"], quote["account"])
            if part
        )
        # A quote that cannot stand alone follows its lead-in, dimmed as the web page lightens it.
        lead = f"[dim]…{escape(quote['lead_in'])}[/dim] " if quote.get("lead_in") else ""
        console.print(
            f'  "{lead}{escape(quote["text"])}" [dim]{said}mention {quote["mention_id"]}, '
            f"{where}, {quote['outcome']}[/dim]",
            highlight=False,
        )
    hidden = detail["size"] - len(detail["quotes"])
    if hidden > 0:
        console.print(
            f"[dim]…and {plural(hidden, 'more mention')} (`callmine cluster-show {cluster_id} "
            "--json` lists every one; a mention that says nothing alone, such as “Hmm.”, is "
            "counted but never quoted)[/dim]"
        )


@app.command()
def redetect(as_json: JsonOption = False) -> None:
    """Detect again in every call with what the detector has learnt from your corrections."""
    with open_workspace() as workspace, progress_bar("detecting", hidden=as_json) as progress:
        summary = corrections.redetect_all(workspace, progress=progress)
    if as_json:
        print_json(summary)
        return
    console.print(
        f"{plural(summary['calls'], 'call')}: {plural(summary['mentions'], 'detection')}, "
        f"{summary['clustered_mentions']} objections, pains and questions, "
        f"{plural(summary['clusters'], 'cluster')}"
    )


@app.command()
def search(
    text: str,
    k: Annotated[int, typer.Option("-k", help="How many quotes.")] = 10,
    kind: Annotated[KindChoice | None, typer.Option()] = None,
    role: Annotated[
        list[RoleChoice] | None,
        typer.Option(help="Who said it, repeat to widen: buyer (default), unknown, rep_note."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The buyer quotes nearest in meaning to TEXT (--role widens it to other speakers)."""
    roles = [r.value for r in role] if role else quote_search.BUYER_ROLES
    with open_workspace() as workspace:
        hits = quote_search.search_quotes(
            workspace, text, k=k, kind=kind.value if kind else None, roles=roles
        )
    if as_json:
        print_json(hits)
        return
    table = Table(title=escape(f"Nearest quotes to {text!r}"))
    for column in ("similarity", "quote", "said by", "call", "date", "account", "outcome"):
        table.add_column(column, overflow="fold")
    table.add_column("cluster", overflow="fold")
    for hit in hits:
        table.add_row(
            f"{hit['similarity']:.2f}",
            escape(hit["text"]),
            hit["role"],
            str(hit["call_id"]),
            hit["date"] or "",
            escape(hit["account"] or ""),
            hit["outcome"],
            str(hit["cluster_id"] or ""),
        )
    console.print(table)


@app.command()
def phrases(
    kind: Annotated[KindChoice | None, typer.Option(help="Only inside these mentions.")] = None,
    top: Annotated[int, typer.Option(min=1)] = 30,
    as_json: JsonOption = False,
) -> None:
    """The exact phrases buyers repeat, with counts and an example."""
    with open_workspace() as workspace, workspace.session() as session:
        found = phrase_service.list_phrases(
            session, top=top, kind=kind.value if kind else None, settings=workspace.settings
        )
    if as_json:
        print_json(found)
        return
    table = Table(title="Buyer phrases")
    for column in ("phrase", "utterances", "calls", "example"):
        table.add_column(column, overflow="fold")
    for item in found:
        example = item["examples"][0]["text"] if item["examples"] else ""
        # escaped: rich had read a redacted "[name]" as markup and printed a hole
        table.add_row(
            item["phrase"], str(item["count"]), str(item["distinct_calls"]), escape(example)
        )
    console.print(table)
