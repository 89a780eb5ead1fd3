"""Lines a meeting tool writes about the meeting itself, never speech: when the recording
started or ended, the tool's brand and credit, a report's banner, a calendar event's chips, an AI
summary's disclaimer and feedback prompt, the page's buttons. Split from ``preamble`` (a file's
leading metadata) because they turn up anywhere: above the notes, amid turns, under the last one.
"""

from __future__ import annotations

import re

# Who a meeting tool names in its own lines, as its speaker labels do: "Priya Nair", "Nair, Priya"
# (Teams' "Last, First"), "Jade Whitfield (Guest)", "Seán Ó Briain"; no pronoun ("We", "I").
_NAME_WORD = r"(?![a-zß-öø-ÿ])[^\W\d_][\w.'’-]*"  # a capital first: no "so we stopped"
_WHO = (
    rf"(?!(?:I|We|He|She|They|You|It)\s){_NAME_WORD}(?:,?\s{_NAME_WORD}){{0,4}}"
    r"(?:\s\((?i:guest|external|unverified)\))?"
)
_TOOL_LINE = re.compile(  # a name, then what happened to the recording; no sentence of speech
    rf"^(?:{_WHO}\s)?(?:started|stopped) (?:transcription|recording|the recording)$"
    # Who came and went (Teams, Zoom): "Nair, Priya joined the meeting", "Bo Li left the call"
    rf"|^{_WHO}\s(?:has\s)?(?:joined|left) the (?:meeting|call)$"
    # When the recording stopped: "Meeting ended after 00:06:41", "Transcription ended after
    # 00:09:41" (Gemini, under the last turn, where it had been read as the speaker's words).
    r"|^(?i:(?:meeting|call|transcription|transcript|recording) (?:ended|stopped|finished)"
    r" (?:after|at) \d)"
    # A report's banner under its title: "Read Meeting Report", "Meeting Report".
    r"|^(?:[A-Z][\w.]*(?: [A-Z][\w.]*)? )?(?i:meeting report)$"
    # A calendar event's chips above the notes (Gemini): "Invited Ana Diaz Bo Li" (names or
    # addresses only), "Attachments <file names>", "Meeting records Transcript Recording".
    r"|^Invited(?: (?:[A-Z][\w.'’-]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+),?){1,40}$"
    r"|^Attachments(?: (?:[A-Z0-9][^\s]*|[\w.-]+\.\w{2,5}|[-–—/|&·+]),?){1,40}$"
    r"|^(?i:meeting records)(?: (?i:transcript|recording|notes|chat))*$"
    r"|^(?i:this (?:editable )?transcript was (?:computer|machine|automatically) generated)"
    # The tool's brand under a title: "Otter.ai", "Chorus.ai Meeting Transcript", "Meeting
    # notes by tl;dv"; its credit line: "Recorded and transcribed by Avoma. tanya@… · (614) …"
    r"|^(?i:(?:(?:powered|generated|transcribed|recorded|made) (?:by|with) )?"
    r"[a-z][\w-]*\.(?:ai|io|com|video|app|co)"
    r"(?: (?:meeting )?(?:transcript|notes|recording|summary)| ?[|·–—] .{1,60})?)$"
    r"|^(?i:end of (?:the )?(?:transcript|recording|meeting|call))\.?$"
    r"|^(?i:[a-z][\w.;-]* transcript) ?[·|–—] ?(?i:exported|created|generated)\b.{0,40}$"
    r"|^(?i:(?:ai |meeting )?(?:notes|transcript|summary) (?:by|from) [\w.;-]+)$"
    r"|^[*_]*(?i:(?:recorded|transcribed|generated|powered)(?: and transcribed)? (?:by|with) [A-Z])"
    # An AI summary's feedback prompt and disclaimer: "Was this recap helpful? 👍 👎", "Please
    # rate the accuracy of this summary.", "AI-generated content may be inaccurate or misleading."
    r"|^(?i:(?:was|is) this (?:ai )?(?:recap|summary|transcript|note|notes|call summary)"
    r" (?:helpful|useful|accurate)\b)[^A-Za-z]{0,20}$"
    r"|^(?i:(?:please )?rate (?:the accuracy of )?this (?:recap|summary|transcript|call))\b"
    r"[^A-Za-z]{0,20}$"
    r"|^(?i:(?:ai[- ]generated|automatically generated) (?:content|summary|notes?|recap)"
    r" (?:may|might|can) (?:be|contain)\b).{0,120}$"
    r"|^(?i:always (?:check|verify|review) (?:it |them )?for accuracy)\.?$"
    # The page's buttons copied with it: "Edit · Share", "Copy | Download"
    r"|^(?i:(?:edit|share|copy|download|export|delete|like|helpful|not helpful|👍|👎)"
    r"(?:\s*[·|•/]?\s*(?:edit|share|copy|download|export|delete|like|👍|👎))*)$"
)


def is_tool_line(text: str) -> bool:
    """Is this stripped line the meeting tool's own, about the recording or its page?"""
    return bool(_TOOL_LINE.match(text))
