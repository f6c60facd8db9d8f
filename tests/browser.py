"""Open pages in Debian's headless chromium (through playwright) and read what they show.

One :class:`Chromium` per test module (see the ``chromium`` fixture in conftest).
Each :meth:`Chromium.open` records console errors, dialogs and every request that
would leave the machine (anything but file: and data:), which is then aborted.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("POLICYGRAPH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = ("file:", "data:", "about:", "blob:")


@dataclass
class Opened:
    """A page and what happened while it loaded."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    remote_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    started: float = 0.0

    def wait_ready(self, selector: str = ".pg-map", timeout_ms: int = 60_000) -> float:
        """Wait until every map on the page has stabilized; return the seconds since opening."""
        self.page.wait_for_function(
            f"""() => {{
                const maps = document.querySelectorAll({selector!r});
                return maps.length > 0 && [...maps].every(m => m.dataset.ready === "true");
            }}""",
            timeout=timeout_ms,
            polling=100,
        )
        return time.perf_counter() - self.started

    def node_count(self, index: int = 0) -> int:
        """Nodes in a map's vis Network object (``window.networks[index]``)."""
        return self.page.evaluate(f"window.networks[{index}].body.data.nodes.length")

    def canvas_colours(self, index: int = 0) -> int:
        """Distinct pixel colours of a map's canvas (1 means blank)."""
        return self.page.evaluate(
            f"""() => {{
                const canvas = document.querySelectorAll(".pg-canvas canvas")[{index}];
                const ctx = canvas.getContext("2d");
                const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                const seen = new Set();
                for (let i = 0; i < px.length; i += 16) {{
                    seen.add((px[i] << 24) | (px[i+1] << 16) | (px[i+2] << 8) | px[i+3]);
                    if (seen.size > 50) break;
                }}
                return seen.size;
            }}"""
        )


class Chromium:
    """A playwright-driven chromium, started once."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)

    def open(self, path: Path, *, width: int = 1280, height: int = 900) -> Opened:
        page = self.browser.new_page(viewport={"width": width, "height": height})
        opened = Opened(page)

        def route(route):
            url = route.request.url
            if url.startswith(LOCAL):
                route.continue_()
            else:
                opened.remote_requests.append(url)
                route.abort()

        def on_dialog(dialog):
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and opened.console_errors.append(m.text))
        page.on("pageerror", lambda exc: opened.console_errors.append(str(exc)))
        page.on("dialog", on_dialog)
        opened.started = time.perf_counter()
        page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=120_000)
        opened.seconds = time.perf_counter() - opened.started
        return opened

    def close(self) -> None:
        self.browser.close()
        self._pw.stop()
