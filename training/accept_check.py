"""Whether accepting a flagged message into an intent could make the bot less safe.

A message the safety net's rules read as danger or self-harm, or that the classifier
itself took for one, must not be taught as an everyday intent ("theyre outside my
house with a knife" as `thanks`): the classifier would learn that danger is small talk,
and the rules would be the only thing left that catches it. Such an accept needs to be
forced, with a reason, and is recorded with who forced it.
"""
from typing import Any, Dict, List, Optional

from safeguarding.risk import SafetyRules, load_rules

from .datasets import SAFETY_INTENTS
from .safety_words import describe

# A risk intent the classifier gives at least this much, even as a second guess, counts as
# the classifier taking the message for that risk (the fallback threshold in config.yml).
RISK_GUESS_MIN = 0.25


def _percent(confidence: Any) -> str:
    return f" ({confidence:.0%})" if isinstance(confidence, (int, float)) else ""


def unsafe(message: str, intent: str, guesses: List[Dict[str, Any]], predicted_intent: Optional[str],
           rules: Optional[SafetyRules] = None) -> Optional[str]:
    """Why putting `message` into `intent` could make the bot less safe, or None.

    `guesses` are the classifier's own guesses when it was flagged, most confident
    first; `predicted_intent` what the bot ended with (all there is for older items)."""
    if intent in SAFETY_INTENTS:
        return None
    rules = rules or load_rules()
    findings = rules.findings(message)
    if findings:
        verdict = describe({"fired": True, "risk": findings[0].risk, "kind": findings[0].kind,
                            "also": [f.risk for f in findings[1:]]})
        return f"the safety net's rules read it as {verdict}; under '{intent}' it would teach the classifier that such messages are '{intent}'"
    for rank, guess in enumerate(guesses):
        if guess.get("name") in SAFETY_INTENTS and (rank == 0 or (guess.get("confidence") or 0) >= RISK_GUESS_MIN):
            return (f"the classifier took it for {guess['name']}{_percent(guess.get('confidence'))}; "
                    f"under '{intent}' it would teach the classifier to miss it")
    if not guesses and predicted_intent in SAFETY_INTENTS:
        return f"the bot took it for {predicted_intent}; under '{intent}' it would teach the classifier to miss it"
    return None
