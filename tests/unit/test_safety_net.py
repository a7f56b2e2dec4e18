"""The safety net's rules on the maintained sets: every danger and self-harm message
caught, and at most 2% of alarming-looking everyday messages caught by mistake."""
import pytest

from safeguarding.risk import DANGER, SELF_HARM, SafetyRules, assess, normalise
from training.datasets import safety_set
from tests.metrics import record

MAX_FALSE_ALARM_RATE = 0.02


@pytest.mark.parametrize("text", safety_set("danger"))
def test_danger_is_caught(text):
    assert assess(text) is not None, text


@pytest.mark.parametrize("text", safety_set("self_harm"))
def test_self_harm_is_caught_as_self_harm(text):
    finding = assess(text)
    assert finding is not None and finding.risk == SELF_HARM, text


def test_false_alarm_rate_on_everyday_messages():
    everyday = safety_set("everyday")
    alarms = [(text, assess(text).pattern) for text in everyday if assess(text)]
    rate = len(alarms) / len(everyday)
    record(f"safety net rules, false alarms on everyday messages: {len(alarms)}/{len(everyday)} = {rate:.1%}")
    for text, rule in alarms:
        print(f"  {text!r} <- {rule}")
    assert rate <= MAX_FALSE_ALARM_RATE


def test_the_sets_are_big_enough():
    assert len(safety_set("danger")) + len(safety_set("self_harm")) >= 100
    assert len(safety_set("everyday")) >= 100


def test_normalise_handles_case_apostrophes_punctuation_and_stretching():
    assert normalise("They’re OUTSIDE!!! pleeeease") == " theyre outside pleease "


def test_self_harm_is_tried_before_danger():
    assert assess("i want to kill myself").risk == SELF_HARM
    assert assess("they want to kill me").risk == DANGER


def test_idioms_are_removed_before_matching():
    rules = SafetyRules(
        {"not_risk": {"patterns": [r"\bkilling it\b"]}, "danger": {"patterns": [r"\bkilling\b"]}, "self_harm": {"patterns": []}}
    )
    assert rules.assess("killing it at fifa") is None
    assert rules.assess("they are killing people").risk == DANGER
