"""The safety net's verdict on a message in plain words, for youth workers: "danger:
someone outside", "self-harm", "statement: can't talk". The rule's regular expression
stays in the parse data for maintainers (the console shows it on request)."""
from typing import Any, Dict, List

from safeguarding.risk import DANGER, SELF_HARM

RISKS = {DANGER: "danger", SELF_HARM: "self-harm"}
# data/safety/safety_net.yml: the danger kinds, which choose the advice
DANGER_KINDS = {
    "held": "being held",
    "outside": "someone outside",
    "followed": "being followed",
    "weapon": "a weapon",
    "threatened": "a threat",
    "general": "",
}
STATEMENTS = {"not_safe": "not safe", "cant_talk": "can't talk"}
CUES = {"means": "a method or plan", "someone_near": "someone near", "help": "asking for help"}
QUIET = "quiet"


def _risk(risk: str, kind: Any = None) -> str:
    words = RISKS.get(risk, str(risk).replace("_", " "))
    detail = DANGER_KINDS.get(kind, str(kind).replace("_", " ")) if risk == DANGER and kind else ""
    return f"{words}: {detail}" if detail else words


def _named(names: List[str], table: Dict[str, str]) -> str:
    return ", ".join(table.get(name, str(name).replace("_", " ")) for name in names)


def describe(net: Dict[str, Any]) -> str:
    """One line: what fired (or was held back), then any cues."""
    parts = []
    if net.get("fired"):
        parts.append(_risk(net.get("risk"), net.get("kind")))
        parts += [f"also {_risk(risk)}" for risk in net.get("also") or []]
    elif net.get("statement"):
        parts.append(f"statement: {_named([net['statement']], STATEMENTS)}")
    elif net.get("demoted"):
        guess = net["demoted"]
        confidence = guess.get("confidence")
        share = f" ({confidence:.0%})" if isinstance(confidence, (int, float)) else ""
        parts.append(f"held back the classifier's {_risk(guess.get('name'))} guess{share}")
    if net.get("cues"):
        parts.append(f"cues: {_named(net['cues'], CUES)}")
    return "; ".join(parts) or QUIET
