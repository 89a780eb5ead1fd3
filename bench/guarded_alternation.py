"""Do the guarded cue lexicons match exactly as the plain ones, and how much faster?

Every lexicon of cues.toml compiled the way ``alternation`` did before its guards and as it
does now, run over every line of the example calls and the text fixtures (lower-cased as the
detector reads them): the group spans of every ``finditer`` match must be equal. Prints one
JSON line: lexicons, lines, whether all matched the same, and each form's search and compile
seconds (best of ``--rounds``, the two measured in turn) with their ratio.

    .venv/bin/python bench/guarded_alternation.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Sequence

from common import ROOT, emit

from pipeline.detect.rules import cue_lexicons, lowered
from pipeline.regex_guards import guarded_alternation

_TEXTUAL = (".txt", ".vtt", ".srt", ".eml")


def example_lines() -> list[str]:
    folders = [ROOT / "examples" / "calls", ROOT / "tests" / "fixtures"]
    paths = sorted(p for folder in folders for p in folder.rglob("*") if p.suffix in _TEXTUAL)
    texts = (lowered(p.read_text("utf-8", errors="replace")) for p in paths)
    return [line for text in texts for line in text.splitlines() if line.strip()]


def compiled(join: Callable[[Sequence[str]], str]) -> tuple[list[re.Pattern[str]], float]:
    re.purge()
    started = time.process_time()
    patterns = [re.compile(r"\b(?=[\w'])(?:" + join(f) + r")\b") for f in cue_lexicons()]
    return patterns, time.process_time() - started


def search_seconds(patterns: list[re.Pattern[str]], lines: list[str]) -> float:
    started = time.process_time()
    for pattern in patterns:
        for line in lines:
            pattern.search(line)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    lines = example_lines()
    plain, guarded = [], []
    compile_plain, compile_guarded = [], []
    for _ in range(args.rounds):  # in turn, so a busy machine slows both alike
        old, seconds = compiled("|".join)
        compile_plain.append(seconds)
        new, seconds = compiled(guarded_alternation)
        compile_guarded.append(seconds)
        plain.append(search_seconds(old, lines))
        guarded.append(search_seconds(new, lines))
    same = all(
        [m.regs for m in a.finditer(line)] == [m.regs for m in b.finditer(line)]
        for a, b in zip(old, new, strict=True)
        for line in lines
    )
    emit(
        {
            "lexicons": len(old),
            "lines": len(lines),
            "all_same": same,
            "search_plain_s": round(min(plain), 3),
            "search_guarded_s": round(min(guarded), 3),
            "search_ratio": round(min(guarded) / min(plain), 3),
            "compile_plain_s": round(min(compile_plain), 3),
            "compile_guarded_s": round(min(compile_guarded), 3),
        }
    )


if __name__ == "__main__":
    main()
