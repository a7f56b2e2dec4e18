"""The situations of issue 17 reach the signposts: each has a rule (advice, then
action_signpost), and action_signpost knows it, either from actions.SITUATIONS or from the
`situation` slot the domain sets from the intent before the action runs; the extra
services (BY_SITUATION) exist and are given after the audience's own."""
import asyncio
from datetime import datetime

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import SITUATIONS, ActionSignpost
from project import PROJECT_ROOT
from safeguarding import signposts
from safeguarding.contacts import load_contacts
from safeguarding.opening_hours import LONDON

CONTACTS = load_contacts()
WEDNESDAY_NOON = datetime(2026, 11, 25, 12, 0, tzinfo=LONDON)
NEW_SITUATIONS = (
    "gone_missing", "someone_missing", "image_threat", "sexual_exploitation", "arrested",
    "excluded_school", "in_care", "send_needs", "am_i_being_used",
)


def load(name):
    return yaml.safe_load((PROJECT_ROOT / name).read_text(encoding="utf-8"))


def signposted_intents():
    """Intents whose rule is intent -> utter_advice_<intent> -> action_signpost."""
    found = set()
    for rule in load("data/rules.yml")["rules"]:
        steps = rule["steps"]
        if len(steps) == 3 and "intent" in steps[0] and steps[2] == {"action": "action_signpost"}:
            assert steps[1] == {"action": f"utter_advice_{steps[0]['intent']}"}, rule["rule"]
            found.add(steps[0]["intent"])
    return found


def situation_slot_intents():
    mappings = load("domain.yml")["slots"]["situation"]["mappings"]
    return {m["intent"] for m in mappings if m["type"] == "from_intent" and m["value"] == m["intent"]}


def test_every_new_situation_has_advice_and_signposts():
    assert set(NEW_SITUATIONS) <= signposted_intents()


def test_action_signpost_knows_every_signposted_situation():
    """A situation missing from both would get the previous situation's extras."""
    for intent in signposted_intents() - {"inform_area"}:
        assert intent in SITUATIONS or intent in situation_slot_intents(), intent


def test_every_extra_service_is_in_the_directory():
    for situation, keys in signposts.BY_SITUATION.items():
        for key in keys:
            assert key in CONTACTS, (situation, key)


def keys(**kwargs):
    return [s.contact.key for s in signposts.choose(CONTACTS, WEDNESDAY_NOON, **kwargs)]


def test_image_threats_add_report_remove_and_ceop_after_the_audience_own():
    for audience in signposts.AUDIENCES:
        chosen = keys(audience=audience, area="city", situation="image_threat")
        assert chosen.index("report_remove") > chosen.index("police_non_emergency")
        assert "ceop" in chosen
    assert not {"report_remove", "ceop"} & set(keys(situation="arrested"))


def test_sexual_exploitation_adds_ceop_and_care_adds_the_leaving_care_rights():
    assert "ceop" in keys(situation="sexual_exploitation")
    assert "report_remove" not in keys(situation="sexual_exploitation")
    assert "leaving_care" in keys(situation="in_care")
    assert "leaving_care" not in keys(situation="excluded_school")


def test_action_signpost_reads_the_situation_the_domain_set():
    """The intent is not in actions.SITUATIONS; the slot (set from the intent) is used."""
    latest = {"text": "they said they'll post my pics", "intent": {"name": "image_threat", "confidence": 0.9}, "entities": []}
    tracker = Tracker("test", {"situation": "image_threat", "area": "rutland"}, latest, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionSignpost().run(dispatcher, tracker, {}))
    text = dispatcher.messages[0]["text"]
    assert CONTACTS["report_remove"].web in text and CONTACTS["ceop"].web in text
