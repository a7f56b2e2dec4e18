"""The independent test set (tests/nlu/independent/, never trained on) through the real
stack: intent accuracy by voice, and situation messages answered on their own topic with
advice and a real service, not "say that again" or "did you mean…?".

Only counts are printed (expected -> got, and by voice), not the messages: the set
chooses between pipelines and reports a figure; training examples are never written
from its errors (tests/nlu/independent/README.md)."""
from collections import Counter

import pytest

from safeguarding.contacts import load_contacts
from tests.e2e.test_model_quality import parse
from tests.metrics import record
from training.datasets import full_intent, independent_set
from training.gate import MIN_INDEPENDENT_ACCURACY, MIN_SITUATIONS_ANSWERED

pytestmark = pytest.mark.e2e
CONTACTS = load_contacts()
SERVICES = [c.phone for c in CONTACTS.values() if c.phone] + [c.web for c in CONTACTS.values() if c.web]
# Not situations: small talk, answers to the bot's questions and the practical questions.
NOT_SITUATIONS = {"greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge", "out_of_scope", "unsure", "inform_area"}


def is_situation(intent: str) -> bool:
    return intent not in NOT_SITUATIONS and not intent.startswith("faq/")


def test_intent_accuracy_on_the_independent_set_by_voice(stack):
    rows = [(voice, expected, full_intent(parse(stack, text))) for voice, text, expected in independent_set()]
    right, total = Counter(), Counter()
    for voice, expected, got in rows:
        total[voice] += 1
        right[voice] += expected == got
    accuracy = sum(right.values()) / len(rows)
    record(f"intent accuracy on the independent set (tests/nlu/independent/): {accuracy:.3f} ({sum(right.values())}/{len(rows)})")
    for voice in sorted(total):
        record(f"  {voice}: {right[voice] / total[voice]:.3f} ({right[voice]}/{total[voice]})")
    for (expected, got), count in Counter((e, g) for _, e, g in rows if e != g).most_common():
        print(f"  {count} x {expected} -> {got}")
    assert len(total) >= 8 and len(rows) >= 300
    assert accuracy >= MIN_INDEPENDENT_ACCURACY


def test_situation_messages_get_advice_on_their_topic_and_a_real_service(stack, chat):
    situations = [(text, expected) for _, text, expected in independent_set() if is_situation(expected)]
    missed = Counter()  # (why, the situation said)
    for text, expected in situations:
        parsed = parse(stack, text)
        reply = " ".join(m["text"] for m in chat.messages(chat.new_session(), text))
        if parsed["intent"]["name"] == "nlu_fallback":
            missed["asked back ('did you mean…?' or 'say that again')", expected] += 1
        elif full_intent(parsed) != expected:
            missed["another topic", expected] += 1
        elif not any(service in reply for service in SERVICES):
            missed["no real service in the reply", expected] += 1
    why = Counter()
    for (reason, expected), count in sorted(missed.items()):
        why[reason] += count
        print(f"  {count} x {reason}: {expected}")
    answered = 1 - sum(missed.values()) / len(situations)
    record(f"independent situation messages answered on their topic with a real service: {answered:.1%} "
           f"({len(situations) - sum(missed.values())}/{len(situations)}); missed: {dict(why)}")
    assert answered >= MIN_SITUATIONS_ANSWERED
