"""The chat page drawn on the server, for a browser without JavaScript: links as chat.js
makes them, the conversation read back from Rasa's tracker events, and the page with its
latest buttons as the form's submit buttons. tests/browser/test_pages.py holds a whole
conversation with JavaScript off through the real stack."""
import re

import pytest

from frontdoor.chat_page import ChatPages, Links
from frontdoor.rasa_client import transcript
from frontdoor.replies import widget_config
from frontdoor.settings import Settings
from safeguarding.languages import load_languages

LANGUAGES = load_languages()
SETTINGS = Settings(tracker_db_url="sqlite://", exit_url="https://exit.example/weather")
PAGES = ChatPages(SETTINGS, LANGUAGES)
LINKS = Links(widget_config(SETTINGS.exit_url, SETTINGS.max_message_chars))


@pytest.mark.parametrize("text, link", [
    ("call 999 now", '<a href="tel:999">999</a>'),
    ("Childline: call 0800 1111", '<a href="tel:08001111">0800 1111</a>'),
    ("text SHOUT to 85258, free", '<a href="sms:85258?&amp;body=SHOUT">85258</a>'),
    ("or text them to 116 000", '<a href="sms:116000">116 000</a>'),
    ("call SafeCall on 116 000", '<a href="tel:116000">116 000</a>'),
    ("see https://www.childline.org.uk/get-support/.", '<a href="https://www.childline.org.uk/get-support/" '
                                                       'target="_blank" rel="noopener noreferrer">'),
])
def test_links_are_made_as_chat_js_makes_them(text, link):
    assert link in LINKS.html(text)


def test_text_is_escaped_around_and_inside_links():
    drawn = LINKS.html('<script>x</script> call 999 & "go"')
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn and "&amp; &quot;go&quot;" in drawn


def bot(text, buttons=None, custom=None):
    return {"event": "bot", "text": text, "data": {"buttons": buttons, "custom": custom}}


def user(text):
    return {"event": "user", "text": text}


WHO = [{"title": "Who can I talk to?", "payload": "/who_to_talk_to"}]
EVENTS = [
    {"event": "action", "name": "action_session_start"},
    user("hi my name is [name]"),
    bot("Hi.\n\nWhat's happening?", WHO),
    user("/who_to_talk_to"),
    bot("Childline: call 0800 1111."),
    {"event": "slot", "name": "area", "value": "rutland"},
]


def test_the_conversation_is_read_back_from_the_tracker_events():
    said = transcript(EVENTS)
    assert [(b["who"], b["text"]) for b in said] == [
        ("user", "hi my name is [name]"),  # as stored: with the details removed
        ("bot", "Hi."), ("bot", "What's happening?"),
        ("user", "Who can I talk to?"),  # a tapped button shows its title, as in the widget
        ("bot", "Childline: call 0800 1111."),
    ]
    assert said[2]["buttons"] == WHO


def test_the_page_own_language_request_shows_no_bubble_and_translations_keep_their_language():
    asked = LANGUAGES["pl"].button_payload()
    said = transcript([user(asked), bot("Witaj.\n\nHello."), {"event": "bot", "text": None,
                                                             "data": {"custom": {"lang": "pl", "paragraphs": 1, "of": 2}}}],
                      PAGES.unshown)
    assert [(b["who"], b["text"], b["lang"]) for b in said] == [("bot", "Witaj.", "pl"), ("bot", "Hello.", "en")]


def test_a_page_before_any_conversation_has_the_welcome_a_new_id_and_the_exit_link():
    page = PAGES.page("en", "a" * 32)
    assert '<form class="chat__form" id="form" method="post" action="/#latest"' in page
    assert '<input type="hidden" name="session_id" value="' + "a" * 32 + '">' in page
    assert '<a class="chat__exit" id="quick-exit" href="https://exit.example/weather"' in page
    assert "chatbot, not a person" in page and 'href="tel:999"' in page
    assert 'href="/privacy"' in page and "data-served" not in page


def test_a_conversation_page_keeps_only_the_latest_buttons_as_the_form_submit_buttons():
    page = PAGES.page("en", "a" * 32, transcript(EVENTS + [user("hmm"), bot("Pick one.", WHO)]))
    buttons = re.findall(r'<button type="submit" form="form" name="payload" value="([^"]*)"', page)
    assert buttons == ["/who_to_talk_to"]  # the latest reply's, not the earlier one's
    assert page.index("hi my name is [name]") < page.index("Pick one.")
    # Held on the server now, the quick exit deletes it: a button of the form.
    assert '<button type="submit" form="form" formaction="/" name="exit" value="1" class="chat__exit" id="quick-exit"' in page
    assert page.count('id="latest"') == 1 and page.index('id="latest"') > page.index("hi my name is [name]")
    assert 'data-exit-url="https://exit.example/weather"' in page and 'data-served="true"' in page


def test_what_anyone_wrote_is_shown_as_text():
    page = PAGES.page("en", "a" * 32, transcript([user('<img src=x onerror="alert(1)">'), bot("<b>ok</b>")]))
    assert "<img" not in page and "<b>" not in page and "&lt;img src=x" in page


def test_in_another_language_the_page_asks_the_bot_for_its_welcome_with_a_button():
    page = PAGES.page("pl", "a" * 32)
    asked = LANGUAGES["pl"].button_payload().replace('"', "&quot;")
    assert f'name="payload" value="{asked}" class="quick-reply">{LANGUAGES["pl"].ui["families_info"]}<' in page
    assert 'href="/privacy" hreflang="en"' in page
    # Once the conversation is under way, that button is gone.
    assert asked not in PAGES.page("pl", "a" * 32, transcript([user("x"), bot("y")]))
