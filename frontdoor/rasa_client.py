"""Talks to the Rasa server(s) over loopback: REST channel for messages, health checks."""
import asyncio
import itertools
import re
from typing import Dict, List, Optional

import aiohttp

ENGLISH = "en"
PARAGRAPH = re.compile(r"\n\s*\n")


class RasaUnavailable(Exception):
    """No Rasa server gave a usable answer in time."""


def to_bubbles(rasa_messages: List[Dict]) -> List[Dict]:
    """Rasa's REST output to the front door's: one bubble per paragraph, buttons on the
    last, and each bubble's language. English, unless a translated response says which
    of its paragraphs are in another language in its `custom` part, which Rasa's REST
    channel sends as a message of its own after the response's text (itself sent as
    one message per paragraph when it has no buttons). A list of services comes the same
    way: its cards (`custom` {"signposts": [...]}) go on the bubble of the list, its last."""
    bubbles: List[Dict] = []
    for message in rasa_messages:
        custom = message.get("custom") or {}
        if custom.get("lang") and not message.get("text"):
            response = bubbles[len(bubbles) - custom.get("of", 0):]
            for bubble in response[:custom.get("paragraphs", 0)]:
                bubble["lang"] = custom["lang"]
            continue
        if custom.get("signposts") and not message.get("text") and bubbles:
            bubbles[-1]["cards"] = custom["signposts"]
            continue
        paragraphs = [p.strip() for p in PARAGRAPH.split(message.get("text") or "") if p.strip()]
        for paragraph in paragraphs:
            bubbles.append({"text": paragraph, "buttons": [], "lang": ENGLISH})
        buttons = [
            {"title": b.get("title", ""), "payload": b.get("payload", "")}
            for b in message.get("buttons") or []
        ]
        if buttons:
            if not paragraphs:
                bubbles.append({"text": "", "buttons": [], "lang": ENGLISH})
            bubbles[-1]["buttons"] = buttons
    return bubbles


class RasaClient:
    """Spreads conversations' messages over the Rasa servers, skipping any that fail."""

    def __init__(self, urls: List[str], session: aiohttp.ClientSession, token: Optional[str] = None):
        self.urls = urls
        self.session = session
        self.token = token
        self._next = itertools.cycle(range(len(urls)))

    def _order(self) -> List[str]:
        start = next(self._next)
        return self.urls[start:] + self.urls[:start]

    async def send(self, sender: str, text: str, timeout_s: float) -> List[Dict]:
        timeout = aiohttp.ClientTimeout(total=timeout_s)
        for url in self._order():
            try:
                async with self.session.post(
                    f"{url}/webhooks/rest/webhook",
                    json={"sender": sender, "message": text},
                    timeout=timeout,
                ) as response:
                    if response.status == 200:
                        return to_bubbles(await response.json())
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                continue
        raise RasaUnavailable()

    def _params(self, **params: str) -> Dict[str, str]:
        return {**params, "token": self.token} if self.token else params

    async def tracker(self, sender: str, timeout_s: float) -> Dict:
        """A conversation's stored events (the HTTP API; any server, the store is shared)."""
        timeout = aiohttp.ClientTimeout(total=timeout_s)
        params = self._params(include_events="ALL")
        for url in self._order():
            try:
                async with self.session.get(f"{url}/conversations/{sender}/tracker", params=params, timeout=timeout) as response:
                    if response.status == 200:
                        return await response.json()
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                continue
        raise RasaUnavailable()

    async def ready(self, timeout_s: float) -> bool:
        """True when at least one Rasa server has loaded a model."""
        timeout = aiohttp.ClientTimeout(total=timeout_s)
        params = self._params()
        for url in self.urls:
            try:
                async with self.session.get(f"{url}/status", params=params, timeout=timeout) as response:
                    if response.status == 200 and (await response.json()).get("model_file"):
                        return True
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                continue
        return False
