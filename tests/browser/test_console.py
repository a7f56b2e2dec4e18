"""The staff console in a real browser (Chromium) against a stack run from a copy of the
project (a maintainer's accept changes data/nlu/): a youth worker signs in, chats, reads
the safety net's verdict in words, flags, saves a story (asked before replacing one),
batch-tests phrases, sorts, flags several and exports CSV; a maintainer reviews the
queue (a danger message is refused under `thanks`, forced with a reason, undone) and
reads the last retrain report. Screenshots of each role go to results/screenshots/
(and to docs/ with UPDATE_SCREENSHOTS=1: the README shows those)."""
import csv
import io
import os
import re
import shutil

import pytest

from project import PROJECT_ROOT
from tests.browser.conftest import AXE, serious_violations
from tests.conftest import PASSWORD, RESULTS, Console
from tests.project_copy import copied_stack_fixture
from training.datasets import nlu_examples

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.e2e
DANGER = "theyre outside my house with a knife"


running = copied_stack_fixture("console-browser")


def url(running) -> str:
    return f"http://127.0.0.1:{running[1].config.frontdoor_port}"


@pytest.fixture
def page(browser, running):
    context = browser.new_context(viewport={"width": 1100, "height": 760}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)  # a bound for a loaded machine, not a measurement
    page.goto(url(running) + "/console")
    yield page
    context.close()


def sign_in(page, name):
    page.wait_for_selector("#login:not([hidden])")
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.click("#login button[type=submit]")
    page.wait_for_selector("#workspace:not([hidden])")


def screenshot(page, name, height=1500):
    """The page from the top (header and role included), at most `height` pixels, kept
    small for the README: 256 colours."""
    from PIL import Image

    out = RESULTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    full = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(path=str(out / name), clip={"x": 0, "y": 0, "width": 1100, "height": min(full, height)}, full_page=True)
    Image.open(out / name).convert("RGB").quantize(256).save(out / name, optimize=True)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        shutil.copy(out / name, PROJECT_ROOT / "docs" / name)


def say(page, text):
    before = page.locator(".turn").count()
    page.fill("#say #message", text)
    page.press("#say #message", "Enter")
    page.locator(".turn").nth(before).wait_for()
    return page.locator(".turn").nth(before)


def test_a_youth_worker_chats_reads_the_safety_verdict_flags_and_saves(page):
    page.wait_for_selector("#login:not([hidden])")
    page.fill("#username", "sam")
    page.fill("#password", "not it at all")
    page.click("#login button[type=submit]")
    page.wait_for_selector("#login-error:has-text('do not match')")
    sign_in(page, "sam")
    assert not page.is_visible("#login")  # the form is gone once signed in
    assert page.inner_text("#user") == "sam" and page.inner_text("#role") == "worker"
    assert not page.is_visible("[data-tab=review]") and not page.is_visible("[data-tab=report]")

    turn = say(page, "they want me to go OT")
    assert turn.locator(".intent").inner_text().startswith("travel_out_of_town")
    assert turn.locator(".safety").inner_text() == "quiet"
    danger = say(page, DANGER)
    assert danger.locator(".safety").inner_text().startswith("danger: someone outside")
    assert "\\b" not in danger.locator(".safety").inner_text()
    danger.locator(".rule summary").click()  # the regular expression, for maintainers
    assert "\\b" in danger.locator(".rule-text").inner_text()

    turn.locator(".flag summary").click()
    assert turn.locator(".flag-intent").input_value() == ""  # "choose…" until chosen
    assert turn.locator(".flag-intent option:checked").inner_text() == "choose…"
    turn.locator(".flag-send").click()
    turn.locator(".flag-status:has-text('Choose the intent')").wait_for()
    turn.locator(".flag-intent").select_option("asked_to_carry")
    turn.locator(".flag-send").click()
    turn.locator(".flag-status:has-text('Added to the review queue')").wait_for()
    turn.locator(".flag-intent").select_option("want_out")
    turn.locator(".flag-send").click()
    turn.locator(".flag-status:has-text('updated')").wait_for()  # one item per turn

    page.fill("#story-name", "browser story")
    page.click("#save-story")
    page.wait_for_selector("#status:has-text('Saved as')")
    assert "Turn 1 expects the corrected intent" in page.inner_text("#status")
    page.click("#save-story")
    page.wait_for_selector("#replace-story:not([hidden])")
    assert "exists. Replace it?" in page.inner_text("#replace-question")
    screenshot(page, "console-worker.png")
    page.click("#replace-yes")
    page.wait_for_selector("#status:has-text('Saved as')")
    assert not page.is_visible("#replace-story")
    if AXE.exists():
        assert not serious_violations(page)


def test_a_youth_worker_batch_tests_phrases_sorts_flags_several_and_exports_csv(page, running, tmp_path):
    sign_in(page, "sam")
    page.click("[data-tab=batch]")
    phrases = ["they say i owe them", DANGER, "wagwan", "=1+1 lol", "asdfghjkl qwerty"]
    upload = tmp_path / "phrases.txt"
    upload.write_text("\n".join(phrases) + "\n\n" + phrases[0] + "\n")  # blank lines and repeats dropped
    page.set_input_files("#batch-file", str(upload))
    # (not wait_for_function: its polling evaluates a string, which the page's CSP forbids)
    playwright_api.expect(page.locator("#batch-phrases")).to_have_value(re.compile("wagwan"))
    page.click("#batch-run")
    page.wait_for_selector("#batch-status:has-text('5 phrases tested')", timeout=180_000)
    rows = page.locator("#batch-rows tr")
    assert rows.count() == 5
    danger_row = rows.filter(has_text="with a knife")
    assert danger_row.locator("td").nth(2).inner_text() == "danger"
    assert danger_row.locator("td").nth(4).inner_text().startswith("danger: someone outside")
    assert "999" in danger_row.locator("td").nth(5).inner_text()

    page.click("#batch-sort")
    shown = [float(rows.nth(i).locator("td").nth(3).inner_text().rstrip("%")) for i in range(5)]
    assert shown == sorted(shown)  # least sure first

    for phrase in ("wagwan", "asdfghjkl"):
        rows.filter(has_text=phrase).locator("input[type=checkbox]").check()
    page.select_option("#batch-intent", "greet")
    page.fill("#batch-comment", "slang greetings")
    screenshot(page, "console-batch.png")
    page.click("#batch-flag")
    page.wait_for_selector("#batch-flag-status:has-text('2 rows added to the review queue')")
    assert rows.filter(has_text="flagged #").count() == 2

    with page.expect_download() as download:
        page.click("#batch-csv")
    table = list(csv.reader(io.StringIO(download.value.path().read_text())))
    assert table[0] == ["phrase", "intent", "confidence", "safety net", "first reply"]
    assert sorted(row[0] for row in table[1:]) == sorted(["'=1+1 lol" if p.startswith("=") else p for p in phrases])
    if AXE.exists():
        assert not serious_violations(page)


def test_a_maintainer_reviews_the_queue_forcing_a_refused_accept_with_a_reason_and_undoing_it(page, running):
    project = running[0]
    worker = Console(url(running))
    worker.sign_in("sam")
    session_id = worker.new_conversation()
    worker.say(session_id, DANGER)
    worker.post("flag", {"session_id": session_id, "turn": 0, "intent": "thanks", "comment": "it should say thanks"})

    sign_in(page, "kim")
    assert page.inner_text("#role") == "maintainer"
    page.click("[data-tab=review]")
    item = page.locator("#review-open .item").filter(has_text=DANGER)
    item.wait_for()
    assert "Should be: thanks" in item.locator(".item-said").inner_text()
    item.locator(".item-accept").click()
    item.locator(".item-status:has-text('could make the bot less safe')").wait_for()
    assert "danger: someone outside" in item.locator(".item-status").inner_text()
    assert item.locator(".item-force").is_visible()
    screenshot(page, "console-maintainer.png", height=1250)
    chitchat = project / "data" / "nlu" / "chitchat.yml"
    assert (DANGER, "thanks") not in nlu_examples(chitchat)

    item.locator(".item-force").click()
    item.locator(".item-status:has-text('Give the reason')").wait_for()
    item.locator(".item-reason").fill("a test of the gate")
    item.locator(".item-force").click()
    page.wait_for_selector("#review-status:has-text('forced by kim (a test of the gate)')")
    assert (DANGER, "thanks") in nlu_examples(chitchat)
    accepted = page.locator("#review-accepted .item").filter(has_text=DANGER)
    accepted.locator(".item-undo").click()
    page.wait_for_selector("#review-status:has-text('taken out of data/nlu/chitchat.yml')")
    assert (DANGER, "thanks") not in nlu_examples(chitchat)
    page.locator("#review-open .item").filter(has_text=DANGER).wait_for()
    if AXE.exists():
        assert not serious_violations(page)

    page.click("[data-tab=report]")
    page.wait_for_selector("#report-text:has-text('No retrain has run here yet')")
