""""What happens to what you type" (/privacy): the words of data/privacy.yml, with the
numbers from data/contacts.yml and the retention the service is configured with.
Server-rendered, so it works without JavaScript."""
import html
from typing import Dict

import yaml

from project import DATA_DIR
from safeguarding.contacts import Contact, template_vars
from safeguarding.languages import ENGLISH, fill, load_languages

from . import replies
from .chat_page import Links
from .pages import exit_link
from .settings import Settings

PRIVACY_FILE = DATA_DIR / "privacy.yml"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>{title}</title>
<link rel="stylesheet" href="/static/chat.css"><script src="/static/exit.js" defer></script></head>
<body><main class="page">
<p class="page__top"><a href="/">{back}</a> {exit}</p>
<h1>{title}</h1>
<p>{intro}</p>
{sections}
</main></body></html>"""


def retention(days: float) -> str:
    return f"{days:g} day" + ("" if days == 1 else "s")


def render(settings: Settings, contacts: Dict[str, Contact]) -> str:
    words = yaml.safe_load(PRIVACY_FILE.read_text(encoding="utf-8"))
    values = {**template_vars(contacts), "retention": retention(settings.retention_days)}
    links = Links(replies.widget_config(settings.exit_url, settings.max_message_chars))
    ui = load_languages()[ENGLISH].ui
    sections = "\n".join(
        f"<section><h2>{html.escape(section['heading'])}</h2>"
        + "".join(f"<p>{links.html(fill(text, values))}</p>" for text in section["paragraphs"])
        + "</section>"
        for section in words["sections"]
    )
    return PAGE.format(
        title=html.escape(ui["privacy"]),
        intro=html.escape(words["intro"]),
        back=html.escape(ui["back_to_chat"]),
        exit=exit_link(ui, settings.exit_url),
        sections=sections,
    )
