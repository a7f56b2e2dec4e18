"""Families' languages (data/i18n): complete translations with the English placeholders,
no numbers of their own, the words the safety net reads, and how a reply is localised."""
import re

import pytest
import yaml

from project import PROJECT_ROOT
from safeguarding.contacts import load_contacts, template_vars
from safeguarding.language_guess import main_script
from safeguarding.languages import (
    BOTH_LANGUAGES,
    ENGLISH,
    AlarmWords,
    family_topics,
    fill,
    language_buttons,
    load_languages,
    localise,
    looks_romanised,
    normalise,
    romanised_words,
    source_stamp,
)
from safeguarding.risk import findings
from tests.metrics import record
from training.datasets import family_messages, nlu_test_set, safety_set

LANGUAGES = load_languages()
OTHERS = [code for code in LANGUAGES if code != ENGLISH]
DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
FAMILIES = sorted(name for name in DOMAIN if name.startswith("utter_families_"))
PLACEHOLDER = re.compile(r"\{(\w+)\}")
VALUES = template_vars(load_contacts())


def _english(name):
    """The response's unconditional variation: the one a translation stands for."""
    return next(v["text"] for v in DOMAIN[name] if not v.get("condition"))


def test_at_least_eight_languages_besides_english_with_english_first():
    assert list(LANGUAGES)[0] == ENGLISH
    assert len(OTHERS) >= 8


@pytest.mark.parametrize("code", OTHERS)
def test_a_translation_has_every_key_and_says_how_it_was_made(code):
    language = LANGUAGES[code]
    english = LANGUAGES[ENGLISH]
    assert set(language.ui) == set(english.ui)
    assert set(language.buttons) == set(english.buttons)
    assert set(language.responses) == set(FAMILIES) | set(BOTH_LANGUAGES)
    assert language.ui["translated_notice"], "the page must say the information is translated"
    assert language.produced and isinstance(language.native_speaker_checked, bool)
    assert len(language.danger) >= 8 and len(language.self_harm) >= 8


@pytest.mark.parametrize("code", OTHERS)
def test_a_translation_keeps_the_english_placeholders_and_writes_no_number(code):
    for name, text in LANGUAGES[code].responses.items():
        said = set(PLACEHOLDER.findall(text))
        if name in BOTH_LANGUAGES:  # said with the English after it: 999 first is what must hold
            assert "emergency_phone" in said, name
        else:
            assert said == set(PLACEHOLDER.findall(_english(name))), name
        assert all(p in VALUES for p in PLACEHOLDER.findall(text)), name
        # Numbers come from data/contacts.yml; "55" is the key the silent call asks for.
        assert set(re.findall(r"\d{2,}", PLACEHOLDER.sub("", text))) <= {"55"}, name
    assert not any(re.search(r"\d{2,}", value) for value in LANGUAGES[code].ui.values())


@pytest.mark.parametrize("code", OTHERS)
def test_every_translation_is_of_the_english_as_it_is_now(code):
    stale = {name: source_stamp(_english(name)) for name in FAMILIES
             if LANGUAGES[code].translated_from.get(name) != source_stamp(_english(name))}
    assert not stale, (f"{code}: the English of these changed since they were translated; translate them again, "
                       f"then set translated_from to: {stale}")


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_right_to_left_exactly_for_languages_in_arabic_script(code):
    language = LANGUAGES[code]
    assert (language.direction == "rtl") == (main_script(language.name) == "ARABIC")


def test_localise_says_a_translated_response_in_the_language_with_its_buttons():
    polish = LANGUAGES["pl"]
    english = {"text": "English words", "buttons": [{"title": "Signs to look for", "payload": '/families_info{"family_topic": "signs"}'},
                                                    {"title": "Other", "payload": "/something_else"}]}
    said = localise("utter_families_welcome", english, polish, VALUES)
    assert said["text"] == fill(polish.responses["utter_families_welcome"], VALUES)
    assert [b["title"] for b in said["buttons"]] == [polish.buttons["signs"], "Other"]
    assert said["custom"] == {"lang": "pl", "paragraphs": said["text"].count("\n\n") + 1, "of": said["text"].count("\n\n") + 1}


def test_localise_says_the_safety_replies_in_the_language_then_in_english():
    said = localise("utter_danger", {"text": "Call 999 now."}, LANGUAGES["ur"], VALUES)
    translated = fill(LANGUAGES["ur"].responses["utter_danger"], VALUES)
    assert said["text"] == f"{translated}\n\nCall 999 now."
    assert said["custom"]["paragraphs"] == translated.count("\n\n") + 1
    assert said["custom"]["of"] == said["custom"]["paragraphs"] + 1
    assert VALUES["emergency_phone"] in said["text"].split("\n\n")[0]


def test_localise_leaves_english_and_untranslated_responses_alone():
    response = {"text": "hello"}
    assert localise("utter_greet", response, LANGUAGES["pl"], VALUES) is response
    assert localise("utter_families_signs", response, None, VALUES) is response
    assert localise("utter_families_signs", response, LANGUAGES[ENGLISH], VALUES) is response


def test_a_button_with_a_broken_payload_keeps_its_title():
    said = localise("utter_families_welcome", {"text": "x", "buttons": [{"title": "T", "payload": "/families_info{oops"}]},
                    LANGUAGES["pl"], VALUES)
    assert said["buttons"][0]["title"] == "T"


def test_fill_leaves_an_unknown_placeholder_visible():
    assert fill("Call {emergency_phone} or {nobody}", VALUES) == f"Call {VALUES['emergency_phone']} or {{nobody}}"


def test_language_menu_names_each_language_in_its_own_script():
    buttons = language_buttons(LANGUAGES)
    assert buttons[0] == {"title": "English", "payload": '/set_language{"language": "en"}'}
    titles = {b["title"] for b in buttons}
    assert {"ગુજરાતી", "Polski", "ਪੰਜਾਬੀ", "اردو", "العربية"} <= titles


def test_family_topics_are_the_english_buttons_in_order():
    assert family_topics(LANGUAGES) == ("signs", "what_to_do", "who_to_call", "after_call", "interpreter")
    assert set(FAMILIES) == {"utter_families_welcome"} | {f"utter_families_{t}" for t in family_topics(LANGUAGES)}


def test_normalise_drops_latin_accents_and_arabic_vowel_marks_but_keeps_indic_vowel_signs():
    assert normalise("Zabiję się!") == " zabije sie "
    assert normalise("Łódź") == " lodz "
    assert normalise("મારો દીકરો") == " મારો દીકરો "
    assert normalise("قَتَلَ") == normalise("قتل")
    assert normalise("علي") == normalise("علی")


@pytest.mark.parametrize("code", OTHERS)
@pytest.mark.parametrize("suffix", ["", "_dev"])
def test_each_language_own_danger_and_self_harm_messages_raise_the_alarm(code, suffix):
    """The held-out messages (written with the translation) and the red-team's development set."""
    messages = family_messages(code)
    for text in messages["danger" + suffix]:
        assert "danger" in {f.risk for f in findings(text)}, text
    for text in messages["self_harm" + suffix]:
        assert "self_harm" in {f.risk for f in findings(text)}, text
    if not suffix:
        for text in messages["everyday"] + messages["families"]:
            assert not findings(text), text


# Kept on purpose: a few core phrases ("ma nóż", "بچاؤ"-like cries) also fit a kitchen or a
# hot day; a needless 999 is the lesser harm. The red-team's everyday set measures it.
MAX_DEV_FALSE_ALARMS = 0.1


def test_few_false_alarms_on_the_red_teams_everyday_messages():
    everyday = [(code, text) for code in OTHERS for text in family_messages(code)["everyday_dev"]]
    alarms = [(code, text, findings(text)[0].pattern) for code, text in everyday if findings(text)]
    record(f"other languages' safety words, false alarms on the red-team's everyday messages (tuned on): "
           f"{len(alarms)}/{len(everyday)}")
    for alarm in alarms:
        print("  ", *alarm)
    assert len(alarms) <= MAX_DEV_FALSE_ALARMS * len(everyday)


def test_a_languages_everyday_use_of_its_words_is_blanked_out_first():
    words = AlarmWords({"ur": LANGUAGES["ur"]})
    assert not words.find("ناک سے خون بہہ رہا ہے")  # a nosebleed
    assert [a.risk for a in words.find("خون بہہ رہا ہے")] == ["danger"]
    assert normalise("ਜ਼ਹਿਰ") == normalise("ਜਹਿਰ") and normalise("چھری") == normalise("چهری")


def test_a_foreign_alarm_says_its_language_and_comes_after_english_rules():
    words = AlarmWords({"pl": LANGUAGES["pl"]})
    phrase = LANGUAGES["pl"].danger[0]
    assert [(a.risk, a.language) for a in words.find(f"prosze {phrase} szybko")] == [("danger", "pl")]
    found = findings(f"{phrase}")
    assert found[0].language == "pl" and found[0].kind == "general"


def test_no_english_message_trips_another_language_alarm_words():
    words = AlarmWords({code: LANGUAGES[code] for code in OTHERS})
    english = [text for text, _ in nlu_test_set()] + safety_set("everyday") + safety_set("everyday_lookalikes")
    tripped = [(text, [a.phrase for a in words.find(text)]) for text in english if words.find(text)]
    assert not tripped


def test_romanised_urdu_punjabi_gujarati_is_told_from_english_with_a_word_of_it():
    words = romanised_words()
    for text in ("mera beta ghar nahi aaya", "mujhe madad chahiye", "kem cho", "tusi kithe ho", "meri beti bahut pareshan hai"):
        assert looks_romanised(text, words), text
    for text in ("wallah bhai they want me to go OT", "hi", "ok", "my beta version crashed", "kya happened bro",
                 "they want me to carry for them"):
        assert not looks_romanised(text, words), text


def test_no_english_held_out_message_looks_romanised():
    words = romanised_words()
    assert not [text for text, _ in nlu_test_set() if looks_romanised(text, words)]
