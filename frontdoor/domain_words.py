"""The bot's own words from domain.yml, for the replies the front door gives by itself
when Rasa cannot answer: the same safety words as the bot's, with the numbers filled in
from data/contacts.yml, so they are written in one place."""
import re
from functools import lru_cache
from typing import Dict, List, Optional

import yaml

from project import PROJECT_ROOT
from safeguarding.contacts import load_contacts, template_vars

PARAGRAPH = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _responses() -> Dict[str, List[dict]]:
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def _matches(variation: dict, slots: Dict[str, object]) -> bool:
    return all(slots.get(c["name"]) == c["value"] for c in variation.get("condition") or [])


def paragraphs(name: str, slots: Optional[Dict[str, object]] = None) -> List[str]:
    """A response's text as the bot would say it with these slots (the first variation
    whose conditions hold, as Rasa picks), one entry per paragraph (bubble)."""
    slots = slots or {}
    variations = _responses()[name]
    conditional = [v for v in variations if v.get("condition") and _matches(v, slots)]
    variation = (conditional or [v for v in variations if not v.get("condition")])[0]
    text = variation["text"].format(**template_vars(load_contacts()))
    return [p.strip() for p in PARAGRAPH.split(text) if p.strip()]
