"""The front door's own replies (when Rasa cannot answer) use the bot's words from
domain.yml: 999 first for danger, the crisis lines for self-harm, both for both."""
from frontdoor.domain_words import paragraphs
from frontdoor.replies import safe_fallback


def texts(message):
    return [bubble["text"] for bubble in safe_fallback(message)]


def test_danger_gets_the_bots_first_words_for_danger():
    said = texts("theyre outside my house")
    assert said[0] == paragraphs("utter_danger")[0] and said[0].startswith("If you are in danger right now, call 999")
    assert "0800 1111" in said[1]


def test_self_harm_gets_999_then_the_crisis_lines():
    said = texts("i want to die")
    assert "999" in said[0] and said[0] == paragraphs("utter_self_harm")[0]
    assert all(number in said[1] for number in ("0800 1111", "116 123", "85258"))


def test_both_get_the_danger_words_first_then_the_crisis_lines():
    said = texts("they said theyll kill me and i want to kill myself")
    assert said[0] == paragraphs("utter_danger")[0]
    assert "116 123" in said[2]


def test_nothing_alarming_gets_a_short_apology_with_999_and_childline():
    said = " ".join(texts("hello"))
    assert said.startswith("Sorry") and "999" in said and "0800 1111" in said


def test_paragraphs_pick_the_variation_rasa_would():
    assert paragraphs("utter_ask_safe_now") == ["Are you safe right now?"]
    assert paragraphs("utter_ask_safe_now", {"self_harm": True})[0].startswith("Talk to someone now")
    assert paragraphs("utter_danger", {"danger_kind": "outside"})[0].startswith("Call 999 now. Stay inside")


def test_danger_in_a_family_language_gets_999_in_it_then_the_english():
    from safeguarding.languages import load_languages
    polish = load_languages()["pl"]
    said = safe_fallback(f"szybko {polish.danger[0]}")
    assert said[0]["lang"] == "pl" and "999" in said[0]["text"]
    assert said[1]["text"] == paragraphs("utter_danger")[0]
    assert safe_fallback("theyre outside my house")[0].get("lang") is None  # English: the page's own
