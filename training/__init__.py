"""The maintainers' loop: test sets, the review queue of flagged replies, edits to the
NLU data, what the bot understood and did at each turn, and the gate a new model must
pass before it replaces the current one.

Nothing here imports Rasa except training/model_check.py, so the rest is unit-tested
without a model. The front door uses this package; this package never uses the front door.
"""
