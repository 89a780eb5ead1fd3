"""Refresh the README screenshots (docs/screenshots/) from a data dir the demo filled.

    CALLMINE_DATA_DIR=callmine-data .venv/bin/callmine demo --no-serve
    .venv/bin/python -m docs.make_screenshots callmine-data

Serves that data dir on 127.0.0.1 and takes viewport screenshots in Debian's Chromium at
1280 x 900 (and the home page at 390 x 844). Not run by the tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from pipeline.cluster.queries import list_clusters
from pipeline.embed import create_embedder
from tests.plugins.live_server import live_settings, serve
from tests.web.conftest import ARGS, CHROMIUM

OUT = Path(__file__).resolve().parent / "screenshots"


def main(data_dir: Path) -> None:
    settings = live_settings(data_dir)
    with serve(settings, create_embedder(settings)) as server:
        with server.workspace.session() as db:
            biggest = list_clusters(db, kind="objection")[0]["id"]
        shots = {
            "clusters": "/",
            "search": "/?q=it+costs+too+much",
            "cluster": f"/clusters/{biggest}",
            "call": "/calls/1",
            "dashboard": "/dashboard",
            "document": "/documents/1",
        }
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in shots.items():
                page.goto(server.url + path)
                page.screenshot(path=str(OUT / f"{name}.png"))
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(server.url + "/")
            page.screenshot(path=str(OUT / "clusters-mobile.png"))
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
