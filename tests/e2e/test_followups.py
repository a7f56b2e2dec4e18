"""The held-out follow-up set (tests/followups/conversations.yml, written before tuning by
someone outside this code): conversations played through the real front door, Rasa and
action server, each turn checked against what a youth worker expects the bot to do
first, and the facts its reply must hold. The figure that matters is the share of
follow-up turns (every turn after the first) answered right."""
from pathlib import Path

import pytest
import requests
import yaml

from tests.metrics import record

pytestmark = pytest.mark.e2e

FOLLOWUPS = Path(__file__).resolve().parent.parent / "followups"
# conversations.yml was written before tuning and then tuned against (its first run:
# 62.2%); blind.yml, by a third author, was measured once when it was added, never
# tuned against: the honest figure (first run 70.1%, safety 23/30), kept from getting
# worse. For each: the share of follow-ups that must be right, and whether every safety
# follow-up must get a safety reply.
SETS = {"conversations.yml": (0.90, True), "blind.yml": (0.65, False)}
QUIET = {"action_listen", "action_extract_slots", "action_session_start"}
SAFETY_REPLIES = {
    "utter_danger", "utter_self_harm", "utter_not_safe", "utter_silent_call", "utter_still_here", "utter_call_now",
    "utter_glad_safe", "utter_self_harm_means", "utter_adult_near_yes", "utter_adult_near_no",
    "utter_safety_check_in", "utter_safety_rephrase",
}
# Replies that answer what the set expects under another name, each also accepted:
# "can I stay anonymous?" is the report_anonymously situation, whose advice says how (it
# was there before the set); an arrest and a missing child have their own, more specific
# replies since issue 17, written after the set (the set expected the general ones).
ALSO_RIGHT = {
    "utter_faq/anonymous": {"utter_advice_report_anonymously"},
    "utter_advice_fear_police": {"utter_advice_arrested"},
    "utter_advice_worried_adult": {"utter_advice_someone_missing"},
    "utter_advice_worried_friend": {"utter_advice_someone_missing"},
}


def first_replies(events):
    """For each user message: the first thing the bot did (an answer from the response
    selector named by its question, e.g. utter_faq/phone_bill)."""
    replies, waiting = [], False
    for event in events:
        if event.get("event") == "user":
            replies.append(None)
            waiting = True
        elif waiting and event.get("event") == "action" and event.get("name") not in QUIET:
            replies[-1] = event["name"]
            waiting = event["name"] == "utter_faq"  # named by the bot event that follows
        elif waiting and event.get("event") == "bot" and replies and replies[-1] == "utter_faq":
            replies[-1] = (event.get("metadata") or {}).get("utter_action") or "utter_faq"
            waiting = False
    return replies


def play(stack, chat, conversation):
    sid = chat.new_session()
    texts = [chat.texts(sid, turn["say"]) for turn in conversation["turns"]]
    tracker = requests.get(
        f"http://127.0.0.1:{stack.config.rasa_port}/conversations/{sid}/tracker",
        params={"token": stack.config.token, "include_events": "ALL"},
        timeout=15,
    ).json()
    return first_replies(tracker["events"]), texts


def judge(turn, reply, text):
    expected = {also for name in turn["expect"] for also in {name} | ALSO_RIGHT.get(name, set())}
    missing = [fragment for fragment in turn.get("says") or [] if fragment.lower() not in text.lower()]
    return reply in expected and not missing, missing


@pytest.mark.parametrize("name", sorted(SETS))
def test_follow_up_turns_are_answered_in_context(stack, chat, name):
    conversations = yaml.safe_load((FOLLOWUPS / name).read_text(encoding="utf-8"))["conversations"]
    right = total = safety_right = safety_total = 0
    misses = []
    for conversation in conversations:
        replies, texts = play(stack, chat, conversation)
        for index, (turn, reply, text) in enumerate(zip(conversation["turns"], replies, texts, strict=True)):
            ok, missing = judge(turn, reply, text)
            if index == 0:
                continue
            total += 1
            right += ok
            if set(turn["expect"]) <= SAFETY_REPLIES:
                # A safety follow-up must stay in the safety conversation: a safety reply
                # with 999, whichever of them the writer named.
                safety_total += 1
                safety_right += reply in SAFETY_REPLIES and "999" in text
            if not ok:
                misses.append((conversation["name"], turn["say"], turn["expect"], reply, missing))
    share = right / total
    record(f"follow-up turns answered right (tests/followups/{name}): {right}/{total} = {share:.1%}")
    record(f"  safety follow-ups answered with a safety reply and 999: {safety_right}/{safety_total}")
    for miss in misses:
        print("  ", miss)
    floor, all_safety = SETS[name]
    assert share >= floor
    assert safety_right == safety_total or not all_safety, [m for m in misses if set(m[2]) <= SAFETY_REPLIES]
