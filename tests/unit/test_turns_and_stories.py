"""Tracker events to console turns, and turns to a Rasa test story that Rasa can read."""
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

import pytest

from training.test_story import StoryExists, corrected, save, story
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


def test_a_saved_story_is_a_rasa_test_story_and_is_replaced_only_when_asked(tmp_path):
    first = save(tmp_path, "Danger, then area!", turns(EVENTS), "sam")
    assert first.name == "test_danger_then_area.yml"
    with pytest.raises(StoryExists) as exists:
        save(tmp_path, "danger then area", turns(EVENTS)[:1], "alex")
    assert exists.value.path == first and "Saved from the console by sam" in first.read_text()
    assert save(tmp_path, "danger then area", turns(EVENTS)[:1], "alex", replace=True) == first
    assert "by alex" in first.read_text() and list(tmp_path.iterdir()) == [first]
    first = save(tmp_path, "Danger, then area!", turns(EVENTS), "sam", replace=True)
    assert YAMLStoryReader.is_test_stories_file(first)
    [read] = YAMLStoryReader().read_from_file(first)
    assert read.block_name == "Danger, then area!"
    assert [e.as_story_string() for e in read.events if e.type_name == "action"] == [
        "utter_danger", "action_signpost"]
    # the entity the NLU found is marked where it stands, as `rasa test --e2e` needs
    [said] = [e for e in read.events if e.type_name == "user" and e.entities]
    assert said.text == "i live in oakham"
    assert said.entities == [{"start": 10, "end": 16, "value": "Oakham", "entity": "place"}]


def test_a_flagged_turn_is_saved_with_its_corrected_intent_and_the_reply_to_it(tmp_path):
    said = turns(EVENTS)
    # The replay sent turn 2 as /owe_debt{"place": "Oakham"}: what the bot did then.
    replayed = [dict(said[0]), {**said[1], "text": '/owe_debt{"place": "Oakham"}', "steps": [
        {"action": "utter_advice_owe_debt"}, {"action": "action_signpost"}, {"slot_was_set": [{"area": "rutland"}]}]}]
    fixed = corrected(said, replayed, {1: "owe_debt"})
    assert [t["intent"]["name"] for t in fixed] == ["danger", "owe_debt"]
    path = save(tmp_path, "owe them in oakham", fixed, "sam")
    assert 'Turn 2 ("i live in oakham") was flagged: it should be owe_debt, not inform_area' in path.read_text()
    [read] = YAMLStoryReader().read_from_file(path)
    [_, second] = [e for e in read.events if e.type_name == "user"]
    assert second.text == "i live in oakham" and second.intent_name == "owe_debt"  # the worker's words, corrected
    assert second.entities == [{"start": 10, "end": 16, "value": "Oakham", "entity": "place"}]
    assert [e.as_story_string() for e in read.events if e.type_name == "action"] == [
        "utter_danger", "utter_advice_owe_debt", "action_signpost"]
    with pytest.raises(ValueError):
        corrected(said, replayed[:1], {1: "owe_debt"})
