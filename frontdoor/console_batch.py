"""Batch testing: a youth worker pastes or uploads phrases the young people they work
with use, and sees for each what the bot understood and said first. Each phrase goes
into a console conversation of its own, as a young person's first message would, so
any row can be flagged like a turn of a conversation. The page sends the list a few
phrases at a time (BATCH_CHUNK) and shows the rows as they come.
"""
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, json

from .validation import BadRequest, parse_message

BATCH_CHUNK = 20
BATCH_MAX = 300  # phrases in one batch (the page enforces it; a chunk is at most BATCH_CHUNK)


def row(phrase: str, session_id: str, messages: list, turn: dict) -> dict:
    net = turn["safety_net"]
    return {
        "phrase": phrase, "session_id": session_id, "turn": turn["index"],
        "intent": turn["intent"]["name"], "confidence": turn["intent"]["confidence"],
        "safety": turn["safety"], "safety_rule": net.get("rule"),
        "first_reply": messages[0]["text"] if messages else "",
        "actions": turn["actions"],
    }


def add_routes(bp: Blueprint, console) -> None:
    @bp.post("/api/batch")
    @console.guarded()
    async def batch(request: Request, staff, data) -> HTTPResponse:
        phrases = data.get("phrases")
        if not isinstance(phrases, list) or not 0 < len(phrases) <= BATCH_CHUNK:
            raise BadRequest(f"Send phrases as a list of 1 to {BATCH_CHUNK} texts.")
        texts = [parse_message({"message": phrase}, request.app.ctx.payloads) for phrase in phrases]
        if any(len(text) > console.settings.max_message_chars for text in texts):
            raise BadRequest(f"A phrase is at most {console.settings.max_message_chars} characters.")
        rows = []
        for text in texts:
            session_id = await console.new_conversation(staff)
            messages, turn = await console.say(request, session_id, text)
            rows.append(row(text, session_id, messages, turn))
        return json({"rows": rows})
