"""A profile key the profile has no room for names the keys it has, and where that one goes:
pydantic's "Extra inputs are not permitted" had left a walk guessing where its rivals belong."""

from __future__ import annotations

import pytest

from pipeline.content.profile import parse_profile
from pipeline.errors import BadInput


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("LiftCheck", {"competitors": ["Servowatch", "Hoistly"]}),
        ("Kennelbook", {"competitors": ["Pawtrack"]}),
        ("Tillpoint", {"rivals": ["Cashloop"]}),
    ],
)
def test_an_unknown_profile_key_names_the_keys_there_are(
    name: str, extra: dict[str, object]
) -> None:
    with pytest.raises(BadInput) as raised:
        parse_profile({"name": name, **extra}, source="profile.toml")
    detail = raised.value.detail
    assert "Extra inputs" not in detail
    assert "not a profile key" in detail and "pricing" in detail and "proof_points" in detail
    assert ("CALLMINE_COMPETITORS" in detail) == ("competitors" in extra)
