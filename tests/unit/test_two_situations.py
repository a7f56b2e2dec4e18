"""Messages that say two situations: which two, which first, and when the other is acknowledged."""
import re

from rasa.shared.nlu.training_data.message import Message

from addons.two_situations import ClauseSplitter
from addons.two_situations import TwoSituations as Component
from safeguarding import two_situations as two
from safeguarding.clarify import load_clarify
from safeguarding.situations import SIGNPOST_ACTION, situation_intents

ORDER = ("gone_missing", "someone_missing", "travel_out_of_town", "asked_to_carry", "gifts_from_olders")
SETTINGS = two.Settings(ORDER, re.compile(r"\band\b"), 2, frozenset({frozenset(("gone_missing", "someone_missing"))}),
                        {"worried_adult": "adult", "out_of_scope": None})
T = 0.3
TC = 0.8


def guess(name, confidence):
    return {"name": name, "confidence": confidence}


def choose(ranking, clauses=(), threshold=T, clause_threshold=TC):
    found = two.choose(ranking, clauses, SETTINGS, threshold, clause_threshold)
    return (found.main, found.also) if found else None


def test_two_situations_the_more_serious_first_whatever_the_classifier_preferred():
    ranking = [guess("asked_to_carry", 0.5), guess("gifts_from_olders", 0.3), guess("greet", 0.1)]
    assert choose(ranking) == ("asked_to_carry", "gifts_from_olders")
    ranking = [guess("travel_out_of_town", 0.45), guess("gone_missing", 0.35)]
    assert choose(ranking) == ("gone_missing", "travel_out_of_town")


def test_two_close_guesses_that_fell_back_are_read_by_the_guesses_under_the_fallback():
    ranking = [guess("nlu_fallback", 0.5), guess("travel_out_of_town", 0.4), guess("gone_missing", 0.38)]
    found = two.choose(ranking, (), SETTINGS, T, TC)
    assert found == two.TwoSituations("gone_missing", "travel_out_of_town", 0.38, 0.4)


def test_a_clause_says_what_the_whole_message_hid():
    ranking = [guess("travel_out_of_town", 0.99), guess("gone_missing", 0.005)]
    clauses = [("gone_missing", 0.98), ("travel_out_of_town", 0.99)]
    found = two.choose(ranking, clauses, SETTINGS, T, TC)
    assert found == two.TwoSituations("gone_missing", "travel_out_of_town", 0.98, 0.99)
    assert choose(ranking, [("gone_missing", 0.7)]) is None  # below the clause threshold
    assert choose(ranking, [("greet", 0.99), ("travel_out_of_town", 0.99)]) is None  # not a second situation


def test_of_several_others_the_most_serious_is_acknowledged():
    ranking = [guess("gifts_from_olders", 0.6), guess("asked_to_carry", 0.3)]
    assert choose(ranking, [("travel_out_of_town", 0.9)]) == ("travel_out_of_town", "gifts_from_olders")


def test_the_next_situation_down_counts_past_a_guess_that_is_not_one():
    ranking = [guess("gifts_from_olders", 0.4), guess("faq", 0.3), guess("asked_to_carry", 0.25)]
    assert choose(ranking, threshold=0.2) == ("asked_to_carry", "gifts_from_olders")


def test_one_situation_is_one():
    assert choose([guess("asked_to_carry", 0.7), guess("gifts_from_olders", 0.29)]) is None
    assert choose([guess("asked_to_carry", 0.5), guess("greet", 0.3)], [("asked_to_carry", 0.9)]) is None
    assert choose([guess("asked_to_carry", 0.9)]) is None


def test_small_talk_questions_and_alarms_are_never_overridden_nor_counted():
    for best in ("faq", "greet", "who_to_talk_to", "worried_adult", "danger", "self_harm"):
        ranking = [guess(best, 0.4), guess("asked_to_carry", 0.3), guess("gone_missing", 0.3)]
        assert choose(ranking, [("asked_to_carry", 0.9), ("gone_missing", 0.9)]) is None


def test_one_situation_seen_from_two_sides_is_not_two():
    ranking = [guess("nlu_fallback", 0.5), guess("gone_missing", 0.5), guess("someone_missing", 0.45)]
    assert choose(ranking) is None
    assert choose(ranking, [("someone_missing", 0.9), ("travel_out_of_town", 0.9)]) == ("gone_missing", "travel_out_of_town")


def test_nothing_sure_enough_is_nothing():
    assert choose([guess("asked_to_carry", 0.25), guess("gone_missing", 0.25)], [("gone_missing", 0.9)]) is None
    assert choose([]) is None


def test_a_message_is_split_into_clauses_of_a_few_words_at_the_words_and_marks_of_the_data_file():
    settings = two.load_settings()
    assert settings.clauses("the olders bought me food for weeks and now want me to hold stuff") == (
        "the olders bought me food for weeks", "want me to hold stuff")
    assert settings.clauses("i ran away. Cos they said I OWE them") == ("i ran away", "they said I OWE them")
    assert settings.clauses("im scared, help") == ()  # one clause of two words or more is no split
    assert settings.clauses("they want me to hold a bag") == ()
    assert settings.clauses("i have a handbag") == ()  # "and" only as a word


def test_a_clause_that_clearly_says_a_situation_answers_a_message_read_whole_as_a_worried_adult_or_chatter():
    clauses = [("greet", 0.99), ("gifts_from_olders", 0.92), ("gone_missing", 0.9)]
    for whole, speaker in (("worried_adult", "adult"), ("out_of_scope", None)):
        found = two.read_through([guess(whole, 0.95), guess("asked_to_carry", 0.03)], clauses, SETTINGS, 0.9, {"adult"})
        assert found == two.ReadThrough("gone_missing", 0.9, speaker)  # the most serious; who is talking kept
    ambiguous = [guess("nlu_fallback", 0.5), guess("worried_adult", 0.4), guess("greet", 0.35)]
    found = two.read_through(ambiguous, [("asked_to_carry", 0.95)], SETTINGS, 0.9, {"adult"})
    assert found == two.ReadThrough("asked_to_carry", 0.95, "adult")


def test_a_message_read_whole_as_a_worried_adult_keeps_the_adult_only_if_it_names_them():
    ranking = [guess("worried_adult", 0.95)]
    for named in (frozenset(), {"friend"}, {"sibling"}):
        assert two.read_through(ranking, [("gone_missing", 0.95)], SETTINGS, 0.9, named) == two.ReadThrough("gone_missing", 0.95, None)


def test_who_a_message_says_is_talking_by_its_words():
    settings = two.load_settings()
    for text in ("I'm his mum and he was arrested", "one of my  Students told me", "as a parent im scared",
                 "im her teacher", "Im’ his dad", "I am his mother", "Youth worker here."):
        assert settings.speaker_of(text) == "adult", text
    # what young people say of themselves, their mates and their sisters
    for text in ("my boy got arrested", "his mum kicked him out", "my teacher said", "im a student", "my classmates",
                 "a boy in my class", "they took my student card", "im a mum at 17", "im her carer cos my mum is ill",
                 "our girl told me not to tell", "i am scared"):
        assert settings.speaker_of(text) is None, text


def test_a_whole_message_read_as_anything_else_or_no_clear_clause_is_read_as_it_is():
    for whole in ("asked_to_carry", "worried_friend", "report_anonymously", "faq", "danger"):
        assert two.read_through([guess(whole, 0.6), guess("worried_adult", 0.3)], [("gone_missing", 0.99)], SETTINGS, 0.9) is None
    assert two.read_through([guess("worried_adult", 0.9)], [("gone_missing", 0.89), ("greet", 0.99)], SETTINGS, 0.9) is None
    assert two.read_through([], [("gone_missing", 0.99)], SETTINGS, 0.9) is None


def test_the_answer_goes_first_and_not_sure_goes():
    ranking = [guess("nlu_fallback", 0.5), guess("worried_adult", 0.97), guess("arrested", 0.02)]
    assert two.ranked_first(ranking, "arrested", 0.95) == [guess("arrested", 0.95), guess("worried_adult", 0.97)]


def test_the_best_guess_skips_the_fallback():
    assert two.best_guess([guess("nlu_fallback", 0.5), guess("greet", 0.4)]) == ("greet", 0.4)
    assert two.best_guess([guess("nlu_fallback", 0.5)]) is None


def test_the_order_lists_situations_with_a_title_and_nothing_the_safety_net_or_a_question_decides():
    settings = two.load_settings()
    order = settings.order
    assert all(pair <= set(order) and len(pair) == 2 for pair in settings.one_situation)
    assert len(order) == len(set(order))
    assert set(order) <= situation_intents()
    assert set(order) <= set(load_clarify().titles)
    assert not set(order) & {"danger", "self_harm", "worried_friend", "worried_adult", "who_to_talk_to",
                             "report_anonymously", "am_i_being_used", "inform_area"}
    # immediacy of harm: a child away from home before the errand, the errand before the gifts
    assert order.index("gone_missing") < order.index("travel_out_of_town") < order.index("asked_to_carry")
    assert order.index("asked_to_carry") < order.index("gifts_from_olders")


def test_the_other_situation_is_read_from_the_message():
    entities = [{"entity": "place", "value": "Derby"}, {"entity": two.ENTITY, "value": "gifts_from_olders"}]
    assert two.also_said(entities) == "gifts_from_olders"
    assert two.also_said(entities[:1]) is None


def test_the_acknowledgement_comes_straight_after_the_signposts_then_the_bot_listens():
    assert two.next_action(["utter_advice_asked_to_carry", SIGNPOST_ACTION], "gifts_from_olders", False) == two.ALSO_SAID
    assert two.next_action(["utter_advice_asked_to_carry", SIGNPOST_ACTION, two.ALSO_SAID], "gifts_from_olders", False) == two.LISTEN
    assert two.next_action(["utter_advice_asked_to_carry"], "gifts_from_olders", False) is None
    assert two.next_action([], "gifts_from_olders", False) is None


def test_no_acknowledgement_without_a_second_situation_or_in_safety_mode():
    assert two.next_action(["utter_advice_asked_to_carry", SIGNPOST_ACTION], None, False) is None
    assert two.next_action(["utter_advice_asked_to_carry", SIGNPOST_ACTION], "gifts_from_olders", True) is None


def test_the_button_has_the_plain_title_of_the_other_situation():
    clarify = load_clarify()
    entities = [{"entity": two.ENTITY, "value": "travel_out_of_town"}]
    assert two.acknowledgement(entities, clarify) == {"title": "They want me to go to another town",
                                                      "payload": "/travel_out_of_town"}
    assert two.acknowledgement([{"entity": two.ENTITY, "value": "danger"}], clarify) is None
    assert two.acknowledgement([], clarify) is None


def test_a_title_is_quoted_as_a_sentence():
    assert two.quoted("They want me to go to another town") == "They want me to go to another town."
    assert two.quoted("Will I get in trouble?") == "Will I get in trouble?"


def pipeline(text, ranking, clause_rankings, entities=()):
    """The text (with the entities the extractors found) through the splitter, the
    classifier's rankings put on each part as the pipeline between them would, and the
    result of TwoSituations."""
    config = {"settings": str(two.SETTINGS_FILE)}
    parts = ClauseSplitter(config).process([Message({"text": text, "entities": list(entities)})])
    for part, part_ranking in zip(parts, [ranking] + clause_rankings, strict=True):
        part.set("intent", part_ranking[0])
        part.set("intent_ranking", part_ranking)
    return Component({**config, "threshold": T, "clause_threshold": TC, "main_threshold": 0.9}).process(parts)


def test_the_clauses_go_through_the_pipeline_and_only_the_message_comes_out_with_the_other_situation():
    text = "the olders bought me food for weeks and now want me to hold stuff"
    (message,) = pipeline(text, [guess("gifts_from_olders", 0.95), guess("greet", 0.02)],
                          [[guess("gifts_from_olders", 0.96)], [guess("nlu_fallback", 0.5), guess("asked_to_carry", 0.88)]])
    assert message.get("intent") == guess("asked_to_carry", 0.88)
    assert [e["name"] for e in message.get("intent_ranking")] == ["asked_to_carry", "gifts_from_olders", "greet"]
    (entity,) = message.get("entities")
    assert (entity["entity"], entity["value"], entity["start"], entity["end"]) == (two.ENTITY, "gifts_from_olders", 0, len(text))
    assert "two_situations_clause" not in message.as_dict()


def test_a_message_with_one_situation_is_left_alone_and_a_button_not_split():
    ranking = [guess("asked_to_carry", 0.8), guess("gifts_from_olders", 0.1)]
    (message,) = pipeline("they want me to hold stuff", ranking, [])
    assert message.get("intent") == ranking[0] and message.get("entities") == []
    splitter = ClauseSplitter({"settings": str(two.SETTINGS_FILE)})
    assert len(splitter.process([Message({"text": "/travel_out_of_town, and now"})])) == 1


def test_a_parents_message_is_answered_as_the_situation_a_clause_clearly_says_and_they_stay_the_audience():
    text = "i am really worried about my son, he was arrested on saturday and he will not talk to me"
    ranking = [guess("worried_adult", 0.97), guess("arrested", 0.02)]
    clauses = [[guess("worried_adult", 0.9)], [guess("arrested", 0.95)], [guess("worried_adult", 0.6)]]
    son = {"entity": "relation", "value": "adult", "start": 23, "end": 29}
    (message,) = pipeline(text, ranking, clauses, [son])
    assert message.get("intent") == guess("arrested", 0.95)
    assert [e["name"] for e in message.get("intent_ranking")] == ["arrested", "worried_adult"]
    relation, speaker = message.get("entities")  # one situation: nothing to acknowledge
    assert relation == son and (speaker["entity"], speaker["value"], speaker["end"]) == (two.SPEAKER, "adult", len(text))
    (unnamed,) = pipeline(text.replace("my son", "him"), ranking, clauses)  # no word says who is talking
    assert unnamed.get("intent") == guess("arrested", 0.95) and unnamed.get("entities") == []
    (left,) = pipeline(text, ranking, [[guess("worried_adult", 0.9)], [guess("arrested", 0.85)], [guess("worried_adult", 0.6)]])
    assert left.get("intent") == ranking[0] and left.get("entities") == []  # the clause not clear enough


def test_a_message_whose_words_say_an_adult_is_talking_carries_it_however_it_was_read():
    text = "im his mum, the police arrested him last night"
    ranking = [guess("arrested", 0.95), guess("worried_adult", 0.04)]
    clauses = [[guess("worried_adult", 0.6)], [guess("arrested", 0.97)]]
    (message,) = pipeline(text, ranking, clauses)
    assert message.get("intent") == ranking[0]  # answered as it was read
    (speaker,) = message.get("entities")
    assert (speaker["entity"], speaker["value"], speaker["confidence_entity"]) == (two.SPEAKER, "adult", 1.0)
    (young,) = pipeline("my mate got arrested last night", ranking, [])
    assert young.get("intent") == ranking[0] and young.get("entities") == []
    chatter = [guess("out_of_scope", 0.9)]  # read through chatter, which names nobody: the words still do
    (through,) = pipeline(text, chatter, clauses)
    assert through.get("intent") == guess("arrested", 0.97)
    assert [(e["entity"], e["value"]) for e in through.get("entities")] == [(two.SPEAKER, "adult")]


def test_chatter_read_through_to_two_situations_says_nobody_and_acknowledges_the_other():
    text = "went to town and got chips, they keep buying me stuff and now they want me to hold a bag"
    ranking = [guess("out_of_scope", 0.9), guess("greet", 0.05)]
    clauses = [[guess("out_of_scope", 0.9)], [guess("out_of_scope", 0.8)], [guess("gifts_from_olders", 0.93)],
               [guess("asked_to_carry", 0.96)]]
    (message,) = pipeline(text, ranking, clauses)
    assert message.get("intent") == guess("asked_to_carry", 0.96)
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [(two.ENTITY, "gifts_from_olders")]
