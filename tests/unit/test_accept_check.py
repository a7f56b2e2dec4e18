"""An accept that could make the bot less safe is refused: a message the safety net's
rules fire on, or the classifier took for danger or self-harm, under another intent."""
import pytest

from training.accept_check import unsafe

DANGER_FIRST = [{"name": "danger", "confidence": 0.6}, {"name": "thanks", "confidence": 0.3}]
SELF_HARM_SECOND = [{"name": "unsure", "confidence": 0.5}, {"name": "self_harm", "confidence": 0.3}]
FAINT = [{"name": "thanks", "confidence": 0.9}, {"name": "danger", "confidence": 0.05}]


@pytest.mark.parametrize("message, guesses, said", [
    ("theyre outside my house with a knife", [], "danger: someone outside"),
    ("i just wanna kms tonight", [], "self-harm"),
    ("ok cool", DANGER_FIRST, "took it for danger (60%)"),
    ("ok cool", SELF_HARM_SECOND, "took it for self_harm (30%)"),
])
def test_a_risk_message_under_an_everyday_intent_is_refused_with_the_reason(message, guesses, said):
    reason = unsafe(message, "thanks", guesses, "thanks")
    assert reason and said in reason and "'thanks'" in reason


def test_older_items_without_guesses_use_what_the_bot_ended_with():
    assert "took it for danger" in unsafe("ok cool", "thanks", [], "danger")


@pytest.mark.parametrize("message, intent, guesses", [
    ("theyre outside my house with a knife", "danger", []),  # into its own risk
    ("theyre outside my house with a knife", "self_harm", []),  # still a risk intent
    ("ok cool thanks", "thanks", FAINT),  # danger only faintly, and not first
    ("they said i have to work off what they lost", "owe_debt", [{"name": "pressured_threatened", "confidence": 0.84}]),
])
def test_everything_else_may_be_accepted(message, intent, guesses):
    assert unsafe(message, intent, guesses, guesses[0]["name"] if guesses else intent) is None
