"""The classifier's own guesses read back from Rasa's parse data (as the safety net and
the fallback leave it), and the safety net's verdict in plain words."""
import pytest

from training.classifier import ranking, top
from training.safety_words import describe

# Parse data as the model gives it (shortened): see addons/safety_net.py.
FIRED = {
    "intent": {"name": "danger", "confidence": 1.0},
    "intent_ranking": [{"name": "danger", "confidence": 1.0}, {"name": "thanks", "confidence": 0.81},
                       {"name": "greet", "confidence": 0.02}],
    "safety_net": {"fired": True, "risk": "danger", "kind": "outside", "also": [], "rule": r"\boutside my (house)\b",
                   "classifier_intent": {"name": "thanks", "confidence": 0.81}, "cues": []},
}
DEMOTED = {
    "intent": {"name": "nlu_fallback", "confidence": 0.25},
    "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.25}, {"name": "danger", "confidence": 0.775},
                       {"name": "out_of_scope", "confidence": 0.107}],
    "safety_net": {"fired": False, "demoted": {"name": "danger", "confidence": 0.775}, "cues": []},
}
STATEMENT = {
    "intent": {"name": "cant_talk", "confidence": 1.0},
    "intent_ranking": [{"name": "cant_talk", "confidence": 1.0}, {"name": "fear_police", "confidence": 0.003}],
    "safety_net": {"fired": False, "statement": "cant_talk", "classifier_intent": {"name": "cant_talk", "confidence": 0.99},
                   "cues": []},
}
PLAIN = {
    "intent": {"name": "greet", "confidence": 0.95},
    "intent_ranking": [{"name": "greet", "confidence": 0.95}, {"name": "goodbye", "confidence": 0.01}],
    "safety_net": {"fired": False, "cues": []},
}


def test_a_rule_that_fired_hides_what_the_classifier_said_and_it_is_read_back():
    assert top(FIRED) == "thanks"
    assert ranking(FIRED) == [{"name": "thanks", "confidence": 0.81}, {"name": "greet", "confidence": 0.02}]


def test_a_demoted_danger_guess_is_still_the_classifiers_first_guess():
    assert ranking(DEMOTED) == [{"name": "danger", "confidence": 0.775}, {"name": "out_of_scope", "confidence": 0.107}]


def test_statements_and_plain_messages():
    assert top(STATEMENT) == "cant_talk" and ranking(STATEMENT)[0]["confidence"] == 0.99
    assert top(PLAIN) == "greet" and len(ranking(PLAIN)) == 2
    assert top({}) == "" and ranking({"intent": {"name": "nlu_fallback"}}) == []


@pytest.mark.parametrize("net, words", [
    (FIRED["safety_net"], "danger: someone outside"),
    ({"fired": True, "risk": "danger", "kind": "general", "also": ["self_harm"]}, "danger; also self-harm"),
    ({"fired": True, "risk": "danger", "kind": "held", "also": []}, "danger: being held"),
    ({"fired": True, "risk": "self_harm", "kind": None, "also": [], "cues": ["means"]},
     "self-harm; cues: a method or plan"),
    (STATEMENT["safety_net"], "statement: can't talk"),
    ({"fired": False, "statement": "not_safe"}, "statement: not safe"),
    (DEMOTED["safety_net"], "held back the classifier's danger guess (78%)"),
    ({"fired": False, "cues": ["someone_near", "help"]}, "cues: someone near, asking for help"),
    (PLAIN["safety_net"], "quiet"),
    ({}, "quiet"),
])
def test_the_verdict_in_plain_words(net, words):
    assert describe(net) == words
    assert "\\b" not in describe(net)
