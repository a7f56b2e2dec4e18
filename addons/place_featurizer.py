"""Rasa featurizer: one sparse feature, "the message names a place in the gazetteer".

Word and character n-grams cannot tell that "coalville" or "from highfields" is someone
saying where they live: the place names are too many and too rare in the training data.
The gazetteer knows them (typos forgiven), so the classifier gets that fact as a feature,
in training and in use alike.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Text

import scipy.sparse
from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.config_component import ConfigOnlyFeaturizer
from safeguarding.places import PLACES_FILE, load_gazetteer


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class PlaceFeaturizer(ConfigOnlyFeaturizer, SparseFeaturizer, GraphComponent):
    @classmethod
    def required_components(cls) -> List[type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**SparseFeaturizer.get_default_config(), "gazetteer": str(PLACES_FILE)}

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self.gazetteer = load_gazetteer(Path(config["gazetteer"]))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT])
            if not tokens:
                continue
            found = self.gazetteer.find([(t.text, t.start, t.end) for t in tokens])
            sequence = scipy.sparse.lil_matrix((len(tokens), 1))
            for i, token in enumerate(tokens):
                if any(match.start <= token.start < match.end for match in found):
                    sequence[i, 0] = 1.0
            sentence = scipy.sparse.coo_matrix([[1.0 if found else 0.0]])
            self.add_features_to_message(sequence.tocoo(), sentence, TEXT, message)
        return messages
