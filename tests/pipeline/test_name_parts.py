"""A person's every word goes into one placeholder: the first name before a hidden surname
("Catriona [name]'s crew"), an initial ("J. [name] signed", "to K. Mensah"), a particle ("Mr.
[name] der Berg"), a name after a role's owner ("Mairead's husband, Conor") or "loop in"; a
title stays ("Our principal, Ms. Ó Ceallaigh" had read "[name]. [name]"). Places, days,
months, labels and the workspace's brands stay."""

from __future__ import annotations

import pytest

from pipeline.name_parts import hide_first_names, hide_initialled
from pipeline.redact import NAME, Redactor

# (said, shown), across trades: dental labs, marinas, breweries, schools, logistics
WHOLE = [
    ("Catriona McAllister's crew unloads at Felixstowe.", f"{NAME}'s crew unloads at Felixstowe."),
    ("Faith Kowalczyk's class piloted it in the spring term.", f"{NAME}'s class piloted it"),
    ("Speak to Hope Oyelaran about the keg deposits.", f"Speak to {NAME} about the keg"),
    ("Grace Kelly at the marina office books the berths.", f"{NAME} at the marina office"),
    ("J. Okoro signed the PO for the brewery.", f"{NAME} signed the PO for the brewery."),
    ("Forward it to K. Mensah in accounts.", f"Forward it to {NAME} in accounts."),
    ("Send the remakes to Dr. J. Okoro at the lab.", f"Send the remakes to Dr. {NAME} at the lab."),
    ("P. Szymanski drives the Leeds route on Tuesdays.", f"{NAME} drives the Leeds route on"),
    ("Speak to Mr. Van der Berg about the pallet rates.", f"Speak to Mr. {NAME} about the"),
    ("Ask Lucia de la Cruz about the bottling line.", f"Ask {NAME} about the bottling line."),
    ("Our principal, Ms. Ó Ceallaigh, signs off on software.", f"Our principal, Ms. {NAME}, signs"),
    ("Our bookkeeper, Mrs Okonkwo, runs payroll for the yard.", f"Our bookkeeper, Mrs {NAME},"),
    ("Mairead's husband, Conor, does the brewery's books.", f"{NAME}'s husband, {NAME}, does"),
    ("Our harbourmaster, Ruairi McGillicuddy, books the berths.", f"Our harbourmaster, {NAME},"),
    ("Loop in Ngozi Eze from procurement before Friday.", f"Loop in {NAME} from"),
]
# Labels, days, months, places, questions and brands beside a name stay.
KEPT = [
    ("Plan B. Okafor said no to it.", f"Plan B. {NAME} said no to it."),
    ("Monday Dana said the dock was free.", f"Monday {NAME} said the dock was free."),
    ("Yesterday Dana said it was fine.", f"Yesterday {NAME} said it was fine."),
    ("Will Dana be on the call with the lab?", f"Will {NAME} be on the call with the lab?"),
    ("In March Dana said the term starts late.", f"In March {NAME} said the term"),
    ("Ask Dana about Harbour Marine in Falmouth.", f"Ask {NAME} about Harbour Marine in Falmouth."),
    ("Thanks Dana, see you at Port Solent.", f"Thanks {NAME}, see you at Port Solent."),
    ("The Acme Dana account moved to Leeds.", "The Acme [name] account moved to Leeds."),
    ("Dr Dana Okafor signed the remake policy.", f"Dr {NAME} signed the remake policy."),
    ("The Acme Board decided in April.", "The Acme Board decided in April."),
    ("The lab said so, and so did I. Dana said no.", f"The lab said so, and so did I. {NAME} said"),
]


@pytest.mark.parametrize(("said", "shown"), WHOLE)
def test_every_word_of_a_name_is_in_one_placeholder(said: str, shown: str) -> None:
    assert Redactor().redact(said).startswith(shown)


@pytest.mark.parametrize(("said", "shown"), KEPT)
def test_labels_days_places_and_brands_beside_a_name_stay(said: str, shown: str) -> None:
    assert Redactor(common=frozenset({"acme"})).redact(said).startswith(shown)


def test_a_brand_before_a_placeholder_stays() -> None:
    assert hide_first_names("We moved to Acme [name] said.", {"acme"}) == (
        "We moved to Acme [name] said."
    )


def test_an_initial_before_an_english_surname_stays() -> None:
    """ "J. Smith" could be "vitamin D. Smith": no vocabulary tells a surname from a word."""
    assert hide_initialled("Send it to J. Smith today.") == "Send it to J. Smith today."


# (said, shown): a habit's time ("On Mondays", "Evenings") before a name stays out of it, in
# every trade: schools, salons, logistics, dental labs, breweries, retail, farms, marinas,
# clinics, gyms, cafes, vets.
TIME_BEFORE = [
    ("On Mondays Aroha types the club registers again.", f"On Mondays {NAME} types the club"),
    ("On Saturdays Bronwen rings every client to confirm.", f"On Saturdays {NAME} rings every"),
    ("Fridays Dervla said the depot closes early.", f"Fridays {NAME} said the depot"),
    ("On Tuesdays Ngaire checks the shade tabs by hand.", f"On Tuesdays {NAME} checks the"),
    ("Sundays Tamsin counts the kegs in the cold store.", f"Sundays {NAME} counts the kegs"),
    ("On Wednesdays Aoife's team does the stock take.", f"On Wednesdays {NAME}'s team does"),
    ("Thursdays Pita writes the tag numbers in a notebook.", f"Thursdays {NAME} writes the tag"),
    ("At weekends Kirra adds up the fuel log.", f"At weekends {NAME} adds up the fuel log."),
    ("Weekdays Ffion phones the recall list first thing.", f"Weekdays {NAME} phones the recall"),
    ("Evenings Moana chases the lapsed direct debits.", f"Evenings {NAME} chases the lapsed"),
    ("Mornings Tane tallies the float on paper.", f"Mornings {NAME} tallies the float"),
    ("On Saturdays Siobhan said the vets are short.", f"On Saturdays {NAME} said the vets"),
]
# No one after the time: the sentence is left as it was.
TIME_ALONE = [
    "Mondays are our busiest day at the salon.",
    "On Saturdays we close the yard at noon.",
    "Weekends Tidemark adds a fee for each extra berth.",
    "Evenings are when the brewers log the gravity readings.",
    "On Fridays Harbour Marine sends the fuel invoices.",
]


@pytest.mark.parametrize(("said", "shown"), TIME_BEFORE)
def test_a_habits_time_before_a_name_stays(said: str, shown: str) -> None:
    assert Redactor().redact(said).startswith(shown)


@pytest.mark.parametrize("said", TIME_ALONE)
def test_a_habits_time_without_a_name_is_unchanged(said: str) -> None:
    assert Redactor(common=frozenset({"tidemark"})).redact(said) == said
