"""The users and purge commands, and `callmine serve` refusing to expose an open callmine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from api.cli import app as cli_app
from pipeline.config import get_settings
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import Cli, app_client
from tests.samples import transcript, write


def _add(cli: Cli, name: str, role: str, password: str = "long enough pw") -> Any:
    return cli.runner.invoke(
        cli_app, ["users", "add", name, "--role", role, "--password-stdin"], input=password + "\n"
    )


def test_users_add_list_token_roles_remove(cli: Cli, embedder: Embedder) -> None:
    assert _add(cli, "alice", "admin").exit_code == 0
    added = _add(cli, "sam", "sales")
    assert added.exit_code == 0 and "added sam (sales)" in added.stdout
    assert _add(cli, "shorty", "sales", "short").exit_code == 1
    listed = cli.json("users", "list")
    assert [(u["name"], u["roles"], u["has_password"]) for u in listed] == [
        ("alice", ["admin"], True),
        ("sam", ["sales"], True),
    ]
    token = cli("users", "token", "sam").stdout.strip()
    assert cli("users", "roles", "sam", "--role", "sales", "--role", "marketing").exit_code == 0
    workspace = Workspace(cli.settings(), embedder=embedder)
    with app_client(workspace) as client:
        me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
        assert me == {"name": "sam", "roles": ["marketing", "sales"], "via": "token"}
        assert client.get("/api/me").status_code == 401
    workspace.close()
    last = cli("users", "remove", "alice")
    assert last.exit_code == 1 and "last admin" in last.output
    assert cli("users", "remove", "sam").exit_code == 0
    assert cli("users", "token", "sam", "--revoke").exit_code == 1  # gone


def test_purge_an_account(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "in", "a.txt", transcript("a"))
    write(tmp_path / "in", "b.txt", transcript("b"))
    assert cli("ingest", tmp_path / "in" / "a.txt", "--account", "Crumb & Co").exit_code == 0
    assert cli("ingest", tmp_path / "in" / "b.txt", "--account", "Harbourview").exit_code == 0
    done = cli.json("purge", "--account", "crumb & co ", "--yes")
    assert done["account"] == "Crumb & Co" and done["counts"]["calls"] == 1
    assert done["actor"].startswith("cli:")
    assert [c["account"] for c in cli.json("calls")["items"]] == ["Harbourview"]
    again = cli("purge", "--account", "Crumb & Co", "--yes")
    assert again.exit_code == 1 and "no calls for account" in again.output
    refused = cli.runner.invoke(cli_app, ["purge", "--account", "Harbourview"], input="n\n")
    assert refused.exit_code == 1 and len(cli.json("calls")["items"]) == 1


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append(kw))
    return runs


def test_serve_refuses_an_open_callmine_beyond_loopback(
    cli: Cli, served: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = cli("serve", "--host", "0.0.0.0")
    assert refused.exit_code == 1 and "refusing to serve on 0.0.0.0" in refused.output
    assert served == []
    assert cli("serve").exit_code == 0 and served[-1]["host"] == "127.0.0.1"
    assert served[-1]["proxy_headers"] is False
    monkeypatch.setenv("CALLMINE_ALLOW_OPEN", "1")
    monkeypatch.setenv("CALLMINE_TRUST_PROXY", "1")
    get_settings.cache_clear()
    assert cli("serve", "--host", "0.0.0.0").exit_code == 0
    assert served[-1]["host"] == "0.0.0.0" and served[-1]["proxy_headers"] is True
    monkeypatch.delenv("CALLMINE_ALLOW_OPEN")
    get_settings.cache_clear()
    assert _add(cli, "alice", "admin").exit_code == 0
    opened = cli("serve", "--host", "0.0.0.0")
    assert opened.exit_code == 0 and "sign-in required" in opened.stdout
    assert json.dumps(served[-1]["forwarded_allow_ips"]) == '"*"'
