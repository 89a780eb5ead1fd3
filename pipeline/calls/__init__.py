"""Calls once stored: ``schemas`` (what surfaces read and send), ``queries`` (lists, one call),
``edits`` (correct metadata and roles, delete). New calls come in through ``pipeline.ingest``."""
