"""Web UI helpers: the one Jinja2 environment and small view-model builders the templates draw."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from api import sessions
from api.auth import signed_in_as
from pipeline.call_names import call_name, known_outcome
from pipeline.cluster.queries import ONE_CALL
from pipeline.cluster.stats import OUTCOME_ORDER, outcome_shares
from pipeline.store.models import Outcome
from pipeline.wording import plural, quotable

TEMPLATES_DIR = Path(__file__).parent / "templates"

NAV = (
    ("/", "Objections"),
    ("/review", "Review"),
    ("/calls", "Calls"),
    ("/upload", "Upload"),
    ("/phrases", "Phrases"),
    ("/dashboard", "Dashboard"),
    ("/documents", "Content"),
    ("/product", "Product"),
    ("/team", "Team"),
)


@cache
def templates() -> Jinja2Templates:
    """Built once per process: the loader and filters never change, so caching is safe."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "svg"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the code: no stat() of each file per page
    )
    env.filters["timecode"] = timecode
    env.filters["pct"] = pct
    env.filters["day"] = day
    env.filters["plural"] = plural
    env.filters["quotable"] = quotable
    env.globals["NAV"] = NAV
    env.globals["query"] = query
    env.globals["OUTCOMES"] = list(Outcome)
    env.globals["ONE_CALL"] = ONE_CALL
    env.globals["quote_call"] = quote_call
    env.globals["known_outcome"] = known_outcome
    return Jinja2Templates(env=env)


def quote_call(quote: Mapping[str, Any]) -> str:
    """A quoted line's call as its footer names it (``call_names.call_name``); a document
    stored before quotes carried their call's title has none."""
    return call_name(quote.get("account"), quote.get("title"), int(quote["call_id"]))


def csrf_token(request: Request) -> str:
    """The session's CSRF token for the forms (none in open local mode: no session); read once
    per request (a page and each of its drawn partials ask for it)."""
    token: str | None = getattr(request.state, "csrf_token", None)
    if token is None:
        session = sessions.load(request)
        token = request.state.csrf_token = session.csrf if session is not None else ""
    return token


Context = dict[str, Any]


class Fragments:
    """Partials drawn from a view's JSON text, kept while the text is the same.

    Why: at 100k mentions the home page spent two thirds of its time parsing the stored cards
    and drawing them, and a cluster's page four fifths drawing its quote tables, for the same
    HTML on every request until the next analysis. For partials drawn from their data alone (no
    signed-in user, no query string) except the CSRF token of their forms: they are drawn with a
    slot that escaped text can never contain, filled with the session's token at each request.
    Bounded by count and by size (a "show all" table of a large cluster is megabytes).
    """

    def __init__(self, size: int = 64, max_bytes: int = 32 << 20) -> None:
        self._drawn: OrderedDict[tuple[str, str, str], tuple[str, Context]] = OrderedDict()
        self._size = size
        self._max_bytes = max_bytes
        self._bytes = 0
        self._guard = threading.Lock()

    def draw(
        self,
        request: Request,
        name: str,
        payload: str,
        context: Callable[[Any], Context],
        *,
        variant: str = "",
        facts: Callable[[Context], Context] | None = None,
    ) -> tuple[Markup, Context]:
        """The partial ``name`` drawn with ``context(parsed payload)`` (one per ``variant``), its
        forms carrying this request's CSRF token; and ``facts(context)``, what the page needs
        of it besides (kept with the drawing, so the payload is not parsed again)."""
        key = (name, variant, payload)
        with self._guard:
            found = self._drawn.get(key)
            if found is not None:
                self._drawn.move_to_end(key)
        if found is None:
            values = context(json.loads(payload))
            html = templates().env.get_template(name).render({**values, "csrf_token": _CSRF_SLOT})
            found = html, (facts(values) if facts is not None else {})
            self._keep(key, found)
        html, kept = found
        token = csrf_token(request)
        if token:
            return Markup(html.replace(_CSRF_SLOT, str(escape(token)))), kept
        return Markup(html.replace(_CSRF_INPUT, "")), kept

    def _keep(self, key: tuple[str, str, str], drawn: tuple[str, Context]) -> None:
        with self._guard:
            if key in self._drawn:
                return
            self._drawn[key] = drawn
            self._bytes += len(key[2]) + len(drawn[0])
            while len(self._drawn) > self._size or (
                self._bytes > self._max_bytes and len(self._drawn) > 1
            ):
                (_, _, payload), (html, _) = self._drawn.popitem(last=False)
                self._bytes -= len(payload) + len(html)


# What a partial's forms carry in place of the token: a tag, so no escaped text can hold it.
_CSRF_SLOT = Markup("<csrf-token/>")
_CSRF_INPUT = f'<input type="hidden" name="csrf_token" value="{_CSRF_SLOT}">'


def fragments(request: Request) -> Fragments:
    """The app's drawn partials (``create_app`` makes one per app)."""
    drawn: Fragments = request.app.state.fragments
    return drawn


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page; ``flash`` comes from the ``?msg=`` a POST redirect left behind."""
    context.setdefault("principal", signed_in_as(request))
    context.setdefault("csrf_token", csrf_token(request))
    context.setdefault("title", "")
    context.setdefault("section", section_of(request.url.path))
    context.setdefault("flash", request.query_params.get("msg"))
    context.setdefault("flash_kind", request.query_params.get("tone", "ok"))
    return templates().TemplateResponse(request, name, context, status_code=status_code)


def redirect(url: str, msg: str | None = None, kind: str = "ok") -> RedirectResponse:
    """303 back to a page after a POST, carrying a short message for the flash banner (in the
    query, before any ``#fragment``; its kind as ``tone``, never as a page's own ``kind``)."""
    if msg:
        url, hash_mark, fragment = url.partition("#")
        url += ("&" if "?" in url else "?") + urlencode({"msg": msg, "tone": kind})
        url += hash_mark + fragment
    return RedirectResponse(url, status_code=303)


def section_of(path: str) -> str:
    """The nav entry a path belongs to (cluster pages live under Objections)."""
    if path.startswith("/generate"):
        return "/documents"
    if path.startswith("/jobs"):
        return "/upload"
    if path.startswith("/admin"):
        return "/admin"
    for href, _label in NAV[1:]:
        if path.startswith(href):
            return href
    return "/"


def query(params: Mapping[str, Any], **changes: Any) -> str:
    """The current filters with some changed, as a query string (for sort links)."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return "?" + urlencode(merged) if merged else "?"


def timecode(seconds: float | None) -> str:
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def day(value: dt.date | dt.datetime | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value[:10]
    return value.strftime("%Y-%m-%d")


@dataclass(frozen=True)
class Sparkline:
    """A tiny weekly trend chart drawn as inline SVG (no JS, no chart library)."""

    width: int
    height: int
    line: str
    area: str
    last_x: float
    last_y: float
    label: str


def sparkline(counts: Sequence[int], *, width: int = 160, height: int = 40) -> Sparkline | None:
    if not counts:
        return None
    peak = max(max(counts), 1)
    pad = 3
    step = (width - 2 * pad) / max(len(counts) - 1, 1)
    points = [
        (pad + i * step, height - pad - (c / peak) * (height - 2 * pad))
        for i, c in enumerate(counts)
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    area = f"M{points[0][0]:.1f},{height - pad} L" + line.replace(" ", " L")
    area += f" L{points[-1][0]:.1f},{height - pad} Z"
    label = (
        f"{plural(len(counts), 'week')}, {plural(sum(counts), 'mention')}, "
        f"peak {max(counts)} in a week"
    )
    return Sparkline(width, height, line, area, points[-1][0], points[-1][1], label)


@dataclass(frozen=True)
class Split:
    """Percent of a theme's mentions in won, lost and open deals, and in calls with no outcome
    given (kept apart: the bar had counted them as open, the CLI as unknown)."""

    won: float
    lost: float
    open: float
    unknown: float
    label: str


def outcome_split(counts: Mapping[str, int]) -> Split | None:
    """The split bar of a theme's outcome counts, in the shares the API and CLI give."""
    shares = outcome_shares(counts)
    if not shares:
        return None
    said = {o: counts.get(o, 0) for o in OUTCOME_ORDER}
    label = (
        f"{said['won']} in won deals, {said['lost']} in lost deals, {said['open']} in open "
        f"deals, {said['unknown']} with no outcome given"
    )
    percent = {o: 100 * shares.get(o, 0.0) for o in OUTCOME_ORDER}
    return Split(percent["won"], percent["lost"], percent["open"], percent["unknown"], label)


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str | None = None
    note: str = ""


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut text at (start, end, kind, note) spans; overlaps keep the first span that starts."""
    segments: list[Segment] = []
    cursor = 0
    for start, end, kind, note in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(start, cursor), min(end, len(text))
        if end <= start:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], kind, note))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments
