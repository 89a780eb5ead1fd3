"""One bounded memo for pure rules of one text.

Why: the detector's rules read each sentence many times over (``lowered`` some 50 times a
sentence, ``is_question`` 11, ``not_a_statement`` 3), each time running the same regexes on the
same words; a rule remembered per text works each out once. The bound holds an analysis
batch's sentences and the turns around them (a batch is about 1,000 utterances).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar, cast

TEXTS_REMEMBERED = 4096

T = TypeVar("T")


def once_per_text(rule: Callable[[str], T]) -> Callable[[str], T]:
    """``rule`` remembered for the last ``TEXTS_REMEMBERED`` texts: only for a pure function of
    one text whose result no caller changes (a string, a bool, a tuple, a compiled pattern)."""
    return cast(Callable[[str], T], lru_cache(maxsize=TEXTS_REMEMBERED)(rule))
