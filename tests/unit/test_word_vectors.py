"""Pretrained word vectors: the words young people use for the same thing sit closer
together than unrelated ones, a message's vector is unit length and ignores capitals,
and the featurizer gives Rasa one row per token and one for the message."""
import numpy as np
import pytest
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.word_vector_featurizer import WordVectorFeaturizer
from addons.word_vectors import WordVectors

VECTORS = WordVectors()
TOKENIZER = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())


def similarity(a, b):
    return float(VECTORS.text(a) @ VECTORS.text(b))


@pytest.mark.parametrize("same, different", [
    (("carry this bag", "hold this package"), ("carry this bag", "i love football")),
    (("my mum", "my mother"), ("my mum", "the train station")),
    (("scared of the police", "afraid of the cops"), ("scared of the police", "thanks a lot")),
])
def test_words_for_the_same_thing_are_closer_than_unrelated_ones(same, different):
    assert similarity(*same) > similarity(*different) + 0.1


def test_a_message_vector_is_unit_length_whatever_its_capitals():
    assert np.linalg.norm(VECTORS.text("Man Said CARRY this")) == pytest.approx(1.0, abs=1e-5)
    assert np.allclose(VECTORS.text("Man Said CARRY this"), VECTORS.text("man said carry this"))


def test_nothing_to_read_gives_zeros_not_an_error():
    assert not VECTORS.text("   ").any()
    assert VECTORS.words(["", "ting"]).shape == (2, VECTORS.dimensions)
    assert not VECTORS.words([""])[0].any()


def test_missing_vectors_say_how_to_get_them(tmp_path):
    with pytest.raises(FileNotFoundError, match="make install"):
        WordVectors(tmp_path)


def test_the_featurizer_gives_a_row_per_token_and_a_scaled_message_vector():
    featurizer = WordVectorFeaturizer({**WordVectorFeaturizer.get_default_config(), "scale": 3.0}, "word_vectors")
    message = Message(data={TEXT: "they want me to go OT", "intent": "travel_out_of_town"})
    TOKENIZER.process_training_data(TrainingData([message]))
    featurizer.process_training_data(TrainingData([message]))
    sequence, sentence = message.get_dense_features(TEXT)
    assert sequence.features.shape == (6, VECTORS.dimensions)
    assert np.allclose(sentence.features[0], 3.0 * VECTORS.text("they want me to go OT"), atol=1e-6)
