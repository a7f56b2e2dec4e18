"""Context padding: examples get everyday chatter around them under the same intent, in
training only, the same way every time; short answers, the chatter itself and examples
with entities are left alone."""
import random

from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.context_padding import ContextPadding
from safeguarding.padding import pad

CHATTER = ["who won the football", "this homework is killing me!"]


def test_the_example_stays_whole_between_or_beside_the_chatter():
    seen = set()
    for seed in range(30):
        padded = pad("they want me to hold a bag", CHATTER, random.Random(seed))
        parts = padded.split(". ")
        assert "they want me to hold a bag" in parts and 2 <= len(parts) <= 3
        assert set(parts) - {"they want me to hold a bag"} <= {"who won the football", "this homework is killing me"}
        seen.add(parts.index("they want me to hold a bag") if len(parts) == 2 else "middle")
    assert seen == {0, 1, "middle"}


def example(text, intent, **extra):
    return Message(data={TEXT: text, INTENT: intent, **extra})


def padded_texts(config, examples):
    component = ContextPadding({**ContextPadding.get_default_config(), **config})
    data = component.process_training_data(TrainingData(examples))
    return [(m.get(TEXT), m.get(INTENT)) for m in data.training_examples[len(examples):]]


def test_situations_are_copied_with_chatter_under_their_own_intent():
    story_turn = Message(data={INTENT: "out_of_scope"})
    examples = [story_turn] + [example(t, "out_of_scope") for t in CHATTER] + [
        example("man said carry this to the station", "asked_to_carry"),
        example("yes", "affirm"),
        example("i live in hinckley town centre", "inform_area", **{ENTITIES: [{"start": 10, "end": 18}]}),
        example("من در خطر هستم الان کمک", "set_language"),
    ]
    copies = padded_texts({"copies": 2, "skip": ["set_language"]}, examples)
    assert [intent for _, intent in copies] == ["asked_to_carry", "asked_to_carry"]
    assert all("man said carry this to the station" in text and text != "man said carry this to the station" for text, _ in copies)
    assert copies == padded_texts({"copies": 2, "skip": ["set_language"]}, examples)


def test_messages_in_use_pass_untouched():
    message = example("who won the football. they want me to go ot", "travel_out_of_town")
    assert ContextPadding(ContextPadding.get_default_config()).process([message]) == [message]
