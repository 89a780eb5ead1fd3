"""A theme's name as a document may use it: in a heading, a question, a link's anchor, a meta
description. A name that names a person (a chat mis-read had made "Gareth Lewis" a theme,
and an SEO brief's H2, question and anchor said "Gareth [name]") or an account stands for no
theme: the theme goes by its category's wording instead.
"""

from __future__ import annotations

import functools
import re

from pipeline.cluster.topic_names import short_label
from pipeline.content.evidence import Phrase
from pipeline.content.seo_keywords import searchable
from pipeline.detect.seeds import load_seeds
from pipeline.first_names import only_a_name
from pipeline.redact import PLACEHOLDERS, Redactor
from pipeline.templating import draft_copy


@functools.cache
def _category_labels() -> dict[str, str]:
    """The built-in wording of each objection category ("Price and budget")."""
    return dict(load_seeds().labels)


def theme_name(
    name: str,
    *,
    kind: str,
    category: str | None,
    redactor: Redactor,
    accounts: re.Pattern[str] | None,
) -> str:
    """``name`` redacted, unless it names someone or an account: then its category's wording,
    or its kind's where it has no category."""
    if not redactor.names_someone(name) and (accounts is None or not accounts.search(name)):
        return redactor.redact(name)
    label = _category_labels().get(category or "")
    return label or draft_copy("unnamed_theme", kind=kind)


def reader_heading(name: str) -> str:
    """A theme's name as a page's reader meets it in a heading or a link: a category's wording
    that reads as an analyst's ("Status quo", "Decision authority: partners") in a reader's
    words ("Sticking with what works now", "Sign-off and timing: partners"), from
    ``section_heading``, the rest of a name only where a searcher could type it (``searchable``:
    an SEO brief's H2 had been "Security: canada and stays"); any other name as it is. The
    theme keeps its name everywhere else."""
    folded = name.casefold()
    for category, label in _category_labels().items():
        for said in (label, short_label(category)):
            if folded == said.casefold() or folded.startswith(f"{said.casefold()}:"):
                heading = draft_copy("section_heading", category=category) or name[: len(said)]
                rest = name[len(said) :].removeprefix(":").strip()
                return f"{heading}: {rest}" if rest and searchable(rest) else heading
    return name


def without_placeholders(phrases: list[Phrase]) -> list[Phrase]:
    """Buyer phrases that hold no redacted word: "name will set" (from "[name] will set up")
    is nobody's search term, and would become an SEO brief's keyword or title."""
    words = {token.strip("[]") for token in PLACEHOLDERS}
    return [p for p in phrases if not words & set(p.text.lower().split())]


def without_people(phrases: list[Phrase], redactor: Redactor) -> list[Phrase]:
    """Buyer phrases that name no one of the calls: "jake miller" (our rep, from a notes
    tool's action items) had been a brief's "phrase to reuse". A full name anywhere in it, or
    a first name that is no ordinary word ("jake", not "mark"), names someone."""
    people = [" ".join(name.casefold().split()) for name in (*redactor.names, *redactor.ours)]
    full = {name for name in people if " " in name}
    firsts = {name.split()[0] for name in people if name and only_a_name(name.split()[0])}
    return [
        phrase
        for phrase in phrases
        if not any(name in f" {phrase.text.casefold()} " for name in (f" {n} " for n in full))
        and not firsts & set(phrase.text.casefold().split())
    ]
