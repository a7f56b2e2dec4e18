"""A place in a message the classifier is unsure of answers "where do you live?"."""
from rasa.shared.nlu.training_data.message import Message

from addons.area_answer import AreaAnswer


def answered(intent, ranking, entities):
    message = Message({"text": "...", "intent": intent, "intent_ranking": ranking, "entities": entities})
    AreaAnswer(AreaAnswer.get_default_config()).process([message])
    return message.get("intent")["name"]


OADBY = [{"entity": "place", "value": "Oadby", "start": 0, "end": 5}]
UNSURE = {"name": "nlu_fallback", "confidence": 0.5}
RANKING = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "worried_friend", "confidence": 0.3},
           {"name": "inform_area", "confidence": 0.25}, {"name": "greet", "confidence": 0.1}]


def test_an_unsure_message_with_a_place_is_the_area_answer():
    assert answered(UNSURE, RANKING, OADBY) == "inform_area"


def test_not_without_a_place_nor_when_the_classifier_was_sure_nor_when_inform_area_is_far_down():
    assert answered(UNSURE, RANKING, []) == "nlu_fallback"
    assert answered({"name": "travel_out_of_town", "confidence": 0.9}, RANKING, OADBY) == "travel_out_of_town"
    far = RANKING[:2] + [{"name": "greet", "confidence": 0.2}, {"name": "thanks", "confidence": 0.1},
                         {"name": "inform_area", "confidence": 0.05}]
    assert answered(UNSURE, far, OADBY) == "nlu_fallback"
