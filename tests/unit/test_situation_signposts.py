"""The situations of issue 17 reach the signposts: each has a rule (advice, then
action_signpost), which is how action_signpost knows it is a situation
(safeguarding/situations.py reads the rules); the extra services (BY_SITUATION) exist
and are given after the audience's own."""
import asyncio
from datetime import datetime

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionSignpost
from safeguarding import signposts
from safeguarding.contacts import load_contacts
from safeguarding.opening_hours import LONDON
from safeguarding.situations import situation_intents

CONTACTS = load_contacts()
WEDNESDAY_NOON = datetime(2026, 11, 25, 12, 0, tzinfo=LONDON)
NEW_SITUATIONS = (
    "gone_missing", "someone_missing", "image_threat", "sexual_exploitation", "arrested",
    "excluded_school", "in_care", "send_needs", "am_i_being_used",
)


def test_every_new_situation_has_advice_and_signposts():
    assert set(NEW_SITUATIONS) <= situation_intents()


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


def test_action_signpost_gives_the_situation_its_extras():
    latest = {"text": "they said they'll post my pics", "intent": {"name": "image_threat", "confidence": 0.9}, "entities": []}
    tracker = Tracker("test", {"area": "rutland"}, latest, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionSignpost().run(dispatcher, tracker, {}))
    text = dispatcher.messages[0]["text"]
    assert CONTACTS["report_remove"].web in text and CONTACTS["ceop"].web in text
