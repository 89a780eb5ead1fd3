"""A CRM notes export read as its writer wrote it: Pipedrive's ``Note - User`` (our user who
wrote the note) is the notes' speaker, which had been no one; the items of an HTML list and the
paragraph after it are sentences of their own (the last item had run into "Next step: ...").
Invented people in Pipedrive's layout."""

from __future__ import annotations

from pipeline.ingest import parse_file

PIPEDRIVE_NOTES = (
    "Note - ID,Note - Content,Note - Deal,Note - Person,Note - Organization,Note - User,"
    "Note - Add time,Note - Update time,Note - Pinned to deal flag\n"
    '2211,"<p>Call w/ Odile Marchetti (ops lead). Two bakeries, one kitchen.</p>'
    "<ul><li>Concerned the oven probes will not sync offline</li>"
    "<li>Asked what pricing looks like for 12 users</li></ul>"
    '<p>Next step: demo with their IT on 5/2</p>",Fernhill Bakes - 2026,Odile Marchetti,'
    "Fernhill Bakes,Tobias Wren,2026-04-20 10:02:11,2026-04-20 10:05:40,False\n"
)


def test_the_note_user_wrote_the_notes_and_list_items_stay_apart() -> None:
    [call] = parse_file(PIPEDRIVE_NOTES.encode(), "pipedrive_notes_export.csv")
    notes = [(u.speaker, u.text) for u in call.utterances if u.role == "rep_note"]
    assert notes == [
        ("Tobias Wren", "Call w/ Odile Marchetti (ops lead). Two bakeries, one kitchen."),
        ("Tobias Wren", "Concerned the oven probes will not sync offline"),
        ("Tobias Wren", "Asked what pricing looks like for 12 users"),
        ("Tobias Wren", "demo with their IT on 5/2"),  # the plan, its label out
    ]
    assert call.our_speakers == ["Tobias Wren"]


def test_notes_of_a_row_naming_two_of_ours_stay_unsigned() -> None:
    data = (
        b"Account,Notes,Deal owner,Created by\n"
        b'Fernhill Bakes,"Wants a pilot in one kitchen first.","Tobias Wren; Ama Boateng",\n'
    )
    [call] = parse_file(data, "deals.csv")
    assert [(u.speaker, u.role) for u in call.utterances] == [(None, "rep_note")]
