"""The chat page (/) in each language. Without JavaScript it is the whole chat: the page's
form posts each turn to / and the answer is the page again, with the conversation so far
drawn on the server as chat.js draws it (the same bubbles, numbers as tel:/sms: links,
the bot's buttons as the form's submit buttons). With JavaScript, chat.js takes the form
over and nothing else changes (progressive enhancement)."""
import html
import json
import re
import secrets
from pathlib import Path
from string import Template
from typing import Dict, List, Mapping, Optional, Sequence
from urllib.parse import quote

from safeguarding.languages import ENGLISH, Language

from . import families_page, replies
from .pages import exit_announcements, exit_link
from .settings import Settings

STATIC = Path(__file__).resolve().parent / "static"
# As chat.js finds them (URL_RE and the "text ... to" before a number).
URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")
TEXT_TO = re.compile(r"\btext\b[^.]*\bto\s*$")


def new_session_id() -> str:
    """A conversation id as chat.js makes one: 16 random bytes in hex."""
    return secrets.token_hex(16)


class Links:
    """chat.js's links, drawn on the server: web addresses, phone numbers (tel:) and
    "text ... to N" (sms:, with the word to send), from the widget config's numbers."""

    def __init__(self, config: Mapping):
        self.phones: Sequence[str] = config["phones"]  # longest first, so no number is taken for part of another
        self.texts: Dict[str, Optional[str]] = {text["number"]: text["word"] for text in config["texts"]}

    def html(self, text: str) -> str:
        """The text as HTML, with its links."""
        found = [(m.start(), m.end(), m.group(0)) for m in URL.finditer(text)]
        for number in self.phones:
            for match in re.finditer(re.escape(number), text):
                found.append((match.start(), match.end(), self._href(number, text[max(0, match.start() - 24):match.start()])))
        parts, cursor = [], 0
        for start, end, href in sorted(found):
            if start < cursor:
                continue
            outside = ' target="_blank" rel="noopener noreferrer"' if href.startswith("http") else ""
            parts.append(f'{html.escape(text[cursor:start])}<a href="{html.escape(href)}"{outside}>'
                         f"{html.escape(text[start:end])}</a>")
            cursor = end
        return "".join(parts) + html.escape(text[cursor:])

    def _href(self, number: str, before: str) -> str:
        digits = number.replace(" ", "")
        if number in self.texts and TEXT_TO.search(before.lower()):
            word = self.texts[number]
            return f"sms:{digits}" + (f"?&body={quote(word, safe='')}" if word else "")
        return f"tel:{digits}"


class ChatPages:
    """The page in every language, filled in for each request with its conversation."""

    def __init__(self, settings: Settings, languages: Mapping[str, Language]):
        self.template = Template((STATIC / "index.html").read_text(encoding="utf-8"))
        self.languages = languages
        self.exit_url = settings.exit_url
        self.config = replies.widget_config(settings.exit_url, settings.max_message_chars)
        self.links = Links(self.config)
        self.unshown = frozenset(language.button_payload() for language in languages.values())
        self.fixed = {code: self._fixed(language, settings) for code, language in languages.items()}

    def language(self, code: Optional[str]) -> Language:
        return self.languages.get(code or ENGLISH) or self.languages[ENGLISH]

    def welcome(self, language: Language) -> List[Dict]:
        """What the page opens with: the welcome in English; in another language, a button
        asking the bot for the families' welcome in it (chat.js sends it by itself)."""
        if language.code == ENGLISH:
            return [{"who": "bot", "lang": ENGLISH, "buttons": [], **message} for message in self.config["welcome"]]
        start = {"title": language.ui["families_info"], "payload": language.button_payload()}
        return [{"who": "bot", "text": "", "buttons": [start], "lang": language.code}]

    def page(self, code: Optional[str], session_id: str, conversation: Sequence[Dict] = (),
             notice: str = "") -> str:
        """The page; `conversation`: the bubbles said so far (rasa_client.transcript), when
        the chat was held without JavaScript; `notice`: a problem with the last form sent."""
        language = self.language(code)
        opening = self.welcome(language)
        if conversation:  # the opening's buttons are done with
            opening = [{**bubble, "buttons": []} for bubble in opening if bubble["text"]]
        served = bool(conversation)
        return self.template.substitute(
            self.fixed[language.code],
            session_id=html.escape(session_id, quote=True),
            log=self.log_html(language, [*opening, *conversation]),
            # A conversation held without JavaScript is deleted by the exit: a form button
            # then, and the link to the exit site (GOV.UK's) before there is any.
            exit_control=self.exit_button(language) if served else exit_link(language.ui, self.exit_url),
            error=f'<p class="chat__error" role="alert">{html.escape(notice)}</p>' if notice else "",
            served=' data-served="true"' if served else "",
        )

    def exit_button(self, language: Language) -> str:
        # formaction: the exit site is not opened at a #latest of its own.
        return ('<button type="submit" form="form" formaction="/" name="exit" value="1" class="chat__exit" id="quick-exit" '
                f'data-exit-url="{html.escape(self.exit_url, quote=True)}"{exit_announcements(language.ui)}>'
                f'{html.escape(language.ui["exit"])}</button>')

    def log_html(self, language: Language, bubbles: Sequence[Dict]) -> str:
        """The bubbles as chat.js draws them; only the latest reply keeps its buttons. The
        user's latest message is #latest, where the form's answer opens (action="/#latest"):
        without JavaScript nothing else scrolls the conversation to it."""
        last_user = max((i for i, bubble in enumerate(bubbles) if bubble["who"] == "user"), default=-1)
        parts = []
        for index, bubble in enumerate(bubbles):
            if bubble["text"]:
                said = language.ui["you_said" if bubble["who"] == "user" else "helper_said"]
                lang = f' lang="{html.escape(bubble["lang"])}"' if bubble.get("lang") else ""
                latest = ' id="latest"' if index == last_user else ""
                parts.append(f'<div class="bubble bubble--{bubble["who"]}"{lang}{latest}><span class="visually-hidden">'
                             f'{html.escape(said)} </span><p dir="auto">'
                             f'{self.links.html(bubble["text"])}</p></div>')
            if bubble["buttons"] and index > last_user:
                parts.append('<div class="quick-replies" role="group" aria-label="Suggested replies">' + "".join(
                    f'<button type="submit" form="form" name="payload" value="{html.escape(b["payload"], quote=True)}"'
                    f' class="quick-reply">{html.escape(b["title"])}</button>' for b in bubble["buttons"]) + "</div>")
        return "".join(parts)

    def _fixed(self, language: Language, settings: Settings) -> Dict[str, str]:
        """What a language's page has whatever the conversation."""
        config = dict(self.config)
        if language.code != ENGLISH:
            # The families' welcome comes from the bot, in the language: the page asks for it.
            config.update(welcome=[], language_payload=language.button_payload())
        config.update(language=language.code, ui={key: language.ui[key] for key in ("you_said", "helper_said")})
        notice = language.ui["translated_notice"]
        return {
            **{key: html.escape(value, quote=True) for key, value in language.ui.items()},
            "lang": language.code,
            "dir": language.direction,
            "config": html.escape(json.dumps(config), quote=True),
            "max_chars": str(settings.max_message_chars),
            "language_links": families_page.language_links(self.languages, language.code, "/?lang={code}"),
            "language_summary": self._word_for_language(language),
            "notice": f'<p class="chat__notice">{html.escape(notice)}</p>' if notice else "",
            # The privacy page is in English.
            "privacy_lang": "" if language.code == ENGLISH else ' hreflang="en"',
        }

    def _word_for_language(self, language: Language) -> str:
        """The menu's label: "Language" in this page's language, then in each of the others,
        so a parent who reads none of the page finds it."""
        others = [other for other in self.languages.values() if other.code != language.code]
        return " · ".join(
            f'<span lang="{lang.code}" dir="{lang.direction}">{html.escape(lang.ui["language"])}</span>'
            for lang in [language] + others
        )
