"""The objection threshold's default is written once (``pipeline.config``): the kind model, the
detector, the evaluation and the bench had kept a ``0.2`` of their own beside the setting's."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from pipeline.config import DEFAULT_OBJECTION_THRESHOLD, Settings
from pipeline.detect import evaluate
from pipeline.detect.detector import RuleEmbeddingDetector
from pipeline.detect.model import KindModel, expected_recall_threshold
from tests.conftest import ROOT

THE_ONE_PLACE = ROOT / "pipeline" / "config.py"


def _number(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _named_threshold(name: str) -> bool:
    """The objection threshold's names: the setting, its constant, a parameter ``threshold``."""
    lowered = name.lower().lstrip("-")
    return lowered == "threshold" or "objection_threshold" in lowered


def _written_defaults(path: Path) -> list[str]:
    """Where ``path`` gives the objection threshold a number of its own."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            named = [t.id for t in targets if isinstance(t, ast.Name) and _named_threshold(t.id)]
            value = node.value
            if named and isinstance(value, ast.Call) and value.args:  # Field(0.2, ...)
                value = value.args[0]
            if named and _number(value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {named[0]}")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            positional = [*arguments.posonlyargs, *arguments.args]
            pairs = [
                *zip(
                    positional[len(positional) - len(arguments.defaults) :],
                    arguments.defaults,
                    strict=True,
                ),
                *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True),
            ]
            found.extend(
                f"{path.relative_to(ROOT)}:{node.lineno} {node.name}({arg.arg}=...)"
                for arg, default in pairs
                if _named_threshold(arg.arg) and _number(default)
            )
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            flag = str(node.args[0].value)  # argparse: add_argument("--threshold", default=0.2)
            found.extend(
                f"{path.relative_to(ROOT)}:{node.lineno} {flag} default"
                for keyword in node.keywords
                if keyword.arg == "default" and _named_threshold(flag) and _number(keyword.value)
            )
    return found


def test_the_threshold_default_is_a_number_in_one_place_only() -> None:
    sources = [p for folder in ("pipeline", "api", "bench") for p in (ROOT / folder).rglob("*.py")]
    written = {str(path): _written_defaults(path) for path in sources}
    elsewhere = [
        line for path, lines in written.items() if path != str(THE_ONE_PLACE) for line in lines
    ]
    assert elsewhere == [], "import DEFAULT_OBJECTION_THRESHOLD from pipeline.config instead"
    # In pipeline/config.py the constant itself is the one number; the setting reads it.
    assert [line.split()[-1] for line in written[str(THE_ONE_PLACE)]] == [
        "DEFAULT_OBJECTION_THRESHOLD"
    ]


def test_every_reader_defaults_to_the_settings_value() -> None:
    setting = Settings.model_fields["objection_threshold"].default
    assert setting == DEFAULT_OBJECTION_THRESHOLD
    defaults = [
        inspect.signature(KindModel.predict).parameters["threshold"].default,
        inspect.signature(RuleEmbeddingDetector).parameters["threshold"].default,
        inspect.signature(evaluate.decide).parameters["threshold"].default,
        expected_recall_threshold([]),  # nothing to go by: the default
    ]
    assert defaults == [setting] * len(defaults)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = re.search(r"^\| `CALLMINE_OBJECTION_THRESHOLD` \| `([0-9.]+)` \|", readme, re.M)
    assert row is not None and float(row.group(1)) == setting
