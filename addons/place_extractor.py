"""Rasa entity extractor: LLR place names from the gazetteer, on spaCy's tokens."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Text

from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.nlu.constants import TOKENS_NAMES

from addons.config_component import ConfigOnlyComponent
from safeguarding.places import PLACES_FILE, load_gazetteer

ENTITY = "place"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False
)
class PlaceExtractor(ConfigOnlyComponent, GraphComponent, EntityExtractorMixin):
    """Tags place names (typos forgiven) as `place` entities; the value is the
    gazetteer's spelling, so the action can look up its council."""

    @classmethod
    def required_components(cls) -> List[type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"gazetteer": str(PLACES_FILE)}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.gazetteer = load_gazetteer(Path(config["gazetteer"]))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT]) or []
            found = self.gazetteer.find([(t.text, t.start, t.end) for t in tokens])
            entities = [
                {
                    "entity": ENTITY,
                    "value": match.place.name,
                    "start": match.start,
                    "end": match.end,
                    "confidence_entity": 1.0,
                }
                for match in found
            ]
            message.set(
                ENTITIES,
                message.get(ENTITIES, []) + self.add_extractor_name(entities),
                add_to_output=True,
            )
        return messages
