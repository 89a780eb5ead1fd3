"""The detector's last fit in a data dir (``models/refit.json``): how many answers it learnt, when,
and the workspace's own objection threshold.

Why a threshold of the workspace's own: the shipped one (``objection_threshold``) is set for
recall 0.85 on products the model never saw, and on a workspace where the model is surer it
buys recall the user does not need with precision. After each fit (a re-fit, ``callmine
redetect``) the threshold is measured on the workspace's buyer sentences as stored, with no
labels: the highest one whose *expected* objection recall (the calibrated P(objection) above it
over the sum of all; answered sentences count 1 or 0) is ``EXPECTED_RECALL`` (0.9: the target
0.85 plus the optimism of expected recall, 0.03 on average cross-validated by call file).
``objection_threshold`` stays the floor; ``EVEN_ODDS`` is the ceiling (a sentence more likely an
objection than not stays one). The next detection, the queue and the next re-fit use it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.config import Settings
from pipeline.detect.classify import DETECTED_ROLES, KINDS
from pipeline.detect.model import EXPECTED_RECALL, Floats, expected_recall_threshold
from pipeline.store.files import write_text_atomically
from pipeline.store.models import Mention, Utterance

REFIT_STATE = "refit.json"
EVEN_ODDS = 0.5  # the workspace threshold's ceiling


class LastFit(NamedTuple):
    answers: int  # how many answers it learnt
    at: str | None  # when, ISO 8601 UTC (None: before fits were timed)
    threshold: float | None = None  # the workspace's objection threshold (None: not measured)


def _state_path(settings: Settings) -> Path:
    return settings.data_dir / "models" / REFIT_STATE


def last_fit(settings: Settings) -> LastFit:
    try:
        state = json.loads(_state_path(settings).read_text("utf-8"))
        threshold = state.get("threshold")
        return LastFit(
            int(state.get("answers", 0)),
            state.get("at"),
            None if threshold is None else float(threshold),
        )
    except (OSError, ValueError, AttributeError, TypeError):
        return LastFit(0, None)


def record_fit(settings: Settings, answers: int, threshold: float | None = None) -> None:
    """Note that the detector learnt ``answers`` answers and scored the queue again (a re-fit,
    or ``callmine redetect``), and the workspace threshold measured after it."""
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    state: dict[str, object] = {"answers": answers, "at": at}
    if threshold is not None:
        state["threshold"] = round(threshold, 4)
    write_text_atomically(_state_path(settings), json.dumps(state))


def operating_threshold(settings: Settings) -> float:
    """The P(objection) from which a buyer sentence is an objection here: the setting, raised
    to the threshold the last fit measured (``auto_objection_threshold``)."""
    floor = settings.objection_threshold
    measured = last_fit(settings).threshold if settings.auto_objection_threshold else None
    return floor if measured is None else max(floor, measured)


def measured_threshold(settings: Settings, session: Session) -> float | None:
    """The workspace threshold over the stored buyer sentences (see the module docstring);
    None when it is off or nothing is stored."""
    if not settings.auto_objection_threshold:
        return None
    stored = session.scalars(
        select(Mention.objection_probability)
        .join(Utterance, Utterance.id == Mention.utterance_id)
        .where(
            Mention.kind.in_(KINDS),
            Mention.objection_probability.is_not(None),
            Utterance.role.in_(DETECTED_ROLES),
        )
    ).all()
    probabilities = [float(p) for p in stored if p is not None]
    if not probabilities or sum(probabilities) == 0:
        return None
    return workspace_threshold(probabilities, settings.objection_threshold)


def workspace_threshold(objection_probabilities: Sequence[float] | Floats, floor: float) -> float:
    """``expected_recall_threshold`` at ``EXPECTED_RECALL`` between ``floor`` and ``EVEN_ODDS``."""
    measured = expected_recall_threshold(objection_probabilities, EXPECTED_RECALL)
    return min(EVEN_ODDS, max(floor, measured))
