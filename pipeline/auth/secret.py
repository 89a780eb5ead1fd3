"""The key that signs session cookies: ``CALLMINE_SECRET_KEY``, else one generated once per data
dir and kept in ``DATA_DIR/secret_key`` (mode 0600), so sessions survive a restart."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from pipeline.config import Settings

SECRET_FILENAME = "secret_key"


def session_secret(settings: Settings) -> str:
    if settings.secret_key is not None and settings.secret_key.get_secret_value():
        return settings.secret_key.get_secret_value()
    path = settings.data_dir / SECRET_FILENAME
    if not path.exists():
        _create(path)
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)  # a copied data dir may have widened it
    return path.read_text(encoding="utf-8").strip()


def _create(path: Path) -> None:
    """Written in full to a private temporary file, then linked into place: two processes
    starting at once agree on one key (the second link fails and that process reads the first)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".secret-")  # mode 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(secrets.token_urlsafe(48))
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(temp)
