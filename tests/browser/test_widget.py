"""The widget in a real browser (Debian's Chromium driven by Playwright) against the
real stack: chat, quick replies, danger, signpost cards at a fixed clock, HTML shown as
text, quick exit, keyboard, accessibility (axe-core), offline, and no request leaving
localhost. The other pages, the chat without JavaScript and the page weight:
tests/browser/test_pages.py. The staff console: tests/browser/test_console.py."""
import sqlite3
import time
from datetime import datetime
from urllib.parse import urlparse

import pytest

from safeguarding.contacts import load_contacts
from safeguarding.opening_hours import LONDON
from tests.browser.conftest import AXE, keep_screenshot, serious_violations
from tests.conftest import actions_at

pytestmark = pytest.mark.e2e
SESSION_KEY = "llr-chat-session"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def page(browser, chat):
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=False)
    outside = []

    def guard(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(chat.base_url + "/")
    page.wait_for_selector(".bubble--bot")
    yield page
    context.close()
    assert not outside, f"requests left localhost: {outside}"


def send(page, text):
    before = page.locator(".bubble--bot").count()
    page.fill("#message", text)
    page.press("#message", "Enter")
    page.locator(".bubble--bot").nth(before).wait_for()
    page.wait_for_selector("#typing", state="hidden")


def tap(page, title):
    before = page.locator(".bubble--bot").count()
    page.get_by_role("button", name=title, exact=True).last.click()
    page.locator(".bubble--bot").nth(before).wait_for()
    page.wait_for_selector("#typing", state="hidden")


def stored_events(stack, session_id):
    with sqlite3.connect(stack.config.tracker_db) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (session_id,)).fetchone()[0]


def forgotten(stack, session_id, timeout_s=5.0):
    """The delete is sent with keepalive as the page leaves: give it a moment to land."""
    deadline = time.monotonic() + timeout_s
    while stored_events(stack, session_id) and time.monotonic() < deadline:
        time.sleep(0.1)
    return stored_events(stack, session_id) == 0


def test_welcome_says_what_this_is(page):
    welcome = page.inner_text("#log")
    assert "chatbot, not a person" in welcome
    assert "not an emergency service" in welcome and "999" in welcome
    assert "keep it private unless" in welcome


def test_send_a_message_and_see_the_reply(page):
    send(page, "they say i owe them")
    log = page.inner_text("#log")
    assert "not a real debt" in log
    assert page.locator("a[href='tel:08001111']").count() >= 1


def test_tap_a_quick_reply(page):
    send(page, "hi")
    before = page.locator(".bubble--bot").count()
    page.get_by_role("button", name="Who can I talk to?").last.click()
    page.locator(".bubble--bot").nth(before).wait_for()
    assert "Childline" in page.inner_text("#log")
    assert page.locator(".bubble--user").last.inner_text().endswith("Who can I talk to?")


def test_danger_shows_999_as_a_link(page):
    send(page, "theyre outside my house with a knife")
    first_reply = page.locator(".bubble--bot").nth(-3).inner_text()
    assert "call 999" in first_reply.lower()
    assert page.locator("a[href='tel:999']").count() >= 1


CONTACTS = load_contacts()
FRIDAY_NIGHT = datetime(2026, 11, 27, 21, 30, tzinfo=LONDON)  # Rutland's office closed till Monday
WEDNESDAY_MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)  # Rutland's office open
OUT_OF_HOURS = "Rutland's out-of-hours children's team, run by Leicestershire's First Response"


def tel(contact_key):
    return "tel:" + CONTACTS[contact_key].phone.replace(" ", "")


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test")
@pytest.mark.parametrize("when, council, hours, note, number", [
    (FRIDAY_NIGHT, OUT_OF_HOURS, "Open now, day and night", "Rutland's children's team opens 9am Monday.",
     "leics_first_response"),
    (WEDNESDAY_MORNING, "Rutland's children's team", "Open now, until 5pm", None, "rutland_duty"),
], ids=["rutland-office-closed", "rutland-office-open"])
def test_signposts_are_cards_with_tap_targets_and_open_state(page, stack, when, council, hours, note, number):
    with actions_at(stack, when):
        send(page, "they want me to go OT")
        tap(page, "Rutland")
    lists = page.locator(".cards")
    assert lists.count() == 2  # the national list, then Rutland's
    heading = lists.last.locator("xpath=preceding-sibling::div[contains(@class, 'bubble--bot')][1]")
    assert heading.inner_text().endswith("People who can help (Rutland):")
    cards = lists.last.locator(".card")
    team = cards.filter(has=page.locator(".card__name", has_text=council))
    assert team.count() == 1
    assert team.locator(".card__hours--open").inner_text() == hours
    assert team.locator(".card__note").all_inner_texts() == ([note] if note else [])
    call = team.locator("a.card__link--call")
    assert call.get_attribute("href") == tel(number) and call.inner_text() == f"Call {CONTACTS[number].phone}"
    # The rest of the list: Childline to call or chat, SafeCall (open 9am-11pm) and BTP to text.
    childline = cards.filter(has=page.locator(".card__name", has_text="Childline"))
    assert childline.locator("a").evaluate_all("links => links.map(a => [a.textContent, a.getAttribute('href')])") == [
        ["Call 0800 1111", "tel:08001111"], ["Chat online", CONTACTS["childline"].web]]
    assert cards.locator("a[href='sms:116000']").inner_text() == "Text 116 000"
    assert cards.locator("a[href='sms:61016']").inner_text() == "Text 61016"
    # Words on every link, never an address; big enough to tap; the list's text not shown twice.
    for link in page.locator(".card__link").all():
        box = link.bounding_box()
        assert "http" not in link.inner_text() and box["height"] >= 44 and box["width"] >= 44, link.inner_text()
    assert "•" not in page.inner_text("#log") and "https://" not in page.inner_text("#log")
    assert not serious_violations(page)
    if when == FRIDAY_NIGHT:
        team.scroll_into_view_if_needed()
        keep_screenshot(page, "cards-phone.png")


def test_cards_mirror_in_a_right_to_left_page(page, chat):
    page.goto(chat.base_url + "/?lang=ur")
    page.wait_for_selector(".bubble--bot")
    page.wait_for_selector("#typing", state="hidden")
    send(page, "who can i talk to")
    card = page.locator(".card").first
    start, end = card.evaluate("e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]")
    assert (start, end) == ("6px", "1px")  # the card's marked edge is its start: the right
    call, other = card.locator(".card__link").all()[:2]
    assert call.bounding_box()["x"] > other.bounding_box()["x"]  # Call first, read from the right


def test_html_is_shown_as_text_and_never_run(page):
    payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>'
    send(page, payload)
    assert page.locator(".bubble--user").last.inner_text().endswith(payload)
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator(".bubble img, .bubble script, .bubble b").count() == 0


def test_quick_exit_button_leaves_and_deletes_the_conversation(page, stack, chat):
    send(page, "man said carry this to the station")
    session_id = page.evaluate(f"sessionStorage.getItem('{SESSION_KEY}')")
    assert stored_events(stack, session_id) > 0
    page.click("#quick-exit")
    page.wait_for_url("**/healthz")
    assert forgotten(stack, session_id)
    page.goto(chat.base_url + "/")
    page.wait_for_selector(".bubble--bot")
    assert page.locator(".bubble--user").count() == 0
    assert page.evaluate(f"sessionStorage.getItem('{SESSION_KEY}')") is None


def test_shift_three_times_leaves(page, stack):
    send(page, "hi")
    session_id = page.evaluate(f"sessionStorage.getItem('{SESSION_KEY}')")
    page.locator("#message").focus()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("**/healthz")
    assert forgotten(stack, session_id)


def test_shift_presses_are_announced_and_another_key_starts_again(page):
    status = page.locator("#quick-exit + [role=status]")
    page.locator("#message").focus()
    page.keyboard.press("Shift")
    assert status.inner_text() == "Shift: press 2 more times to leave."
    page.keyboard.press("Shift")
    assert status.inner_text() == "Shift: press 1 more time to leave."
    page.keyboard.press("a")
    assert status.inner_text() == ""
    page.keyboard.press("Shift")  # one press, counted from the start again
    assert status.inner_text() == "Shift: press 2 more times to leave." and page.url.startswith("http://127.0.0.1")


def test_a_single_esc_does_not_leave(page, chat):
    # README "The chat widget": Esc closes menus and the keyboard's suggestions, so a
    # single press by habit would throw the conversation away.
    send(page, "hi")
    session_id = page.evaluate(f"sessionStorage.getItem('{SESSION_KEY}')")
    page.locator("#message").focus()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert page.url.startswith(chat.base_url) and page.locator(".bubble--user").count() == 1
    assert page.evaluate(f"sessionStorage.getItem('{SESSION_KEY}')") == session_id


def test_the_exit_blanks_the_page_at_once_and_a_page_shown_again_is_reset(page):
    send(page, "they want me to hold something for them")
    # The exit site answers "204 No Content": the browser stays, and the page is seen as it leaves.
    page.route("**/healthz", lambda route: route.fulfill(status=204))
    page.click("#quick-exit")
    state = """() => {
        const overlay = document.querySelector('.exit-this-page__overlay');
        return {overlay: overlay && [overlay.getAttribute('role'), overlay.textContent],
                chatShown: document.getElementById('chat').checkVisibility(),
                bubbles: document.querySelectorAll('.bubble').length, stored: sessionStorage.length,
                log: document.getElementById('log').innerText}
    }"""
    assert page.evaluate(state) == {"overlay": ["alert", "Exiting page."], "chatShown": False, "bubbles": 0,
                                    "stored": 0, "log": ""}
    # As when the browser brings the page back from its back/forward cache.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    shown = page.evaluate(state)
    assert shown["overlay"] is None and shown["chatShown"] and "chatbot, not a person" in shown["log"]
    assert page.evaluate("document.querySelectorAll('.bubble--user').length") == 0


def test_back_does_not_return_to_the_chat_after_the_exit(page, chat):
    page.goto(chat.base_url + "/contacts")
    page.goto(chat.base_url + "/")
    send(page, "hi")
    page.click("#quick-exit")
    page.wait_for_url("**/healthz")
    page.go_back()
    assert page.url == chat.base_url + "/contacts"


def test_the_exit_on_another_page_deletes_the_conversation(page, stack):
    send(page, "man said carry this to the station")
    session_id = page.evaluate(f"sessionStorage.getItem('{SESSION_KEY}')")
    page.click("a[href='/privacy']")
    page.wait_for_url("**/privacy")
    page.click("#quick-exit")
    page.wait_for_url("**/healthz")
    assert forgotten(stack, session_id)


def test_typing_capitals_does_not_trigger_the_exit(page, chat):
    send(page, "hi")
    session_id = page.evaluate(f"sessionStorage.getItem('{SESSION_KEY}')")
    page.locator("#message").focus()
    for letter in "HELLO":  # each capital with Shift held, as people type them: five Shift presses
        page.keyboard.press(f"Shift+{letter}")
    # Then Shift twice on its own: the Shift released after the O was a capital's, not a third press.
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    # The exit would have cleared these before the key press returned.
    assert page.evaluate(f"sessionStorage.getItem('{SESSION_KEY}')") == session_id
    assert page.input_value("#message") == "HELLO"
    page.keyboard.press("Enter")
    page.locator(".bubble--user", has_text="HELLO").wait_for()
    assert page.url.startswith(chat.base_url)


def test_keyboard_only(page):
    page.keyboard.press("Tab")  # the exit button comes first
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "message":
            break
    assert page.evaluate("document.activeElement.id") == "message"
    page.keyboard.type("hiya")
    page.keyboard.press("Enter")
    page.wait_for_selector(".quick-reply")
    page.wait_for_selector("#typing", state="hidden")
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.classList.contains('quick-reply')"):
            break
    before = page.locator(".bubble--bot").count()
    page.keyboard.press("Enter")
    page.locator(".bubble--bot").nth(before).wait_for()


def test_new_messages_are_announced(page):
    log = page.locator("#log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"


def test_offline_shows_999_and_childline(page):
    page.route("**/api/chat", lambda route: route.abort())
    send(page, "hello")
    text = page.locator(".bubble--bot").last.inner_text() + page.inner_text("#log")
    assert "can't connect" in text and "999" in text and "0800 1111" in text


def test_no_cookies_and_nothing_in_local_storage(page):
    send(page, "hi")
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length") == 0


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test")
@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_accessibility_has_no_serious_violations_and_screenshots(browser, chat, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    page.goto(chat.base_url + "/")
    page.wait_for_selector(".bubble--bot")
    send(page, "they want me to go OT")
    assert not serious_violations(page)
    keep_screenshot(page, f"widget-{'phone' if width < 500 else 'desktop'}.png")
    # Text resized to 200% still fits: no horizontal scrolling.
    page.add_style_tag(content="html { font-size: 200% !important; }")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
