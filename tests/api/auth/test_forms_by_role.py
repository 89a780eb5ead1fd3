"""Every form a page draws is one its user may send: a sales user had been shown the editor,
rename, merge, split and upload forms, each ending on a 403 that lost what they typed. Where a
form is left out the page says who can use it. Signed out of sign-in (open local mode) every
form is drawn as before. The 403 page names the role and links back to where the user was."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from pipeline.auth import allows
from tests.api.auth.test_route_policies import all_routes, policies_of
from tests.plugins.auth import USERS, Authed
from tests.plugins.documents import Seeded

_FORM = re.compile(r'<form\b[^>]*\bmethod="post"[^>]*\baction="([^"]+)"')


def _pages(authed: Authed, seeded: Seeded) -> list[str]:
    admin = TestClient(authed.app, headers=authed.bearer("alice"))
    created = admin.post(
        "/api/documents",
        json={"type": "one-pager", "cluster_ids": [seeded.price], "use_llm": "false"},
    )
    assert created.status_code == 201, created.text
    document = created.json()["id"]
    return [
        "/",
        f"/documents/{document}",
        "/documents",
        "/generate",
        f"/clusters/{seeded.price}",
        f"/calls/{seeded.calls[0]}",
        "/upload",
        "/dashboard",
        "/product",
        "/team",
    ]


def _roles_for(authed: Authed, action: str) -> list[tuple[str, ...]]:
    """The roles each policy of the POST route at ``action`` asks for."""
    path = action.split("?")[0]
    for template, route in all_routes(authed.app):
        pattern = re.sub(r"\{[^}]+\}", "[^/]+", template)
        if isinstance(route, APIRoute) and "POST" in route.methods and re.fullmatch(pattern, path):
            return [policy.roles for policy in policies_of(route) if not policy.public]
    raise AssertionError(f"no POST route for {action}")


@pytest.mark.parametrize("name", list(USERS))
def test_each_page_draws_only_the_forms_its_user_may_send(
    authed: Authed, seeded: Seeded, name: str
) -> None:
    pages = _pages(authed, seeded)
    user = authed.sign_in(name)
    for page in pages:
        html = user.client.get(page).text
        for action in _FORM.findall(html):
            if action == "/signout":
                continue
            for needed in _roles_for(authed, action):
                assert allows(USERS[name], needed), (name, page, action, needed)


def test_a_sales_user_reads_who_may_edit_instead_of_the_forms(
    authed: Authed, seeded: Seeded
) -> None:
    pages = _pages(authed, seeded)
    sam, mark = authed.sign_in("sam"), authed.sign_in("mark")
    document, cluster = pages[1], pages[4]
    said = sam.client.get(document).text
    assert 'id="doc-body"' not in said and "Save version" not in said
    assert "Only marketing can edit this text" in said
    assert "Accurate: matches what we sell and say" in said and "Needs a fix" in said
    assert 'action="' + document + '/comments"' in said
    theme = sam.client.get(cluster).text
    assert "Only marketing can rename, merge, split or hide a theme" in theme
    assert "Only marketing can upload calls" in sam.client.get("/upload").text
    assert "Only marketing can generate content" in sam.client.get("/generate").text
    assert 'id="doc-body"' in mark.client.get(document).text  # marketing keeps its tools
    assert 'action="' + cluster + '/rename"' in mark.client.get(cluster).text


def test_open_local_mode_draws_every_form(client: TestClient, seeded: Seeded) -> None:
    theme = client.get(f"/clusters/{seeded.price}").text
    for action in ("rename", "split", "mark"):
        assert f'action="/clusters/{seeded.price}/{action}"' in theme
    assert 'id="upload-form"' in client.get("/upload").text
    assert "Only marketing" not in theme


def test_the_403_page_names_the_role_and_links_back(authed: Authed, seeded: Seeded) -> None:
    sam = authed.sign_in("sam")
    back = f"{authed.anonymous.base_url}/clusters/{seeded.price}"
    refused = sam.client.post(
        f"/clusters/{seeded.price}/rename",
        data={"name": "Cost", "csrf_token": sam.csrf},
        headers={"Accept": "text/html", "Referer": back},
    )
    assert refused.status_code == 403
    assert "Only someone with the marketing role can do this" in refused.text
    assert "you are signed in as sam (sales)" in refused.text
    assert f'href="/clusters/{seeded.price}">Back to the page you were on' in refused.text
    elsewhere = sam.client.get(
        "/admin/users", headers={"Accept": "text/html", "Referer": "https://evil.example/x"}
    )
    assert elsewhere.status_code == 403 and "Back to the page you were on" not in elsewhere.text
