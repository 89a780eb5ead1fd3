"""The README's API examples are run as written: each ``curl`` line of the API section goes to
the app (the same request, in process), so a field the API does not take fails here."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from sqlalchemy import select

from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import ROOT


def _api_curls() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n## API\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None, "the README's API section has no bash example"
    text = block.group(1).replace("\\\n", " ")
    return [shlex.split(line) for line in text.splitlines() if line.startswith("curl ")]


def _run(client: TestClient, args: list[str]) -> tuple[str, int, bytes]:
    method, url, body, headers = "GET", "", None, {}
    fields: dict[str, str] = {}
    files: list[tuple[str, tuple[str, bytes]]] = []
    words = iter(args[1:])
    for word in words:
        if word == "-X":
            method = next(words)
        elif word == "-H":
            name, value = next(words).split(":", 1)
            headers[name.strip()] = value.strip()
        elif word == "-d":
            body, method = next(words), "POST" if method == "GET" else method
        elif word == "-F":
            name, value = next(words).split("=", 1)
            if value.startswith("@"):
                path = ROOT / value[1:]
                files.append((name, (Path(path).name, path.read_bytes())))
            else:
                fields[name] = value
            method = "POST"
        elif word == "-o":
            next(words)
        else:
            url = word
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    if files or fields:
        response = client.request(method, target, data=fields, files=files)
    else:
        response = client.request(method, target, content=body, headers=headers)
    return f"{method} {target}", response.status_code, response.content


def test_every_api_example_in_the_readme_works(client: TestClient) -> None:
    curls = _api_curls()
    assert len(curls) >= 4
    for args in curls:
        request, status, content = _run(client, args)
        assert status < 300, f"README example {request} answered {status}: {content[:300]!r}"
        if "/export?format=pdf" in request:
            assert content.startswith(b"%PDF")
        if request.startswith("POST /api/documents"):
            assert json.loads(content)["doc_type"] == "objection-faq"


def _metadata(workspace: Workspace) -> dict[str, tuple[object, ...]]:
    with workspace.session() as db:
        rows = db.execute(
            select(
                Call.filename, Call.call_date, Call.account, Call.outcome, Call.our_speakers,
                Call.competitors, Call.industry, Call.deal_id,
            )
        ).all()  # fmt: skip
    return {str(row[0]): tuple(row[1:]) for row in rows}


def test_the_readme_uploads_change_nothing_of_the_demos_calls(
    client: TestClient, workspace: Workspace
) -> None:
    """Followed in order after the demo, the README's first upload had flipped call 1 from won
    to lost (and put 6 documents out of date): each file the examples upload, stored first
    with its demo manifest row, keeps its metadata through every example."""
    uploads = [args for args in _api_curls() if "/api/calls" in args[-1] and "-F" in args]
    named = {w[len("files=@") :] for a in uploads for w in a if w.startswith("files=@")}
    demo = [("files", (Path(n).name, (ROOT / n).read_bytes())) for n in sorted(named)]
    stored = client.post("/api/calls", files=demo)
    assert stored.status_code == 201, stored.text
    before = _metadata(workspace)
    for args in _api_curls():  # every example, in order: an account's PATCH too
        request, status, content = _run(client, args)
        assert status < 300, f"README example {request} answered {status}: {content[:300]!r}"
        if args in uploads:
            assert "→" not in content.decode(), f"README example {request}: {content[:600]!r}"
    assert _metadata(workspace) == before
