"""The "All contacts" page: every service in data/contacts.yml, with its hours, who it
is for, where the details come from and when they were checked."""
import html
from typing import Dict

from safeguarding.contacts import Contact
from safeguarding.languages import ENGLISH, load_languages

from .pages import exit_link

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>All contacts</title><link rel="stylesheet" href="/static/chat.css">
<script src="/static/exit.js" defer></script></head>
<body><main class="contacts">
<p class="page__top"><a href="/">Back to the chat</a> {exit}</p>
<h1>All contacts</h1>
{rows}
</main></body></html>"""


def _hours(contact: Contact) -> str:
    if contact.hours == "always":
        return "Any time"
    if contact.hours == "unknown":
        return "Hours not published"
    days = ", ".join(day.capitalize() for day in contact.hours["days"])
    return f"{days}, {contact.hours['open']} to {contact.hours['close']}"


def _ways(contact: Contact) -> str:
    ways = []
    if contact.phone:
        ways.append(f'Call <a href="tel:{html.escape(contact.phone.replace(" ", ""))}">{html.escape(contact.phone)}</a>')
    if contact.text:
        word = f"{html.escape(contact.text_word)} to " if contact.text_word else ""
        ways.append(f'Text {word}<a href="sms:{html.escape(contact.text.replace(" ", ""))}">{html.escape(contact.text)}</a>')
    if contact.web:
        ways.append(f'<a href="{html.escape(contact.web)}" rel="noopener noreferrer">{html.escape(contact.web)}</a>')
    return "<br>".join(ways)


def render(contacts: Dict[str, Contact], exit_url: str) -> str:
    rows = "\n".join(
        f"<section><h2>{html.escape(c.name)}</h2><p>{_ways(c)}</p>"
        f"<p>{html.escape(_hours(c))}. For {html.escape(c.for_whom)}.</p>"
        f"<p class=\"contacts__source\">Source: {html.escape(c.source)}, checked {c.checked.isoformat()}"
        + (f"; out of hours: {html.escape(contacts[c.out_of_hours].name)}" if c.out_of_hours else "")
        + "</p></section>"
        for c in contacts.values()
    )
    return PAGE.format(rows=rows, exit=exit_link(load_languages()[ENGLISH].ui, exit_url))
