"""The safety conversation's context logic (safeguarding/safety_context.py), without Rasa."""
import pytest

from safeguarding import safety_context as sc
from safeguarding.risk import load_rules

RULES = load_rules()
CONTEXT = sc.load_context()
IN_SELF_HARM = {"safety_mode": True, "self_harm": True, "danger_kind": None}
IN_DANGER = {"safety_mode": True, "self_harm": None, "danger_kind": "followed"}
NOT_IN_SAFETY = {"safety_mode": None, "self_harm": None, "danger_kind": None}


def turn(text, slots, previous=("utter_self_harm", "utter_ask_safe_now"), done=(), intent="nlu_fallback"):
    return sc.Turn(text=text, intent=intent, slots=slots, previous=tuple(previous), done=tuple(done))


def test_a_method_after_self_harm_is_a_safety_turn():
    rule = sc.choose(RULES, CONTEXT, turn("nah i got my mums pills here", IN_SELF_HARM))
    assert rule.reply == ("utter_self_harm_means", "utter_ask_can_talk")


def test_the_same_words_mean_nothing_outside_a_safety_conversation():
    assert sc.choose(RULES, CONTEXT, turn("nah i got my mums pills here", NOT_IN_SAFETY)) is None
    # ... and "pills" after danger alone is not a method: self-harm was never said
    assert sc.choose(RULES, CONTEXT, turn("nah i got my mums pills here", IN_DANGER)) is None


def test_a_rule_that_would_repeat_the_last_turn_is_skipped():
    after_means = ("utter_self_harm_means", "utter_ask_can_talk")
    rule = sc.choose(RULES, CONTEXT, turn("i might take them all", IN_SELF_HARM, previous=after_means))
    assert not set(rule.reply) & set(after_means)


def test_after_picks_the_reply_for_the_question_just_asked():
    rule = sc.choose(RULES, CONTEXT, turn("help", IN_DANGER, previous=("utter_not_safe", "utter_ask_can_talk")))
    assert rule.reply == ("utter_silent_call",)


def test_a_message_with_its_own_alarm_is_left_to_the_rules():
    after_danger = ("utter_danger", "utter_ask_safe_now")
    assert sc.choose(RULES, CONTEXT, turn("im gonna jump off the bridge tonight", IN_SELF_HARM, previous=after_danger)) is None
    assert sc.choose(RULES, CONTEXT, turn("the pills", IN_SELF_HARM, previous=after_danger, intent="self_harm")) is None


def test_self_harm_said_again_right_after_its_reply_escalates_instead_of_repeating_it():
    rule = sc.choose(RULES, CONTEXT, turn("i want to end it all", IN_SELF_HARM, intent="self_harm"))
    assert rule.reply == ("utter_not_safe", "utter_ask_can_talk")
    after_can_talk = ("utter_self_harm", "utter_ask_can_talk")
    rule = sc.choose(RULES, CONTEXT, turn("i want to end it all", IN_SELF_HARM, previous=after_can_talk, intent="self_harm"))
    assert rule.reply == ("utter_not_safe", "utter_ask_safe_now")


def test_no_cue_no_rule():
    assert sc.choose(RULES, CONTEXT, turn("they say i owe them", IN_SELF_HARM)) is None


def test_next_action_walks_the_reply_then_listens_and_steps_aside_when_the_turn_went_another_way():
    rule = sc.ContextRule(cue="help", needs="safety_mode", reply=("utter_a", "utter_b"))
    assert sc.next_action(rule, ()) == "utter_a"
    assert sc.next_action(rule, ("utter_a",)) == "utter_b"
    assert sc.next_action(rule, ("utter_a", "utter_b")) == sc.LISTEN
    assert sc.next_action(rule, ("utter_other",)) is None


def test_state_updates_keep_the_kind_and_both_alarms():
    assert sc.state_updates(RULES, "theyre outside my house", {}) == {"danger_kind": "outside"}
    both = sc.state_updates(RULES, "they said theyll kill me if i stop and i want to kill myself", {})
    assert both == {"danger_kind": "threatened", "self_harm": True}
    # a known kind is not replaced by "general"
    assert sc.state_updates(RULES, "help me now", {"danger_kind": "outside"}) == {}
    assert sc.state_updates(RULES, "help me now", {}) == {"danger_kind": "general"}
    assert sc.state_updates(RULES, "they want me to carry a bag", {}) == {}


def test_context_updates_set_a_kind_only_when_none_is_known():
    rule = next(r for r in CONTEXT if r.danger_kind)
    assert sc.context_updates(rule, {"danger_kind": None}) == {"danger_kind": rule.danger_kind}
    assert sc.context_updates(rule, {"danger_kind": "held"}) == {}


@pytest.mark.parametrize(
    "actions, safe",
    [
        ([], False),
        (["utter_danger", "utter_ask_safe_now"], False),
        (["utter_danger", "utter_ask_safe_now", "utter_glad_safe", "utter_ask_adult_near"], True),
        (["utter_danger", "utter_glad_safe", "utter_advice_owe_debt", "action_signpost"], True),
        (["utter_glad_safe", "utter_danger", "utter_ask_safe_now"], False),
    ],
)
def test_said_safe_counts_only_since_the_last_alarm(actions, safe):
    assert sc.said_safe(actions) is safe


def test_signpost_risk():
    assert sc.signpost_risk(NOT_IN_SAFETY) is None
    assert sc.signpost_risk(IN_DANGER) == "danger"
    assert sc.signpost_risk(IN_SELF_HARM) == "self_harm"


def test_every_reply_in_the_context_file_is_a_domain_response():
    import yaml

    from project import PROJECT_ROOT

    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    cues = {cue for cue, _ in RULES.cue_rules}
    for rule in CONTEXT:
        assert set(rule.reply) <= set(domain["responses"]), rule
        assert rule.cue or rule.intent, rule
        assert rule.cue is None or rule.cue in cues, rule
        assert rule.intent is None or rule.intent in domain["intents"], rule
        assert rule.needs is None or rule.needs in sc.SLOTS, rule
        assert set(rule.seen) | {rule.said or rule.reply[0], rule.after or rule.reply[0]} <= set(domain["responses"]), rule


def test_seen_until_safe_and_may_repeat():
    danger_again = turn("theyre kicking the door", IN_DANGER, previous=("utter_advice_owe_debt", "action_signpost"),
                        intent="danger")
    assert sc.choose(RULES, CONTEXT, danger_again) is None  # no safety reply earlier: the rules' first reply
    earlier = ("utter_danger", "utter_ask_safe_now", "utter_advice_owe_debt", "action_signpost")
    rule = sc.choose(RULES, CONTEXT, sc.Turn(danger_again.text, "danger", IN_DANGER, danger_again.previous, (), earlier))
    assert rule.reply == ("utter_not_safe", "utter_ask_can_talk")

    where = sc.Turn("near hinckley i think", "inform_area", IN_DANGER, ("utter_silent_call",), (), ("utter_danger",))
    assert sc.choose(RULES, CONTEXT, where).reply == ("utter_call_now",)
    safe_before = ("utter_danger", "utter_glad_safe", "utter_ask_adult_near")
    assert sc.choose(RULES, CONTEXT, sc.Turn(where.text, "inform_area", IN_DANGER, safe_before[1:], (), safe_before)) is None

    press = turn("what do i press again", IN_DANGER, previous=("utter_silent_call",))
    assert sc.choose(RULES, CONTEXT, press).reply == ("utter_silent_call",)  # asked for again
    assert sc.choose(RULES, CONTEXT, turn("how do i call without talking", NOT_IN_SAFETY)).reply == ("utter_silent_call",)
