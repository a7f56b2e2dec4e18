"""The retrain gate: a model that misses a safety message, or loses more than a point
of accuracy, is refused, and the report says what got worse."""
from training.gate import MIN_INDEPENDENT_ACCURACY, Evaluation, decide
from training.report import render

BASE = [(f"msg {i}", "owe_debt" if i % 2 else "want_out", "owe_debt" if i % 2 else "want_out") for i in range(100)]


def evaluation(predictions, missed=None, classifier_missed=None):
    classifier_missed = classifier_missed or {"danger": [], "self_harm": []}
    return Evaluation(predictions, missed or {"danger": [], "self_harm": []}, 20, [], 10,
                      {"danger": 12, "self_harm": 8}, classifier_missed)


def with_wrong(n, intent="owe_debt", instead="want_out"):
    wrong = [(f"msg {i}", intent, instead) for i in range(1, 2 * n, 2)]
    keep = [p for p in BASE if p[0] not in {w[0] for w in wrong}]
    return keep + wrong


def test_same_accuracy_and_all_safety_replies_is_promoted():
    decision = decide(evaluation(BASE), evaluation(BASE))
    assert decision.promote and not decision.reasons and not decision.newly_wrong


def test_one_point_lower_is_allowed_two_are_not():
    assert decide(evaluation(with_wrong(1)), evaluation(BASE)).promote
    refused = decide(evaluation(with_wrong(2)), evaluation(BASE))
    assert not refused.promote
    assert "below the current model's 1.000 minus one point" in refused.reasons[0]
    assert refused.newly_wrong == {"msg 1": ("owe_debt", "want_out"), "msg 3": ("owe_debt", "want_out")}
    assert set(refused.intents_worse) == {"owe_debt", "want_out"}


def test_one_missed_safety_message_refuses_even_a_more_accurate_model():
    current = evaluation(with_wrong(5))
    candidate = evaluation(BASE, {"danger": ["theyre outside with a blade"], "self_harm": []})
    decision = decide(candidate, current)
    assert not decision.promote
    assert decision.reasons == ["1 of 20 danger/self-harm test messages no longer get their safety reply"]
    assert "safety reply missing (danger): theyre outside with a blade" in render(candidate, current, decision)


def test_the_first_model_must_reach_the_floor():
    assert decide(evaluation(with_wrong(10)), None).promote  # 0.90
    assert not decide(evaluation(with_wrong(11)), None).promote


def test_f1_by_intent():
    scores = evaluation(with_wrong(5)).f1_by_intent()
    assert round(scores["owe_debt"], 3) == round(2 * 45 / (2 * 45 + 0 + 5), 3)
    assert round(scores["want_out"], 3) == round(2 * 50 / (2 * 50 + 5 + 0), 3)


def test_the_report_compares_both_models():
    current, candidate = evaluation(BASE), evaluation(with_wrong(2))
    text = render(candidate, current, decide(candidate, current))
    assert text.startswith("# Retrain: REFUSED")
    assert "| intent accuracy (tests/nlu/test_set.yml) | 1.000 | 0.980 |" in text
    assert "| owe_debt | 1.000 | 0.980 | -0.020 |" in text
    assert 'now wrong: "msg 1" should be owe_debt, now want_out' in text


def test_a_classifier_that_recognises_fewer_safety_messages_is_refused_though_the_rules_catch_them():
    current = evaluation(BASE, classifier_missed={"danger": ["they got a blade"], "self_harm": []})
    taught_small_talk = evaluation(BASE, classifier_missed={"danger": ["they got a blade", "theyre outside rn"],
                                                            "self_harm": []})
    decision = decide(taught_small_talk, current)
    assert not decision.promote
    assert decision.reasons == ["the classifier on its own (before the safety net's rules) recognises 10 of 12 "
                                "danger test messages, 11 with the current model"]
    assert decision.classifier_lost == {"danger": ["theyre outside rn"]}
    text = render(taught_small_talk, current, decision)
    assert "| danger messages the classifier alone recognises (before the rules) | 11/12 | 10/12 |" in text
    assert "the classifier no longer recognises (danger): theyre outside rn" in text


def test_the_same_or_better_classifier_recall_passes():
    current = evaluation(BASE, classifier_missed={"danger": ["a", "b"], "self_harm": ["c"]})
    assert decide(evaluation(BASE, classifier_missed={"danger": ["b", "d"], "self_harm": []}), current).promote


def independent(right, wrong):
    return [("age12", "asked_to_carry", "asked_to_carry")] * right + [("parent", "worried_adult", "owe_debt")] * wrong


def test_the_independent_set_may_lose_one_point_not_two():
    current = evaluation(BASE)
    current.independent = independent(100, 0)
    one, two = evaluation(BASE), evaluation(BASE)
    one.independent, two.independent = independent(99, 1), independent(98, 2)
    assert decide(one, current).promote
    refused = decide(two, current)
    assert refused.failed == ["independent accuracy"]
    assert "independent set 0.980 is below the current model's 1.000 minus one point" in refused.reasons[0]


def test_without_a_current_figure_the_independent_set_must_reach_the_floor():
    candidate = evaluation(BASE)
    floor = round(MIN_INDEPENDENT_ACCURACY * 100)  # right answers of 100 at the floor
    candidate.independent = independent(floor - 1, 101 - floor)
    assert decide(candidate, None).failed == ["independent accuracy"]
    assert decide(candidate, evaluation(BASE)).failed == ["independent accuracy"]
    candidate.independent = independent(floor, 100 - floor)
    assert decide(candidate, None).promote
    figure = f"| intent accuracy on the independent set (tests/nlu/independent/) | - | {floor / 100:.3f} |"
    assert figure in render(candidate, None, decide(candidate, None))
