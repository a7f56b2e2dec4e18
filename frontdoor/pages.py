"""HTML responses, shared by the widget's routes and the console's, the static files, and
the quick exit every page of the widget has."""
import html
import mimetypes
from pathlib import Path
from typing import Dict, Mapping, Tuple

from sanic.response import HTTPResponse


def html_response(body: str, status: int = 200) -> HTTPResponse:
    return HTTPResponse(body, status=status, content_type="text/html; charset=utf-8")


def static_files(folder: Path) -> Dict[str, Tuple[bytes, str]]:
    """Every file in `folder` (name: body and content type), read once at start. Only
    these names are served, so a folder, a missing name or a crafted path is a plain
    404 (Sanic's own static handler answered "/static/" with a 500)."""
    files = {}
    for path in sorted(folder.iterdir()):
        if path.is_file():
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind.endswith("javascript"):
                kind += "; charset=utf-8"
            files[path.name] = (path.read_bytes(), kind)
    return files


def exit_announcements(ui: Mapping[str, str]) -> str:
    """What exit.js tells screen readers, in the page's language."""
    return "".join(f' data-{name.replace("_", "-")}="{html.escape(ui[name], quote=True)}"'
                   for name in ("exiting", "exit_two_more", "exit_one_more"))


def exit_link(ui: Mapping[str, str], exit_url: str) -> str:
    """Exit this page, as GOV.UK Frontend's: a real link to the exit site, so it works
    without JavaScript and before exit.js has loaded; exit.js adds the rest."""
    return (f'<a class="chat__exit" id="quick-exit" href="{html.escape(exit_url, quote=True)}" rel="nofollow noreferrer"'
            f'{exit_announcements(ui)}>{html.escape(ui["exit"])}</a>')
