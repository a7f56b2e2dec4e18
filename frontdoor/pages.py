"""HTML responses, shared by the widget's routes and the console's."""
from sanic.response import HTTPResponse


def html_response(body: str, status: int = 200) -> HTTPResponse:
    return HTTPResponse(body, status=status, content_type="text/html; charset=utf-8")
