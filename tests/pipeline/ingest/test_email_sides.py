"""Meeting exports whose only word on sides is their addresses: the host's or organiser's
domain, or the one named like our company, is ours; speakers on it are reps, the others the
buyer's, and a "Ours <> Account" title then names the account.

Why (walk s31 #1, #8): a Fireflies export with ``host_email``, ``organizer_email`` and bare
``participants`` addresses on the seller's domain had left all four speakers ``unknown`` (the
rep's "We're Cyber Essentials Plus" quoted as a buyer's security objection) and the call with
"No account" though its title was "Haulbase <> Northgate Pharmacy Deliveries"."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.embed import Embedder
from pipeline.ingest.email_sides import address_names, our_domain
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.stored_calls import store_all


def _roles(call: Call) -> dict[str, str]:
    return {u.speaker or "": u.role for u in call.utterances}


def _fireflies(
    title: str, host: str, organiser: str, addresses: list[str], turns: list[tuple[str, str]]
) -> bytes:
    """A Fireflies-shaped export: bare addresses, speakers by id, sentences."""
    names = list(dict.fromkeys(name for name, _text in turns))
    return json.dumps(
        {
            "id": "01HX",
            "title": title,
            "dateString": "2026-03-04T10:00:00.000Z",
            "host_email": host,
            "organizer_email": organiser,
            "participants": addresses,
            "speakers": [{"id": i, "name": name} for i, name in enumerate(names)],
            "sentences": [
                {"index": i, "speaker_id": names.index(name), "speaker_name": name, "text": text,
                 "raw_text": text, "start_time": 3.0 * i, "end_time": 3.0 * i + 2}
                for i, (name, text) in enumerate(turns)
            ],
        }
    ).encode()  # fmt: skip


VETS = _fireflies(
    "Pawcount <> Riverside Veterinary Group",
    "t.brandt@pawcount.example",
    "tessa.brandt@pawcount.example",
    ["tessa.brandt@pawcount.example", "o.lindqvist@pawcount.example",
     "m.osei@riversidevets.example", "fkhan@riversidevets.example"],
    [
        ("Tessa Brandt", "Thanks both for joining, I've asked Olle along for the data questions."),
        ("Mariam Osei", "Great. Our head nurse keeps the drug register on paper at three sites."),
        ("Olle Lindqvist", "We host everything in Frankfurt and we sign a DPA as standard."),
        ("Farid Khan", "Our vets won't double key anything, they barely have time as it is."),
        ("Tessa Brandt", "Understood. The register fills itself from the consult notes."),
        ("Mariam Osei", "It has to pass the regulator's inspection though, that's my worry."),
    ],
)  # fmt: skip


def test_a_fireflies_export_tells_sides_by_the_hosts_domain(workspace: Workspace) -> None:
    [call] = store_all(workspace, {"riverside.json": VETS}).values()
    assert _roles(call) == {
        "Tessa Brandt": "rep",
        "Olle Lindqvist": "rep",  # "o.lindqvist": initial and surname
        "Mariam Osei": "buyer",
        "Farid Khan": "buyer",  # "fkhan": initial and surname run together
    }
    assert call.account == "Riverside Veterinary Group"  # the title's part beside ours
    assert "attendee_domains" not in call.extra and "host_domains" not in call.extra


WAREHOUSE = json.dumps(
    {
        "meeting": {
            "name": "Kestrel Cold Store x Shelfwise - slotting review",
            "happenedAt": "2026-02-11T09:00:00Z",
            # The buyer booked it: the organiser's domain is theirs, and our company's name
            # says which domain is ours.
            "organizer": {"name": "Gwen Harlow", "email": "gwen@kestrelcold.example"},
            "invitees": [
                {"name": "Ade Bello", "email": "ade.bello@shelfwise.example"},
                {"name": "Gwen Harlow", "email": "gwen@kestrelcold.example"},
            ],
        },
        "transcript": [
            {"speaker": "Gwen Harlow", "text": "We pick from forty aisles, slotting is a guess."},
            {"speaker": "Ade Bello", "text": "How often do the fast movers change for you?"},
            {"speaker": "Gwen Harlow", "text": "Every season, and nobody redoes the map."},
            {"speaker": "Ade Bello", "text": "That's the weekly report, it suggests moves."},
        ],
    }
).encode()  # fmt: skip


def test_our_company_names_our_domain_when_the_buyer_organised(
    tmp_path: Path, embedder: Embedder
) -> None:
    settings = make_settings(tmp_path, our_company="Shelfwise")
    [call] = store_all(Workspace(settings, embedder=embedder), {"kestrel.json": WAREHOUSE}).values()
    assert _roles(call) == {"Gwen Harlow": "buyer", "Ade Bello": "rep"}


def test_one_company_domain_or_webmail_alone_names_no_side() -> None:
    """A salon owner on gmail beside the host: no second company domain, so no side from
    addresses (the talk decides); our company's name picks its domain whoever hosted."""
    salon = [("Rosa Mills", "chairly.example"), ("bloomhairstudio", "gmail.com")]
    assert our_domain(salon, ["chairly.example"], []) == ""
    firm = [("Ivo Petrov", "tallyhq.example"), ("Nora Quinn", "quinnandco.example")]
    assert our_domain(firm, ["quinnandco.example"], []) == "quinnandco"  # the host's, else
    assert our_domain(firm, ["quinnandco.example"], ["TallyHQ"]) == "tallyhq"
    assert our_domain(firm, [], []) == ""


def test_an_address_names_its_speaker_in_the_usual_shapes() -> None:
    assert address_names("keiko.sato", "Keiko Sato")
    assert address_names("j.okoro", "Joy Okoro")
    assert address_names("rkapoor", "Ravi Kapoor")
    assert address_names("okoro.joy", "Joy Okoro")
    assert not address_names("j.okoro", "Jo Kapoor")
    assert not address_names("accounts", "Ravi Kapoor")
