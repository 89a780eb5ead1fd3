"""An Outlook reply or forward written in German, French, Dutch, Spanish or Italian: the quoted
header block ("Von: / Gesendet: / An: / Betreff:"), the sign-off ("Mit freundlichen Grüßen")
and greeting are read as the English ones are (review 22h item 4).

Why: a German reply ("AW:") had become one block of rep notes: the buyer's data-residency and
works-council objections were ours, and their signature (street, phone) and our own quoted
offer were stored as notes. People and firms below are invented."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall

# Per language: subject prefix, the quoted block's header names, its sent date, the buyer's
# greeting and sign-off, the buyer's two paragraphs, our greeting, sign-off and one line.
LANGUAGES = {
    "de": (
        "AW",
        ("Von", "Gesendet", "An", "Cc", "Betreff"),
        "Montag, 4. Mai 2026 10:12",
        ("Hallo Herr Lindqvist,", "Mit freundlichen Grüßen"),
        (
            "Unser Betriebsrat muss der Fahrer-App noch zustimmen, vor Juli wird das nichts.",
            "Außerdem liegen Sie preislich deutlich über Fleetwise.",
        ),
        ("Sehr geehrte Frau Hollweg,", "Viele Grüße", "anbei unser Angebot für 40 Fahrzeuge."),
    ),
    "fr": (
        "RE",
        ("De ", "Envoyé ", "À ", "Cc ", "Objet "),
        "lundi 4 mai 2026 10:12",
        ("Bonjour Monsieur Lindqvist,", "Cordialement"),
        (
            "Notre comité d'entreprise doit encore valider l'application, pas avant juillet.",
            "Par ailleurs, votre tarif est nettement au-dessus de Fleetwise.",
        ),
        ("Bonjour Madame Hollweg,", "Bien à vous", "Veuillez trouver notre offre ci-jointe."),
    ),
    "nl": (
        "RE",
        ("Van", "Verzonden", "Aan", "CC", "Onderwerp"),
        "maandag 4 mei 2026 10:12",
        ("Beste Erik,", "Met vriendelijke groet"),
        (
            "Onze ondernemingsraad moet de app nog goedkeuren, dat wordt niet voor juli.",
            "Daarnaast zit u qua prijs een stuk boven Fleetwise.",
        ),
        ("Beste Margarethe,", "Groeten", "In de bijlage vindt u onze offerte."),
    ),
    "es": (
        "RE",
        ("De", "Enviado el", "Para", "CC", "Asunto"),
        "lunes, 4 de mayo de 2026 10:12",
        ("Hola Erik:", "Un saludo"),
        (
            "El comité de empresa todavía tiene que aprobar la aplicación, no antes de julio.",
            "Además, su precio está bastante por encima de Fleetwise.",
        ),
        ("Estimada Margarethe:", "Saludos cordiales", "Le adjunto nuestra propuesta."),
    ),
    "it": (
        "R",
        ("Da", "Inviato", "A", "Cc", "Oggetto"),
        "lunedì 4 maggio 2026 10:12",
        ("Buongiorno Erik,", "Cordiali saluti"),
        (
            "Il consiglio di fabbrica deve ancora approvare l'app, non prima di luglio.",
            "Inoltre il vostro prezzo è ben sopra quello di Fleetwise.",
        ),
        ("Gentile Margarethe,", "Saluti", "In allegato la nostra offerta."),
    ),
}
SIGNATURE = (
    "Margarethe Hollweg\nLeitung Disposition\n"
    "Brenner Logistik GmbH | Hafenstraße 12 | 28217 Bremen\nTel. +49 421 555 0192"
)


def _reply(language: str, *, marked: bool = False) -> str:
    """A buyer's reply saved from Outlook as .eml, our message quoted under it."""
    prefix, keys, sent, (hello, bye), (first, second), (our_hello, our_bye, ours) = LANGUAGES[
        language
    ]
    von, gesendet, an, cc, betreff = keys
    mark = "-----Ursprüngliche Nachricht-----\n" if marked else ""
    return (
        "From: Hollweg, Margarethe <m.hollweg@brenner-logistik.de>\n"
        "To: Erik Lindqvist <erik.lindqvist@routekit.io>\n"
        f"Subject: {prefix}: RouteKit Angebot\n"
        "Date: Wed, 6 May 2026 08:30:00 +0200\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        f"{hello}\n\n{first}\n\n{second}\n\n{bye}\n\n{SIGNATURE}\n\n{mark}"
        f"{von}: Erik Lindqvist <erik.lindqvist@routekit.io>\n"
        f"{gesendet}: {sent}\n"
        f"{an}: Hollweg, Margarethe <m.hollweg@brenner-logistik.de>\n"
        f"{cc}: Jansen, Pieter <p.jansen@brenner-logistik.de>\n"
        f"{betreff}: RouteKit Angebot\n\n"
        f"{our_hello}\n\n{ours}\n\n{our_bye}\nErik Lindqvist\n"
    )


def _read(text: str) -> ParsedCall:
    [call] = parse_file(text.encode(), "reply.eml", our_companies=["RouteKit"])
    return call


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_a_reply_in_the_mail_apps_language_is_read_message_by_message(language: str) -> None:
    call = _read(_reply(language))
    *_, (first, second), (_hello, _bye, ours) = LANGUAGES[language]
    said = [(u.speaker, u.role, u.text) for u in call.utterances]
    assert said == [
        ("Erik Lindqvist", "rep", ours),  # our quoted message: ours, not the buyer's notes
        ("Margarethe Hollweg", "buyer", first),
        ("Margarethe Hollweg", "buyer", second),
    ]  # no greeting, sign-off, signature (street, phone) or header block among them
    assert call.account == "Brenner Logistik GmbH"  # the signature beside her address
    assert {"Margarethe Hollweg", "Erik Lindqvist"} <= {p.name for p in call.people}


def test_outlooks_original_message_line_in_german_opens_the_quoted_message() -> None:
    call = _read(_reply("de", marked=True))
    assert [u.role for u in call.utterances] == ["rep", "buyer", "buyer"]
    assert not any("Ursprüngliche" in u.text for u in call.utterances)


FORWARD = """From: Erik Lindqvist <erik.lindqvist@routekit.io>
To: Sales Notes <notes@routekit.io>
Subject: WG: Rückfrage Fahrer-App
Date: Thu, 7 May 2026 09:00:00 +0200
Content-Type: text/plain; charset=utf-8

Zur Info fürs CRM.

{mark}
Von: Hollweg, Margarethe <m.hollweg@brenner-logistik.de>
{sent}
An: Erik Lindqvist <erik.lindqvist@routekit.io>
Betreff: Rückfrage Fahrer-App

Hallo Herr Lindqvist,

Unsere Fahrer haben keine Diensthandys, eine App-Pflicht ist für uns schwierig.

Viele Grüße
Margarethe Hollweg
"""


@pytest.mark.parametrize(
    ("mark", "sent"),
    [
        ("________________________________", "Gesendet: Montag, 4. Mai 2026 10:12"),  # Outlook
        ("---------- Weitergeleitete Nachricht ---------", "Date: Mo., 4. Mai 2026 um 10:12 Uhr"),
    ],
    ids=["outlook", "gmail"],
)
def test_a_forward_in_german_carries_the_buyers_message_and_its_date(mark: str, sent: str) -> None:
    call = _read(FORWARD.format(mark=mark, sent=sent))
    assert call.call_date == dt.date(2026, 5, 4)
    assert [(u.speaker, u.role, u.text) for u in call.utterances] == [
        (
            "Margarethe Hollweg",
            "buyer",
            "Unsere Fahrer haben keine Diensthandys, eine App-Pflicht ist für uns schwierig.",
        )
    ]


def test_a_german_outlook_message_pasted_as_text_is_an_email() -> None:
    text = (
        "Von: Hollweg, Margarethe <m.hollweg@brenner-logistik.de>\n"
        "Gesendet: Montag, 4. Mai 2026 10:12\n"
        "An: Erik Lindqvist <erik.lindqvist@routekit.io>\n"
        "Betreff: RouteKit Angebot\n\n"
        "Hallo Herr Lindqvist,\n\nDer Preis pro Fahrzeug ist uns zu hoch.\n\n"
        f"Mit freundlichen Grüßen\n\n{SIGNATURE}\n"
    )
    [call] = parse_file(text.encode(), "mail.txt", our_companies=["RouteKit"])
    assert [(u.speaker, u.role, u.text) for u in call.utterances] == [
        ("Margarethe Hollweg", "buyer", "Der Preis pro Fahrzeug ist uns zu hoch.")
    ]
    assert call.call_date == dt.date(2026, 5, 4)


def test_speakers_named_van_and_an_are_a_transcript_not_an_email() -> None:
    """ "Van:" and "An:" are header names in Dutch and German, and people's names too."""
    text = (
        "Van: Thanks for making time, An. How many vans run each morning?\n"
        "An: About forty, and the drivers plan their own routes on paper.\n"
        "Van: Got it. What does a late delivery cost you?\n"
        "An: Honestly the penalties are the main issue for us.\n"
    )
    [call] = parse_file(text.encode(), "call.txt", our_speakers=["Van"])
    assert [(u.speaker, u.role) for u in call.utterances] == [
        ("Van", "rep"),
        ("An", "buyer"),
        ("Van", "rep"),
        ("An", "buyer"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Beste prijs die we tot nu toe zagen",  # Dutch "best price" opens with "Beste"
        "Liebe Kollegen im Lager sind skeptisch",  # no greeting's comma
        "Merci pour la démo, mais le prix est trop élevé pour nous cette année.",
    ],
)
def test_a_sentence_opening_with_a_greeting_word_is_kept(line: str) -> None:
    text = (
        "From: Pieter Jansen <p.jansen@brenner-logistik.de>\n"
        "To: Erik Lindqvist <erik.lindqvist@routekit.io>\n"
        "Subject: Re: Angebot\nDate: Wed, 6 May 2026 08:30:00 +0200\n\n"
        f"{line}\n\nPieter\n"
    )
    call = _read(text)
    assert [u.text for u in call.utterances] == [line]
