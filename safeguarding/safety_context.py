"""What a safety conversation's next reply is, when a message's meaning depends on it.

Pure logic for addons/safety_policy.py. Two jobs:
- the safety state a message sets beyond its intent: the kind of danger, and
  self-harm said in the same message as danger (both alarms are kept);
- cues in context (data/safety/context.yml): "my mum's pills" after a self-harm
  message, "someone outside" or "help" in safety mode, get the safety reply whatever
  the classifier made of them, and never the bubble the bot has just sent.
"""
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Sequence, Set, Tuple

import yaml

from . import DATA_DIR
from .risk import DANGER, GENERAL, RISKS, SELF_HARM, SafetyRules

CONTEXT_FILE = DATA_DIR / "safety" / "context.yml"
SAFETY_MODE = "safety_mode"
DANGER_KIND = "danger_kind"
SLOTS = (SAFETY_MODE, SELF_HARM, DANGER_KIND)  # the domain's safety slots
LISTEN = "action_listen"


@dataclass(frozen=True)
class ContextRule:
    reply: Tuple[str, ...]
    needs: Optional[str] = None  # the slot that must be set: safety_mode or self_harm
    cue: Optional[str] = None  # a word that needs the context (safety_net.yml cues)
    intent: Optional[str] = None  # the message's intent
    said: Optional[str] = None  # a reply the bot gave in its last turn
    seen: Tuple[str, ...] = ()  # replies, any of which the bot gave earlier
    after: Optional[str] = None  # the question the bot just asked
    until_safe: bool = False  # only before the young person has said they are safe
    may_repeat: bool = False  # an answer asked for again may be sent again
    danger_kind: Optional[str] = None  # what the cue tells us, when no kind is known yet

    def fits(self, turn: "Turn", cues: Set[str]) -> bool:
        asked = turn.previous[-1] if turn.previous else None
        return (
            (self.cue is None or self.cue in cues)
            and (self.intent is None or self.intent == turn.intent)
            and (self.said is None or self.said in turn.previous)
            and (not self.seen or bool(set(self.seen) & set(turn.earlier)))
            and self.after in (None, asked)
            and (self.needs is None or bool(turn.slots.get(self.needs)))
            and not (self.until_safe and said_safe(turn.earlier))
            # never resend a bubble from the bot's last turn, unless asked for again
            and (self.may_repeat or not set(self.reply) & set(turn.previous))
        )


@dataclass(frozen=True)
class Turn:
    """What the policy sees of the conversation at one prediction."""

    text: str
    intent: Optional[str]
    slots: Dict[str, object]
    previous: Tuple[str, ...]  # the bot's responses in its last turn, in order
    done: Tuple[str, ...]  # the bot's responses since this message, in order
    earlier: Tuple[str, ...] = ()  # every response the bot gave before this message


@lru_cache(maxsize=4)
def load_context(path: Path = CONTEXT_FILE) -> Tuple[ContextRule, ...]:
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)["context"]
    return tuple(
        ContextRule(**{**entry, "reply": tuple(entry["reply"]), "seen": tuple(entry.get("seen") or ())}) for entry in raw
    )


def state_updates(rules: SafetyRules, text: str, slots: Dict[str, object]) -> Dict[str, object]:
    """Slots this message sets beyond its intent: the danger's kind (a known kind is not
    overwritten by "general"), and self-harm when it comes with danger."""
    found = {finding.risk: finding for finding in rules.findings(text)}
    updates: Dict[str, object] = {}
    danger = found.get(DANGER)
    if danger and (danger.kind != GENERAL or not slots.get(DANGER_KIND)):
        updates[DANGER_KIND] = danger.kind
    if SELF_HARM in found:
        updates[SELF_HARM] = True
    return updates


def choose(rules: SafetyRules, context: Sequence[ContextRule], turn: Turn) -> Optional[ContextRule]:
    """The context rule for this message, or None. A message that raises its own alarm
    is left to the rules, unless a rule names its intent (an alarm said again)."""
    alarm = turn.intent in RISKS or bool(rules.findings(turn.text))
    cues = set(rules.cues(turn.text))
    return next((rule for rule in context if (rule.intent or not alarm) and rule.fits(turn, cues)), None)


def next_action(rule: ContextRule, done: Sequence[str]) -> Optional[str]:
    """The rule's next response, action_listen once all are sent, or None when the turn
    has gone another way."""
    done = tuple(done)
    if done == rule.reply:
        return LISTEN
    if rule.reply[: len(done)] == done:
        return rule.reply[len(done)]
    return None


def context_updates(rule: ContextRule, slots: Dict[str, object]) -> Dict[str, object]:
    if rule.danger_kind and not slots.get(DANGER_KIND):
        return {DANGER_KIND: rule.danger_kind}
    return {}


# Replies that mean the young person is not (yet) safe, and the one that means they said
# they are: safety mode keeps its buttons, and holds back the area question, until then.
NOT_SAFE_REPLIES = frozenset(
    {"utter_danger", "utter_self_harm", "utter_not_safe", "utter_silent_call", "utter_self_harm_means"}
)
SAID_SAFE_REPLY = "utter_glad_safe"


def said_safe(actions: Sequence[str]) -> bool:
    """True when, since the last alarm, the young person has said they are safe."""
    for action in reversed(actions):
        if action == SAID_SAFE_REPLY:
            return True
        if action in NOT_SAFE_REPLIES:
            return False
    return False


def signpost_risk(slots: Dict[str, object]) -> Optional[str]:
    """The risk the signposts answer: self-harm's list holds the emergency number and the crisis lines,
    so it serves both alarms at once."""
    if slots.get(SELF_HARM):
        return SELF_HARM
    return DANGER if slots.get(SAFETY_MODE) else None
