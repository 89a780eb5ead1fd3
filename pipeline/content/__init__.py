"""Content: from clusters to cited marketing drafts.

- ``types``: the content types (objection FAQ, comparison, one-pager, ...) and their schemas;
  a type's prompt is ``prompts/<type>.j2``, its output template ``content_templates/<type>.md.j2``.
- ``evidence`` (the numbered evidence pack) and ``collect`` (building it from the database).
- ``generate``: a document through the LLM, or the offline ``drafts`` when none is configured;
  ``citations`` checks every cited id exists; ``documents``: lists, comments, competitor facts.
"""
