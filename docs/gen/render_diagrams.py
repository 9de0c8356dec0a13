"""Render the diagrams of the documentation (``docs/gen/diagrams/*.mmd``, Mermaid source) to
``docs/images/*.svg``, so the built site needs no script from a CDN to draw them.

Needs Mermaid's browser build and Debian's chromium (through Playwright); run it after
editing a diagram and commit the SVGs::

    npm pack mermaid@11 && tar xzf mermaid-*.tgz package/dist/mermaid.min.js
    .venv/bin/python docs/gen/render_diagrams.py package/dist/mermaid.min.js
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parents[1]
SOURCES = DOCS / "gen" / "diagrams"
IMAGES = DOCS / "images"
CHROMIUM = "/usr/bin/chromium"
#: Plain SVG text (no HTML labels in foreignObject), the theme's fonts only by name.
CONFIG = {"startOnLoad": False, "theme": "neutral", "htmlLabels": False, "flowchart": {"htmlLabels": False},
          "fontFamily": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"}


def render(mermaid_js: Path) -> list[Path]:
    """Write one SVG per ``.mmd`` source; return their paths."""
    written = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        page = browser.new_page()
        page.set_content("<html><body></body></html>")
        page.add_script_tag(content=mermaid_js.read_text(encoding="utf-8"))
        page.evaluate("config => mermaid.initialize(config)", CONFIG)
        for source in sorted(SOURCES.glob("*.mmd")):
            svg = page.evaluate("async ([id, text]) => (await mermaid.render(id, text)).svg",
                                [source.stem.replace("-", "_"), source.read_text(encoding="utf-8")])
            target = IMAGES / f"{source.stem}.svg"
            target.write_text(svg + "\n", encoding="utf-8")
            written.append(target)
        browser.close()
    return written


if __name__ == "__main__":
    for path in render(Path(sys.argv[1])):
        print(path.relative_to(DOCS.parent))
