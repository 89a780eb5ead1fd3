"""Titles that name the account around other words: "<Account> / <us> - <topic> discussion" (a
topic in lower case beside an acronym), "Outbound call to <Account>", and meeting words in
French, Spanish or German ("<Account> - appel découverte").

Why (walk 8 #8): three calls of a law-firm walk had no account: "managed IT discussion" had
counted as a second name, "call to" framed no one, and "appel découverte" was read as a name."""

from __future__ import annotations

import pytest

from pipeline.ingest.titles import title_account

OURS = ("Shiftwise", "Kelpdesk", "Tallyfold")


@pytest.mark.parametrize(
    ("title", "account"),
    [
        # a lower-case topic with an acronym in it, beside ours
        ("Harrow Dental Group / Shiftwise - rota and HR discussion", "Harrow Dental Group"),
        ("Pinecrest Roofing / Kelpdesk - CRM migration plan", "Pinecrest Roofing"),
        ("Tallyfold / Brisk Bean Coffee - POS integration discussion", "Brisk Bean Coffee"),
        # whom the call was to, the account's name as written (a lower-case trade word in it)
        ("Outbound call to Ferreira Lima advogados", "Ferreira Lima advogados"),
        ("Call to Oakmont Veterinary", "Oakmont Veterinary"),
        ("Inbound call with Seaside Kennels", "Seaside Kennels"),
        # meeting words in other languages
        ("Boulangerie Marchand - appel découverte", "Boulangerie Marchand"),
        ("Clínica Dental Sonrisa - llamada de seguimiento", "Clínica Dental Sonrisa"),
        ("Schreinerei Holzmann GmbH - Erstgespräch", "Schreinerei Holzmann GmbH"),
        ("Réunion de suivi - Garage Dupuis", "Garage Dupuis"),
    ],
)
def test_a_title_names_its_account_around_meeting_and_topic_words(title: str, account: str) -> None:
    assert title_account(title, OURS) == account


@pytest.mark.parametrize(
    "title",
    [
        "Call to discuss pricing",  # "to" then a purpose: no one's
        "Réunion interne - suivi",
        "Llamada de seguimiento",
        "Besprechung - Protokoll",
        "Weekly pipeline review",
        "Harbor Electric call with Dana",  # a name before the call: not a purpose
        "harborline.com - 50 Licences",  # a web address is a name: two, so none
    ],
)
def test_meeting_and_purpose_words_alone_name_no_account(title: str) -> None:
    assert title_account(title, OURS) is None
