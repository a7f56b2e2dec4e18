"""The widget's other pages and the chat without JavaScript, in a real browser (Debian's
Chromium) against the real stack: "What happens to what you type" one tap from the
welcome, a whole conversation with JavaScript off (each turn a form POST), its quick exit
and "Clear chat" deleting it, the first load's weight, and axe on every page at phone and
desktop sizes."""
import pytest

from project import setting
from tests.browser.conftest import AXE, serious_violations
from tests.browser.test_widget import LOCAL_HOSTS, forgotten, stored_events
from tests.metrics import record

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BUDGET_BYTES = 60 * 1024  # first load over the wire: HTML, CSS and JavaScript


def local_only(context):
    """Every request to localhost; anything else is refused and named."""
    outside = []

    def guard(route):
        if route.request.url.startswith(("data:", "about:")) or route.request.url.split("/")[2].split(":")[0] in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return outside


@pytest.fixture
def no_script(browser):
    """A phone-sized browser with JavaScript turned off."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(20_000)
    outside = local_only(context)
    yield context.new_page()
    context.close()
    assert not outside, f"requests left localhost: {outside}"


def said(page, who):
    return [text.split(":", 1)[1].strip() for text in page.locator(f".bubble--{who}").all_inner_texts()]


def turn(page, press):
    """Sends the form by `press` (a locator to click) and waits for the page it returns."""
    before = len(said(page, "bot"))
    with page.expect_navigation():
        press.click()
    assert len(said(page, "bot")) > before
    return said(page, "bot")[before:]


def test_the_privacy_page_is_one_tap_from_the_welcome(browser, chat):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(chat.base_url + "/")
    page.wait_for_selector(".bubble--bot")
    page.get_by_role("link", name="What happens to what you type").click()
    page.wait_for_url("**/privacy")
    assert page.locator("h1").inner_text() == "What happens to what you type"
    body = page.locator("main").inner_text()
    days = float(setting("RETENTION_DAYS"))
    assert f"deleted {days:g} days after your last message" in body  # the configured retention
    assert "not a person" in body and "not the same as telling the police" in body
    assert page.locator("a[href='sms:85258?&body=SHOUT']").count() == 1 and page.locator("a[href='sms:116000']").count() == 1
    page.get_by_role("link", name="Back to the chat").click()
    page.wait_for_selector(".bubble--bot")
    context.close()


def test_without_javascript_the_chat_holds_a_conversation_and_danger_gets_999_first(no_script, chat, stack):
    from playwright.sync_api import expect

    page = no_script
    page.goto(chat.base_url + "/")
    assert "chatbot, not a person" in page.inner_text("#log")  # the welcome, drawn by the server
    session_id = page.locator("input[name=session_id]").get_attribute("value")

    page.fill("#message", "hi")
    assert turn(page, page.locator(".chat__send"))
    # The bot's buttons are the form's submit buttons.
    replies = turn(page, page.get_by_role("button", name="Who can I talk to?"))
    assert any("Childline" in reply for reply in replies)
    assert page.locator("a[href='tel:08001111']").count() >= 1

    page.fill("#message", "theyre outside my house with a knife")
    replies = turn(page, page.locator(".chat__send"))
    assert "call 999" in replies[0].lower().split(".")[0]  # 999 in the first words of the first reply
    # The page opens at the latest message (the form's #latest), not at the welcome.
    expect(page.locator(".bubble--user").last).to_be_in_viewport(timeout=5000)
    assert page.locator("a[href='tel:999']").count() >= 1
    # The whole conversation so far, read back from Rasa's tracker, in one conversation.
    assert said(page, "user") == ["hi", "Who can I talk to?", "theyre outside my house with a knife"]
    assert page.locator("input[name=session_id]").get_attribute("value") == session_id
    assert stored_events(stack, session_id) > 0 and page.context.cookies() == []

    # The quick exit, a button of the form now, deletes it and leaves.
    page.click("#quick-exit")
    page.wait_for_url("**/healthz")
    assert forgotten(stack, session_id)


def test_without_javascript_the_exit_is_a_link_to_the_exit_site_and_clear_chat_deletes(no_script, chat, stack):
    page = no_script
    page.goto(chat.base_url + "/")
    page.fill("#message", "they say i owe them")
    turn(page, page.locator(".chat__send"))
    session_id = page.locator("input[name=session_id]").get_attribute("value")
    assert stored_events(stack, session_id) > 0
    with page.expect_navigation():
        page.get_by_role("button", name="Clear chat").click()
    assert said(page, "user") == [] and forgotten(stack, session_id)
    assert page.locator("input[name=session_id]").get_attribute("value") != session_id
    # Before anything is said, the exit is GOV.UK's: a link straight to the exit site.
    page.click("#quick-exit")
    page.wait_for_url("**/healthz")


def test_the_first_load_is_within_the_page_weight_budget(browser, chat):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(chat.base_url + "/", wait_until="load")
    page.wait_for_selector(".bubble--bot")
    loaded = page.evaluate("""() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
        .map((entry) => [new URL(entry.name).pathname, entry.transferSize])""")
    context.close()
    paths = [path for path, _ in loaded]
    assert {"/", "/static/chat.css", "/static/chat.js", "/static/exit.js"} <= set(paths), paths
    assert not [path for path in paths if path.endswith((".woff", ".woff2", ".ttf", ".otf"))]  # no web fonts
    total = sum(size for _, size in loaded)
    assert all(size > 0 for _, size in loaded)  # each was fetched, and measured
    record(f"first load of the chat page over the wire: {total / 1024:.1f} KB in {len(loaded)} responses "
           f"(budget {BUDGET_BYTES // 1024} KB)")
    assert total < BUDGET_BYTES


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test")
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["/", "/privacy", "/families/en", "/contacts"])
def test_every_page_has_no_serious_accessibility_problems(browser, chat, viewport, path):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(chat.base_url + path)
    if path == "/":
        page.wait_for_selector(".bubble--bot")
    assert not serious_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # nothing off the side
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test")
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_chat_without_javascript_has_no_serious_accessibility_problems(browser, chat, viewport):
    # The page's own scripts refused rather than JavaScript turned off: axe needs it.
    context = browser.new_context(viewport=viewport)
    context.route("**/static/*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(chat.base_url + "/")
    page.fill("#message", "hi")
    turn(page, page.locator(".chat__send"))
    assert page.locator(".quick-reply").count() and not serious_violations(page)
    context.close()
