"""HTML responses, shared by the widget's routes and the console's, and the static files."""
import mimetypes
from pathlib import Path
from typing import Dict, Tuple

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
