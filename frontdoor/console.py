"""The staff console at /console: youth workers sign in, chat with the bot in test
conversations, see what it understood at each turn, flag wrong replies into the review
queue and save conversations as test stories.

Only staff test conversations (ids starting "console-", made here) can be flagged or
saved, never a young person's. POSTs must be JSON (a cross-site form cannot send it)
and the sign-in cookie is HttpOnly and SameSite=Strict.
"""
import asyncio
import secrets
from functools import partial, wraps
from pathlib import Path
from typing import Optional

import yaml
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, json

from project import PROJECT_ROOT
from training import test_story
from training.review_queue import NEW_SITUATION, AlreadyResolved, ReviewQueue
from training.turns import turns

from .pages import html_response
from .rasa_client import RasaUnavailable
from .settings import Settings
from .staff import Accounts, Sessions, SignInThrottle
from .validation import CONSOLE_PREFIX, BadRequest, json_object, parse_message

COOKIE = "llr_console"
STATIC = Path(__file__).resolve().parent / "static"
MAX_COMMENT_CHARS = 500
MAX_STORY_NAME_CHARS = 80
OFF_MESSAGE = (
    "The console is off: no staff account exists yet. A maintainer adds one on the server "
    "with: .venv/bin/python -m scripts.staff add NAME"
)


def domain_intents(domain_file: Path) -> list:
    with open(domain_file, encoding="utf-8") as handle:
        return sorted(yaml.safe_load(handle)["intents"])


def console_blueprint(settings: Settings, client_key) -> Blueprint:
    """`client_key(request)` gives the salted hash of the client used for throttling."""
    console = Blueprint("console", url_prefix="/console")
    accounts = Accounts(settings.console_accounts_file)
    sessions = Sessions(idle_s=settings.console_idle_minutes * 60)
    throttle = SignInThrottle()
    intents = domain_intents(PROJECT_ROOT / "domain.yml")
    console_page = (STATIC / "console.html").read_text(encoding="utf-8")
    queue: Optional[ReviewQueue] = None

    def review_queue() -> ReviewQueue:
        nonlocal queue
        if queue is None:
            queue = ReviewQueue(settings.tracker_db_url)
        return queue

    def signed_in(handler):
        @wraps(handler)
        async def wrapper(request: Request, *args, **kwargs):
            staff = sessions.get(request.cookies.get(COOKIE))
            if staff is None:
                return json({"error": "Sign in first."}, status=401)
            if request.method == "POST" and not (request.content_type or "").startswith("application/json"):
                return json({"error": "Send JSON."}, status=415)
            try:
                data = json_object(request.body) if request.method == "POST" else {}
                return await handler(request, staff, data, *args, **kwargs)
            except BadRequest as error:
                return json({"error": str(error)}, status=400)
            except RasaUnavailable:
                return json({"error": "The Rasa server did not answer."}, status=503)
        return wrapper

    def own_session(staff, data: dict) -> str:
        session_id = data.get("session_id")
        if session_id not in staff.test_sessions:
            raise BadRequest("Not one of your console conversations: start a new one.")
        return session_id

    async def conversation_turns(request: Request, session_id: str) -> list:
        tracker = await request.app.ctx.rasa.tracker(session_id, settings.rasa_timeout_s)
        return turns(tracker.get("events") or [])

    def in_thread(function, *args):
        return asyncio.get_running_loop().run_in_executor(None, function, *args)

    @console.get("/")
    async def page(_request: Request) -> HTTPResponse:
        if not accounts.any():
            return html_response(off_page(), status=503)
        return html_response(console_page)

    @console.post("/api/login")
    async def login(request: Request) -> HTTPResponse:
        if not accounts.any():
            return json({"error": OFF_MESSAGE}, status=503)
        try:
            data = json_object(request.body)
        except BadRequest as error:
            return json({"error": str(error)}, status=400)
        name, password = data.get("username"), data.get("password")
        if not isinstance(name, str) or not isinstance(password, str) or len(password) > 1024:
            return json({"error": "Give a name and a password."}, status=400)
        if not throttle.allow(name.lower(), client_key(request)):
            return json({"error": "Too many sign-in attempts. Wait 15 minutes and try again."}, status=429)
        if not await in_thread(accounts.verify, name, password):
            return json({"error": "That name and password do not match."}, status=401)
        response = json({"user": name})
        response.cookies[COOKIE] = sessions.start(name)
        cookie = response.cookies[COOKIE]
        cookie["httponly"], cookie["samesite"], cookie["path"] = True, "Strict", "/console"
        cookie["secure"] = is_https(request, settings)
        return response

    @console.post("/api/logout")
    async def logout(request: Request) -> HTTPResponse:
        sessions.end(request.cookies.get(COOKIE))
        response = json({"signed_out": True})
        del response.cookies[COOKIE]
        return response

    @console.get("/api/me")
    @signed_in
    async def me(_request: Request, staff, _data) -> HTTPResponse:
        return json({"user": staff.user, "intents": intents + [NEW_SITUATION]})

    @console.post("/api/conversation")
    @signed_in
    async def new_conversation(_request: Request, staff, _data) -> HTTPResponse:
        session_id = CONSOLE_PREFIX + secrets.token_hex(12)
        staff.test_sessions.add(session_id)
        return json({"session_id": session_id})

    @console.post("/api/chat")
    @signed_in
    async def chat(request: Request, staff, data) -> HTTPResponse:
        session_id = own_session(staff, data)
        text = parse_message(data, request.app.ctx.payloads)
        messages = await request.app.ctx.rasa.send(session_id, text, settings.rasa_timeout_s)
        said = await conversation_turns(request, session_id)
        return json({"messages": messages, "turn": said[-1] if said else None})

    @console.post("/api/flag")
    @signed_in
    async def flag(request: Request, staff, data) -> HTTPResponse:
        session_id = own_session(staff, data)
        expected, comment, index = data.get("intent"), data.get("comment", ""), data.get("turn")
        if expected not in intents and expected != NEW_SITUATION:
            raise BadRequest("Pick the intent it should have been, or 'new situation'.")
        if not isinstance(comment, str) or len(comment) > MAX_COMMENT_CHARS:
            raise BadRequest(f"A comment is text of at most {MAX_COMMENT_CHARS} characters.")
        said = await conversation_turns(request, session_id)
        if not isinstance(index, int) or not 0 <= index < len(said):
            raise BadRequest("No such turn in this conversation.")
        turn = said[index]
        try:
            added = await in_thread(partial(
                review_queue().add, staff.user, turn["text"], turn["intent"]["name"], turn["intent"]["confidence"],
                turn["actions"], expected, comment.strip(), conversation_id=session_id, turn_index=index,
                classifier_ranking=turn["classifier"],
            ))
        except AlreadyResolved as error:
            return json({"error": str(error)}, status=409)
        return json({"flag": added.id, "updated": added.updated})

    @console.post("/api/story")
    @signed_in
    async def save_story(request: Request, staff, data) -> HTTPResponse:
        session_id = own_session(staff, data)
        name = data.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_STORY_NAME_CHARS:
            raise BadRequest(f"Give the story a name of at most {MAX_STORY_NAME_CHARS} characters.")
        said = await conversation_turns(request, session_id)
        if not said:
            raise BadRequest("Say something to the bot first.")
        path = await in_thread(test_story.save, settings.console_stories_dir, name.strip(), said, staff.user)
        return json({"path": str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)})

    return console


def is_https(request: Request, settings: Settings) -> bool:
    if settings.trust_proxy:
        return request.headers.get("x-forwarded-proto", "") == "https"
    return request.scheme == "https"


def off_page() -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Console off</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f"<body><main><h1>Console off</h1><p>{OFF_MESSAGE}</p></main></body></html>"
    )
