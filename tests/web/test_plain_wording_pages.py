"""What a marketer reads on the generate, upload and dashboard pages is plain English: errors
said by the field at fault, no setting names, no internal state names, no raw scores."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_missing_competitor_is_said_by_the_competitor_field(client: TestClient) -> None:
    """A comparison with no competitor lands back on the form with the message by the field,
    the field described by it and focused; what was chosen is kept."""
    response = client.post("/generate", data={"doc_type": "comparison", "industry": "Cafés"})
    assert response.url.fragment == "competitor"
    page = response.text
    field = re.search(r'<input[^>]*id="competitor"[^>]*>', page)
    assert field is not None
    assert 'aria-describedby="competitor-error"' in field.group(0)
    assert "autofocus" in field.group(0) and 'aria-invalid="true"' in field.group(0)
    error = re.search(r'<p class="field-error" id="competitor-error"[^>]*>([^<]+)</p>', page)
    assert error is not None and "hidden" not in error.group(0)
    assert error.group(1)[0].isupper()
    assert "notice-error" not in page  # no banner away from the field
    assert re.search(r'id="type-comparison"[^>]*checked', page)


def test_writer_box_names_no_setting(client: TestClient) -> None:
    page = client.get("/generate").text
    assert "No writing model is connected" in page and "ask your admin" in page
    assert "CALLMINE_" not in page
    assert 'id="competitor-error" role="alert" hidden' in page


NOTES_CSV = (
    "Note Body,Created Date,Company,Deal Stage,Outcome,Deal ID,Competitors,Owner\n"
    '"Call with Wen Halloran of Tidewater Bakes. Wen said ""it\'s too expensive for us"".",'
    "2026-10-12 10:05,Tidewater Bakes,Closed Lost,lost,TB-7,,Joss Ferreira\n"
)


def test_csv_mapping_shows_the_fields_the_file_fills_and_folds_the_rest(
    client: TestClient,
) -> None:
    """A plain CRM notes export shows its own columns' fields; support-desk fields (requester,
    replies) wait behind a "More fields" disclosure, still there to pick."""
    page = client.post(
        "/upload/csv-preview", files={"file": ("notes.csv", NOTES_CSV.encode(), "text/csv")}
    ).text
    shown, _, folded = page.partition("<details")
    assert "More fields" in folded.split("</summary>")[0]
    shown_fields = re.findall(r'<label for="map-(\w+)"', shown)
    folded_fields = re.findall(r'<label for="map-(\w+)"', folded)
    assert {"text", "date", "account", "outcome", "our_speakers"} <= set(shown_fields)
    assert {"requester", "replies", "reply_by", "parent_module"} <= set(folded_fields)
    assert not set(shown_fields) & set(folded_fields)
    assert "<details open" not in page


HTML_NOTES_CSV = (
    "Record ID,Note body,Associated Company,Create Date\n"
    '881,"<p>Spoke to owner <strong>Ines Okafor</strong> &amp; her chef.</p><p>Worried the '
    'kitchen team won&#39;t use tablets.</p>",Okafor Grill,2026-03-04\n'
)


def test_csv_mapping_shows_note_bodies_as_the_importer_reads_them(client: TestClient) -> None:
    """An HTML note body (HubSpot's) reads as its text in the preview, never as markup; the
    notes picker says what its first row holds, and the wide sample table is folded."""
    page = client.post(
        "/upload/csv-preview",
        files={"file": ("hubspot.csv", HTML_NOTES_CSV.encode(), "text/csv")},
    ).text
    assert "&lt;p&gt;" not in page and "&lt;strong&gt;" not in page and "&amp;amp;" not in page
    notes = re.search(r'<label for="map-text".*?</div>', page, re.S)
    assert (
        notes and "First row: “Spoke to owner Ines Okafor &amp; her chef. Worried" in notes.group(0)
    )
    assert re.search(r'<details class="sample-rows"[^>]*>\s*<summary>First 1 row', page)
    assert '<td class="small">Spoke to owner Ines Okafor &amp; her chef. Worried' in page
