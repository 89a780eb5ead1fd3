"""Users, passwords, API tokens, the session key, sign-in throttling and when sign-in is on."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

import pipeline.auth.users as users
from pipeline.auth import auth_required, check_exposure, is_loopback
from pipeline.auth.secret import SECRET_FILENAME, session_secret
from pipeline.auth.throttle import LoginThrottle
from pipeline.errors import BadInput, CallmineError, Conflict, NotFound, TooManyAttempts
from pipeline.store.database import Database
from pipeline.store.models import ApiToken
from tests.conftest import make_settings


@pytest.fixture
def db(tmp_path: Path) -> Session:
    database = Database(f"sqlite:///{tmp_path / 'users.db'}")
    return database._sessions()


def test_production_hashing_is_argon2id_at_the_library_default() -> None:
    """Tests patch in a cheap hasher (tests/plugins/auth.py); production uses this one."""
    hasher = users.default_hasher()
    default = PasswordHasher()
    assert (hasher.memory_cost, hasher.time_cost) == (default.memory_cost, default.time_cost)
    assert hasher.memory_cost >= 19 * 1024  # OWASP's floor for argon2id
    assert hasher.hash("x" * 12).startswith("$argon2id$")


def test_add_authenticate_and_the_rules(db: Session) -> None:
    user = users.add_user(db, "Maria", ["Sales", "marketing"], password="long enough")
    assert user.roles == ["marketing", "sales"]
    assert user.password_hash and user.password_hash.startswith("$argon2id$")
    assert "long enough" not in user.password_hash
    assert users.authenticate(db, "maria", "long enough") is user  # names ignore case
    assert users.authenticate(db, "maria", "wrong password") is None
    assert users.authenticate(db, "nobody", "long enough") is None
    with pytest.raises(Conflict):
        users.add_user(db, "MARIA", ["sales"], password="long enough")
    with pytest.raises(BadInput, match="unknown role"):
        users.add_user(db, "lee", ["owner"], password="long enough")
    with pytest.raises(BadInput, match="at least 8"):
        users.add_user(db, "lee", ["sales"], password="short")
    with pytest.raises(BadInput, match="user name"):
        users.add_user(db, "../lee", ["sales"], password="long enough")
    with pytest.raises(BadInput, match="at least one role"):
        users.add_user(db, "lee", [], password="long enough")
    users.update_user(db, "maria", disabled=True)
    assert users.authenticate(db, "maria", "long enough") is None


def test_tokens_are_kept_hashed_and_shown_once(db: Session) -> None:
    users.add_user(db, "bot", ["marketing"])
    token = users.issue_token(db, "bot")
    assert token.startswith("cm_") and len(token) > 40
    stored = db.scalars(select(ApiToken)).one()
    assert token not in (stored.token_hash, stored.prefix) and len(stored.token_hash) == 64
    found = users.user_for_token(db, token)
    assert found is not None and found.name == "bot" and stored.last_used_at is not None
    assert users.user_for_token(db, token + "x") is None
    assert users.revoke_tokens(db, "bot") == 1
    assert users.user_for_token(db, token) is None


def test_the_last_admin_stays(db: Session) -> None:
    users.add_user(db, "root", ["admin"], password="long enough")
    for change in (
        lambda: users.remove_user(db, "root"),
        lambda: users.update_user(db, "root", roles=["sales"]),
        lambda: users.update_user(db, "root", disabled=True),
    ):
        with pytest.raises(Conflict, match="last admin"):
            change()
    users.add_user(db, "second", ["admin", "sales"], password="long enough")
    users.remove_user(db, "root")
    with pytest.raises(NotFound):
        users.get_user(db, "root")


def test_a_new_password_bumps_the_session_version(db: Session) -> None:
    user = users.add_user(db, "sam", ["sales"], password="long enough")
    before = user.session_version
    users.update_user(db, "sam", roles=["sales", "marketing"])
    assert user.session_version == before  # roles are read per request
    users.update_user(db, "sam", password="another long one")
    assert user.session_version == before + 1


def test_sign_in_is_on_with_a_token_or_any_user(tmp_path: Path, db: Session) -> None:
    settings = make_settings(tmp_path)
    assert not auth_required(settings, db)
    assert auth_required(make_settings(tmp_path, api_token="t"), db)
    users.add_user(db, "x", ["sales"], password="long enough")
    assert auth_required(settings, db)


def test_serving_open_beyond_loopback_is_refused(tmp_path: Path, db: Session) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("callmine.example.com")
    settings = make_settings(tmp_path)
    check_exposure(settings, db, "127.0.0.1")
    with pytest.raises(CallmineError, match="CALLMINE_ALLOW_OPEN"):
        check_exposure(settings, db, "0.0.0.0")
    check_exposure(make_settings(tmp_path, allow_open=True), db, "0.0.0.0")
    users.add_user(db, "x", ["admin"], password="long enough")
    check_exposure(settings, db, "0.0.0.0")


def test_the_session_key_is_made_once_private(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    first = session_secret(settings)
    path = settings.data_dir / SECRET_FILENAME
    assert len(first) >= 48 and stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    assert session_secret(settings) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert session_secret(make_settings(tmp_path / "data", secret_key="given")) == "given"


def test_throttle_counts_failures_in_a_window() -> None:
    now = [1000.0]
    throttle = LoginThrottle(max_failures=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        throttle.check("ip:1", "user:a")
        throttle.failed("ip:1", "user:a")
    with pytest.raises(TooManyAttempts):
        throttle.check("user:a")
    throttle.check("user:b")
    now[0] += 61
    throttle.check("ip:1", "user:a")
    throttle.failed("user:a")
    throttle.succeeded("user:a")
    throttle.check("user:a")
