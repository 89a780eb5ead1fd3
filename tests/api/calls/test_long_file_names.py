"""An upload whose file name is too long for the multipart parser is refused by name (422
problem+json, the name cut to a readable length, the limit said), on the API and the web
form; a long name that fits (300 characters) is stored, shortened to 255."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.multipart_names import MAX_UPLOAD_NAME_CHARS, PartNames
from tests.samples import transcript


def test_a_5000_character_file_name_is_refused_by_name(client: TestClient) -> None:
    name = "weekly-call-" + "n" * 5000 + ".txt"
    response = client.post("/api/calls", files={"files": (name, transcript("long name"))})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["title"] == "File name too long"
    assert problem["filename"].startswith("weekly-call-nnn") and problem["filename"].endswith(
        ".txt"
    )
    assert len(problem["filename"]) <= 80
    assert f"at most {MAX_UPLOAD_NAME_CHARS:,}" in problem["detail"]
    assert f"{len(name):,} characters" in problem["detail"]


def test_the_web_form_shows_the_reason(client: TestClient) -> None:
    name = "é" * 3000 + ".vtt"
    page = client.post(
        "/upload", files={"files": (name, transcript("form"))}, headers={"accept": "text/html"}
    )
    assert page.status_code == 422
    assert "File name too long" in page.text and "at most 1,024" in page.text


def test_a_300_character_file_name_is_stored_shortened(client: TestClient) -> None:
    name = "m" * 296 + ".txt"
    response = client.post("/api/calls", files={"files": (name, transcript("300 chars"))})
    assert response.status_code == 201, response.text
    stored = response.json()["results"][0]["filename"]
    assert len(stored) == 255 and stored.endswith(".txt")


def test_a_name_split_across_chunks_is_still_read() -> None:
    header = b'--B\r\nContent-Disposition: form-data; name="files"; filename="'
    body = header + b"x" * 2000 + b'"\r\n\r\ncall text'
    names = PartNames(b"B")
    found = [names.feed(body[i : i + 7]) for i in range(0, len(body), 7)]
    assert [name for name in found if name] == ["x" * 2000]
    file_data = b'--not the boundary filename="' + b"y" * 3000
    assert PartNames(b"B").feed(b'--B\r\nname="a"\r\n\r\n' + file_data) is None
