"""Rasa NLU component: the deterministic safety net.

Runs after the intent classifier and the FallbackClassifier (so a rule that fires
also overrides a low-confidence fallback). When a danger or self-harm rule fires it sets the
intent to `danger` or `self_harm` with confidence 1.0, whatever the classifier said;
a message with both is `danger` (its instructions come first) and the policy keeps the
self-harm too (addons/safety_policy.py). A plain statement ("I can't talk", "I'm not
safe") sets its intent the same way. When no rule fires but the classifier alone says
danger or self-harm, that guess is kept only if it is confident and the message holds
no everyday idiom ("my feet are killing me"); otherwise the next intent is used, so
idioms do not raise false alarms. What happened is recorded under `safety_net` in the
parse data (the console shows it).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.config_component import ConfigOnlyComponent
from safeguarding.risk import RISKS, RULES_FILE, load_rules

OUTPUT_KEY = "safety_net"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class SafetyNet(ConfigOnlyComponent, GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> List[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # classifier_min_confidence: below it, the classifier alone cannot raise an alarm.
        # fallback_threshold: as FallbackClassifier's; a demoted guess whose next intent
        # is below it becomes nlu_fallback.
        return {"rules": str(RULES_FILE), "classifier_min_confidence": 0.8, "fallback_threshold": 0.3}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.rules = load_rules(Path(config["rules"]))
        self.min_confidence = config["classifier_min_confidence"]
        self.fallback_threshold = config["fallback_threshold"]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            message.set(OUTPUT_KEY, self._check(message), add_to_output=True)
        return messages

    def _check(self, message: Message) -> Dict[Text, Any]:
        text = message.get(TEXT) or ""
        said = message.get(INTENT) or {}
        ranking = message.get(INTENT_RANKING_KEY) or []
        cues = self.rules.cues(text)
        findings = self.rules.findings(text)
        if findings:
            first = findings[0]
            self._override(message, first.risk, ranking)
            return {
                "fired": True,
                "risk": first.risk,
                "kind": first.kind,
                "also": [f.risk for f in findings[1:]],
                "rule": first.pattern,
                "language": first.language,
                "classifier_intent": said,
                "cues": cues,
            }
        statement = self.rules.statement(text)
        if statement:
            self._override(message, statement, ranking)
            return {"fired": False, "statement": statement, "classifier_intent": said, "cues": cues}
        if said.get("name") in RISKS and (
            said.get("confidence", 0) < self.min_confidence or self.rules.has_idiom(text)
        ):
            instead = self._next_best(ranking)
            message.set(INTENT, instead, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [instead] + [e for e in ranking if e is not instead], add_to_output=True)
            return {"fired": False, "demoted": said, "cues": cues}
        return {"fired": False, "cues": cues}

    @staticmethod
    def _override(message: Message, intent: Text, ranking: List[Dict[Text, Any]]) -> None:
        override = {"name": intent, "confidence": 1.0}
        message.set(INTENT, override, add_to_output=True)
        rest = [entry for entry in ranking if entry.get("name") != intent]
        message.set(INTENT_RANKING_KEY, [override] + rest, add_to_output=True)

    def _next_best(self, ranking: List[Dict[Text, Any]]) -> Dict[Text, Any]:
        other: Optional[Dict[Text, Any]] = next((e for e in ranking if e.get("name") not in RISKS), None)
        if other is None or other.get("confidence", 0) < self.fallback_threshold:
            return {"name": "nlu_fallback", "confidence": self.fallback_threshold}
        return other
