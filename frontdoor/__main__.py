"""python -m frontdoor: serve the front door (FRONTDOOR_HOST, FRONTDOOR_PORT, FRONTDOOR_WORKERS)."""
import os

from .app import create_app

app = create_app()

if __name__ == "__main__":
    app.run(
        host=os.environ.get("FRONTDOOR_HOST", "127.0.0.1"),
        port=int(os.environ.get("FRONTDOOR_PORT", "8080")),
        workers=int(os.environ.get("FRONTDOOR_WORKERS", "1")),
        access_log=False,
        motd=False,
    )
