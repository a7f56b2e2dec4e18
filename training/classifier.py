"""What the intent classifier itself guessed for a message, from Rasa's parse data.

The safety net (addons/safety_net.py) and the FallbackClassifier change the intent a
message ends with: a rule puts danger at 1.0 first, a statement its own intent, an
unconfident guess becomes nlu_fallback. The classifier's own guesses are what an
accepted example teaches and what the retrain gate checks it still makes.
"""
from typing import Any, Dict, List

FALLBACK = "nlu_fallback"


def ranking(parse: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The classifier's guesses, most confident first: {"name", "confidence"}."""
    net = parse.get("safety_net") or {}
    guesses = list(parse.get("intent_ranking") or [])
    if net.get("classifier_intent"):
        # A rule or a statement put its own intent first; the classifier's guess is kept here.
        guesses = [net["classifier_intent"]] + guesses[1:]
    seen, kept = set(), []
    for guess in sorted(guesses, key=lambda g: g.get("confidence") or 0.0, reverse=True):
        name = guess.get("name")
        if name and name != FALLBACK and name not in seen:
            seen.add(name)
            kept.append({"name": name, "confidence": guess.get("confidence")})
    return kept


def top(parse: Dict[str, Any]) -> str:
    """The classifier's first guess ("" when the parse holds none)."""
    guesses = ranking(parse)
    return guesses[0]["name"] if guesses else ""
