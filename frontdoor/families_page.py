"""Information for families, a page per language (/families/<code>): the families'
responses of domain.yml, or their translations in data/i18n, with tappable numbers.
Server-rendered, so it works without JavaScript and can be printed or shared."""
import html
import re
from typing import Dict, List, Mapping

from safeguarding.contacts import Contact, template_vars
from safeguarding.languages import PARAGRAPH, Language, family_topics, fill

from .domain_words import paragraphs
from .pages import exit_link

PAGE = """<!doctype html>
<html lang="{code}" dir="{dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>{title}</title>
<link rel="stylesheet" href="/static/chat.css"><script src="/static/exit.js" defer></script></head>
<body><main class="families">
<p class="page__top"><a href="/?lang={code}">{back}</a> {exit}</p>
<h1>{title}</h1>
{notice}
<nav aria-label="{language}"><ul class="languages">{links}</ul></nav>
{sections}
</main></body></html>"""


def _phone_links(contacts: Mapping[str, Contact]) -> re.Pattern:
    numbers = sorted({c.phone for c in contacts.values() if c.phone}, key=len, reverse=True)
    return re.compile(r"(?<!\d)(" + "|".join(re.escape(html.escape(n)) for n in numbers) + r")(?!\d)")


def _paragraph(text: str, phones: re.Pattern) -> str:
    linked = phones.sub(lambda m: f'<a href="tel:{m.group(1).replace(" ", "")}">{m.group(1)}</a>', html.escape(text))
    return f'<p dir="auto">{linked}</p>'


def _texts(name: str, language: Language, values: Mapping[str, str]) -> List[str]:
    if name not in language.responses:
        return paragraphs(name)  # English, from domain.yml
    return [p.strip() for p in PARAGRAPH.split(fill(language.responses[name], values)) if p.strip()]


def language_links(languages: Mapping[str, Language], current: str, href: str) -> str:
    """The language menu's items, each language named in its own script and marked as such."""
    return "".join(
        f'<li><a href="{href.format(code=lang.code)}" lang="{lang.code}" hreflang="{lang.code}" dir="{lang.direction}"'
        + (' aria-current="page"' if lang.code == current else "")
        + f">{html.escape(lang.name)}</a></li>"
        for lang in languages.values()
    )


def render(language: Language, languages: Mapping[str, Language], contacts: Mapping[str, Contact], exit_url: str) -> str:
    values = template_vars(dict(contacts))
    phones = _phone_links(contacts)
    intro = _texts("utter_families_welcome", language, values)[:-1]  # not its closing question
    sections = ["<section>" + "".join(_paragraph(p, phones) for p in intro) + "</section>"]
    for topic in family_topics(languages):
        body = "".join(_paragraph(p, phones) for p in _texts(f"utter_families_{topic}", language, values))
        sections.append(f"<section><h2>{html.escape(language.buttons[topic])}</h2>{body}</section>")
    notice = language.ui["translated_notice"]
    ui = {key: html.escape(value) for key, value in language.ui.items()}
    return PAGE.format(
        code=language.code,
        dir=language.direction,
        title=ui["families_info"],
        back=ui["back_to_chat"],
        exit=exit_link(language.ui, exit_url),
        language=ui["language"],
        notice=f'<p class="families__notice">{html.escape(notice)}</p>' if notice else "",
        links=language_links(languages, language.code, "/families/{code}"),
        sections="\n".join(sections),
    )


def render_all(languages: Mapping[str, Language], contacts: Mapping[str, Contact], exit_url: str) -> Dict[str, str]:
    return {code: render(language, languages, contacts, exit_url) for code, language in languages.items()}
