"""Rasa SDK actions: thin wrappers over the pure logic in safeguarding/."""
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from safeguarding import safety_context, signposts
from safeguarding.clarify import load_clarify
from safeguarding.contacts import load_contacts
from safeguarding.opening_hours import london_now
from safeguarding.places import AMBIGUOUS, area_label, load_gazetteer

# Intents that describe the user's situation, and so choose the signposts.
SITUATIONS = {
    "asked_to_carry",
    "pressured_threatened",
    "owe_debt",
    "travel_out_of_town",
    "gifts_from_olders",
    "social_media_recruitment",
    "want_out",
    "fear_police",
    "worried_friend",
    "worried_adult",
    "who_to_talk_to",
    "report_anonymously",
    "nowhere_safe",
    "cuckooing",
    "danger",
    "self_harm",
}


def _latest_entity(tracker: Tracker, name: str) -> Optional[Text]:
    return next(tracker.get_latest_entity_values(name), None)


def area_from_message(tracker: Tracker) -> Optional[Text]:
    """The area said in this message: a button's `area`, or a place name's council."""
    button_area = _latest_entity(tracker, "area")
    if button_area:
        return button_area
    place = _latest_entity(tracker, "place")
    return load_gazetteer().area_of(place) if place else None


class ActionSignpost(Action):
    """Gives the services that fit, asking once where the user lives if not known."""

    def name(self) -> Text:
        return "action_signpost"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        situation = intent if intent in SITUATIONS else tracker.get_slot("situation")
        audience = signposts.audience_for(intent, tracker.get_slot("audience"))
        said_area = area_from_message(tracker)
        area_known = said_area not in (None, AMBIGUOUS)
        area = said_area if area_known else tracker.get_slot("area")
        events = [SlotSet("situation", situation), SlotSet("audience", audience)]
        if area_known:
            events.append(SlotSet("area", said_area))

        risk = safety_context.signpost_risk({name: tracker.get_slot(name) for name in safety_context.SLOTS})
        # In safety mode the safety buttons stay last and the area question waits
        # until the young person has said they are safe.
        keep_safety = risk is not None and not safety_context.said_safe(_actions(tracker))
        contacts = load_contacts()
        chosen = signposts.choose(
            contacts,
            london_now(),
            audience=audience,
            area=area,
            situation=situation,
            risk=risk,
        )
        in_llr = area in signposts.LLR_AREAS
        dispatcher.utter_message(
            text=signposts.render(
                chosen,
                area_name=area_label(area) if in_llr else None,
                outside=area == "outside",
            )
        )

        ask_again = said_area == AMBIGUOUS
        if ask_again:
            place = _latest_entity(tracker, "place")
            dispatcher.utter_message(
                text=f"{place} is on both sides of the city boundary, so I'm not sure which team to give you."
            )
        if keep_safety:
            dispatcher.utter_message(response="utter_safety_buttons")
        elif ask_again or (area is None and not tracker.get_slot("area_asked")):
            dispatcher.utter_message(response="utter_ask_area")
            events.append(SlotSet("area_asked", True))
        return events


def _actions(tracker: Tracker) -> List[Text]:
    return [event.get("name") for event in tracker.events if event.get("event") == "action"]


class ActionClarify(Action):
    """"Did you mean…?": the classifier's best guesses as buttons, and "Something else"."""

    def name(self) -> Text:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        ranking = tracker.latest_message.get("intent_ranking") or []
        dispatcher.utter_message(response="utter_clarify", buttons=load_clarify().buttons(ranking))
        return []
