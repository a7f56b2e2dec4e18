"""Debian's Chromium driven by Playwright (no browser download works here), axe-core
for the accessibility checks (installed by make test), and the screenshots."""
import os
import shutil

import pytest

from project import PROJECT_ROOT
from tests.conftest import RESULTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = PROJECT_ROOT / "build" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = RESULTS / "screenshots"
README_SHOTS = PROJECT_ROOT / "docs"
AXE_RULES = "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice']}"


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


def serious_violations(page) -> list:
    """axe-core's serious and critical findings on the page as it is now. axe is given to
    the page through the DevTools protocol, which its Content-Security-Policy does not
    govern (a <script> tag would be refused), so the page need not bypass its CSP."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(f"axe.run(document, {AXE_RULES})")
    return [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")]


def keep_screenshot(page, name: str, **options) -> None:
    """A screenshot in results/screenshots/; with UPDATE_SCREENSHOTS=1 (`make screenshots`)
    it also replaces the README's copy in docs/, if the README shows one of that name."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), **options)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1" and (README_SHOTS / name).exists():
        shutil.copy(SHOTS / name, README_SHOTS / name)
