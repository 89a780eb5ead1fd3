"""An exported Markdown file ends in one newline, as a text file should (it had none: `cat`
ran the prompt on, and a diff of two exports said "No newline at end of file")."""

from __future__ import annotations

import pytest

from pipeline.publish.export import to_markdown
from pipeline.store.models import Document


@pytest.mark.parametrize("state", ["approved", "draft"])
@pytest.mark.parametrize("internal", [False, True])
@pytest.mark.parametrize("body", ["# Title\n\nLast line.", "# Title\n\nLast line.\n\n\n"])
def test_an_exported_markdown_file_ends_in_one_newline(
    state: str, internal: bool, body: str
) -> None:
    document = Document(doc_type="one-pager", title="Title", state=state, current_version=1)
    text = to_markdown(document, body, internal=internal)
    assert text.endswith("Last line.\n"), repr(text)
