"""Rasa SDK actions: thin wrappers over the pure logic in safeguarding/."""
import logging
import os
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from safeguarding import cards, safety_context, signposts
from safeguarding.clarify import load_clarify
from safeguarding.contacts import load_contacts
from safeguarding.languages import family_topics, load_languages
from safeguarding.opening_hours import FAKE_NOW, london_now
from safeguarding.places import AMBIGUOUS, area_label, load_gazetteer
from safeguarding.situations import situation_intents

if os.environ.get(FAKE_NOW):
    # A test setting (tests/conftest.py): in service the lists would be for the wrong hour.
    logging.getLogger(__name__).warning("%s is set: signposts are chosen for %s", FAKE_NOW, london_now().isoformat())

# "he lives in the county", "we live in hinckley": where the young person lives, said
# with another situation (a parent or teacher often says it so).
LIVES_IN = re.compile(r"\b(live|lives|living)\b", re.IGNORECASE)
# Asking "who can I talk to?" always gets the whole list, even if it was just shown.
EXPLICIT_ASK = "who_to_talk_to"

def _latest_entity(tracker: Tracker, name: str) -> Optional[Text]:
    return next(tracker.get_latest_entity_values(name), None)


def home_area(tracker: Tracker, intent: Optional[Text]) -> Optional[Text]:
    """Where they live, if this message says so: an answer to "where do you live?"
    (inform_area), by button or in words ("city i think", "oakham"). A place or area word
    in any other message is where they are sent or what they ask about ("county lines"),
    not their council."""
    if intent != "inform_area" and not LIVES_IN.search(tracker.latest_message.get("text") or ""):
        return None
    said_area = _latest_entity(tracker, "area")
    if said_area:
        return said_area
    place = _latest_entity(tracker, "place")
    return load_gazetteer().area_of(place) if place else None


class ActionSignpost(Action):
    """Gives the services that fit, asking once where the user lives if not known, and
    giving the same list only once: later turns point back to it unless it changed."""

    def name(self) -> Text:
        return "action_signpost"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        situation = intent if intent in situation_intents() else tracker.get_slot("situation")
        audience = tracker.get_slot("audience") or signposts.YOUNG_PERSON
        said_area = home_area(tracker, intent)
        area_known = said_area not in (None, AMBIGUOUS)
        area = said_area if area_known else tracker.get_slot("area")
        events = [SlotSet("situation", situation), SlotSet("audience", audience)]
        if area_known:
            events.append(SlotSet("area", said_area))

        risk = safety_context.signpost_risk({name: tracker.get_slot(name) for name in safety_context.SLOTS})
        # In safety mode the safety buttons stay last and the area question waits
        # until the young person has said they are safe.
        keep_safety = risk is not None and not safety_context.said_safe(_actions(tracker))
        now = london_now()
        chosen = signposts.choose(load_contacts(), now, audience=audience, area=area, situation=situation, risk=risk)
        shown = signposts.fingerprint(chosen, area)
        if shown == tracker.get_slot("signposts_shown") and intent != EXPLICIT_ASK:
            dispatcher.utter_message(response="utter_signposts_above")
        else:
            in_llr, outside = area in signposts.LLR_AREAS, area == "outside"
            # The text for every client; the same list as cards for the widget, which the
            # REST channel sends as a message of its own after the text (frontdoor/rasa_client.py).
            dispatcher.utter_message(
                text=signposts.render(chosen, area_name=area_label(area) if in_llr else None, outside=outside),
                json_message={"signposts": cards.cards(chosen, now, outside=outside)},
            )
            events.append(SlotSet("signposts_shown", shown))

        ask_again = said_area == AMBIGUOUS
        if ask_again:
            dispatcher.utter_message(response="utter_which_side", place=_latest_entity(tracker, "place"))
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


class ActionFamiliesTopic(Action):
    """The families' topic the button asked for (signs, what to do, …), or the families'
    welcome when none was named; addons/contact_nlg.py says it in the family's language."""

    def name(self) -> Text:
        return "action_families_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        topic = _latest_entity(tracker, "family_topic")
        known = topic in family_topics(load_languages())
        dispatcher.utter_message(response=f"utter_families_{topic}" if known else "utter_families_welcome")
        return []
