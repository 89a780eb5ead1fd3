"""Published exports on real components (ingest, detection, the real embedder, clustering,
offline drafts): what reviewers found in the FleetPilot workspace, reproduced small.

1. Sources named prospects and lost deals ("— buyer, Ridgeline Freight, call 18, 2026-06-23,
   lost"): a published export says role, industry and month, and names no account.
2. Our onboarding colleague Elena Ortiz, on the roster and named by the rep ("Elena will set
   up the ServiceTitan connection"), was "[name]": a note's "Kickoff with Elena" made her a
   buyer.
3. A theme named "Gareth Lewis" headed an SEO brief as "Gareth [name]".
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from pipeline.analysis.flow import run_clustering
from pipeline.cluster.edits import rename_cluster
from pipeline.content.generate import generate_document, get_document
from pipeline.content.theme_names import reader_heading
from pipeline.content.types import CONTENT_TYPES
from pipeline.detect.seeds import load_seeds
from pipeline.embed import Embedder
from pipeline.ingest.paths import ingest_paths
from pipeline.ingest.team import add_member
from pipeline.publish.export import export_document
from pipeline.publish.review import mark_accuracy, set_state
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import write_the_gaps

CALLS = {
    "ridgeline.txt": """\
Jordan Hayes: Thanks for making the time, Dale. How are things at the yard?
Dale Kowalski: Busy. Look, the price is too high for us, thirty-five a truck is more than we pay.
Jordan Hayes: I hear you. What would it need to be?
Dale Kowalski: We can't sign a 24 month contract, that's a dealbreaker for us.
Jordan Hayes: We do have a twelve month option.
Dale Kowalski: And installing devices on sixty trucks would mean weeks of downtime we can't afford.
""",
    "summit.txt": """\
Jordan Hayes: Good to see you again, Rick. Where did we land?
Rick Alvarez: The price is still a bit high for eighteen vans, honestly.
Jordan Hayes: Fair. The fuel savings usually cover the difference within a quarter.
Rick Alvarez: I can't go back to two screens plus the spreadsheet, it has to talk to ServiceTitan.
Jordan Hayes: Totally. Elena will set up the ServiceTitan connection the first week.
Rick Alvarez: And setting it up can't take weeks, Angela will never accept downtime in the season.
Jordan Hayes: Devices plug in, ten minutes a van.
Rick Alvarez: Okay, send the DocuSign, we're good.
""",
    "lonestar.txt": """\
Marcus Webb: Hi Gareth, this is Marcus with FleetPilot. Thanks for the time.
Gareth Lewis: Switching everything over would take weeks and my drivers would hate it.
Marcus Webb: We handle the move for you.
Gareth Lewis: Your price is too high compared with what Samsara matched.
Marcus Webb: Understood.
Gareth Lewis: We're locked into a contract until next spring anyway.
""",
    "crm_notes.csv": """\
Notes,Account,Date,Industry,Outcome
"Kickoff with Elena 9/2. Owner: the price is too high.",Summit HVAC,2026-11-14,Field service,won
""",
    "manifest.csv": """\
file,date,account,outcome,our_speakers,competitors,industry
ridgeline.txt,2026-06-23,Ridgeline Freight,lost,Jordan Hayes,Motive,Trucking
summit.txt,2026-11-12,Summit HVAC,won,Jordan Hayes,,Field service
lonestar.txt,2026-09-03,Lone Star Haulers,lost,Marcus Webb,Samsara,Trucking
""",
}
ACCOUNTS = ("Ridgeline Freight", "Summit HVAC", "Lone Star Haulers")
INTERNAL_SOURCE = re.compile(r"call \d+, \d{4}-\d{2}-\d{2}, (?:won|lost|open)")


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Workspace]:
    """Three calls and a CRM note, our four people on the roster, clustered; one theme renamed
    "Gareth Lewis" after the buyer who said it (what the mis-read chat had done)."""
    root = tmp_path_factory.mktemp("fleet")
    folder = root / "calls"
    folder.mkdir()
    for name, text in CALLS.items():
        (folder / name).write_text(text, "utf-8")
    workspace = Workspace(make_settings(root / "data"), embedder=embedder)
    with workspace.session() as session:
        for person in ("Jordan Hayes", "Priya Raman", "Marcus Webb", "Elena Ortiz"):
            add_member(session, person, company="FleetPilot")
    ingest_paths(workspace, [folder], manifest=folder / "manifest.csv")
    run_clustering(workspace, rebuild=True)
    with workspace.session() as session:
        themes = session.query(Cluster).filter(Cluster.kind == "objection").all()
        price = next(c for c in themes if "price" in c.name.lower())
        rename_cluster(session, price.id, "Gareth Lewis")
    yield workspace
    workspace.close()


def _generate(workspace: Workspace, doc_type: str, *, every_theme: bool = False) -> int:
    """A document on the themes heard most, or on ``every_theme`` (the renamed one too)."""
    with workspace.session() as session:
        competitor = "Samsara" if doc_type == "comparison" else None
        themes = [c.id for c in session.query(Cluster).filter(Cluster.kind == "objection")]
        document = generate_document(
            session,
            workspace.settings,
            doc_type=doc_type,
            competitor=competitor,
            cluster_ids=sorted(themes) if every_theme else None,
        )
        return document.id


def _approve(workspace: Workspace, document_id: int) -> None:
    with workspace.session() as session:
        write_the_gaps(session, document_id)
        set_state(session, document_id, "in_review", reviewer="mia")
        mark_accuracy(session, document_id, "accurate", reviewer="sam")
        set_state(session, document_id, "approved", reviewer="mia")


def _exports(workspace: Workspace, document_id: int, *, internal: bool = False) -> dict[str, str]:
    texts: dict[str, str] = {}
    with workspace.session() as session:
        for fmt in ("md", "html", "jsonld", "brief", "pdf"):
            result = export_document(
                session, workspace.settings, document_id, fmt, internal=internal
            )
            if fmt == "pdf":
                reader = PdfReader(io.BytesIO(result.content))
                texts[fmt] = " ".join(page.extract_text() for page in reader.pages)
            else:
                texts[fmt] = result.content.decode("utf-8")
            texts[f"{fmt} filename"] = result.filename
    return texts


@pytest.mark.parametrize("doc_type", ["one-pager", "objection-faq"])
def test_a_published_export_names_no_account_and_no_deal(fleet: Workspace, doc_type: str) -> None:
    document_id = _generate(fleet, doc_type)
    _approve(fleet, document_id)
    published = _exports(fleet, document_id)
    for fmt, text in published.items():
        flat = " ".join(text.split())
        for account in ACCOUNTS:
            assert account.lower() not in flat.lower(), (fmt, account)
        assert not INTERNAL_SOURCE.search(flat), fmt
    assert re.search(r"— buyer, Trucking, (June|September) 2026$", published["md"], re.M)
    assert "— buyer, Field service, November 2026" in published["md"]
    assert "— buyer, Trucking," in published["html"]
    assert "— buyer, Field service, November 2026" in " ".join(published["pdf"].split())

    internal = _exports(fleet, document_id, internal=True)
    assert any(a in internal["md"] for a in ACCOUNTS) and INTERNAL_SOURCE.search(internal["md"])
    with fleet.session() as session:  # what the review page shows the sales lead
        assert INTERNAL_SOURCE.search(get_document(session, document_id).body_markdown)


def test_a_colleague_the_rep_names_stays_named(fleet: Workspace) -> None:
    """Elena is on the roster and no buyer; a note's "Kickoff with Elena" is about her."""
    document_id = _generate(fleet, "objection-faq")
    # The rep's reply is the team's (a published page carries no rep's words): redacted alike.
    md = _exports(fleet, document_id, internal=True)["md"]
    assert "Elena will set up the ServiceTitan connection" in md
    assert "[name] will set up" not in md
    assert "will set up the ServiceTitan" not in _exports(fleet, document_id)["md"]


# Text a page's reader takes for the page's own words: headings, the SEO brief's title,
# keywords and meta description, its questions and link anchors.
_HEADED = re.compile(
    r"^(?:#{1,6} .*|- H3: .*|\| \*\*(?:Title|Meta description|Target keyword|Secondary keywords)"
    r"\*\* \|.*|- What do you say to .*|- “.*” → .*|- \*\*Q:\*\* .*)$",
    re.M,
)


@pytest.mark.parametrize("doc_type", sorted(CONTENT_TYPES))
def test_no_heading_anchor_or_meta_names_a_person(fleet: Workspace, doc_type: str) -> None:
    document_id = _generate(fleet, doc_type, every_theme=True)
    with fleet.session() as session:
        document = get_document(session, document_id)
        body = document.body_markdown
        names = [c["name"] for c in document.structured["evidence"]["clusters"]]
    assert not any("Gareth" in n or "Lewis" in n or "[name]" in n for n in names), names
    headed = _HEADED.findall(body)
    assert headed, body
    for line in headed:
        assert "[name]" not in line and "Gareth" not in line and "Lewis" not in line, line
    jsonld = json.loads(_exports(fleet, document_id)["jsonld"])
    assert not any("Gareth" in str(value) for value in jsonld.values())


def test_the_theme_goes_by_its_categorys_wording(fleet: Workspace) -> None:
    document_id = _generate(fleet, "seo-brief", every_theme=True)
    with fleet.session() as session:
        renamed = session.query(Cluster).filter(Cluster.name == "Gareth Lewis").one()
        document = get_document(session, document_id)
        body = document.body_markdown
        theme = next(
            c for c in document.structured["evidence"]["clusters"] if c["id"] == renamed.id
        )
    assert theme["name"] == load_seeds().labels[theme["category"]]  # "Happy with a competitor"
    heading = reader_heading(theme["name"])  # a reader's: "Comparing the alternatives"
    assert f"### H2: {heading}" in body
    assert f"- “{heading}” → " in body
