"""Tracker events to console turns, and turns to a Rasa test story that Rasa can read."""
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

from training.test_story import save, story
from training.turns import turns

EVENTS = [
    {"event": "action", "name": "action_session_start"},
    {"event": "session_started"},
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": "theyre outside my house rn", "parse_data": {
        "intent": {"name": "danger", "confidence": 1.0},
        "intent_ranking": [{"name": "danger", "confidence": 1.0}, {"name": "pressured_threatened", "confidence": 0.1},
                           {"name": "owe_debt", "confidence": 0.05}, {"name": "greet", "confidence": 0.01},
                           {"name": "deny", "confidence": 0.01}],
        "entities": [], "safety_net": {"fired": True, "risk": "danger"}}},
    {"event": "user_featurization"},
    {"event": "slot", "name": "safety_mode", "value": True},
    {"event": "action", "name": "action_extract_slots"},
    {"event": "action", "name": "utter_danger"},
    {"event": "bot", "text": "If you are in danger right now..."},
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": "i live in oakham", "parse_data": {
        "intent": {"name": "inform_area", "confidence": 0.99}, "intent_ranking": [],
        "entities": [{"entity": "place", "value": "Oakham", "start": 10, "end": 16}]}},
    {"event": "slot", "name": "place", "value": "Oakham"},
    {"event": "action", "name": "action_signpost"},
    {"event": "slot", "name": "area", "value": "rutland"},
    {"event": "slot", "name": "audience", "value": "young_person"},
    {"event": "action", "name": "action_listen"},
]


def test_each_user_message_is_a_turn_with_what_followed():
    first, second = turns(EVENTS)
    assert first["text"] == "theyre outside my house rn"
    assert first["intent"] == {"name": "danger", "confidence": 1.0}
    assert [i["name"] for i in first["next_best"]] == ["pressured_threatened", "owe_debt", "greet"]
    assert first["safety_net"]["fired"] is True
    assert first["actions"] == ["utter_danger"]  # Rasa's bookkeeping actions left out
    assert first["steps"] == [{"slot_was_set": [{"safety_mode": True}]}, {"action": "utter_danger"}]
    assert second["entities"] == [{"entity": "place", "value": "Oakham", "text": "oakham", "start": 10, "end": 16}]
    assert second["slots"] == {"place": "Oakham", "area": "rutland", "audience": "young_person"}


def test_the_story_keeps_the_order_and_groups_slots_set_together():
    steps = story("danger then area", turns(EVENTS))["steps"]
    assert steps == [
        {"user": "theyre outside my house rn", "intent": "danger"},
        {"slot_was_set": [{"safety_mode": True}]},
        {"action": "utter_danger"},
        {"user": 'i live in [oakham]{"entity": "place", "value": "Oakham"}', "intent": "inform_area"},
        {"slot_was_set": [{"place": "Oakham"}]},
        {"action": "action_signpost"},
        {"slot_was_set": [{"area": "rutland"}, {"audience": "young_person"}]},
    ]


def test_a_saved_story_is_a_rasa_test_story_and_never_overwrites(tmp_path):
    first = save(tmp_path, "Danger, then area!", turns(EVENTS), "sam")
    second = save(tmp_path, "Danger, then area!", turns(EVENTS), "sam")
    assert first.name == "test_danger_then_area.yml" and second.name == "test_danger_then_area_2.yml"
    assert YAMLStoryReader.is_test_stories_file(first)
    [read] = YAMLStoryReader().read_from_file(first)
    assert read.block_name == "Danger, then area!"
    assert [e.as_story_string() for e in read.events if e.type_name == "action"] == [
        "utter_danger", "action_signpost"]
    # the entity the NLU found is marked where it stands, as `rasa test --e2e` needs
    [said] = [e for e in read.events if e.type_name == "user" and e.entities]
    assert said.text == "i live in oakham"
    assert said.entities == [{"start": 10, "end": 16, "value": "Oakham", "entity": "place"}]
