"""Rasa featurizer: pretrained word vectors (addons/word_vectors.py) as dense features.

Each token gets the mean of its pieces' vectors (sequence features, for classifiers that
read tokens); the message gets its pooled, unit-length vector times `scale` (sentence
features, which LogisticRegressionClassifier reads next to the sparse n-gram counts).
`scale` sets how much the vectors weigh against the counts; make evaluate chose it.
The vectors live in build/wordllama, outside the model archive, like the spaCy pipeline.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.config_component import ConfigOnlyFeaturizer
from addons.word_vectors import VECTORS_DIR, WordVectors


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class WordVectorFeaturizer(ConfigOnlyFeaturizer, DenseFeaturizer, GraphComponent):
    @classmethod
    def required_components(cls) -> List[type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(), "directory": str(VECTORS_DIR), "scale": 1.0}

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self.vectors = WordVectors(Path(config["directory"]))
        self.scale = float(config["scale"])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT])
            if not tokens:
                continue
            sequence = self.vectors.words([t.text for t in tokens])
            sentence = (self.scale * self.vectors.text(message.get(TEXT))).reshape(1, -1)
            self.add_features_to_message(sequence, sentence.astype(np.float32), TEXT, message)
        return messages
