"""Replies the front door gives by itself, built from the contact directory."""
from typing import Dict, List

from safeguarding.contacts import load_contacts, template_vars
from safeguarding.languages import fill, load_languages
from safeguarding.risk import DANGER, SELF_HARM, assess, findings

from .domain_words import paragraphs


def safe_fallback(user_text: str) -> List[Dict]:
    """When Rasa is slow, down or erroring: a short safe message, emergency number and Childline.
    A danger or self-harm message still gets the bot's own first words for it (domain.yml,
    and before them its translation when the message was in a family's language),
    the emergency number first; both in one message get the danger words first, then the crisis lines."""
    found = findings(user_text)
    risks = {finding.risk for finding in found}
    if not risks:
        return [{"text": "Sorry, I can't answer properly right now."}] + _emergency_lines()
    # Said in a family's language by its own words: its translation first, as the bot would.
    translated = [_translated(finding.risk, finding.language) for finding in found[:1] if finding.language]
    lines = []
    if DANGER in risks:
        lines.append(paragraphs("utter_danger")[0])
    if SELF_HARM in risks:
        lines += [paragraphs("utter_self_harm")[0], paragraphs("utter_ask_safe_now", {SELF_HARM: True})[0]]
    else:
        lines.append(_emergency_lines()[1]["text"])
    return translated + [{"text": line} for line in lines]


def _translated(risk: str, code: str) -> Dict:
    reply = load_languages()[code].responses[f"utter_{risk}"]
    return {"text": fill(reply, template_vars(load_contacts())).split("\n\n")[0].strip(), "lang": code}


def too_long(user_text: str, limit: int) -> List[Dict]:
    """A polite reply to an over-long message; danger in it still gets the safety reply."""
    return _unless_at_risk(user_text, f"That's a long message. Could you send it in shorter parts, up to {limit} characters each?")


def slow_down(user_text: str) -> List[Dict]:
    """Too many messages too fast. Danger in the message still gets the safety reply."""
    return _unless_at_risk(user_text, "You're sending messages very fast. Please wait a minute, then try again.")


def busy(user_text: str) -> List[Dict]:
    """Too many messages from everyone, or from one shared network. Danger in the
    message still gets the safety reply."""
    return _unless_at_risk(user_text, "Lots of messages are arriving right now. Please wait a minute, then try again.")


def _unless_at_risk(user_text: str, notice: str) -> List[Dict]:
    """The notice and the emergency lines, or the safety reply if the text is about danger."""
    if assess(user_text):
        return safe_fallback(user_text)
    return [{"text": notice}] + _emergency_lines()


def _emergency_lines() -> List[Dict]:
    c = load_contacts()
    return [
        {"text": f"If you are in danger, call {c['emergency'].phone}."},
        {"text": f"To talk to someone now, call Childline on {c['childline'].phone}, free, any time."},
    ]


def widget_config(exit_url: str, max_chars: int) -> Dict:
    """What the page needs before it can reach the server: the welcome, the words to
    show when the server cannot be reached, and which numbers to make tappable."""
    c = load_contacts()
    welcome = [
        {"text": paragraphs("utter_greet")[0]},  # the bot's own greeting (domain.yml)
        {
            "text": f"This is not an emergency service. If you are in danger, call {c['emergency'].phone}. "
            "You don't have to give your name, and I can't see who you are."
        },
        {
            "text": "If you talk to a service like Childline, they keep it private unless they think "
            "you or someone else is in danger. Then they may need to tell someone to keep you safe."
        },
        {"text": "What's happening? Tell me in your own words.", "buttons": []},
    ]
    return {
        "welcome": welcome,
        "offline": [{"text": "I can't connect right now."}] + _emergency_lines(),
        "exit_url": exit_url,
        "max_chars": max_chars,
        "phones": sorted({x.phone for x in c.values() if x.phone} | {x.text for x in c.values() if x.text}, key=len, reverse=True),
        "texts": [{"number": x.text, "word": x.text_word} for x in c.values() if x.text],
    }
