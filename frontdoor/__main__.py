"""python -m frontdoor: serve the front door (FRONTDOOR_HOST, FRONTDOOR_PORT, FRONTDOOR_WORKERS).

It does not start without the tracker store Rasa uses: a quick exit that cannot delete
must not be offered."""
import os
import sys

from project import NoTrackerStore, setting

from .app import create_app

try:
    app = create_app()
except NoTrackerStore as error:
    sys.exit(f"The front door did not start: {error}.")

if __name__ == "__main__":
    app.run(
        host=setting("FRONTDOOR_HOST"),
        port=int(setting("FRONTDOOR_PORT")),
        workers=int(os.environ.get("FRONTDOOR_WORKERS", "1")),
        access_log=False,
        motd=False,
    )
