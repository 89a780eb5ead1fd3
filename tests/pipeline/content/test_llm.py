"""LLM client edge cases at the HTTP transport (httpx.MockTransport): modes, repair, errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from pipeline.config import Settings
from pipeline.content.types import QA, ObjectionFAQ
from pipeline.errors import LLMError, MalformedReply
from pipeline.llm import LLMClient, ModeMemory, llm_schema, repair_json
from tests.conftest import make_settings

GOOD = {
    "title": "FAQ",
    "intro": "What buyers asked.",
    "items": [{"question": "Too pricey?", "answer": "It pays back.", "citations": [1]}],
}
Handler = Callable[[httpx.Request], httpx.Response]


def completion(content: str) -> dict[str, Any]:
    return {
        "id": "x", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
    }  # fmt: skip


class Recorder:
    """Answers with a scripted sequence of responses and records every request body."""

    def __init__(self, *responses: httpx.Response | Exception) -> None:
        self.responses = list(responses)
        self.bodies: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(json.loads(request.content))
        item = self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
        if isinstance(item, Exception):
            raise item
        return item


def ok(content: str) -> httpx.Response:
    return httpx.Response(200, json=completion(content))


def client(settings: Settings, handler: Handler, **overrides: Any) -> LLMClient:
    values = {
        "llm_base_url": "http://llm.test/v1",
        "llm_model": "m",
        "llm_max_retries": 1,
        **overrides,
    }
    configured = settings.model_copy(update=values)
    return LLMClient(configured, http_client=httpx.Client(transport=httpx.MockTransport(handler)))


MESSAGES = [{"role": "user", "content": "hi"}]


def test_auto_mode_falls_back_to_json_object_and_remembers(settings: Settings) -> None:
    recorder = Recorder(
        httpx.Response(500, json={"error": "json_schema unsupported"}), ok(json.dumps(GOOD))
    )
    llm = client(settings, recorder)
    data, reply = llm.complete(MESSAGES, ObjectionFAQ, quote_ids=[1, 2])
    assert isinstance(data, ObjectionFAQ) and data.items[0].citations == [1]
    assert reply.mode == "json_object"
    assert [b["response_format"]["type"] for b in recorder.bodies] == ["json_schema", "json_object"]
    assert recorder.bodies[1]["response_format"]["schema"]["required"] == [
        "title",
        "intro",
        "items",
    ]
    # the next client for the same server and model goes straight to json_object
    again = Recorder(ok(json.dumps(GOOD)))
    client(settings, again).complete(MESSAGES, ObjectionFAQ)
    assert [b["response_format"]["type"] for b in again.bodies] == ["json_object"]
    assert (
        json.loads((settings.data_dir / "llm_modes.json").read_text())["http://llm.test/v1|m"]
        == "json_object"
    )


def test_auto_mode_keeps_json_schema_when_accepted(settings: Settings) -> None:
    recorder = Recorder(ok(json.dumps(GOOD)))
    _, reply = client(settings, recorder).complete(MESSAGES, ObjectionFAQ)
    assert reply.mode == "json_schema"
    assert recorder.bodies[0]["response_format"]["json_schema"]["name"] == "ObjectionFAQ"


def test_prompt_mode_sends_the_schema_in_the_prompt(settings: Settings) -> None:
    recorder = Recorder(ok("Sure! ```json\n" + json.dumps(GOOD) + "\n``` hope that helps"))
    data, reply = client(settings, recorder, llm_structured_output="prompt").complete(
        MESSAGES, ObjectionFAQ
    )
    assert data.title == "FAQ" and reply.mode == "prompt"
    assert "response_format" not in recorder.bodies[0]
    assert '"citations"' in recorder.bodies[0]["messages"][-1]["content"]


def test_malformed_json_is_retried_then_raises_with_raw(settings: Settings) -> None:
    recorder = Recorder(ok('{"title": "FAQ", "intro": '), ok("not json at all"))
    llm = client(settings, recorder, llm_structured_output="json_object")
    with pytest.raises(MalformedReply) as info:
        llm.complete(MESSAGES, ObjectionFAQ)
    assert len(recorder.bodies) == 2
    assert info.value.raw == "not json at all"


def test_malformed_then_good_reply_succeeds_on_second_attempt(settings: Settings) -> None:
    recorder = Recorder(ok("{oops"), ok(json.dumps(GOOD) + "\n\nextra words"))
    _, reply = client(settings, recorder, llm_structured_output="json_object").complete(
        MESSAGES, ObjectionFAQ
    )
    assert reply.attempts == 2


def test_repair_json_handles_fences_trailing_text_and_commas() -> None:
    raw = 'Here you go:\n```json\n{"a": [1, 2,], "b": "x}y",}\n```\nThanks'
    assert json.loads(repair_json(raw)) == {"a": [1, 2], "b": "x}y"}
    assert json.loads(repair_json('{"a": {"b": 1}} trailing {')) == {"a": {"b": 1}}


def test_server_down_is_a_clear_llm_error_after_bounded_retries(settings: Settings) -> None:
    recorder = Recorder(httpx.ConnectError("connection refused"))
    llm = client(settings, recorder, llm_structured_output="json_object", llm_max_retries=2)
    with pytest.raises(LLMError, match="unreachable"):
        llm.complete(MESSAGES, ObjectionFAQ)
    assert len(recorder.bodies) == 3  # first try + 2 retries


def test_timeout_and_http_errors_become_llm_errors(settings: Settings) -> None:
    timeout = Recorder(httpx.ReadTimeout("slow"))
    with pytest.raises(LLMError, match="timed out"):
        client(settings, timeout, llm_structured_output="json_object", llm_max_retries=0).complete(
            MESSAGES, QA
        )
    unauthorized = Recorder(httpx.Response(401, json={"error": {"message": "bad key"}}))
    with pytest.raises(LLMError, match="HTTP 401"):
        client(settings, unauthorized, llm_structured_output="json_object").complete(MESSAGES, QA)


def test_schema_is_strict_bounded_and_limits_citations_to_known_quotes() -> None:
    schema = llm_schema(
        ObjectionFAQ, quote_ids=[1, 2, 3], profile_ids=[1, 2], max_string=240, max_items=4
    )
    assert "$defs" not in json.dumps(schema) and "$ref" not in json.dumps(schema)
    item = schema["properties"]["items"]["items"]
    # ``topic`` (a guide's heading where the question is a buyer's statement) may be null.
    assert item["required"] == ["question", "answer", "citations", "profile", "topic"]
    assert item["additionalProperties"] is False
    assert item["properties"]["citations"]["items"] == {"type": "integer", "enum": [1, 2, 3]}
    assert item["properties"]["profile"]["items"] == {"type": "integer", "enum": [1, 2]}
    no_profile = llm_schema(ObjectionFAQ, quote_ids=[1])["properties"]["items"]["items"]
    assert no_profile["properties"]["profile"]["maxItems"] == 0
    assert item["properties"]["answer"]["maxLength"] == 240  # capped for small models
    assert schema["properties"]["items"]["maxItems"] == 4


def test_mode_memory_ignores_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "modes.json"
    path.write_text("{not json")
    memory = ModeMemory(path)
    assert memory.get("k") is None
    memory.set("k", "json_object")
    assert memory.get("k") == "json_object"


def test_no_model_configured_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LLMError, match="CALLMINE_LLM_MODEL"):
        LLMClient(make_settings(tmp_path))


def test_fact_citations_are_limited_to_known_facts() -> None:
    from pipeline.content.types import Comparison

    with_facts = llm_schema(Comparison, quote_ids=[1, 2], fact_ids=[1])
    row = with_facts["properties"]["rows"]["items"]["properties"]
    assert row["facts"]["items"] == {"type": "integer", "enum": [1]}
    without = llm_schema(Comparison, quote_ids=[1, 2])
    assert without["properties"]["rows"]["items"]["properties"]["facts"]["maxItems"] == 0
