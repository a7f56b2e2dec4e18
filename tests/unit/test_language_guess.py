"""Which language a message is in: script first, then the detector's scores."""
from safeguarding.language_guess import guess, main_script, scripts_of

SCRIPTS = scripts_of({"en": "English", "pl": "Polski", "gu": "ગુજરાતી", "ur": "اردو", "ar": "العربية"})


def scorer(scores):
    def score(text, candidates):
        score.asked = sorted(candidates)
        return scores
    return score


def test_scripts_come_from_each_language_name_in_its_own_script():
    assert SCRIPTS == {"en": "LATIN", "pl": "LATIN", "gu": "GUJARATI", "ur": "ARABIC", "ar": "ARABIC"}
    assert main_script("123 !!") is None


def test_a_script_with_one_language_decides_without_the_detector():
    never = scorer({})
    assert guess("મારો દીકરો ઘરે નથી", SCRIPTS, never, 0.9, 3) == "gu"
    assert not hasattr(never, "asked")


def test_languages_sharing_a_script_are_told_apart_by_the_detector_above_the_threshold():
    score = scorer({"ur": 0.95, "ar": 0.05})
    assert guess("میرا بیٹا گھر نہیں آیا", SCRIPTS, score, 0.9, 3) == "ur"
    assert score.asked == ["ar", "ur"]
    assert guess("my son came home late", SCRIPTS, scorer({"en": 0.97, "pl": 0.03}), 0.9, 3) == "en"


def test_an_unclear_or_short_message_names_no_language():
    assert guess("wot m8", SCRIPTS, scorer({"pl": 0.6, "en": 0.4}), 0.9, 3) is None
    assert guess("ok", SCRIPTS, scorer({"en": 1.0}), 0.9, 3) is None
    assert guess("Привет как дела", SCRIPTS, scorer({}), 0.9, 3) is None  # a script no language here uses


def test_a_few_words_in_another_script_outweigh_english_words_inside_them():
    assert main_script("county lines એટલે શું?") == "GUJARATI"
    assert main_script("my son said ok") == "LATIN"
    assert main_script("ok ਹਾਂ") == "LATIN"  # two Gurmukhi letters: too few to count


def test_two_words_are_never_enough_between_languages_of_one_script():
    assert guess("yoo", SCRIPTS, scorer({"pl": 0.99}), 0.9, 3) is None
    assert guess("my bredda", SCRIPTS, scorer({"so": 0.99}), 0.9, 3) is None
    assert guess("dzieki bardzo mamo", SCRIPTS, scorer({"pl": 0.99}), 0.9, 3) == "pl"
