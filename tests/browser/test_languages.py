"""Families' languages in a real browser (Debian's Chromium, Debian's Noto fonts) against
the real stack: per language, the chat opens in it (lang and dir on the page, the bot's
families' welcome in it, right to left for Urdu and Arabic with the bubbles mirrored),
its letters are drawn by a font that has them, the families' page renders in it, axe finds
nothing serious, and phone screenshots are kept. Also: the menu, the choice remembered for
the tab's session only, and a message typed in a language answered in it."""
import pytest

from safeguarding.contacts import load_contacts, template_vars
from safeguarding.languages import ENGLISH, fill, load_languages
from tests.browser.conftest import AXE, keep_screenshot, serious_violations
from tests.browser.test_widget import send
from training.datasets import family_messages

pytestmark = pytest.mark.e2e
LANGUAGES = load_languages()
OTHERS = [code for code in LANGUAGES if code != ENGLISH]
VALUES = template_vars(load_contacts())
PHONE = {"width": 390, "height": 844}
# The word a font for the language's script has in its name (Debian's Noto fonts).
SCRIPT_FONT = {"gu": "Gujarati", "pa": "Gurmukhi", "bn": "Bengali", "ur": "Urdu", "ar": "Arabic"}


def _first_words(code, name):
    return fill(LANGUAGES[code].responses[name], VALUES).split("\n\n")[0].strip()


def _fonts(page, selector):
    """The system fonts Chromium drew the element's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return [font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    yield context
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test")
@pytest.mark.parametrize("code", OTHERS)
def test_the_chat_and_the_families_page_in_each_language(context, chat, code):
    language = LANGUAGES[code]
    page = context.new_page()
    page.goto(f"{chat.base_url}/?lang={code}")
    bubble = page.locator(f'.bubble--bot[lang="{code}"]').first
    bubble.wait_for()
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [code, language.direction]
    assert bubble.inner_text().endswith(_first_words(code, "utter_families_welcome"))
    assert page.locator("#message").get_attribute("placeholder") == language.ui["placeholder"]
    if code in SCRIPT_FONT:
        assert any(SCRIPT_FONT[code] in font for font in _fonts(page, f'.bubble--bot[lang="{code}"] p')), code
    if language.direction == "rtl":
        # Mirrored: the bot's bubbles sit on the right of the conversation.
        log, box = page.locator("#log").bounding_box(), bubble.bounding_box()
        assert box["x"] + box["width"] > log["x"] + log["width"] - 30
    assert not serious_violations(page)
    keep_screenshot(page, f"widget-{code}-phone.png")

    page.goto(f"{chat.base_url}/families/{code}")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [code, language.direction]
    headings = page.locator("h2").all_inner_texts()
    assert headings == list(language.buttons.values())
    body = page.locator("main").inner_text()
    assert language.ui["translated_notice"] in body
    assert _first_words(code, "utter_families_who_to_call") in body
    assert page.locator(f'a[href="tel:{VALUES["emergency_phone"]}"]').count() >= 1
    assert not serious_violations(page)
    keep_screenshot(page, f"families-{code}-phone.png", full_page=True)


def test_the_menu_chooses_a_language_for_this_tab_only(browser, chat):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(chat.base_url + "/")
    page.wait_for_selector(".bubble--bot")
    page.click(".chat__languages summary")
    # "Language" in every language, so a parent who reads no English finds the menu.
    summary = page.locator(".chat__languages summary")
    assert all(summary.locator(f'[lang="{code}"]').inner_text() == LANGUAGES[code].ui["language"] for code in LANGUAGES)
    keep_screenshot(page, "language-menu-phone.png")
    page.click('.chat__languages a[lang="pl"]')
    page.locator('.bubble--bot[lang="pl"]').first.wait_for()
    first_session = page.evaluate("sessionStorage.getItem('llr-chat-session')")
    # Remembered in this tab: the plain address opens in Polish again.
    page.goto(chat.base_url + "/")
    page.wait_for_url("**/?lang=pl")
    page.locator('.bubble--bot[lang="pl"]').first.wait_for()
    # Back to English: a new conversation, and the bot answers in English.
    page.click(".chat__languages summary")
    page.click('.chat__languages a[lang="en"]')
    page.wait_for_selector(".bubble--bot")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("sessionStorage.getItem('llr-chat-session')") != first_session
    context.close()
    # Another tab's session starts in English.
    other = browser.new_context(viewport=PHONE)
    fresh = other.new_page()
    fresh.goto(chat.base_url + "/")
    fresh.wait_for_selector(".bubble--bot")
    assert fresh.evaluate("document.documentElement.lang") == "en"
    other.close()


def test_a_message_typed_in_a_language_is_answered_in_it(context, chat):
    page = context.new_page()
    page.goto(chat.base_url + "/")
    page.wait_for_selector(".bubble--bot")
    send(page, family_messages("ar")["families"][0])
    reply = page.locator('.bubble--bot[lang="ar"]').first
    reply.wait_for()
    assert page.evaluate("getComputedStyle(document.querySelector('.bubble--bot[lang=\"ar\"] p')).direction") == "rtl"
    assert reply.inner_text().endswith(_first_words("ar", "utter_families_welcome"))


def test_english_in_an_urdu_page_keeps_a_latin_font(context, chat):
    page = context.new_page()
    page.goto(f"{chat.base_url}/?lang=ur")
    page.locator('.bubble--bot[lang="ur"]').first.wait_for()
    send(page, "they want me to go OT")
    page.locator('.bubble--bot[lang="en"]').first.wait_for()
    fonts = _fonts(page, '.bubble--bot[lang="en"] p')
    assert fonts and not any("Nastaliq" in font for font in fonts), fonts
