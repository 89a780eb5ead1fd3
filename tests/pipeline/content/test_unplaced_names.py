"""Buyer-side people the first-name list does not know (Irish, Māori, Welsh names) are hidden
where only a person stands; brands, accounts, days and common capitalised words stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.config import get_settings
from pipeline.redact import NAME, Redactor
from tests.conftest import ROOT, Cli

FIXTURE = ROOT / "tests" / "fixtures" / "unplaced_names"
HIDDEN = ["Aoife", "Ngaio", "Tane", "Dafydd", "Ó Briain", "Siobhán", "Bronwen", "Rhys"]
KEPT = ["Google Calendar", "Monday", "DiaryMate", "Honestly", "Moving off", "Dr "]


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("It eats two hours of Aoife's day.", "It eats two hours of [name]'s day."),
        ("I'd have to ask Ngaio first.", "I'd have to ask [name] first."),
        ("Tane said it's fine.", "[name] said it's fine."),
        ("Spoke with Wiremu and Bronwen today.", "Spoke with [name] and [name] today."),
        ("Dr Ó Briain runs the list.", "Dr [name] runs the list."),
        ("Our receptionist, Niamh, books it.", "Our receptionist, [name], books it."),
        ("Me and Dafydd do the rota.", "Me and [name] do the rota."),
    ],
)
def test_a_name_the_list_does_not_know_is_hidden_where_only_a_person_stands(
    said: str, shown: str
) -> None:
    assert Redactor().redact(said) == shown


@pytest.mark.parametrize(
    "said",
    [
        "Honestly it syncs with Google Calendar every Monday.",
        "It's ChairTime's job. Let's see what Monday's clinic says.",
        "We told Reception and asked Finance.",
        "Moving off DiaryMate is a worry, Kowhai's front desk is flat out.",
    ],
)
def test_brands_accounts_days_and_common_words_stay(said: str) -> None:
    redactor = Redactor(common=frozenset({"chairtime", "diarymate", "kowhai"}))
    assert NAME not in redactor.redact(said)


def test_published_exports_hide_unlisted_names_and_keep_brands_and_days(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLMINE_OUR_COMPANY", "ChairTime")
    monkeypatch.setenv("CALLMINE_COMPETITORS", '["DiaryMate"]')
    monkeypatch.setenv("CALLMINE_REDACT_NAMES", '["Rhys"]')  # an English word too: listed
    get_settings.cache_clear()
    calls = tmp_path / "calls"
    shutil.copytree(FIXTURE, calls)
    cli.generated_offline(calls, "objection-faq")
    exported = ""
    for fmt in ("md", "brief"):
        out = tmp_path / f"doc.{fmt}.md"
        result = cli("export", "1", "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
        exported += out.read_text("utf-8")
    assert exported.count(NAME) >= 6
    assert [name for name in HIDDEN if name in exported] == []
    assert [word for word in KEPT if word not in exported] == []
