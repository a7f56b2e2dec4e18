"""The place feature: on for a message naming a place in the gazetteer (typos forgiven),
on the place's tokens only, and off otherwise."""
import pytest
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.place_featurizer import PlaceFeaturizer

TOKENIZER = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
FEATURIZER = PlaceFeaturizer(PlaceFeaturizer.get_default_config(), "place_featurizer")


def features(text):
    message = Message(data={TEXT: text})
    TOKENIZER.process([message])
    FEATURIZER.process([message])
    sequence, sentence = message.get_sparse_features(TEXT)
    return sequence.features.toarray()[:, 0].tolist(), sentence.features.toarray().tolist()


@pytest.mark.parametrize("text, sequence", [
    ("coalville", [1.0]),
    ("i live in loughbrough", [0.0, 0.0, 0.0, 1.0]),
    ("from melton mowbry", [0.0, 1.0, 1.0]),
])
def test_a_place_turns_the_feature_on_at_its_tokens(text, sequence):
    assert features(text) == (sequence, [[1.0]])


def test_no_place_no_feature():
    assert features("can u help with my maths") == ([0.0] * 6, [[0.0]])


def test_training_examples_get_the_same_feature():
    example = Message(data={TEXT: "im in hinckly", "intent": "inform_area"})
    TOKENIZER.process_training_data(TrainingData([example]))
    FEATURIZER.process_training_data(TrainingData([example]))
    assert example.get_sparse_features(TEXT)[1].features.toarray().tolist() == [[1.0]]
