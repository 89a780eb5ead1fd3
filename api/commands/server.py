"""CLI commands: serve the web UI/API, and the end-to-end demo on the bundled example calls."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from api.cli_app import app, console, open_workspace
from pipeline.analysis.flow import run_clustering
from pipeline.analysis.worker import run_worker
from pipeline.auth import auth_required, check_exposure
from pipeline.cluster.queries import list_clusters
from pipeline.config import get_settings
from pipeline.content.generate import generate_document, generated_by
from pipeline.content.profile import current_profile, read_profile_file, set_profile
from pipeline.ingest.paths import ingest_paths
from pipeline.publish.export import export_document

EXAMPLES_DIR = Path(__file__).resolve().parent.parent.parent / "examples" / "calls"
EXAMPLE_PROFILE = EXAMPLES_DIR.parent / "product_profile.toml"
DEMO_AUTHOR = "demo"  # the demo's one-pager is found again by its author


def _serve(host: str, port: int, workers: int = 1) -> None:
    """Serve, unless that would expose an open callmine beyond this machine."""
    import uvicorn

    with open_workspace() as workspace:
        settings = workspace.settings
        with workspace.session() as db:
            check_exposure(settings, db, host)
            locked = auth_required(settings, db)
        mode = "sign-in required" if locked else "open: no users yet, anyone on this machine"
        processes = f", {workers} processes" if workers > 1 else ""
        console.print(
            f"callmine is serving at [bold]http://{host}:{port}/[/bold] ({mode}{processes}; "
            "Ctrl+C to stop)"
        )
        # X-Forwarded-Proto/-For are believed only when CALLMINE_TRUST_PROXY says so.
        options: dict[str, Any] = {
            "host": host,
            "port": port,
            "log_level": "warning",
            "proxy_headers": settings.trust_proxy,
            "forwarded_allow_ips": "*" if settings.trust_proxy else None,
        }
        if workers > 1:  # each process builds its own app from the same settings
            uvicorn.run("api.app:serving_app", factory=True, workers=workers, **options)
        else:
            from api.app import create_app  # FastAPI's import cost only for the server

            uvicorn.run(create_app(workspace=workspace, serving=True), **options)


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Interface to bind (default: CALLMINE_HOST).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: CALLMINE_PORT).")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Server processes (default: CALLMINE_WEB_WORKERS)."),
    ] = None,
) -> None:
    """Serve the web UI and the API."""
    settings = get_settings()
    _serve(host or settings.host, port or settings.port, workers or settings.web_workers)


@app.command()
def demo(
    examples: Annotated[
        Path, typer.Option(help="Folder of example calls with a manifest.csv.")
    ] = EXAMPLES_DIR,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Stop after the exports.")] = False,
) -> None:
    """Load the example calls, cluster them, export a one-pager, then serve the UI."""

    with open_workspace() as workspace:
        summary = ingest_paths(workspace, [examples], manifest=examples / "manifest.csv")
        console.print(
            f"ingested {summary.created} new calls ({summary.duplicates} already there, "
            f"{summary.rejected} rejected)"
        )
        run_clustering(workspace, rebuild=False)
        settings = workspace.settings
        with workspace.session() as db:
            # What the analysis made, so a new user knows it detected and clustered.
            made = {k: len(list_clusters(db, kind=k)) for k in ("objection", "pain", "question")}
            console.print(
                "themes: " + ", ".join(f"{n} {kind}" for kind, n in made.items())
                + " (`callmine clusters` lists them)"
            )  # fmt: skip
            if current_profile(db) is None and EXAMPLE_PROFILE.exists():
                saved = set_profile(db, read_profile_file(EXAMPLE_PROFILE), author=DEMO_AUTHOR)
                console.print(f"product profile: {saved.profile.name} ({EXAMPLE_PROFILE.name})")
            top = [int(c["id"]) for c in list_clusters(db, kind="objection", sort="size")[:5]]
            if not top:
                console.print("[yellow]no objection clusters found; nothing to export[/yellow]")
            else:
                document = generated_by(db, "one-pager", DEMO_AUTHOR)
                if document is None:
                    document = generate_document(
                        db,
                        settings,
                        doc_type="one-pager",
                        use_llm=False,
                        author=DEMO_AUTHOR,
                        embedder=workspace.embedder,
                    )
                    db.flush()
                else:
                    console.print(f"reusing the demo's one-pager (document {document.id})")
                out_dir = settings.data_dir / "exports"
                out_dir.mkdir(parents=True, exist_ok=True)
                for fmt in ("pdf", "html"):
                    result = export_document(db, settings, document.id, fmt)
                    path = out_dir / result.filename
                    path.write_bytes(result.content)
                    console.print(f"one-pager ({fmt}): {path.resolve()}")
    if not no_serve:
        _serve(settings.host, settings.port, settings.web_workers)


@app.command()
def worker(
    concurrency: Annotated[
        int, typer.Option(min=1, max=32, help="Jobs this worker runs at once.")
    ] = 1,
    until_empty: Annotated[
        bool, typer.Option("--until-empty", help="Stop once the queue is empty.")
    ] = False,
) -> None:
    """Run queued long work (analysis, redetect) from the PostgreSQL job queue; start one or
    more on any machine that reaches the database (CALLMINE_JOB_QUEUE=procrastinate)."""
    with open_workspace() as workspace:
        console.print(
            f"callmine worker on the job queue (concurrency {concurrency}; Ctrl+C to stop)"
        )
        run_worker(workspace, concurrency=concurrency, wait=not until_empty)
