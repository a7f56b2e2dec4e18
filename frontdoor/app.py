"""The front door: serves the widget, validates and forwards chat to Rasa, and always
answers, falling back to its own safe reply (emergency number, Childline) when Rasa cannot.

`create_app` builds the state on `app.ctx`; the handlers below read it from there: the
pages on `pages`, the chat API on `api`, and the hooks every response goes through."""
import asyncio
import logging
import traceback
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import aiohttp
from sanic import Blueprint, Sanic
from sanic.exceptions import NotFound, SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, json, redirect
from sqlalchemy.exc import SQLAlchemyError

from addons.conversations import Conversations
from project import PROJECT_ROOT
from safeguarding.clarify import load_clarify
from safeguarding.contacts import load_contacts
from safeguarding.languages import language_buttons, load_languages

from . import contacts_page, families_page, privacy_page, replies
from .chat_page import ChatPages, new_session_id
from .console import console_blueprint
from .pages import html_response, static_files
from .proxy import client_address, is_https
from .rate_limit import EVERYONE, SESSION, RateLimiter
from .rasa_client import RasaClient, RasaUnavailable, transcript, user_bubble
from .settings import Settings
from .validation import (BadRequest, ChatRequest, button_payloads, chat_request, parse_chat, parse_session_id,
                         require_form, require_json, session_id_in)

STATIC = Path(__file__).resolve().parent / "static"
logger = logging.getLogger("frontdoor")

pages = Blueprint("pages")
api = Blueprint("api")


def security_headers(settings: Settings) -> dict:
    ancestors = " ".join(["'self'"] + settings.allowed_origins)
    return {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            f"frame-ancestors {ancestors}"
        ),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "Cache-Control": "no-store",
    }


def create_app(settings: Optional[Settings] = None, name: str = "frontdoor") -> Sanic:
    settings = settings or Settings()
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = settings.max_body_bytes
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.config.ACCESS_LOG = False  # access logs would hold client addresses
    app.ctx.settings = settings
    # The bot's own buttons: the domain's, the "Did you mean…?" guesses (data/clarify.yml)
    # and the language menu's (data/i18n).
    languages = load_languages()
    app.ctx.payloads = (
        button_payloads(PROJECT_ROOT / "domain.yml")
        | frozenset(load_clarify().payloads())
        | frozenset(button["payload"] for button in language_buttons(languages))
    )
    app.ctx.conversations = Conversations(settings.tracker_db_url)
    app.ctx.limiter = RateLimiter(settings.per_session_per_minute, settings.per_client_per_minute,
                                  settings.overall_per_minute)
    app.ctx.headers = security_headers(settings)
    app.ctx.chat_pages = ChatPages(settings, languages)
    app.ctx.privacy_page = privacy_page.render(settings, load_contacts())
    app.ctx.contacts_page = contacts_page.render(load_contacts(), settings.exit_url)
    app.ctx.families_pages = families_page.render_all(languages, load_contacts(), settings.exit_url)
    app.ctx.files = static_files(STATIC)
    # On the app, not a blueprint: a blueprint's middleware and exception handlers cover
    # only its own routes, and these must cover every response (404s, 405s, the console's).
    app.on_response(add_headers)
    app.on_response(cors)
    app.exception(SanicException)(plain_error)
    app.exception(Exception)(unexpected_error)
    app.blueprint(api)  # first: the tracker store is checked before the console opens its tables there
    app.blueprint(pages)
    app.blueprint(console_blueprint(settings, client_key))
    return app


def client(request: Request) -> str:
    """The client's address, behind as many proxies as the settings trust."""
    return client_address(request.ip, request.headers, request.app.ctx.settings.trusted_proxy_hops)


def client_key(request: Request) -> str:
    """The keyed hash of the client the console's sign-in throttle counts by."""
    return request.app.ctx.limiter.client_key(client(request))


@api.before_server_start
async def open_client(app: Sanic, _loop) -> None:
    # Not started at all rather than a quick exit that cannot delete.
    app.ctx.conversations.check()
    app.ctx.http = aiohttp.ClientSession()
    app.ctx.rasa = RasaClient(app.ctx.settings.rasa_urls, app.ctx.http, app.ctx.settings.rasa_token)


@api.after_server_stop
async def close_client(app: Sanic, _loop) -> None:
    await app.ctx.http.close()


async def add_headers(request: Request, response: HTTPResponse) -> None:
    settings = request.app.ctx.settings
    for key, value in request.app.ctx.headers.items():
        response.headers.setdefault(key, value)
    if is_https(request.scheme, request.headers, settings.trusted_proxy_hops):
        response.headers["Strict-Transport-Security"] = f"max-age={settings.hsts_max_age_s}"


async def cors(request: Request, response: HTTPResponse) -> None:
    origin = request.headers.get("origin")
    if origin and origin in request.app.ctx.settings.allowed_origins:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST"
        response.headers["Vary"] = "Origin"


async def plain_error(request: Request, error: SanicException) -> HTTPResponse:
    status = getattr(error, "status_code", 500)
    message = {
        404: "Not found.",
        405: "That method is not allowed here.",
        413: f"Request too large: at most {request.app.ctx.settings.max_body_bytes} bytes.",
    }.get(status, "Bad request.")
    return json({"error": message}, status=status if 400 <= status < 500 else 400)


async def unexpected_error(_request: Request, error: Exception) -> HTTPResponse:
    # A fault of ours: answered as JSON with the emergency lines, logged by type and
    # place only, as an exception's message can quote what the user sent.
    logger.error("Unexpected %s", where(error))
    return json({"error": "Something went wrong here.", "messages": _with_buttons(replies.safe_fallback(""))},
                status=500)


@api.options("/api/chat", name="preflight_api_chat")
@api.options("/api/forget", name="preflight_api_forget")
async def preflight(_request: Request) -> HTTPResponse:
    # A partner page's browser asks before it POSTs JSON; `cors` adds the answer.
    return HTTPResponse(status=204)


@pages.get("/")
async def index(request: Request) -> HTTPResponse:
    """The chat, in the language asked for (?lang=pl) or English, with a new conversation
    id for its form (chat.js keeps its own in sessionStorage)."""
    return html_response(request.app.ctx.chat_pages.page(request.args.get("lang"), new_session_id()))


@pages.post("/")
async def chat_without_script(request: Request) -> HTTPResponse:
    """The chat page's form, sent by a browser without JavaScript: a message or a tapped
    button (answered as /api/chat answers it, with the page and the conversation so far),
    "Clear chat" (deleted, and a new conversation), or the quick exit (deleted, and away)."""
    ctx = request.app.ctx
    fields = {name: request.form.get(name) for name in ("session_id", "lang", "message", "payload", "clear", "exit")}
    code = fields["lang"]
    try:
        require_form(request.content_type, request.headers.get("sec-fetch-site"))
        session_id = session_id_in(fields)
    except BadRequest as error:
        if fields["exit"]:
            return redirect(ctx.settings.exit_url, status=303)  # the exit never stops to explain
        return html_response(ctx.chat_pages.page(code, new_session_id(), notice=str(error)), status=error.status)
    if fields["exit"]:
        await forget_conversation(request, session_id)  # leaving comes first, deleted or not
        return redirect(ctx.settings.exit_url, status=303)
    if fields["clear"]:
        problem = await forget_conversation(request, session_id)
        if not problem:
            return html_response(ctx.chat_pages.page(code, new_session_id()))
        status, notice = problem
        return html_response(ctx.chat_pages.page(code, session_id, await said_so_far(request, session_id), notice),
                             status=status)
    conversation = await said_so_far(request, session_id)
    try:
        said = chat_request({"session_id": session_id, "message": fields["payload"] or fields["message"]}, ctx.payloads)
    except BadRequest as error:
        return html_response(ctx.chat_pages.page(code, session_id, conversation, str(error)), status=error.status)
    status, messages = await take_turn(request, said)
    if said.message not in ctx.chat_pages.unshown:
        conversation.append(user_bubble(said.message, conversation))
    conversation += [{**message, "who": "bot"} for message in _with_buttons(messages)]
    return html_response(ctx.chat_pages.page(code, session_id, conversation), status=status)


@pages.get("/privacy")
async def privacy(request: Request) -> HTTPResponse:
    return html_response(request.app.ctx.privacy_page)


@pages.get("/families/<code>")
async def families(request: Request, code: str) -> HTTPResponse:
    if code not in request.app.ctx.families_pages:
        raise NotFound("Not found.")
    return html_response(request.app.ctx.families_pages[code])


@pages.get("/contacts")
async def contacts(request: Request) -> HTTPResponse:
    return html_response(request.app.ctx.contacts_page)


@pages.get("/static/<name>")
async def static(request: Request, name: str) -> HTTPResponse:
    if name not in request.app.ctx.files:
        raise NotFound("Not found.")
    body, kind = request.app.ctx.files[name]
    return HTTPResponse(body, content_type=kind)


@api.post("/api/chat")
async def chat(request: Request) -> HTTPResponse:
    try:
        require_json(request.content_type)
        said = parse_chat(request.body, request.app.ctx.payloads)
    except BadRequest as error:
        return json({"error": str(error)}, status=error.status)
    status, messages = await take_turn(request, said)
    if status != 200:
        return json({"error": messages[0]["text"], "messages": _with_buttons(messages)}, status=status)
    return json({"messages": _with_buttons(messages)})


async def take_turn(request: Request, said: ChatRequest) -> Tuple[int, List[Dict]]:
    """One message of the chat, from /api/chat or the page's form: the HTTP status and
    the bot's messages, or the front door's own (too fast, too long, Rasa not answering)."""
    ctx, settings = request.app.ctx, request.app.ctx.settings
    text = said.message
    refused = ctx.limiter.refused(client(request), said.session_id)
    if refused:
        # Too fast in this conversation, or too much from this network or from everyone.
        messages = replies.slow_down(text) if refused == SESSION else replies.busy(text)
        return (503 if refused == EVERYONE else 429), messages
    if len(text) > settings.max_message_chars:
        # A long message is answered, not refused; danger in it still gets the emergency number.
        return 200, replies.too_long(text, settings.max_message_chars)
    try:
        messages = await asyncio.wait_for(
            ctx.rasa.send(said.session_id, text, settings.rasa_timeout_s),
            timeout=settings.rasa_timeout_s + 1,
        )
    except (RasaUnavailable, asyncio.TimeoutError):
        logger.warning("Rasa did not answer in time; sent the safe fallback")
        messages = replies.safe_fallback(text)
    return 200, messages or replies.safe_fallback(text)


async def said_so_far(request: Request, session_id: str) -> List[Dict]:
    """The conversation's bubbles from Rasa's tracker; none when Rasa cannot say (the page
    then shows the turn being answered only)."""
    ctx = request.app.ctx
    try:
        # Read before the turn, and briefly: the turn still has its own time, inside the 10 s.
        tracker = await ctx.rasa.tracker(session_id, ctx.settings.health_timeout_s)
    except RasaUnavailable:
        return []
    return transcript(tracker.get("events") or [], ctx.chat_pages.unshown)


@api.post("/api/forget")
async def forget(request: Request) -> HTTPResponse:
    """Quick exit and clear chat: delete the conversation now, not after retention."""
    try:
        require_json(request.content_type)
        session_id = parse_session_id(request.body)
    except BadRequest as error:
        return json({"error": str(error)}, status=error.status)
    problem = await forget_conversation(request, session_id)
    if problem:
        status, error = problem
        return json({"forgotten": False, "error": error}, status=status)
    return json({"forgotten": True})


async def forget_conversation(request: Request, session_id: str) -> Optional[Tuple[int, str]]:
    """Deletes the conversation from the tracker store; None when it is gone, else the
    HTTP status and why not. It never says a conversation is gone when it is not."""
    ctx = request.app.ctx
    # Limited per client and overall, not per conversation: a quick exit right after
    # a burst of messages must still delete them.
    if ctx.limiter.refused(client(request)):
        return 429, "Too many requests. Please wait a minute, then try again."
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(None, ctx.conversations.forget, session_id)
    except SQLAlchemyError as error:
        logger.error("Could not delete a conversation: %s", type(error).__name__)
        return 503, "The conversation could not be deleted. Try again."
    return None


@api.get("/healthz")
async def healthz(request: Request) -> HTTPResponse:
    ctx, settings = request.app.ctx, request.app.ctx.settings
    rasa_ready = await ctx.rasa.ready(settings.health_timeout_s)
    checks = [_reachable(ctx.http, url, settings.health_timeout_s) for url in settings.action_urls]
    actions_ready = any(await asyncio.gather(*checks))
    ok = rasa_ready and actions_ready
    return json({"rasa": rasa_ready, "actions": actions_ready}, status=200 if ok else 503)


def where(error: BaseException) -> str:
    """An exception's type and the places it passed through, without its message."""
    places = [f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" for frame in traceback.extract_tb(error.__traceback__)]
    return " < ".join([type(error).__name__] + places[::-1])


def _with_buttons(messages: list) -> list:
    # "lang": the bubble's language, for screen readers and right-to-left scripts;
    # "cards": a list of services the widget shows as cards (README "Front door API").
    return [
        {"text": m.get("text", ""), "buttons": m.get("buttons", []), "lang": m.get("lang", "en"),
         **({"cards": m["cards"]} if m.get("cards") else {})}
        for m in messages
    ]


async def _reachable(http: aiohttp.ClientSession, url: str, timeout_s: float) -> bool:
    try:
        async with http.get(url, timeout=aiohttp.ClientTimeout(total=timeout_s)) as response:
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False
