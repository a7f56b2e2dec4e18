"""The staff console at /console: youth workers sign in, chat with the bot in test
conversations, see what it understood at each turn, flag wrong replies into the review
queue, test many phrases at once and save conversations as test stories; maintainers
also review the queue and read the last retrain report (frontdoor/console_review.py).

Only staff test conversations (ids starting "console-", made here) can be flagged or
saved, and only by the worker who started them. POSTs must be JSON (a cross-site form
cannot send it) and the sign-in cookie is HttpOnly and SameSite=Strict.
"""
import asyncio
import secrets
from dataclasses import dataclass
from functools import partial, wraps
from pathlib import Path
from typing import Optional

import sqlalchemy
import yaml
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, json

from project import PROJECT_ROOT
from training.review_queue import NEW_SITUATION, AlreadyResolved, ReviewQueue
from training.turns import turns

from . import console_batch, console_review, console_stories
from .pages import html_response
from .proxy import is_https
from .rasa_client import RasaUnavailable
from .settings import Settings
from .sign_ins import SignIns, SignInThrottle
from .staff import MAINTAINER, Accounts
from .validation import CONSOLE_PREFIX, BadRequest, json_object, parse_message, require_json

COOKIE = "llr_console"
STATIC = Path(__file__).resolve().parent / "static"
MAX_COMMENT_CHARS = 500
OFF_MESSAGE = (
    "The console is off: no staff account exists yet. A maintainer adds one on the server "
    "with: .venv/bin/python -m scripts.staff add NAME"
)


def domain_intents(domain_file: Path) -> list:
    with open(domain_file, encoding="utf-8") as handle:
        return sorted(yaml.safe_load(handle)["intents"])


@dataclass(frozen=True)
class Staff:
    user: str
    role: str


class Console:
    """What the console's routes share: settings, accounts, sign-ins, the review queue,
    and the checks every route makes."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.accounts = Accounts(settings.console_accounts_file)
        self.intents = domain_intents(PROJECT_ROOT / "domain.yml")
        self.sign_ins: Optional[SignIns] = None
        self.throttle: Optional[SignInThrottle] = None
        self.queue: Optional[ReviewQueue] = None

    def open(self) -> None:
        """At server start: the tables live in the tracker database."""
        engine = sqlalchemy.create_engine(self.settings.tracker_db_url)
        self.sign_ins = SignIns(engine, idle_s=self.settings.console_idle_minutes * 60)
        self.throttle = SignInThrottle(engine)
        self.queue = ReviewQueue(self.settings.tracker_db_url)

    @staticmethod
    def run(function, *args, **kwargs):
        """Database and file work off the event loop."""
        return asyncio.get_running_loop().run_in_executor(None, partial(function, *args, **kwargs))

    def staff(self, token: Optional[str]) -> Optional[Staff]:
        """Who is signed in with this token: the account must still exist, with the
        password it signed in with (removing it or a new password ends its sign-ins)."""
        sign_in = self.sign_ins.get(token)
        if sign_in is None:
            return None
        account = self.accounts.get(sign_in.user)
        if account is None or account.stamp != sign_in.account_stamp:
            self.sign_ins.end(token)
            return None
        return Staff(account.name, account.role)

    def guarded(self, role: Optional[str] = None):
        """The route needs a signed-in member of staff (and `role`, if given); its
        handler gets (request, staff, the JSON body of a POST)."""
        def decorator(handler):
            @wraps(handler)
            async def wrapper(request: Request, *args, **kwargs):
                staff = await self.run(self.staff, request.cookies.get(COOKIE))
                if staff is None:
                    return json({"error": "Sign in first."}, status=401)
                if role and staff.role != role:
                    return json({"error": f"Only a {role} can do this."}, status=403)
                try:
                    data = {}
                    if request.method == "POST":
                        require_json(request.content_type)
                        data = json_object(request.body)
                    return await handler(request, staff, data, *args, **kwargs)
                except BadRequest as error:
                    return json({"error": str(error)}, status=error.status)
                except RasaUnavailable:
                    return json({"error": "The Rasa server did not answer."}, status=503)
            return wrapper
        return decorator

    async def new_conversation(self, staff: Staff) -> str:
        session_id = CONSOLE_PREFIX + secrets.token_hex(12)
        await self.run(self.sign_ins.own, session_id, staff.user)
        return session_id

    async def own_session(self, staff: Staff, data: dict) -> str:
        session_id = data.get("session_id")
        if not isinstance(session_id, str) or await self.run(self.sign_ins.owner, session_id) != staff.user:
            raise BadRequest("Not one of your console conversations: start a new one.")
        return session_id

    async def turns(self, request: Request, session_id: str) -> list:
        tracker = await request.app.ctx.rasa.tracker(session_id, self.settings.rasa_timeout_s)
        return turns(tracker.get("events") or [])

    async def say(self, request: Request, session_id: str, text: str) -> tuple:
        """Sends a message; the bot's bubbles and the turn it made."""
        messages = await request.app.ctx.rasa.send(session_id, text, self.settings.rasa_timeout_s)
        said = await self.turns(request, session_id)
        return messages, said[-1] if said else None


def console_blueprint(settings: Settings, client_key) -> Blueprint:
    """`client_key(request)` gives the keyed hash of the client used for throttling."""
    console = Blueprint("console", url_prefix="/console")
    parts = Console(settings)
    console_page = (STATIC / "console.html").read_text(encoding="utf-8")

    @console.listener("before_server_start")
    async def open_tables(_app, _loop) -> None:
        await parts.run(parts.open)

    @console.get("/")
    async def page(_request: Request) -> HTTPResponse:
        if not parts.accounts.any():
            return html_response(off_page(), status=503)
        return html_response(console_page)

    @console.post("/api/login")
    async def login(request: Request) -> HTTPResponse:
        if not parts.accounts.any():
            return json({"error": OFF_MESSAGE}, status=503)
        try:
            require_json(request.content_type)
            data = json_object(request.body)
        except BadRequest as error:
            return json({"error": str(error)}, status=error.status)
        name, password = data.get("username"), data.get("password")
        if not isinstance(name, str) or not isinstance(password, str) or len(password) > 1024 or len(name) > 256:
            return json({"error": "Give a name and a password."}, status=400)
        client = client_key(request)
        wait_s = await parts.run(parts.throttle.try_now, name, client)
        if wait_s:
            return json({"error": f"Too many failed sign-ins for this name from here: try again in {wait_s:.0f} "
                                  "seconds, or ask a maintainer to unlock it."}, status=429)
        account = await parts.run(parts.accounts.verify, name, password)
        if account is None:
            return json({"error": "That name and password do not match."}, status=401)
        await parts.run(parts.throttle.succeeded, name, client)
        response = json({"user": account.name, "role": account.role})
        response.cookies[COOKIE] = await parts.run(parts.sign_ins.start, account.name, account.stamp)
        cookie = response.cookies[COOKIE]
        cookie["httponly"], cookie["samesite"], cookie["path"] = True, "Strict", "/console"
        cookie["secure"] = is_https(request.scheme, request.headers, settings.trusted_proxy_hops)
        return response

    @console.post("/api/logout")
    async def logout(request: Request) -> HTTPResponse:
        await parts.run(parts.sign_ins.end, request.cookies.get(COOKIE))
        response = json({"signed_out": True})
        del response.cookies[COOKIE]
        return response

    @console.get("/api/me")
    @parts.guarded()
    async def me(_request: Request, staff: Staff, _data) -> HTTPResponse:
        return json({"user": staff.user, "role": staff.role, "maintainer": staff.role == MAINTAINER,
                     "intents": parts.intents + [NEW_SITUATION],
                     "batch": {"chunk": console_batch.BATCH_CHUNK, "max": console_batch.BATCH_MAX}})

    @console.post("/api/conversation")
    @parts.guarded()
    async def new_conversation(_request: Request, staff: Staff, _data) -> HTTPResponse:
        return json({"session_id": await parts.new_conversation(staff)})

    @console.post("/api/chat")
    @parts.guarded()
    async def chat(request: Request, staff: Staff, data) -> HTTPResponse:
        session_id = await parts.own_session(staff, data)
        messages, turn = await parts.say(request, session_id, parse_message(data, request.app.ctx.payloads))
        return json({"messages": messages, "turn": turn})

    @console.post("/api/flag")
    @parts.guarded()
    async def flag(request: Request, staff: Staff, data) -> HTTPResponse:
        session_id = await parts.own_session(staff, data)
        expected, comment, index = data.get("intent"), data.get("comment", ""), data.get("turn")
        if expected not in parts.intents and expected != NEW_SITUATION:
            raise BadRequest("Pick the intent it should have been, or 'new situation'.")
        if not isinstance(comment, str) or len(comment) > MAX_COMMENT_CHARS:
            raise BadRequest(f"A comment is text of at most {MAX_COMMENT_CHARS} characters.")
        said = await parts.turns(request, session_id)
        if not isinstance(index, int) or not 0 <= index < len(said):
            raise BadRequest("No such turn in this conversation.")
        turn = said[index]
        try:
            added = await parts.run(
                parts.queue.add, staff.user, turn["text"], turn["intent"]["name"], turn["intent"]["confidence"],
                turn["actions"], expected, comment.strip(), conversation_id=session_id, turn_index=index,
                classifier_ranking=turn["classifier"],
            )
        except AlreadyResolved as error:
            return json({"error": str(error)}, status=409)
        return json({"flag": added.id, "updated": added.updated})

    console_stories.add_routes(console, parts)
    console_batch.add_routes(console, parts)
    console_review.add_routes(console, parts)
    return console


def off_page() -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Console off</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f"<body><main><h1>Console off</h1><p>{OFF_MESSAGE}</p></main></body></html>"
    )
