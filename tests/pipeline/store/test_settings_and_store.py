"""Settings are documented and storage is set up the way the design says."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from pipeline.config import Settings, bundled_model_path
from pipeline.store.database import MIGRATIONS, Database, migrate
from tests.conftest import ROOT, make_settings


def test_every_setting_is_documented_in_the_readme() -> None:
    """Each setting has a row in the README's configuration table, not just a mention."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1]
    missing = [
        f"CALLMINE_{name.upper()}"
        for name in Settings.model_fields
        if f"\n| `CALLMINE_{name.upper()}` |" not in table
    ]
    assert missing == []


def test_defaults(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    assert settings.max_upload_bytes == 25 * 1024 * 1024
    assert settings.resolved_database_url == f"sqlite:///{(tmp_path / 'callmine.db').resolve()}"
    assert not settings.llm_configured


def test_settings_read_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CALLMINE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CALLMINE_MAX_UPLOAD_BYTES", "1234")
    monkeypatch.setenv("CALLMINE_COMPETITORS", '["RotaPro", "ClockBee"]')
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.data_dir == tmp_path
    assert settings.max_upload_bytes == 1234
    assert settings.competitors == ["RotaPro", "ClockBee"]


def test_llm_key_falls_back_to_openai_api_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    settings = make_settings(tmp_path, llm_model="gpt-4o-mini")
    assert settings.resolved_llm_api_key == "sk-test"
    assert settings.llm_configured


def test_bundled_model_is_found_without_network() -> None:
    path = bundled_model_path()
    assert path is not None and (path / "config.json").exists()


def test_sqlite_has_wal_and_foreign_keys(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'x.db'}")
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert {"calls", "utterances", "mentions", "clusters", "documents"} <= set(
        database.table_names()
    )
    database.dispose()


@pytest.mark.postgres
def test_migrations_apply_once_even_when_processes_start_together(settings: Settings) -> None:
    """Several processes (a server and its workers) starting on one new database: each named
    migration is applied once, and nobody fails on a table another one just created."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "callmine.db").unlink(missing_ok=True)  # new: not the suite's copy
    url = settings.resolved_database_url
    with ThreadPoolExecutor(4) as pool:
        databases = list(pool.map(lambda _: Database(url), range(4)))
    first = databases[0]
    with first.engine.connect() as connection:
        names = [row[0] for row in connection.execute(text("SELECT name FROM _migrations"))]
    assert sorted(names) == sorted(name for name, _ in MIGRATIONS)
    assert migrate(first.engine) == []
    for database in databases:
        database.dispose()


@pytest.mark.parametrize(
    ("given", "resolved"),
    [
        ("postgresql://u:p@db:5432/callmine", "postgresql+psycopg://u:p@db:5432/callmine"),
        ("postgres://db/callmine", "postgresql+psycopg://db/callmine"),
        ("postgresql+psycopg://db/callmine", "postgresql+psycopg://db/callmine"),
        ("sqlite:////srv/callmine.db", "sqlite:////srv/callmine.db"),
    ],
)
def test_database_url_means_psycopg_3_for_postgresql(
    tmp_path: Path, given: str, resolved: str
) -> None:
    assert make_settings(tmp_path, database_url=given).resolved_database_url == resolved


@pytest.mark.parametrize("url", ["mysql://db/callmine", "callmine.db"])
def test_an_unsupported_database_url_is_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(ValidationError, match="database_url"):
        make_settings(tmp_path, database_url=url)
