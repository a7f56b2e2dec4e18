"""Pure safeguarding logic: contacts, opening hours, places, signposts and risk.

Nothing here imports Rasa, so it is unit-tested without a server and shared by the
Rasa components, the action server and the front door.
"""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
