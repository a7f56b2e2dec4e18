"""What the bot understood and did at each turn of a conversation, from Rasa's tracker
events: for the console, the review queue and saved test stories."""
from typing import Any, Dict, List

from . import classifier
from .safety_words import describe

# Rasa's own bookkeeping actions, not choices the bot made.
QUIET_ACTIONS = {"action_listen", "action_session_start", "action_extract_slots"}
NEXT_BEST = 3


def turns(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """One entry per user message: intent, next best intents, entities, the safety net's
    verdict, then the actions, responses and slots that followed it."""
    result: List[Dict[str, Any]] = []
    for event in events:
        kind = event.get("event")
        if kind == "user":
            parse = event.get("parse_data") or {}
            intent = parse.get("intent") or {}
            text = event.get("text") or ""
            result.append({
                "index": len(result),
                "text": text,
                "intent": {"name": intent.get("name"), "confidence": intent.get("confidence")},
                "next_best": [
                    {"name": r.get("name"), "confidence": r.get("confidence")}
                    for r in (parse.get("intent_ranking") or []) if r.get("name") != intent.get("name")
                ][:NEXT_BEST],
                "entities": [_entity(text, e) for e in parse.get("entities") or []],
                "safety_net": parse.get("safety_net") or {},
                "safety": describe(parse.get("safety_net") or {}),
                # what the classifier itself guessed, before the safety net and the fallback
                "classifier": classifier.ranking(parse)[: NEXT_BEST + 1],
                "actions": [],
                "slots": {},
                "steps": [],  # actions and slot changes in the order they happened
            })
        elif result and kind == "action" and event.get("name") not in QUIET_ACTIONS:
            result[-1]["actions"].append(event.get("name"))
            result[-1]["steps"].append({"action": event.get("name")})
        elif result and kind == "slot":
            result[-1]["slots"][event.get("name")] = event.get("value")
            result[-1]["steps"].append({"slot_was_set": [{event.get("name"): event.get("value")}]})
    return result


def _entity(text: str, entity: Dict[str, Any]) -> Dict[str, Any]:
    """What the console shows of an entity, with where it stands in the text when known
    (a saved test story marks it there, as `rasa test --e2e` needs)."""
    start, end = entity.get("start"), entity.get("end")
    shown = {"entity": entity.get("entity"), "value": entity.get("value")}
    if isinstance(start, int) and isinstance(end, int):
        return {**shown, "text": text[start:end], "start": start, "end": end}
    return {**shown, "text": str(entity.get("value"))}
