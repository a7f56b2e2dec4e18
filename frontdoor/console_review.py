"""The maintainers' part of the console: the review queue (accept, reject, undo, through
training/review_actions.py, the same code and checks as `python -m scripts.review`) and
the last retrain report. Youth workers get 403 here.
"""
from pathlib import Path
from typing import Optional

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, json

from project import PROJECT_ROOT
from training import review_actions
from training.review_actions import ReviewRefused
from training.review_queue import ACCEPTED, OPEN

from .staff import MAINTAINER
from .validation import BadRequest

REPORTS = PROJECT_ROOT / "results" / "retrain"
MAX_REASON_CHARS = 500
RECENTLY_ACCEPTED = 30  # accepted items listed for undo


def last_report(reports: Path = REPORTS) -> Optional[Path]:
    found = sorted(reports.glob("*/report.md"))  # folders are named by time
    return found[-1] if found else None


def _text(data: dict, key: str, required: bool) -> Optional[str]:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > MAX_REASON_CHARS or (required and not value.strip()):
        raise BadRequest(f"{key} is text of 1 to {MAX_REASON_CHARS} characters.")
    return value.strip() or None


def add_routes(bp: Blueprint, console) -> None:
    maintainer = console.guarded(MAINTAINER)

    def items() -> dict:
        accepted = console.queue.items(ACCEPTED)[-RECENTLY_ACCEPTED:]
        return {"open": [f.as_dict() for f in console.queue.items(OPEN)], "accepted": [f.as_dict() for f in accepted]}

    @bp.get("/api/review")
    @maintainer
    async def queue(_request: Request, _staff, _data) -> HTTPResponse:
        return json(await console.run(items))

    async def act(action, *args) -> HTTPResponse:
        try:
            said = await console.run(action, *args)
        except ReviewRefused as refused:
            return json({"error": str(refused), "can_force": refused.can_force}, status=409)
        return json({"message": said, **await console.run(items)})

    def item_id(data: dict) -> int:
        if not isinstance(data.get("id"), int):
            raise BadRequest("Say which item: its id.")
        return data["id"]

    @bp.post("/api/review/accept")
    @maintainer
    async def accept(_request: Request, staff, data) -> HTTPResponse:
        intent = data.get("intent") or None
        if intent is not None and intent not in console.intents:
            raise BadRequest("Pick an intent of the domain.")
        return await act(review_actions.accept, console.queue, PROJECT_ROOT, item_id(data), staff.user, intent,
                         _text(data, "force_reason", required=False))

    @bp.post("/api/review/reject")
    @maintainer
    async def reject(_request: Request, staff, data) -> HTTPResponse:
        return await act(review_actions.reject, console.queue, item_id(data), staff.user,
                         _text(data, "reason", required=False) or "rejected by a maintainer")

    @bp.post("/api/review/undo")
    @maintainer
    async def undo(_request: Request, staff, data) -> HTTPResponse:
        return await act(review_actions.undo, console.queue, PROJECT_ROOT, item_id(data), staff.user)

    @bp.get("/api/report")
    @maintainer
    async def report(_request: Request, _staff, _data) -> HTTPResponse:
        path = last_report()
        if path is None:
            return json({"error": "No retrain has run here yet: `make retrain` writes one."}, status=404)
        return json({"name": path.parent.name, "text": await console.run(path.read_text, encoding="utf-8")})
