"""A transcript line as the detector reads it (``classify.UtteranceLike``), for tests that
detect a few sentences without a database."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    id: int
    role: str
    text: str
    call_id: int = 1
