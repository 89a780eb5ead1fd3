"""Real ``callmine`` processes for the crash and load tests: ``callmine serve`` on a free
127.0.0.1 port, or any other command, on one data dir, killed with SIGKILL when a test says;
plus what those tests read from the data dir while the process runs."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text

from pipeline.cluster.index import index_in_step
from pipeline.store.database import WRITER_LOCK_KEY
from pipeline.store.models import AnalysisState, Call, Cluster, Job, Mention, Utterance
from pipeline.workspace import WRITER_LOCK_FILENAME, Workspace
from tests.plugins.llm_server import free_port

ROOT = Path(__file__).resolve().parent.parent.parent


def callmine_env(data_dir: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLMINE_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", CALLMINE_DATA_DIR=str(data_dir))
    env.update({f"CALLMINE_{name.upper()}": value for name, value in settings.items()})
    return env


def start_callmine(
    data_dir: Path, log: Path, *args: str, **settings: str
) -> subprocess.Popen[bytes]:
    """``callmine ARGS`` in a process of its own (its output goes to ``log``)."""
    with log.open("ab") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "api.cli", *args],
            cwd=ROOT,
            env=callmine_env(data_dir, **settings),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )


def kill_9(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


# How often a wait looks again: a moment inside a stage (calls part-stored, a job part-way)
# is caught every 20 ms; waiting for an end looks every 100 ms, since each look reads the data
# dir (or asks the server) on the same two cores as the processes it waits for.
MOMENT_S = 0.02
END_S = 0.1


def wait_for(
    condition: Callable[[], Any], what: str, timeout_s: float = 120.0, every_s: float = END_S
) -> Any:
    """Poll ``condition`` every ``every_s`` until it is truthy; fail the test after
    ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every_s)
    pytest.fail(f"timed out after {timeout_s:.0f} s waiting for {what}")


def writer_busy(data_dir: Path) -> bool:
    """True while some process holds the data dir's writer lock (analysis or re-cluster)."""
    path = data_dir / WRITER_LOCK_FILENAME
    if not path.exists():
        return False
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def writer_waiters(workspace: Workspace) -> int:
    """How many processes wait for the writer lock of ``workspace``'s data: blocked ``flock``
    requests on its lock file (``/proc/locks``), or ungranted advisory locks on PostgreSQL."""
    if workspace.db.dialect == "postgresql":
        with workspace.db.engine.connect() as connection:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    " AND objid::text::bigint = :low"
                ),
                {"low": WRITER_LOCK_KEY & 0xFFFFFFFF},
            ).scalar()
        return int(waiting or 0)
    inode = (workspace.settings.data_dir / WRITER_LOCK_FILENAME).stat().st_ino
    lines = Path("/proc/locks").read_text().splitlines()
    return sum(1 for line in lines if "->" in line and line.split()[-3].endswith(f":{inode}"))


@dataclass
class Progress:
    """What a wait polls: calls by analysis state and the open jobs (two small queries)."""

    calls: int
    states: dict[str, int]
    open_jobs: list[str]

    @property
    def pending(self) -> int:
        return self.states.get(AnalysisState.pending, 0)

    @property
    def analysed(self) -> int:
        return self.states.get(AnalysisState.analysed, 0)


@dataclass
class Snapshot(Progress):
    """What a data dir holds, read from the database."""

    utterances_per_call: dict[int, int]
    jobs: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    mentions: int = 0
    in_retired_clusters: int = 0


def progress(workspace: Workspace) -> Progress:
    """``snapshot``'s states and open jobs alone: a wait polls this every 20 to 100 ms on the
    cores the processes it waits for use, and need not count every call's utterances."""
    with workspace.session() as db:
        states = _states(db)
        open_jobs = db.scalars(
            select(Job.id).where(Job.status.in_(("queued", "running"))).order_by(Job.created_at)
        ).all()
        return Progress(sum(states.values()), states, [str(i) for i in open_jobs])


def settled(workspace: Workspace, *, nothing_pending: bool = False) -> Snapshot | None:
    """The data dir's ``snapshot`` once no job is open (and, with ``nothing_pending``, no call
    waits for analysis), else None."""
    now = progress(workspace)
    if now.open_jobs or (nothing_pending and now.pending):
        return None
    return snapshot(workspace)


def _states(db: Any) -> dict[str, int]:
    rows = db.execute(select(Call.analysis_state, func.count()).group_by(Call.analysis_state))
    return {str(state): int(count) for state, count in rows.all()}


def snapshot(workspace: Workspace) -> Snapshot:
    with workspace.session() as db:
        states = _states(db)
        per_call = dict(
            db.execute(
                select(Call.id, func.count(Utterance.id))
                .outerjoin(Utterance, Utterance.call_id == Call.id)
                .group_by(Call.id)
            ).all()
        )
        jobs = {
            job.id: (job.kind, job.status, job.message)
            for job in db.scalars(select(Job).order_by(Job.created_at))
        }
        retired = select(Cluster.id).where(Cluster.status == "retired")
        dangling = db.scalar(
            select(func.count()).select_from(Mention).where(Mention.cluster_id.in_(retired))
        )
        return Snapshot(
            calls=sum(states.values()),
            states=states,
            utterances_per_call={int(k): int(v) for k, v in per_call.items()},
            open_jobs=[i for i, (_, status, _) in jobs.items() if status in ("queued", "running")],
            jobs=jobs,
            mentions=int(db.scalar(select(func.count()).select_from(Mention)) or 0),
            in_retired_clusters=int(dangling or 0),
        )


def index_agrees(workspace: Workspace) -> bool:
    with workspace.session() as db:
        return index_in_step(workspace, db)


@dataclass
class ServerProcess:
    """``callmine serve`` on 127.0.0.1: started, killed with SIGKILL, started again."""

    data_dir: Path
    log: Path
    settings: dict[str, str]
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = free_port()
        self.process = start_callmine(
            self.data_dir, self.log, "serve", "--host", "127.0.0.1", "--port", str(self.port),
            **self.settings,
        )  # fmt: skip

        def up() -> bool:
            assert self.process is not None and self.process.poll() is None, self.log.read_text()
            try:
                return client.get(f"{self.url}/api/jobs").status_code == 200
            except httpx.TransportError:
                return False

        # Two processes each load the embedder; under a loaded machine that took over 90 s.
        # One client for the whole wait: ``httpx.get`` builds a TLS context (loading the CA
        # bundle, about 30 ms of CPU) for every call, even to plain http.
        with httpx.Client(timeout=2) as client:
            wait_for(up, "callmine serve to answer", timeout_s=240)

    def kill_9(self) -> None:
        assert self.process is not None
        kill_9(self.process)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                kill_9(self.process)
        self.process = None


@contextmanager
def server_process(data_dir: Path, log: Path, **settings: str) -> Iterator[ServerProcess]:
    server = ServerProcess(data_dir, log, settings)
    try:
        yield server
    finally:
        server.stop()
