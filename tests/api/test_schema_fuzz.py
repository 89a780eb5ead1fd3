"""schemathesis over the whole OpenAPI document, against the app served by uvicorn on 127.0.0.1
with a bearer token set.

Every operation gets its schema examples, the coverage phase (boundary and wrong-type values
of every parameter) and a few fuzzed cases; every response must be a non-5xx that matches the
documented status codes, content types and schemas. The data: example call 01 (call 1, whose
speakers the PATCH example names), the theme corpus analysed into clusters, and one document.
"""

from __future__ import annotations

import functools
import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.core.result import Ok

from api.app import create_app
from pipeline.analysis.flow import analyse_calls
from pipeline.content.generate import generate_document
from pipeline.embed import Embedder
from pipeline.ingest.service import ingest_bytes
from pipeline.workspace import Workspace
from tests.conftest import EXAMPLES_DIR, make_settings
from tests.insights_corpus import THEMES, add_call
from tests.plugins.live_server import LiveServer, serve
from tests.plugins.node_ids import repeated_ids

TOKEN = "fuzz-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CONFIG = {
    "phases": {
        "examples": {"enabled": True},
        "coverage": {"enabled": True},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": False},
    },
    "generation": {"max-examples": 6, "database": "none"},
    # A request can fit the schema and still break a rule no schema states (a comment is
    # required with needs_fix, a speaker must be in the call, a cluster of one cannot split):
    # those are 422 problems, so valid-looking data may get one.
    "checks": {
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]
        }
    },
}


def seed(workspace: Workspace) -> None:
    first = EXAMPLES_DIR / "01_brightbean_coffee_discovery.txt"
    results = ingest_bytes(workspace, first.read_bytes(), first.name, analyse=False)
    assert results[0].call_id == 1, results
    ids = [
        add_call(workspace, [lines[i] for lines in THEMES.values()], key=f"fuzz-theme-{i}")
        for i in range(4)
    ]
    analyse_calls(workspace, [1, *ids])
    with workspace.session() as db:
        generate_document(
            db, workspace.settings, doc_type="one-pager", cluster_ids=[], use_llm=False
        )


def openapi_document() -> dict[str, Any]:
    """The app's OpenAPI document (it does not depend on the data), a fresh copy each call."""
    document: dict[str, Any] = json.loads(_openapi_json())
    return document


@functools.cache
def _openapi_json() -> str:
    """Built once per process: three test modules read it, two of them while collecting."""
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(make_settings(Path(folder)))
        try:
            return json.dumps(create_app(workspace=workspace).openapi())
        finally:
            workspace.close()


schema = schemathesis.openapi.from_dict(
    openapi_document(), config=SchemathesisConfig.from_dict(CONFIG)
)


@pytest.fixture(scope="module")
def fuzz_server(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> Iterator[LiveServer]:
    settings = make_settings(tmp_path_factory.mktemp("fuzz") / "data", api_token=TOKEN)
    with serve(settings, embedder) as server:
        seed(server.workspace)
        yield server


@pytest.fixture(scope="module")
def fuzz_cases() -> Iterator[dict[str, int]]:
    """Cases sent per operation; the total is printed at the end (``-s`` shows it)."""
    counts: dict[str, int] = {}
    yield counts
    print(f"\nschemathesis: {len(counts)} operations, {sum(counts.values())} cases")


def operation_test(label: str) -> object:
    """One test per operation, named after it: schemathesis' items of one test share a node id
    under pytest 9.2, and pytest-xdist then runs only the first operation of them."""

    @schema.include(name=label).parametrize()
    @settings(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    def answers_as_documented(
        case: Any, fuzz_server: LiveServer, fuzz_cases: dict[str, int]
    ) -> None:
        fuzz_cases[label] = fuzz_cases.get(label, 0) + 1
        case.call_and_validate(base_url=fuzz_server.url, headers=AUTH)

    return answers_as_documented


def operation_test_name(label: str) -> str:
    """``GET /api/calls/{call_id}`` -> ``test_get_api_calls_call_id``."""
    return "test_" + "_".join(re.findall(r"[a-z0-9]+", label.lower()))


# An operation whose definition is broken keeps its test: schemathesis makes it fail.
OPERATION_LABELS = sorted(
    str(result.ok().label if isinstance(result, Ok) else result.err().label)
    for result in schema.get_all_operations()
)
for _label in OPERATION_LABELS:
    globals()[operation_test_name(_label)] = operation_test(_label)


def test_each_operation_is_a_test_of_its_own() -> None:
    tests = [globals().get(operation_test_name(label)) for label in OPERATION_LABELS]
    assert all(callable(test) for test in tests) and len(set(map(id, tests))) == len(tests) > 30


def test_ids_said_twice_are_found() -> None:
    ids = ["a.py::t[x]", "a.py::t", "a.py::t", "b.py::t", "a.py::t[x]"]
    assert repeated_ids(ids) == ["a.py::t", "a.py::t[x]"]
    assert repeated_ids(["a.py::t[x]", "a.py::t[y]"]) == []
