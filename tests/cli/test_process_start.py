"""What starting a ``callmine`` process costs: every command, every server and worker, and every
test that starts one paid 2.5 s CPU to import the CLI, a third of it for format libraries and
cue lexicons most commands never use. A fresh interpreter shows what a start loads."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

# Read or written by one reader or exporter each: a start that loads them pays for them all.
FORMAT_LIBRARIES = (
    "openpyxl",
    "pypdf",
    "docx",
    "lxml",
    "xml.dom",
    "fontTools",
    "PIL",
    "markdown_it",
)

# Counts the lexicons whose guards were worked out (each fragment parsed: a third of their cost).
_PROBE = """
import gc, json, sys
from pipeline import regex_guards
guarded = []
def counted(fragments, real=regex_guards.guarded_alternation):
    guarded.append(len(fragments))
    return real(fragments)
regex_guards.guarded_alternation = counted
import api.cli
from pipeline.lazy_regex import LazyPattern
lazy = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]
print(json.dumps({
    "modules": sorted(sys.modules),
    "patterns": len(lazy),
    "compiled": sum(o.is_compiled for o in lazy),
    "guarded": len(guarded),
}))
"""


def _started() -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    found: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return found


def test_starting_the_cli_loads_no_format_library_and_compiles_no_cue_lexicon() -> None:
    started = _started()
    modules = started["modules"]
    assert isinstance(modules, list)
    loaded = [m for m in modules if m.split(".")[0] in FORMAT_LIBRARIES or m.startswith("xml.dom")]
    assert loaded == []
    # Every cue lexicon is there, waiting: neither its guards worked out nor compiled.
    assert isinstance(started["patterns"], int) and started["patterns"] >= 200
    assert started["compiled"] == 0
    assert started["guarded"] == 0
