"""An ambiguous date is read with the whole upload in view, and read again as later calls come:
a café's "12/03/2026" uploaded in the first batch (nothing stored yet) had stayed 3 December,
eight months after every other call, and moved the dashboard's window onto itself. Invented
calls, in the shapes the tools write them (a Zoom-style header, a notes file, a caption file)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest

from pipeline.calls.edits import update_call
from pipeline.calls.schemas import CallUpdate
from pipeline.ingest import paths
from pipeline.ingest.paths import ingest_paths
from pipeline.ingest.redating import redate_after_upload
from pipeline.ingest.schemas import CallMetadata
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.held_write_lock import HELD_S, hold_the_write_lock, short_busy_timeout

AMBIGUOUS = (
    "Meeting transcript - Larkspur Bakery\nDate: 12/03/2026\nAccount: Larkspur Bakery\n\n"
    "[Dana Whitlow] 10:02:11\nThanks for the time today.\n\n"
    "[Opal Finch] 10:02:16\nThe morning queue is out the door and people walk off.\n"
)


def _sure_call(day: str, account: str) -> str:
    return (
        f"Call notes - {account}\nDate: {day}\nAccount: {account}\n\n"
        f"[Dana Whitlow] 09:00:01\nHow are orders going?\n\n"
        f"[Mick Albers] 09:00:05\nPhone orders get mixed up every weekend.\n"
    )


def _write(folder: Path, files: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


def _dates(workspace: Workspace) -> dict[str | None, dt.date | None]:
    with workspace.session() as db:
        return {call.account: call.call_date for call in db.query(Call)}


SPRING = {
    "a.txt": _sure_call("2026-03-05", "Quill Diner"),
    "b.txt": _sure_call("2026-03-17", "Rowan Tacos"),
    "c.txt": _sure_call("2026-03-24", "Saffron House"),
}


def test_a_date_in_the_first_batch_is_read_with_the_rest_of_the_batch(tmp_path: Path) -> None:
    workspace = Workspace(make_settings(tmp_path / "data", date_order="month-first"))
    try:
        files = _write(tmp_path / "in", {"0.txt": AMBIGUOUS, **SPRING})
        batch = ingest_paths(workspace, files, analyse=False)
        assert _dates(workspace)["Larkspur Bakery"] == dt.date(2026, 3, 12)
        assert batch.redated and "2026-12-03 → 2026-03-12" in batch.redated[0]
        assert batch.as_json()["redated"] == batch.redated
    finally:
        workspace.close()


def test_a_stored_unsure_date_is_read_again_when_later_calls_come(tmp_path: Path) -> None:
    workspace = Workspace(make_settings(tmp_path / "data", date_order="month-first"))
    try:
        ingest_paths(workspace, _write(tmp_path / "one", {"0.txt": AMBIGUOUS}), analyse=False)
        assert _dates(workspace)["Larkspur Bakery"] == dt.date(2026, 12, 3)  # nothing to tell
        later = ingest_paths(workspace, _write(tmp_path / "two", SPRING), analyse=False)
        assert _dates(workspace)["Larkspur Bakery"] == dt.date(2026, 3, 12)
        assert len(later.redated) == 1
        again = ingest_paths(
            workspace, _write(tmp_path / "three", {"d.txt": _sure_call("2026-03-30", "Ivy")})
        )
        assert again.redated == []  # settled: never flips back
    finally:
        workspace.close()


def test_a_date_a_user_gave_is_never_read_again(tmp_path: Path) -> None:
    workspace = Workspace(make_settings(tmp_path / "data", date_order="month-first"))
    try:
        given = CallMetadata(date=dt.date(2026, 12, 3))
        ingest_paths(workspace, _write(tmp_path / "one", {"0.txt": AMBIGUOUS}), metadata=given)
        files = _write(tmp_path / "two", {"z.txt": AMBIGUOUS.replace("Larkspur", "Thistle")})
        ingest_paths(workspace, files, analyse=False)
        with workspace.session() as db:
            [thistle] = [c.id for c in db.query(Call) if c.account == "Thistle Bakery"]
            update_call(db, thistle, CallUpdate(date=dt.date(2026, 12, 3)))
        batch = ingest_paths(workspace, _write(tmp_path / "three", SPRING), analyse=False)
        assert batch.redated == []
        dates = _dates(workspace)
        assert dates["Larkspur Bakery"] == dates["Thistle Bakery"] == dt.date(2026, 12, 3)
    finally:
        workspace.close()


def test_two_misread_dates_in_one_batch_do_not_vouch_for_each_other(tmp_path: Path) -> None:
    """Two files of the same team both written day-first: each is judged against the calls
    whose dates are sure, not against the other unsure one."""
    workspace = Workspace(make_settings(tmp_path / "data", date_order="month-first"))
    try:
        other = AMBIGUOUS.replace("Larkspur", "Thistle").replace("12/03/2026", "11/03/2026")
        files = _write(tmp_path / "in", {"0.txt": AMBIGUOUS, "1.txt": other, **SPRING})
        batch = ingest_paths(workspace, files, analyse=False)
        dates = _dates(workspace)
        assert dates["Larkspur Bakery"] == dt.date(2026, 3, 12)
        assert dates["Thistle Bakery"] == dt.date(2026, 3, 11)
        assert len(batch.redated) == 2
    finally:
        workspace.close()


def test_redating_waits_its_turn_behind_a_writer_holding_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-cluster's long transaction while an upload re-dates its calls: the re-dating waits
    for the writer lock and then writes, as the upload's other writes do. It had failed the
    upload with "database is locked" once SQLite's busy timeout ran out."""
    workspace = Workspace(make_settings(tmp_path / "data", date_order="month-first"))
    try:
        ingest_paths(workspace, _write(tmp_path / "one", {"0.txt": AMBIGUOUS}), analyse=False)
        with monkeypatch.context() as later:  # stored, not yet read again
            later.setattr(paths, "redate_after_upload", lambda *_args: [])
            ingest_paths(workspace, _write(tmp_path / "two", SPRING), analyse=False)
        assert _dates(workspace)["Larkspur Bakery"] == dt.date(2026, 12, 3)
        short_busy_timeout(workspace)
        holding = threading.Event()
        writer = threading.Thread(target=hold_the_write_lock, args=(workspace, holding))
        writer.start()
        try:
            assert holding.wait(10)
            began = time.monotonic()
            said = redate_after_upload(workspace)
            waited = time.monotonic() - began
        finally:
            writer.join(timeout=30)
        assert len(said) == 1 and "2026-12-03 → 2026-03-12" in said[0]
        assert waited > HELD_S / 2  # it waited for the other writer rather than racing it
        assert _dates(workspace)["Larkspur Bakery"] == dt.date(2026, 3, 12)
    finally:
        workspace.close()
