"""Emails as call notes: a saved .eml decoded, a forward unwrapped, the buyer's words kept.

Why: a forwarded recap had become three notes (the MIME header line, the forwarder's "fwd for
the CRM", the forward marker), the recap itself was cut as a quoted reply, the buyer's "not
looking to spend more than $300 a month" under it was lost, and a folder skipped .eml files."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.paths import collect_files

FOLDER = Path(__file__).resolve().parents[2] / "fixtures" / "review"
FORWARDED = "FW_ Recap - Quarry Street Legal demo.eml"


def _turns(name: str, data: bytes) -> tuple[ParsedCall, list[tuple[str | None, str, str]]]:
    [call] = parse_file(data, name, our_companies=["Docketly"])
    return call, [(u.speaker, u.role, u.text) for u in call.utterances]


def test_a_forwarded_recap_is_the_recap_and_the_buyers_quoted_words() -> None:
    call, turns = _turns(FORWARDED, (FOLDER / FORWARDED).read_bytes())
    assert call.title == "Recap - Quarry Street Legal demo"
    assert str(call.call_date) == "2026-03-18"
    assert call.our_speakers == ["Lena Ortiz"]
    notes = [text for _, role, text in turns if role == "rep_note"]
    assert notes[0] == "Thanks again for the time today. Quick recap of what we covered:"
    assert "You asked whether Docketly integrates with Qualia." in notes[2]
    # the recap's "Next steps:" is the rep's plan, its label out of the note (``inline_labels``)
    assert notes[-1].startswith("I'll send a proposal")
    assert [u.note_kind for u in call.utterances if u.text == notes[-1]] == ["plan"]
    everything = " ".join(text for _, _, text in turns)
    for gone in ("MIME-Version", "fwd for the CRM", "Forwarded message", "555-0100", "Best"):
        assert gone not in everything
    assert turns[-1] == (
        "Owen Quarry",
        "buyer",
        "Lena, before the demo: to be clear we're not looking to spend more than $300 a month "
        "total. Our current setup costs us nothing except time. Call me at 508-555-0199 if you "
        "need.",
    )
    assert call.extra["forward_note"] == [
        "Priya - fwd for the CRM, can you log this against Quarry Street? Thx, Lena"
    ]


BUYERS_EMAIL = b"""From: Sam Diaz <sam@brightdental.example>
To: Notes <crm@shiftwise.example>
Subject: Fwd: Re: your quote
Date: Mon, 2 Mar 2026 09:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

<p>For the file.</p>
<p>Begin forwarded message:</p>
<p>From: Lee Ng &lt;lee@brightdental.example&gt;<br>Date: Sun, 1 Mar 2026 18:00:00 +0000<br>=
Subject: Re: your quote<br>To: Sam Diaz &lt;sam@shiftwise.example&gt;</p>
<p>Hi Sam,</p>
<p>Honestly the annual contract is the sticking point for our partners.</p>
<p>We could do monthly at a higher price.</p>
<p>Thanks,<br>Lee Ng<br>Office manager, Bright Dental</p>
<p>On Sat, 28 Feb 2026 at 10:00, Sam Diaz &lt;sam@shiftwise.example&gt; wrote:</p>
<blockquote>&gt; Here is the quote we discussed.</blockquote>
--b1--
"""


def test_a_buyers_email_passed_on_is_the_buyers_words() -> None:
    """Forwarded from outside our domain: the body is what the buyer wrote (HTML, quoted-
    printable, in a multipart message); our rep's quoted email under it is left out."""
    call, turns = _turns("fwd.eml", BUYERS_EMAIL.replace(b"sam@brightdental", b"sam@shiftwise"))
    assert str(call.call_date) == "2026-03-01"
    assert [(s, r) for s, r, _ in turns] == [("Lee Ng", "buyer")] * len(turns)
    said = [text for _, _, text in turns]
    assert "Honestly the annual contract is the sticking point for our partners." in said
    assert "We could do monthly at a higher price." in said
    assert not any("quote we discussed" in text or "Office manager" in text for text in said)


def test_a_folder_takes_eml_files(tmp_path: Path) -> None:
    (tmp_path / "recap.eml").write_bytes((FOLDER / FORWARDED).read_bytes())
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    assert [p.name for p in collect_files([tmp_path])] == ["recap.eml"]


REPLY = b"""From: Tom Hargreaves <tom.hargreaves@classnest.co.uk>
To: Priya Shah <priya@brightstarttutoring.co.uk>
Subject: Re: ClassNest - next steps for Brightstart
Date: Mon, 19 Oct 2026 09:12:44 +0100

Hi Priya,

- Growth plan, 2 locations, billed monthly

Best,
Tom

On Fri, 16 Oct 2026 at 17:03, Priya Shah <priya@brightstarttutoring.co.uk> wrote:
> Still think \xc2\xa359 per location is steep for the Chapel Allerton site.
> Priya
"""


def test_a_reps_reply_gives_the_buyers_quoted_words(tmp_path: Path) -> None:
    """A reply from our company's domain quoting the buyer: the quote is the buyer's words (it
    had been left out, losing "£59 per location is steep"). From a domain not ours, the side
    of its writer is unknown and the quote stays out."""
    from pipeline.ingest.service import ingest_bytes
    from pipeline.store.models import Call
    from pipeline.workspace import Workspace
    from tests.conftest import make_settings

    said = {}
    for company in ("ClassNest", "Shiftwise"):
        workspace = Workspace(make_settings(tmp_path / company, our_company=company))
        try:
            [result] = ingest_bytes(workspace, REPLY, "reply.eml", analyse=False)
            with workspace.session() as db:
                call = db.get(Call, result.call_id)
                assert call is not None
                said[company] = [(u.speaker, u.role) for u in call.utterances if u.role == "buyer"]
        finally:
            workspace.close()
    assert said["ClassNest"] == [("Priya Shah", "buyer")]
    assert said["Shiftwise"] == []
