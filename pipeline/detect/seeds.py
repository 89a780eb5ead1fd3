"""Seed phrasings: example objections per category, pains, current set-up, small talk and why-now
triggers, built in (``pipeline/data/objection_seeds.toml``) and extended by
``<data_dir>/objection_seeds.toml``."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pipeline.errors import BadInput

SEEDS_FILENAME = "objection_seeds.toml"
# The kinds other than objection that have seed phrasings of their own (each a feature group).
SEEDED_KINDS = ("pain", "current_setup", "other")


@dataclass
class SeedSet:
    """Example phrasings: objections per category, the other kinds, why-now triggers."""

    objection: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, list[str]] = field(default_factory=dict)  # pain, current_setup, other
    why_now: dict[str, list[str]] = field(default_factory=dict)

    def merge(self, other: SeedSet) -> SeedSet:
        """Examples of both sets (no duplicates); ``other`` wins on labels."""
        return SeedSet(
            objection=_merge_groups(self.objection, other.objection),
            labels={**self.labels, **other.labels},
            kinds=_merge_groups(self.kinds, other.kinds),
            why_now=_merge_groups(self.why_now, other.why_now),
        )

    def category_label(self, name: str) -> str:
        """What a page calls an objection category ("Status quo (spreadsheets, …)")."""
        return self.labels.get(name) or name.replace("_", " ").capitalize()

    def groups(self) -> list[tuple[str, list[str]]]:
        """Phrasings by group, in the order the detector stacks them: ``objection:<category>``,
        the other kinds, ``why_now:<category>``."""
        return [
            *((f"objection:{n}", examples) for n, examples in self.objection.items()),
            *((kind, self.kinds.get(kind, [])) for kind in SEEDED_KINDS),
            *((f"why_now:{n}", examples) for n, examples in self.why_now.items()),
        ]

    def kind_groups(self) -> list[str]:
        """The groups whose best similarity is a feature of the kind model."""
        return [*(f"objection:{n}" for n in self.objection), *SEEDED_KINDS]

    def texts(self) -> list[str]:
        """Every phrasing, in ``groups`` order."""
        return [text for _, examples in self.groups() for text in examples]


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(s.strip() for s in items if s.strip()))


def _merge_groups(
    first: dict[str, list[str]], second: dict[str, list[str]]
) -> dict[str, list[str]]:
    merged = {name: list(examples) for name, examples in first.items()}
    for name, examples in second.items():
        merged[name] = _unique([*merged.get(name, []), *examples])
    return merged


def _examples(table: object, where: str, filename: str) -> list[str]:
    examples = table.get("examples", []) if isinstance(table, dict) else None
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise BadInput(f"{where}.examples must be a list of strings", filename=filename)
    return _unique(examples)


def parse_seeds(text: str, *, filename: str = SEEDS_FILENAME) -> SeedSet:
    """Read a seed file; a malformed one is a ``BadInput`` naming the file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"invalid TOML: {exc}", filename=filename) from exc
    seeds = SeedSet()
    for section in ("objection", "why_now"):
        groups = data.get(section, {})
        if not isinstance(groups, dict):
            raise BadInput(f"[{section}] must be a table of categories", filename=filename)
        for name, table in groups.items():
            getattr(seeds, section)[name] = _examples(table, f"{section}.{name}", filename)
            if section == "objection" and isinstance(table.get("label"), str):
                seeds.labels[name] = table["label"]
    for kind in SEEDED_KINDS:
        if kind in data:
            seeds.kinds[kind] = _examples(data[kind], kind, filename)
    if "not_objection" in data:  # the name before pains and set-up had their own
        older = _examples(data["not_objection"], "not_objection", filename)
        seeds.kinds["other"] = _unique([*seeds.kinds.get("other", []), *older])
    return seeds


def load_seeds(data_dir: Path | None = None) -> SeedSet:
    """Built-in seeds, extended by ``<data_dir>/objection_seeds.toml`` when that file exists."""
    builtin = resources.files("pipeline").joinpath("data", SEEDS_FILENAME).read_text("utf-8")
    seeds = parse_seeds(builtin)
    user_file = data_dir / SEEDS_FILENAME if data_dir is not None else None
    if user_file is not None and user_file.is_file():
        seeds = seeds.merge(parse_seeds(user_file.read_text("utf-8"), filename=str(user_file)))
    return seeds
