"""Sentences with no concern about buying from us, read after the kind model: small talk about
the world around the call ("Ha, Melbourne weather, four seasons in one day.") and a good report
of what the trial or the product did ("our clients actually upload stuff now, in the trial they
did it without us chasing.").

Why a rule after the model: the model reads a sentence with the rep's turn around it, and small
talk after a price slide, or praise from a won deal that names the clients and the portal, had
been filed as objections (even as a theme of their own). Neither holds once a concern or a
buying topic is in the sentence ("The trial was fine but the price isn't.").
"""

from __future__ import annotations

from pipeline.detect.rules import CUES, alternation, cue_scores, lowered

_WORLD = alternation(CUES["aside"]["world"])
_PRODUCT = alternation(CUES["aside"]["product"])
_WENT_WELL = alternation(CUES["aside"]["went_well"])
_CONTRAST = alternation(CUES["aside"]["contrast"])
_STRONG = 1.0  # "can't", "won't use", "too expensive": a worry, whatever the subject
_MEDIUM = 0.6  # "not", "never", "still": enough to doubt a report of the trial
_BUYING = ("price", "contract", "switching", "authority_timing", "status_quo", "competitor")


def makes_small_talk(sentence: str) -> bool:
    """The weather, the journey, the weekend ("It's been pouring all week in Dublin."), with no
    product, no buying topic and no strong worry in it ("The weather app we tried was too
    expensive." is an objection)."""
    text = lowered(sentence)
    if not _WORLD.search(text) or _PRODUCT.search(text):
        return False
    cues = cue_scores(sentence)
    return cues.concern < _STRONG and not any(cues.categories.values())


def reports_it_went_well(sentence: str) -> bool:
    """A change for the better ("Clients actually respond now, we used to chase them for
    weeks.", "The reminders cut our no-shows in half during the trial."), with no turn to a
    worry, no buying topic and no more than a weak hedge once the praise is taken out."""
    text = lowered(sentence)
    if not _WENT_WELL.search(text) or _CONTRAST.search(text):
        return False
    cues = cue_scores(_WENT_WELL.sub(" ", text))
    return cues.concern < _MEDIUM and not any(cues.categories[name] for name in _BUYING)


def says_no_concern(sentence: str) -> bool:
    """Small talk or praise: ``other``, whatever the model read in the turn around it."""
    return makes_small_talk(sentence) or reports_it_went_well(sentence)
