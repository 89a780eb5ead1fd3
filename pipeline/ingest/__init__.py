"""Ingest: read transcripts and CRM notes (one parser per format, all returning ``ParsedCall``)
and store them as calls through the one ingest service every surface calls.

- ``parse``: the format sniffed from content and extension, then its parser.
- ``roles``: buyer or rep for every speaker, assigned once after the metadata merge.
- ``service``: uploads (API, web form) and in-memory files -> stored calls, then analysis.
- ``paths``: files and folders (CLI, demo, benchmarks), with a manifest of per-file metadata.
"""

from __future__ import annotations

from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.filenames import safe_filename
from pipeline.ingest.parse import (
    FORMATS,
    SUPPORTED_EXTENSIONS,
    parse_file,
    read_calls,
    sniff_format,
)

__all__ = [
    "FORMATS",
    "SUPPORTED_EXTENSIONS",
    "ParsedCall",
    "ParsedUtterance",
    "parse_file",
    "read_calls",
    "safe_filename",
    "sniff_format",
]
