"""Saving a console conversation as a test story (training/test_story.py).

A flagged turn is saved with the intent the worker said it should have been. What the
bot would then reply comes from the bot itself: the conversation is replayed in a
scratch conversation, the flagged turns sent as that intent (a "/intent{entities}"
payload, which Rasa takes as understood), and the scratch conversation is deleted.
"""
import json as jsonlib
import secrets

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, json

from project import PROJECT_ROOT
from training import test_story
from training.review_queue import NEW_SITUATION, REJECTED
from training.test_story import StoryExists
from training.turns import turns

from .validation import CONSOLE_PREFIX, BadRequest

MAX_STORY_NAME_CHARS = 80


def payload(intent: str, entities: list) -> str:
    values = {e["entity"]: e["value"] for e in entities}
    return f"/{intent}{jsonlib.dumps(values) if values else ''}"


async def replay(request: Request, console, said: list, intents: dict) -> list:
    """The turns the bot makes when the flagged turns are understood as `intents`."""
    scratch = CONSOLE_PREFIX + "replay-" + secrets.token_hex(8)
    rasa, timeout = request.app.ctx.rasa, console.settings.rasa_timeout_s
    try:
        for index, turn in enumerate(said):
            text = payload(intents[index], turn["entities"]) if index in intents else turn["text"]
            await rasa.send(scratch, text, timeout)
        return turns((await rasa.tracker(scratch, timeout)).get("events") or [])
    finally:
        await console.run(request.app.ctx.conversations.forget, scratch)


def shown(path) -> str:
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def exists(path) -> HTTPResponse:
    """Saving over a story asks first: the page asks, then sends replace: true."""
    return json({"error": f"A story called {path.name} exists. Replace it?", "exists": shown(path)}, status=409)


def add_routes(bp: Blueprint, console) -> None:
    @bp.post("/api/story")
    @console.guarded()
    async def save_story(request: Request, staff, data) -> HTTPResponse:
        session_id = await console.own_session(staff, data)
        name = data.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_STORY_NAME_CHARS:
            raise BadRequest(f"Give the story a name of at most {MAX_STORY_NAME_CHARS} characters.")
        directory = console.settings.console_stories_dir
        existing = test_story.path_for(directory, name.strip())
        replace = data.get("replace") is True
        if existing.exists() and not replace:
            return exists(existing)
        said = await console.turns(request, session_id)
        if not said:
            raise BadRequest("Say something to the bot first.")
        flags = await console.run(console.queue.for_conversation, session_id)
        # A rejected flag was wrong; one that names what the bot said corrects nothing.
        intents = {f.turn_index: f.expected_intent for f in flags
                   if f.status != REJECTED and f.turn_index < len(said)
                   and f.expected_intent != said[f.turn_index]["intent"]["name"]}
        if NEW_SITUATION in intents.values():
            raise BadRequest("A turn is flagged as a new situation, which has no intent a story can expect yet: "
                             "flag it with an intent to save this conversation.")
        if intents:
            said = test_story.corrected(said, await replay(request, console, said, intents), intents)
        try:
            path = await console.run(test_story.save, directory, name.strip(), said, staff.user, replace)
        except StoryExists as error:  # saved by someone else meanwhile
            return exists(error.path)
        return json({"path": shown(path), "corrected": sorted(i + 1 for i in intents)})
