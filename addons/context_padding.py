"""Rasa training-only component: copies of the examples with everyday chatter around them.

Young people often tell the situation in the middle of a long message about the bus, a
birthday or school. Our examples say the situation alone, so the classifier learnt that
everyday words mean `out_of_scope` and a long message read as "not for me". Each example
of a few words gets `copies` copies with one or two of our own `out_of_scope` examples
before or after it, under the same intent: the classifier learns that the chatter says
nothing and the situation decides. Messages in use pass through untouched; the copies are
drawn with a fixed seed per example, so a retrain on the same data gives the same model.
In cross-validation only the training folds are padded.
"""
from __future__ import annotations

import random
import zlib
from typing import Any, Dict, List, Text

from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.config_component import ConfigOnlyComponent
from safeguarding.padding import pad


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class ContextPadding(ConfigOnlyComponent, GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # filler: the intent whose examples are the chatter; skip: intents never padded
        # (the filler itself, and messages in other scripts that chatter in English would not fit)
        return {"copies": 1, "min_words": 4, "filler": "out_of_scope", "skip": []}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = config

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        examples = training_data.training_examples
        # Full training also carries the stories' turns, which have an intent and no text.
        filler = [e.get(TEXT) for e in examples if e.get(INTENT) == self.config["filler"] and e.get(TEXT)]
        skip = {self.config["filler"], *self.config["skip"]}
        copies = []
        for example in examples:
            text = example.get(TEXT) or ""
            # Entities are marked by character offsets, which padding would move.
            if example.get(INTENT) in skip or example.get(ENTITIES) or len(text.split()) < self.config["min_words"]:
                continue
            seeded = random.Random(zlib.crc32(text.encode("utf-8")))
            for _ in range(self.config["copies"]):
                copies.append(Message(data={**example.data, TEXT: pad(text, filler, seeded)}))
        return TrainingData(
            training_examples=examples + copies,
            entity_synonyms=training_data.entity_synonyms,
            regex_features=training_data.regex_features,
            lookup_tables=training_data.lookup_tables,
            responses=training_data.responses,
        )

    def process(self, messages: List[Message]) -> List[Message]:
        return messages
