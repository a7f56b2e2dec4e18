"""The safety net's rules on the maintained sets: every danger and self-harm message
caught, and at most 2% of alarming-looking everyday messages caught by mistake."""
import pytest

from safeguarding.risk import DANGER, SELF_HARM, SafetyRules, assess, findings, load_rules, normalise
from training.datasets import everyday_messages, safety_set
from tests.metrics import record

MAX_FALSE_ALARM_RATE = 0.02
RULES = load_rules()


@pytest.mark.parametrize("text", safety_set("danger"))
def test_danger_is_caught(text):
    # "I'm not safe" is a statement the dialogue answers with 999 first (data/rules.yml).
    assert assess(text) is not None or RULES.statement(text) == "not_safe", text


@pytest.mark.parametrize("text", safety_set("self_harm") + safety_set("self_harm_indirect"))
def test_self_harm_is_caught_as_self_harm(text):
    assert SELF_HARM in {f.risk for f in findings(text)}, text


@pytest.mark.parametrize("text", safety_set("self_harm") + safety_set("self_harm_indirect"))
def test_self_harm_alone_raises_no_danger(text):
    # A danger finding would put the danger advice first; a self-harm message on its own
    # must get the self-harm reply.
    combined = {"i owe them 800 and they know where my nan lives, be easier for everyone if i just wasnt alive"}
    assert text in combined or DANGER not in {f.risk for f in findings(text)}, text


def test_false_alarm_rate_on_everyday_messages():
    everyday = everyday_messages()
    alarms = [(text, assess(text).pattern) for text in everyday if assess(text)]
    rate = len(alarms) / len(everyday)
    record(f"safety net rules, false alarms on everyday messages (everyday + lookalikes): {len(alarms)}/{len(everyday)} = {rate:.1%}")
    for text, rule in alarms:
        print(f"  {text!r} <- {rule}")
    assert rate <= MAX_FALSE_ALARM_RATE


def test_indirect_self_harm_recall_and_lookalike_false_alarms_are_reported():
    indirect, lookalikes = safety_set("self_harm_indirect"), safety_set("everyday_lookalikes")
    caught = sum(SELF_HARM in {f.risk for f in findings(t)} for t in indirect)
    alarms = sum(bool(findings(t)) for t in lookalikes)
    record(f"indirect self-harm (tests/safety/self_harm_indirect.yml) caught by the rules: {caught}/{len(indirect)}")
    record(f"false alarms on lookalikes (tests/safety/everyday_lookalikes.yml): {alarms}/{len(lookalikes)}")
    assert caught == len(indirect)
    assert alarms / len(lookalikes) <= MAX_FALSE_ALARM_RATE


DEV_MIN_RECALL = 0.85  # the development set: tuned against, so a floor against regressions


def test_development_set_recall_and_false_alarms_are_reported():
    dev, everyday_dev = safety_set("self_harm_dev"), safety_set("everyday_dev")
    caught = sum(SELF_HARM in {f.risk for f in findings(t)} for t in dev)
    alarms = sum(bool(findings(t)) for t in everyday_dev)
    record(f"development set (tests/safety/self_harm_dev.yml, tuned on): {caught}/{len(dev)}; "
           f"false alarms on everyday_dev.yml: {alarms}/{len(everyday_dev)}")
    assert caught / len(dev) >= DEV_MIN_RECALL
    assert alarms / len(everyday_dev) <= MAX_FALSE_ALARM_RATE


def test_blind_set_recall_and_false_alarms_are_reported():
    """Never tuned on: first measured 27/86 caught and 8/78 false alarms; after the
    development set 35/86 and 4/78. The floors keep it from getting worse."""
    blind, everyday_blind = safety_set("self_harm_blind"), safety_set("everyday_blind")
    caught = sum(SELF_HARM in {f.risk for f in findings(t)} for t in blind)
    alarms = sum(bool(findings(t)) for t in everyday_blind)
    record(f"blind set (tests/safety/self_harm_blind.yml, never tuned on): {caught}/{len(blind)}; "
           f"false alarms on everyday_blind.yml: {alarms}/{len(everyday_blind)}")
    assert caught >= 35 and alarms <= 4


def test_the_sets_are_big_enough():
    assert len(safety_set("danger")) + len(safety_set("self_harm")) >= 100
    assert len(safety_set("everyday")) >= 100
    assert len(safety_set("self_harm_indirect")) >= 60 and len(safety_set("everyday_lookalikes")) >= 60


def test_normalise_handles_case_apostrophes_punctuation_and_stretching():
    assert normalise("They’re OUTSIDE!!! pleeeease") == " theyre outside pleease "
    assert normalise("call 999 for me") == " call 999 for me "  # numbers are not squeezed
    assert assess("call 999 for me pls").risk == DANGER


def test_self_harm_is_named_before_danger_when_only_one_can_be():
    assert assess("i want to kill myself").risk == SELF_HARM
    assert assess("they want to kill me").risk == DANGER
    assert assess("they said theyll kill me and i want to kill myself").risk == SELF_HARM


def test_both_alarms_in_one_message_are_both_found_danger_first():
    found = findings("they said theyll kill me if i stop and i want to kill myself")
    assert [f.risk for f in found] == [DANGER, SELF_HARM]
    assert found[0].kind == "threatened"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("theyre outside my house", "outside"),
        ("they wont let me leave the flat", "held"),
        ("someone is following me", "followed"),
        ("he pulled a knife on me", "weapon"),
        ("they said theyll kill me if i talk", "threatened"),
        ("help me now", "general"),
        # the kinds are tried in the file's order: held before outside
        ("they locked me in a room and theyre outside the door", "held"),
    ],
)
def test_danger_comes_with_its_kind(text, kind):
    assert [f.kind for f in findings(text) if f.risk == DANGER] == [kind]


@pytest.mark.parametrize(
    "text, statement",
    [
        ("cant talk", "cant_talk"),
        ("i cant talk theyll hear me", "cant_talk"),
        ("im not safe", "not_safe"),
        ("no im not safe", "not_safe"),
        ("i cant talk to my mum about it", None),
        ("i dont feel safe at home", None),
        ("im safe now", None),
    ],
)
def test_statements(text, statement):
    assert RULES.statement(text) == statement


@pytest.mark.parametrize(
    "text, cues",
    [
        ("nah i got my mums pills here", ["means"]),
        ("i might take them all", ["means"]),
        ("someone outside", ["someone_near"]),
        ("help", ["help"]),
        ("pls help me", ["help"]),
        ("can you help me with my homework", []),
    ],
)
def test_cues(text, cues):
    assert RULES.cues(text) == cues


def test_idioms_are_removed_before_matching():
    rules = SafetyRules(
        {"not_risk": {"patterns": [r"\bkilling it\b"]}, "danger": {"general": [r"\bkilling\b"]}, "self_harm": {"patterns": []}}
    )
    assert rules.assess("killing it at fifa") is None
    assert rules.assess("they are killing people").risk == DANGER
    assert rules.statement("anything") is None and rules.cues("anything") == []
