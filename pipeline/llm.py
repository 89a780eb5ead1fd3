"""The one way callmine talks to an LLM: the ``openai`` client against any compatible server.

Structured output differs between servers (OpenAI: ``json_schema``; llama-cpp-python: its
``json_object`` + ``schema`` extension; others: prompt only), so the mode is a setting, and
``auto`` probes ``json_schema`` once, falls back when the server refuses it, and remembers
the answer in the data dir for that server and model.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from pipeline.config import Settings
from pipeline.errors import LLMError, MalformedReply
from pipeline.templating import render_prompt_text

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)
MODES = ("json_schema", "json_object", "prompt")
JSON_ATTEMPTS = 2


@dataclass(frozen=True)
class LLMReply:
    """A validated structured reply with what the audit trail needs."""

    data: BaseModel
    raw: str
    mode: str
    attempts: int


def llm_schema(
    model: type[BaseModel],
    *,
    quote_ids: Sequence[int] = (),
    fact_ids: Sequence[int] = (),
    profile_ids: Sequence[int] = (),
    choices: dict[str, Sequence[str]] | None = None,
    max_string: int = 240,
    max_items: int = 4,
) -> dict[str, Any]:
    """The model's JSON schema made strict, small and self-contained for grammar-based servers.

    Refs are inlined, every property is required (a grammar otherwise lets the model skip
    ``citations``), strings and lists are capped (small models ramble to the limit), and
    citation ids are limited to the quotes that exist, and a string field named in ``choices``
    to the values listed there (an enum the grammar enforces).
    """
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})
    allowed = choices or {}

    def walk(node: Any, key: str | None = None) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return walk(copy.deepcopy(defs[node["$ref"].split("/")[-1]]), key)
        out: dict[str, Any] = {}
        for name, value in node.items():
            if name == "properties":  # a mapping of field names, not a schema
                out[name] = {field: walk(sub, field) for field, sub in value.items()}
            elif name not in ("title", "default", "description"):
                out[name] = walk(value, key)
        if out.get("type") == "object" and "properties" in out:
            out["required"] = list(out["properties"])
            out["additionalProperties"] = False
        if out.get("type") == "string" and key in allowed:
            out["enum"] = list(allowed[key])
        elif out.get("type") == "string":
            out["maxLength"] = min(int(out.get("maxLength", max_string)), max_string)
        if out.get("type") == "array":
            out["maxItems"] = min(int(out.get("maxItems", max_items)), max_items)
        if key == "citations" and out.get("type") == "array" and quote_ids:
            out["items"] = {"type": "integer", "enum": list(quote_ids)}
            out["minItems"] = 1
        for name, ids in (("facts", fact_ids), ("profile", profile_ids)):
            if key == name and out.get("type") == "array":
                if ids:
                    out["items"] = {"type": "integer", "enum": list(ids)}
                else:
                    out["maxItems"] = 0
        return out

    result: dict[str, Any] = walk(schema)
    return result


def repair_json(text: str) -> str:
    """Best-effort cleanup of what weak models wrap around JSON: fences, prose, trailing commas."""
    text = text.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1).strip()
    start = text.find("{")
    if start == -1:
        return text
    depth = 0
    in_string = False
    escaped = False
    end = len(text)
    for index in range(start, len(text)):
        char = text[index]
        if in_string:
            escaped = char == "\\" and not escaped
            if char == '"' and not escaped:
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                end = index + 1
                break
    return re.sub(r",\s*([}\]])", r"\1", text[start:end])


class ModeMemory:
    """Which structured-output mode worked for a server+model, kept in a small JSON file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def _load(self) -> dict[str, str]:
        if self.path is None or not self.path.exists():
            return {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def get(self, key: str) -> str | None:
        mode = self._load().get(key)
        return mode if mode in MODES else None

    def set(self, key: str, mode: str) -> None:
        if self.path is None:
            return
        data = self._load()
        data[key] = mode
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data, indent=2, sort_keys=True), "utf-8")


class LLMClient:
    """Chat completions returning pydantic-validated objects; errors become ``LLMError``."""

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx.Client | None = None,
        memory: ModeMemory | None = None,
        max_string: int = 160,
        max_items: int = 3,
    ) -> None:
        if not settings.llm_model:
            raise LLMError("no LLM model configured (set CALLMINE_LLM_MODEL)")
        self.settings = settings
        self.model = settings.llm_model
        self.base_url = settings.llm_base_url or "https://api.openai.com/v1"
        self.memory = memory or ModeMemory(settings.data_dir / "llm_modes.json")
        self.max_string, self.max_items = max_string, max_items
        import openai  # a second of start-up: only commands that talk to an LLM pay it

        self._client = openai.OpenAI(
            base_url=self.base_url,
            api_key=settings.resolved_llm_api_key or "not-needed",
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            # openai accepts legacy httpx clients at run time (tests pass MockTransport ones)
            http_client=http_client,  # type: ignore[arg-type]
        )

    @property
    def memory_key(self) -> str:
        return f"{self.base_url}|{self.model}"

    def close(self) -> None:
        self._client.close()

    def complete(
        self,
        messages: list[dict[str, str]],
        model: type[ModelT],
        *,
        quote_ids: Sequence[int] = (),
        fact_ids: Sequence[int] = (),
        profile_ids: Sequence[int] = (),
        choices: dict[str, Sequence[str]] | None = None,
    ) -> tuple[ModelT, LLMReply]:
        """Ask for JSON matching ``model``; repair or retry malformed replies, then give up.

        ``choices`` limits string fields to listed values (checked here too: a server without
        grammar support may answer anything).
        """
        schema = llm_schema(
            model,
            quote_ids=quote_ids,
            fact_ids=fact_ids,
            profile_ids=profile_ids,
            choices=choices,
            max_string=self.max_string,
            max_items=self.max_items,
        )
        raw = ""
        mode: str = self.settings.llm_structured_output
        problem = "no reply"
        for attempt in range(1, JSON_ATTEMPTS + 1):
            if attempt > 1:  # same prompt at temperature 0 would give the same reply
                messages = [
                    *messages,
                    {
                        "role": "user",
                        "content": render_prompt_text("json_retry.j2", problem=problem),
                    },
                ]
            raw, mode = self._chat(messages, schema, model.__name__)
            try:
                # strict=False: grammar-constrained servers may put raw newlines in strings
                data = model.model_validate(json.loads(repair_json(raw), strict=False))
                _check_choices(data, choices or {})
            except ValueError as exc:
                problem = _summarise(exc) if isinstance(exc, ValidationError) else str(exc)
                log.warning("LLM reply attempt %d did not validate: %s", attempt, problem)
                continue
            return data, LLMReply(data=data, raw=raw, mode=mode, attempts=attempt)
        raise MalformedReply(
            f"LLM reply did not match the {model.__name__} schema after {JSON_ATTEMPTS} "
            f"attempts: {problem}",
            raw=raw,
        )

    def _chat(
        self, messages: list[dict[str, str]], schema: dict[str, Any], name: str
    ) -> tuple[str, str]:
        configured = self.settings.llm_structured_output
        if configured != "auto":
            return self._request(messages, schema, name, configured), configured
        remembered = self.memory.get(self.memory_key)
        if remembered is not None:
            return self._request(messages, schema, name, remembered), remembered
        try:
            text = self._request(messages, schema, name, "json_schema", probe=True)
        except _Refused as exc:
            log.info("server refused json_schema (%s); using json_object + schema", exc)
            text = self._request(messages, schema, name, "json_object")
            self.memory.set(self.memory_key, "json_object")
            return text, "json_object"
        except LLMError:
            # Not a refusal (down, timeout): retry the same mode with the normal backoff.
            text = self._request(messages, schema, name, "json_schema")
        self.memory.set(self.memory_key, "json_schema")
        return text, "json_schema"

    def _request(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        name: str,
        mode: str,
        *,
        probe: bool = False,
    ) -> str:
        import openai  # imported with the client in __init__; here for its error types

        kwargs: dict[str, Any] = {}
        if mode == "json_schema":
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": name, "schema": schema, "strict": False},
            }
        elif mode == "json_object":
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        else:
            messages = [
                *messages,
                {
                    "role": "user",
                    "content": render_prompt_text(
                        "json_schema_only.j2", schema=json.dumps(schema, separators=(",", ":"))
                    ),
                },
            ]
        client = self._client.with_options(max_retries=0) if probe else self._client
        try:
            response = client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                temperature=0,
                max_tokens=self.settings.llm_max_tokens,
                **kwargs,
            )
        except openai.APIStatusError as exc:
            if probe:
                raise _Refused(f"HTTP {exc.status_code}") from exc
            raise LLMError(
                f"LLM server {self.base_url} answered HTTP {exc.status_code}: {_short(exc.message)}"
            ) from exc
        except openai.APITimeoutError as exc:
            raise LLMError(
                f"LLM server {self.base_url} timed out after {self.settings.llm_timeout_s:g}s "
                f"({self.settings.llm_max_retries} retries)"
            ) from exc
        except openai.APIConnectionError as exc:
            raise LLMError(
                f"LLM server {self.base_url} is unreachable ({self.settings.llm_max_retries} "
                f"retries): {_short(str(exc.__cause__ or exc))}"
            ) from exc
        except openai.OpenAIError as exc:
            raise LLMError(f"LLM request failed: {_short(str(exc))}") from exc
        if not response.choices:
            return ""
        return response.choices[0].message.content or ""


class _Refused(Exception):
    """The server rejected a structured-output mode (so ``auto`` tries the next one)."""


def _check_choices(data: BaseModel, choices: dict[str, Sequence[str]]) -> None:
    for name, allowed in choices.items():
        if name not in type(data).model_fields:
            continue  # a field of nested items: the schema's enum holds it, the caller checks
        value = getattr(data, name)
        if value not in allowed:
            raise ValueError(f"{name} must be one of {list(allowed)}, not {value!r}")


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _summarise(exc: ValidationError) -> str:
    first = exc.errors()[0] if exc.errors() else {"msg": str(exc), "loc": ()}
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg')}" if where else str(first.get("msg"))
