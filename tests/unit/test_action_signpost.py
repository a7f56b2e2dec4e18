"""ActionSignpost run directly with the SDK's CollectingDispatcher, as RasaHQ's
financial-demo tests its actions: where the area comes from (a place named in answer to
"where do you live?" or an area button, else the `area` slot), what the user is then
told or asked, the list given once, and safety mode."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionSignpost


def run_signpost(entities=(), intent="owe_debt", actions=(), **slots):
    """The action after a message with this intent, these entities and slots, and the bot
    actions before it: its events, texts and the responses it asked for."""
    latest = {"text": "...", "intent": {"name": intent, "confidence": 0.9},
              "entities": [{"entity": name, "value": value} for name, value in entities]}
    events = [{"event": "action", "name": name} for name in actions]
    tracker = Tracker("test", slots, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ActionSignpost().run(dispatcher, tracker, {}))
    texts = [m["text"] for m in dispatcher.messages if m.get("text")]
    responses = [m["response"] for m in dispatcher.messages if m.get("response")]
    return result, texts, responses


def slot_values(events, name):
    return [event["value"] for event in events if event["event"] == "slot" and event["name"] == name]


def test_a_place_named_in_answer_to_where_do_you_live_sets_the_area():
    events, texts, responses = run_signpost([("place", "oakham")], intent="inform_area")
    assert slot_values(events, "area") == ["rutland"]
    assert texts[0].startswith("People who can help (Rutland):")
    assert "utter_ask_area" not in responses


def test_the_list_comes_with_its_cards_for_the_widget():
    dispatcher = CollectingDispatcher()
    latest = {"text": "oakham", "intent": {"name": "inform_area"}, "entities": [{"entity": "place", "value": "oakham"}]}
    asyncio.run(ActionSignpost().run(dispatcher, Tracker("test", {}, latest, [], False, None, {}, "action_listen"), {}))
    (listed,) = [m for m in dispatcher.messages if m.get("text")]
    cards = listed["custom"]["signposts"]
    assert [card["name"] for card in cards][0] == "Childline"
    assert len(cards) == listed["text"].count("• ")


def test_a_place_they_are_sent_to_never_changes_where_they_live():
    # "they want me to take it to loughborough" after "i live in leicester city"
    events, texts, _ = run_signpost([("place", "loughborough")], intent="asked_to_carry", area="city", area_asked=True)
    assert slot_values(events, "area") == []
    assert texts[0].startswith("People who can help (Leicester city):")


def test_an_area_button_sets_the_area():
    events, texts, _ = run_signpost([("area", "city")], intent="inform_area")
    assert slot_values(events, "area") == ["city"] and texts[0].startswith("People who can help (Leicester city):")


def test_an_area_word_about_something_else_is_not_where_they_live():
    # "is that county lines?" holds the word "county"
    events, texts, _ = run_signpost([("area", "county")], intent="explain_county_lines", area_asked=True)
    assert slot_values(events, "area") == [] and texts[0].startswith("People who can help:")


def test_the_area_slot_is_used_when_the_message_names_none():
    events, texts, responses = run_signpost(area="county", area_asked=True)
    assert slot_values(events, "area") == []  # the slot stays as it is
    assert texts[0].startswith("People who can help (Leicestershire):")
    assert responses == []


def test_no_area_known_asks_once():
    events, texts, responses = run_signpost()
    assert texts[0].startswith("People who can help:")
    assert responses == ["utter_ask_area"] and SlotSet("area_asked", True) in events
    _, _, responses = run_signpost(area_asked=True)
    assert responses == []


def test_leicester_alone_or_a_place_on_both_sides_of_the_boundary_is_asked_about():
    for place in ("Braunstone", "Leicester"):
        events, texts, responses = run_signpost([("place", place)], intent="inform_area", area="county")
        assert slot_values(events, "area") == []
        assert texts[0].startswith("People who can help (Leicestershire):")  # the area known so far
        assert responses == ["utter_which_side", "utter_ask_area"]


def test_the_same_list_is_given_once_then_pointed_back_to():
    events, texts, _ = run_signpost(area="city", area_asked=True)
    [shown] = slot_values(events, "signposts_shown")
    again, texts, responses = run_signpost(area="city", area_asked=True, signposts_shown=shown)
    assert responses == ["utter_signposts_above"] and not texts
    assert slot_values(again, "signposts_shown") == []
    # asked for, or changed (another area), the whole list comes again
    _, texts, _ = run_signpost(intent="who_to_talk_to", area="city", area_asked=True, signposts_shown=shown)
    assert texts[0].startswith("People who can help (Leicester city):")
    _, texts, _ = run_signpost(area="county", area_asked=True, signposts_shown=shown)
    assert texts[0].startswith("People who can help (Leicestershire):")


def test_who_is_talking_chooses_the_list():
    _, texts, _ = run_signpost(intent="worried_friend", audience="sibling", area_asked=True)
    assert "Childline" in texts[0] and "NSPCC" not in texts[0]
    _, texts, _ = run_signpost(intent="worried_adult", audience="adult", area_asked=True)
    assert "NSPCC" in texts[0]


def test_in_safety_mode_999_comes_first_and_the_safety_buttons_stay_until_they_say_they_are_safe():
    _, texts, responses = run_signpost(safety_mode=True, actions=["utter_danger", "utter_ask_safe_now"])
    assert texts[0].split("\n\n")[1].splitlines()[0] == "• Emergency services: call 999"
    assert responses == ["utter_safety_buttons"]  # no area question yet
    _, _, responses = run_signpost(
        safety_mode=True, actions=["utter_danger", "utter_ask_safe_now", "utter_glad_safe", "utter_ask_adult_near"]
    )
    assert responses == ["utter_ask_area"]
    _, texts, _ = run_signpost(safety_mode=True, self_harm=True, area_asked=True)
    assert "Samaritans" in texts[0] and "Shout" in texts[0]


def test_where_they_live_said_with_another_situation_counts():
    # a teacher: "who do i report to, he lives in the county"
    latest_text = "he lives in the county"
    latest = {"text": latest_text, "intent": {"name": "worried_adult", "confidence": 0.9},
              "entities": [{"entity": "area", "value": "county"}]}
    tracker = Tracker("test", {"area_asked": True}, latest, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionSignpost().run(dispatcher, tracker, {}))
    assert slot_values(events, "area") == ["county"]
