"""Would a reviewer pass it? Every content type generated from the example calls and scored with
the checks in ``pipeline/content/quality.py``; one JSON line per type and generator with the
share of checks passed (and the failures); the industry use case once per industry of the calls.

    .venv/bin/python bench/content_quality.py [--examples DIR] [--local-llm] [--no-profile]
        [--types use-case,one-pager] [--industries Hospitality,Retail]

The example product profile (``examples/product_profile.toml``) is loaded unless --no-profile.

Offline always; with the LLM too when ``CALLMINE_LLM_BASE_URL``/``CALLMINE_LLM_MODEL`` are set,
or with ``--local-llm`` (the tests' llama.cpp server and SmolLM2-135M on a free loopback port).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import local_llm  # noqa: E402

from pipeline.analysis.flow import run_clustering  # noqa: E402
from pipeline.calls.accounts import known_industries  # noqa: E402
from pipeline.config import Settings, get_settings  # noqa: E402
from pipeline.content.documents import import_facts  # noqa: E402
from pipeline.content.generate import generate_document  # noqa: E402
from pipeline.content.profile import read_profile_file, set_profile  # noqa: E402
from pipeline.content.quality import review_document  # noqa: E402
from pipeline.content.types import CONTENT_TYPES  # noqa: E402
from pipeline.errors import BadInput  # noqa: E402
from pipeline.ingest.paths import ingest_paths  # noqa: E402
from pipeline.llm import LLMClient  # noqa: E402
from pipeline.publish.export import export_document  # noqa: E402
from pipeline.workspace import Workspace  # noqa: E402

COMPETITOR = "RotaPro"  # the example calls' competitor with entered facts


def _pdf_pages(pdf: bytes, folder: Path) -> int:
    path = folder / "doc.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines() if "Pages:" in line))


def _runs(
    workspace: Workspace, types: list[str] | None, industries: list[str] | None
) -> list[tuple[str, str | None]]:
    """Every content type once (or those of ``types``); the use case once per industry of the
    calls (or of ``industries``)."""
    with workspace.session() as session:
        industries = industries or known_industries(session)
    return [
        (doc_type, industry)
        for doc_type, ct in CONTENT_TYPES.items()
        if not types or doc_type in types
        for industry in (industries if ct.for_industry else [None])
    ]


def score(
    workspace: Workspace,
    settings: Settings,
    generator: str,
    llm: LLMClient | None,
    runs: list[tuple[str, str | None]],
) -> None:
    for doc_type, industry in runs:
        named = {"type": doc_type, "generator": generator} | (
            {"industry": industry} if industry else {}
        )
        with workspace.session() as session:
            try:
                document = generate_document(
                    session,
                    settings,
                    doc_type=doc_type,
                    competitor=COMPETITOR if doc_type == "comparison" else None,
                    industry=industry,
                    use_llm=llm is not None,
                    llm=llm,
                )
            except BadInput as exc:  # an industry whose calls hold nothing to build from
                print(json.dumps(named | {"error": exc.detail}), flush=True)
                continue
            session.flush()
            if document.state == "failed_generation":
                print(json.dumps(named | {"error": document.error}), flush=True)
                continue
            exports = {
                fmt: export_document(session, settings, document.id, fmt).content.decode()
                for fmt in ("md", "html", "jsonld", "brief")
            }
            report = review_document(session, document, exports)
            if doc_type == "one-pager":
                pdf = export_document(session, settings, document.id, "pdf").content
                pages = _pdf_pages(pdf, settings.data_dir)
                report.check("one-pager fits one page", pages == 1, f"{pages} pages")
            print(
                json.dumps(
                    {
                        **named,
                        "generator": document.generator,
                        "checks": report.total,
                        "passed_share": round(report.share, 3),
                        "failed": dict(report.failed),
                        "problems": report.problems[:5],
                    }
                ),
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=Path, default=ROOT / "examples" / "calls")
    parser.add_argument("--local-llm", action="store_true")
    parser.add_argument("--no-profile", action="store_true", help="Without a product profile.")
    parser.add_argument("--types", help="Only these content types (comma separated).")
    parser.add_argument(
        "--industries", help="Use cases for these industries only (comma separated)."
    )
    args = parser.parse_args()

    configured = get_settings()
    data_dir = Path(tempfile.mkdtemp(prefix="callmine-content-quality-"))
    settings = configured.model_copy(update={"data_dir": data_dir})
    workspace = Workspace(settings)
    ingest_paths(workspace, [args.examples], manifest=args.examples / "manifest.csv")
    run_clustering(workspace, rebuild=True)
    with workspace.session() as session:
        import_facts(session, ROOT / "examples" / "competitor_facts.toml")
        if not args.no_profile:
            set_profile(session, read_profile_file(ROOT / "examples" / "product_profile.toml"))
    listed = {
        name: [v.strip() for v in value.split(",") if v.strip()] if value else None
        for name, value in (("types", args.types), ("industries", args.industries))
    }
    runs = _runs(workspace, listed["types"], listed["industries"])
    score(workspace, settings, "offline", None, runs)
    if args.local_llm:
        _local_llm(workspace, settings, runs)
    elif settings.llm_configured:
        client = LLMClient(settings)
        score(workspace, settings, "llm", client, runs)
        client.close()
    workspace.close()


def _local_llm(
    workspace: Workspace, settings: Settings, runs: list[tuple[str, str | None]]
) -> None:
    with local_llm(settings, llm_timeout_s=900.0, llm_max_retries=0) as llm_settings:
        client = LLMClient(llm_settings)
        score(workspace, llm_settings, "llm", client, runs)
        client.close()


if __name__ == "__main__":
    main()
