"""PDF transcripts and Excel CRM reports: what marketers export from Otter, Fireflies, Salesforce
and HubSpot as often as text and CSV. The PDFs are rendered here by WeasyPrint, with a running
header, a tool's footer and page numbers on every page, and read back by pypdf; the workbooks
are written by openpyxl the way a "formatted" CRM report lays them out."""

from __future__ import annotations

import base64
import datetime as dt
import io
from typing import Any

import pytest
import weasyprint
from fastapi.testclient import TestClient
from openpyxl import Workbook
from pypdf import PdfReader, PdfWriter

from pipeline.errors import BadInput
from pipeline.ingest import parse_file, sniff_format
from pipeline.ingest.pdf_file import without_page_furniture
from tests.pipeline.ingest.conftest import turns

TURNS = [
    ("Maria Chen", "0:00", "Thanks for making time today, Dana. How is the rota going?"),
    (
        "Dana Ruiz",
        "0:07",
        "Honestly, it's a mess. Every payday I'm chasing people for timesheets and it takes "
        "me the whole morning, which is ridiculous for a clinic of our size.",
    ),
    ("Maria Chen", "0:21", "Shiftwise pulls the timesheets straight from the clock-in app."),
    (
        "Dana Ruiz",
        "0:30",
        "The price is the problem though. Four dollars a head adds up with thirty "
        "part-timers, we can't justify it.",
    ),
    ("Maria Chen", "0:44", "Understood. Is that per month for everyone, or only active staff?"),
    ("Dana Ruiz", "0:51", "Everyone on the books, which includes the bank staff we rarely use."),
    (
        "Maria Chen",
        "1:02",
        "We only bill people who worked a shift that month, so bank staff cost nothing "
        "until they pick up hours.",
    ),
    ("Dana Ruiz", "1:15", "Oh. That changes the sums a bit, I'll need to look again."),
    ("Maria Chen", "1:22", "How do the dentists see their week at the moment?"),
    (
        "Dana Ruiz",
        "1:28",
        "A printed sheet on the staff room wall, and a WhatsApp group when something "
        "changes, which it does daily.",
    ),
    ("Maria Chen", "1:40", "And who builds the rota, you or the practice owner?"),
    (
        "Dana Ruiz",
        "1:46",
        "Me, on Sunday nights mostly. The owner only looks at it when the wage bill "
        "comes in over budget.",
    ),
    ("Maria Chen", "1:59", "Would a two-week trial with your real rota help?"),
    (
        "Dana Ruiz",
        "2:05",
        "Maybe, but we're locked into RotaPro until March and I don't want to pay for "
        "two systems at once.",
    ),
    ("Maria Chen", "2:18", "Totally fair. Two weeks in February, then."),  # kerned "To", "Tw"
    ("Dana Ruiz", "2:24", "Send me something in writing and I'll take it to the owner."),
]


def otter_pdf(turns: list[tuple[str, str, str]] = TURNS) -> bytes:
    """Otter's PDF layout: title, date line, then "Name  0:07" over each turn's text; every
    page carries the title, "Transcribed by https://otter.ai" and "Page N of M"."""
    body = "".join(f"<p>{name}&nbsp;&nbsp;{time}</p><p>{text}</p>" for name, time, text in turns)
    margin = (
        '@top-center { content: "Brightside Dental discovery" } '
        '@bottom-left { content: "Transcribed by https://otter.ai" } '
        '@bottom-right { content: "Page " counter(page) " of " counter(pages) }'
    )
    html = (
        f"<html><head><title>Brightside Dental discovery</title><style>@page {{ size: A6; "
        f"margin: 1.5cm; {margin} }}</style></head><body><h1>Brightside Dental discovery</h1>"
        f"<p>Tue, Sep 14, 2026 10:02AM • 24:13</p>{body}</body></html>"
    )
    return bytes(weasyprint.HTML(string=html).write_pdf())


def test_a_multi_page_pdf_transcript_reads_as_its_turns_without_page_furniture() -> None:
    data = otter_pdf()
    assert len(PdfReader(io.BytesIO(data)).pages) >= 3  # turns run across page breaks
    assert sniff_format(data, "Brightside Dental discovery.pdf") == "pdf"
    [call] = parse_file(data, "Brightside Dental discovery.pdf", our_speakers=["Maria Chen"])
    assert call.format == "pdf"
    assert call.title == "Brightside Dental discovery"
    assert call.call_date == dt.date(2026, 9, 14)
    seconds = [int(time.split(":")[0]) * 60 + int(time.split(":")[1]) for _n, time, _t in TURNS]
    assert turns(call) == [
        (name, "rep" if name == "Maria Chen" else "buyer", float(second), text)
        for (name, _time, text), second in zip(TURNS, seconds, strict=True)
    ]


def test_page_furniture_is_only_what_recurs_at_page_edges() -> None:
    pages = [
        ["Acme <> Shiftwise", "Dana Ruiz 0:01", "How many sites?", "12", "Page 1 of 2"],
        ["Acme <> Shiftwise", "Dana Ruiz 0:09", "Is there a monthly plan?", "Page 2 of 2"],
    ]
    assert without_page_furniture(pages) == [
        ["Acme <> Shiftwise", "Dana Ruiz 0:01", "How many sites?", "12"],  # the title stays
        ["Dana Ruiz 0:09", "Is there a monthly plan?"],
    ]
    # One page: nothing recurs, only its page number goes; a short answer mid-page stays.
    one = [["Notes", "Dana: How many trucks?", "40", "Tom: fine", "More text", "x", "Page 1"]]
    assert without_page_furniture(one) == [one[0][:-1]]


def test_a_pdf_of_notes_gives_one_rep_note_per_bullet() -> None:
    html = (
        "<h1>Call notes - Harbor Electric</h1><p>Date: 2026-03-02</p><ul>"
        "<li>Owner says $4 a head adds up with 30 part-timers.</li>"
        "<li>Went with RotaPro last year, contract ends in June.</li>"
        "<li>Follow up after the spring rush.</li></ul>"
    )
    data = bytes(weasyprint.HTML(string=html).write_pdf())
    [call] = parse_file(data, "notes.pdf")
    assert call.call_date == dt.date(2026, 3, 2)
    assert [(u.role, u.text) for u in call.utterances] == [
        ("rep_note", "Owner says $4 a head adds up with 30 part-timers."),
        ("rep_note", "Went with RotaPro last year, contract ends in June."),
        ("rep_note", "Follow up after the spring rush."),
    ]


def _scanned_pdf() -> bytes:
    """A page holding only an image, as a scanner writes it: no text layer."""
    png = base64.b64encode(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082"
        )
    ).decode()
    return bytes(
        weasyprint.HTML(
            string=f'<img src="data:image/png;base64,{png}" style="width:10cm">'
        ).write_pdf()
    )


def _locked_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(otter_pdf(TURNS[:2])))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (_scanned_pdf(), "scanned"),
        (_locked_pdf(), "password"),
        (otter_pdf(TURNS[:2])[:1500], "not a readable pdf"),
    ],
    ids=["scanned", "password", "truncated"],
)
def test_a_pdf_without_readable_text_is_refused_with_what_to_do(data: bytes, says: str) -> None:
    with pytest.raises(BadInput) as raised:
        parse_file(data, "call.pdf")
    assert says in raised.value.detail.casefold()
    assert raised.value.filename == "call.pdf"


def workbook(*sheets: tuple[str, list[list[Any]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = [None, "Opportunity Name", "Account Name", "Stage", "Close Date", "Description", "Amount"]
REPORT = [
    ["Closed Opportunities with Notes"],
    ["As of 3/31/2026 10:14 AM"],
    ["Filtered By: Stage equals Closed Won, Closed Lost"],
    [],
    HEADER,
    [
        None,
        "Harbor Electric - 25 users",
        "Harbor Electric",
        "Closed Lost",
        dt.datetime(2026, 3, 2),
        "Owner said $4 a head is too much for 30 part-timers; went with RotaPro.",
        1200.0,
    ],
    [
        None,
        "Quayside Fitness",
        "Quayside Fitness",
        "Closed Won",
        dt.datetime(2026, 3, 9),
        "Worried about setup time before the spring rush.",
        900.0,
    ],  # fmt: skip
    [],
    [None, "Grand Totals (2 records)"],
    [None, "Confidential Information - Do Not Distribute"],
]


def _summary(calls: list[Any]) -> list[tuple[Any, ...]]:
    return [
        (c.format, c.account, c.call_date, c.outcome, [(u.role, u.text) for u in c.utterances])
        for c in calls
    ]


def test_a_formatted_salesforce_workbook_reads_like_its_csv() -> None:
    """The title block, the blank margin column and the totals footer are not calls; a second
    sheet with the same columns adds its rows; a sheet of other columns is not read."""
    later = [HEADER, [None, "Kite Yoga", "Kite Yoga", "Closed Lost", dt.datetime(2026, 3, 20),
                      "Already on Deputy.", 300]]  # fmt: skip
    chart = [["Stage", "Count"], ["Closed Won", 1]]
    data = workbook(("Report", REPORT), ("March", later), ("Chart data", chart))
    assert sniff_format(data, "report.xlsx") == "xlsx"
    calls = parse_file(data, "report.xlsx")
    assert _summary(calls) == [
        ("xlsx", "Harbor Electric", dt.date(2026, 3, 2), "lost",
         [("rep_note", "Owner said $4 a head is too much for 30 part-timers; went with RotaPro.")]),
        ("xlsx", "Quayside Fitness", dt.date(2026, 3, 9), "won",
         [("rep_note", "Worried about setup time before the spring rush.")]),
        ("xlsx", "Kite Yoga", dt.date(2026, 3, 20), "lost",
         [("rep_note", "Already on Deputy.")]),
    ]  # fmt: skip
    assert calls[0].extra["columns"] == {"Amount": "1200"}


def test_an_unusual_workbook_needs_its_notes_column_named() -> None:
    data = workbook(
        ("Sheet1", [["Practice", "When", "Remarks"], ["Kite Yoga", "2026-03-20", "Too dear."]])
    )
    with pytest.raises(BadInput, match="no table with a notes or transcript column"):
        parse_file(data, "export.xlsx")
    [call] = parse_file(
        data,
        "export.xlsx",
        column_map={"text": "Remarks", "account": "Practice", "date": "When"},
    )
    assert (call.account, call.call_date, call.utterances[0].text) == (
        "Kite Yoga",
        dt.date(2026, 3, 20),
        "Too dear.",
    )


def test_a_workbook_bomb_and_a_fake_workbook_are_refused() -> None:
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<c>" + b"a" * (20 * 1024 * 1024) + b"</c>")
    with pytest.raises(BadInput, match="zip bomb"):
        parse_file(out.getvalue(), "bomb.xlsx")
    with pytest.raises(BadInput, match="Excel"):
        parse_file(b"\x89PNG\r\n\x1a\n" + bytes(200), "report.xlsx")


@pytest.mark.slow
def test_pdf_and_workbook_uploads_are_analysed_end_to_end(client: TestClient) -> None:
    """Through the API, on the real embedder: the PDF's buyer objection and the workbook's
    rows are stored, analysed and listed like any other call."""
    response = client.post(
        "/api/calls",
        files=[
            ("files", ("Brightside Dental discovery.pdf", otter_pdf(TURNS[:4]))),
            ("files", ("report.xlsx", workbook(("Report", REPORT)))),
        ],
        data={"our_speakers": "Maria Chen"},
    )
    assert response.status_code == 201, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["created", "created", "created"]
    pdf_call = results[0]["call_id"]
    said = client.get("/api/utterances", params={"call_id": pdf_call}).json()
    price = [u for u in said if u["text"].startswith("The price is the problem")]
    assert price and price[0]["role"] == "buyer" and "objection" in price[0]["kinds"]
    accounts = {c["account"] for c in client.get("/api/calls").json()["items"]}
    assert accounts == {"Brightside Dental", "Harbor Electric", "Quayside Fitness"}
