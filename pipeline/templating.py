"""Jinja2 environments, one per kind of output: prompts (``prompts/``), Markdown documents and
the offline drafts' copy (``content_templates/``), standalone HTML exports.

All use ``StrictUndefined``. Markdown templates write Markdown, so their filters escape HTML and
link syntax in every quoted or generated string: nothing a transcript or a model says can
become markup in an export.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipeline.wording import quotable

ROOT = Path(__file__).resolve().parent.parent
PROMPTS_DIR = ROOT / "prompts"
CONTENT_TEMPLATES_DIR = ROOT / "content_templates"
DATA_OPEN = "<<<CALL_DATA"
DATA_CLOSE = "CALL_DATA>>>"
_ENTITY_START_RE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_VERSION_RE = re.compile(r"\{#\s*(?:prompt|template)-version:\s*(\S+)\s*#\}")


def quoted(value: object) -> str:
    """A data value for the prompt: one line, delimiters removed, JSON-quoted."""
    text = " ".join(str(value).split())
    for marker in (DATA_OPEN, DATA_CLOSE, "<<<", ">>>"):
        text = text.replace(marker, " ")
    return json.dumps(text, ensure_ascii=False)


def md(value: object) -> str:
    """Inline Markdown text: one line, HTML tags and entities escaped, inline links disarmed.
    A plain "&" stays as written ("Fox & Fern Pub", not "Fox &amp; Fern Pub" in the source a
    writer pastes): only one that would start an entity is escaped."""
    text = " ".join(str(value).split())
    text = _ENTITY_START_RE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("](", "]\\(")
    # A leading block marker would turn a sentence into a heading, list or quote.
    return "\\" + text if re.match(r"[#>+*=-]", text) else text


def cell(value: object) -> str:
    """A table cell: like ``md`` plus escaped pipes."""
    return md(value).replace("|", "\\|")


def code(value: object) -> str:
    return md(value).replace("`", "'")


def cite(ids: Iterable[int], prefix: str = "Q") -> str:
    """`` [Q1][Q3]`` after a claim; empty when there is nothing to cite."""
    labels = "".join(f"[{prefix}{int(i)}]" for i in ids)
    return f" {labels}" if labels else ""


@cache
def prompt_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PROMPTS_DIR),
        undefined=StrictUndefined,
        autoescape=False,  # plain text for a model; data is quoted by the ``quoted`` filter
        keep_trailing_newline=True,
    )
    env.filters["quoted"] = quoted
    return env


@cache
def content_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(CONTENT_TEMPLATES_DIR),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown output; every value goes through ``md``/``cell``
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters.update(md=md, cell=cell, cite=cite, code=code, quotable=quotable)
    return env


@cache
def html_env() -> Environment:
    return Environment(
        loader=FileSystemLoader(CONTENT_TEMPLATES_DIR),
        undefined=StrictUndefined,
        autoescape=True,
    )


def template_version(directory: Path, name: str) -> str:
    """The ``{# prompt-version: N #}`` line at the top of a template file."""
    first_line = (directory / name).read_text("utf-8").split("\n", 1)[0]
    match = _VERSION_RE.search(first_line)
    return match.group(1) if match else "unversioned"


def render_prompt(name: str, **context: Any) -> str:
    return prompt_env().get_template(name).render(**context).strip() + "\n"


def render_prompt_text(name: str, **context: Any) -> str:
    """A short prompt message, stripped (no trailing newline): a nudge inside a conversation."""
    return prompt_env().get_template(name).render(**context).strip()


def render_markdown(name: str, **context: Any) -> str:
    text = content_env().get_template(name).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


@cache
def _draft_copy_macros() -> Any:
    return content_env().get_template("_draft_copy.j2").module


def draft_copy(macro: str, /, **values: object) -> str:
    """One macro of ``_draft_copy.j2``: a sentence of offline-draft copy, filled in."""
    return str(getattr(_draft_copy_macros(), macro)(**values))


def read_static(name: str) -> str:
    return (CONTENT_TEMPLATES_DIR / name).read_text("utf-8")
