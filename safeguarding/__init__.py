"""Pure safeguarding logic: contacts, opening hours, places, signposts and risk.

Nothing here imports Rasa, so it is unit-tested without a server and shared by the
Rasa components, the action server and the front door. Its data files are in the
project's data/ folder (project.py says where that is).
"""
from project import DATA_DIR

__all__ = ["DATA_DIR"]
