"""Rasa NLU component: a place in a message the classifier is unsure of is an answer to
"where do you live?".

The bot asks where they live with buttons, and many answer in words: "oadby", "near
hinckley i think". Short, with little else to go on, the classifier is often below the
fallback threshold, and the bot would ask "did you mean…?" about an answer to its own
question. When the message is a fallback, names a place, and the classifier's best
guesses include inform_area, it is taken as inform_area. Runs after the
FallbackClassifier and before the safety net, which still overrides it.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from addons.config_component import ConfigOnlyComponent
from addons.place_extractor import ENTITY as PLACE

FALLBACK = "nlu_fallback"
ANSWER = "inform_area"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AreaAnswer(ConfigOnlyComponent, GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # How far down the classifier's own ranking inform_area may be.
        return {"within_best": 3}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.within_best = config["within_best"]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            said = (message.get(INTENT) or {}).get("name")
            places = [e for e in message.get(ENTITIES) or [] if e.get("entity") == PLACE]
            ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get("name") != FALLBACK]
            best = [e.get("name") for e in ranking[: self.within_best]]
            if said == FALLBACK and places and ANSWER in best:
                answer = next(e for e in ranking if e.get("name") == ANSWER)
                message.set(INTENT, answer, add_to_output=True)
        return messages
