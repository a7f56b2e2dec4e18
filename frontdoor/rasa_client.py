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


def transcript(events: List[Dict], unshown: frozenset = frozenset()) -> List[Dict]:
    """A conversation as the page shows it, from its tracker events: each of the user's
    messages (as stored, so with details removed) and the bot's bubbles, as to_bubbles
    makes them from what Rasa's REST channel sent, each marked "who". `unshown`: payloads
    the page sent by itself, which the widget shows no bubble for."""
    shown: List[Dict] = []
    said: List[Dict] = []  # the bot's messages since the user's last one, as the REST channel sent them
    for event in events:
        if event.get("event") == "bot":
            data = event.get("data") or {}
            said.append({"text": event.get("text"), "buttons": data.get("buttons")})
            if data.get("custom"):
                said.append({"custom": data["custom"]})
        elif event.get("event") == "user":
            shown += [{**bubble, "who": "bot"} for bubble in to_bubbles(said)]
            said = []
            if event.get("text") not in unshown:
                shown.append(user_bubble(event.get("text") or "", shown))
    return shown + [{**bubble, "who": "bot"} for bubble in to_bubbles(said)]


def user_bubble(text: str, before: List[Dict]) -> Dict:
    """The user's message as the widget shows it: a tapped button as its title."""
    since = len(before) - next((i for i, bubble in enumerate(reversed(before)) if bubble["who"] == "user"), len(before))
    titles = {button["payload"]: button["title"] for bubble in before[since:] for button in bubble["buttons"]}
    return {"who": "user", "text": titles.get(text, text), "buttons": [], "lang": None}


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
