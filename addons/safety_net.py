"""Rasa NLU component: the deterministic safety net.

Runs after the intent classifier. When a danger or self-harm rule fires it sets the
intent to `danger` or `self_harm` with confidence 1.0, whatever the classifier said,
and records what fired under `safety_net` in the parse data (the console shows it).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from safeguarding.risk import RULES_FILE, load_rules

OUTPUT_KEY = "safety_net"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class SafetyNet(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> List[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"rules": str(RULES_FILE)}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyNet:
        return cls(config)

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.rules = load_rules(Path(config["rules"]))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            finding = self.rules.assess(message.get(TEXT) or "")
            if finding is None:
                message.set(OUTPUT_KEY, {"fired": False}, add_to_output=True)
                continue
            classifier_said = message.get(INTENT)
            override = {"name": finding.risk, "confidence": 1.0}
            ranking = [
                entry
                for entry in message.get(INTENT_RANKING_KEY) or []
                if entry.get("name") != finding.risk
            ]
            message.set(INTENT, override, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [override] + ranking, add_to_output=True)
            message.set(
                OUTPUT_KEY,
                {
                    "fired": True,
                    "risk": finding.risk,
                    "rule": finding.pattern,
                    "classifier_intent": classifier_said,
                },
                add_to_output=True,
            )
        return messages
