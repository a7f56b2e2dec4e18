"""ActionSignpost run directly with the SDK's CollectingDispatcher, as RasaHQ's
financial-demo tests its actions: where the area comes from (the latest message's place
or area button, else the `area` slot) and what the user is then told or asked."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionSignpost


def run_signpost(entities=(), **slots):
    """The action after "they say i owe them" with these entities and slots: its events,
    texts and the responses it asked for."""
    latest = {"text": "they say i owe them", "intent": {"name": "owe_debt", "confidence": 0.9},
              "entities": [{"entity": name, "value": value} for name, value in entities]}
    tracker = Tracker("test", slots, latest, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionSignpost().run(dispatcher, tracker, {}))
    texts = [m["text"] for m in dispatcher.messages if m.get("text")]
    responses = [m["response"] for m in dispatcher.messages if m.get("response")]
    return events, texts, responses


def area_set(events):
    """The values the action set the `area` slot to."""
    return [event["value"] for event in events if event["event"] == "slot" and event["name"] == "area"]


def test_a_place_in_the_message_sets_the_area_and_names_its_council():
    events, texts, responses = run_signpost([("place", "oakham")])
    assert area_set(events) == ["rutland"]
    assert texts[0].startswith("People who can help (Rutland):")
    assert "utter_ask_area" not in responses


def test_an_area_button_sets_the_area():
    events, texts, _ = run_signpost([("area", "city")])
    assert area_set(events) == ["city"] and texts[0].startswith("People who can help (Leicester city):")


def test_the_area_slot_is_used_when_the_message_names_none():
    events, texts, responses = run_signpost(area="county", area_asked=True)
    assert area_set(events) == []  # the slot stays as it is
    assert texts[0].startswith("People who can help (Leicestershire):")
    assert responses == []


def test_no_area_known_asks_once():
    events, texts, responses = run_signpost()
    assert texts[0].startswith("People who can help:")
    assert responses == ["utter_ask_area"] and SlotSet("area_asked", True) in events
    _, _, responses = run_signpost(area_asked=True)
    assert responses == []


def test_a_place_on_both_sides_of_the_boundary_is_asked_about():
    events, texts, responses = run_signpost([("place", "Braunstone")], area="county")
    assert area_set(events) == []
    assert texts[0].startswith("People who can help (Leicestershire):")  # the area known so far
    assert "Braunstone is on both sides of the city boundary" in texts[1]
    assert responses == ["utter_ask_area"]
