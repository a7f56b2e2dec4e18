"""Which of the families' languages a message is written in.

The script decides first: Gujarati, Gurmukhi (Punjabi) and Bengali letters belong to one
language each. Only between languages that share a script (English, Polish, Romanian,
Portuguese and Somali in Latin letters; Urdu and Arabic in Arabic letters) does a
statistical detector's confidence decide (addons/language_detector.py gives it), and
then only above a threshold: a short or unclear message keeps the conversation's language.
"""
import unicodedata
from collections import Counter
from typing import Callable, Dict, Iterable, Mapping, Optional

# Scores: candidates' codes -> confidence (0..1) that the text is in that language.
LATIN = "LATIN"
Scorer = Callable[[str, Iterable[str]], Mapping[str, float]]


def script_of(ch: str) -> Optional[str]:
    """The script of a letter by its Unicode name ("GUJARATI LETTER KA" -> "GUJARATI")."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else None


def main_script(text: str, min_letters: int = 3) -> Optional[str]:
    """The script most of the letters are in; but a few words in another script win over
    Latin letters, as English words ("county lines") are often written inside them."""
    counts = Counter(script for script in map(script_of, text) if script)
    other = [(count, script) for script, count in counts.items() if script != LATIN and count >= min_letters]
    if other:
        return max(other)[1]
    return counts.most_common(1)[0][0] if counts else None


def scripts_of(names: Mapping[str, str]) -> Dict[str, str]:
    """Each language's script, from its name written in its own script (data/i18n)."""
    return {code: main_script(name) for code, name in names.items()}


def guess(text: str, scripts: Mapping[str, str], scorer: Scorer, threshold: float, min_letters: int,
          min_words: int = 3) -> Optional[str]:
    """The language's code, or None when the message is too short or unclear to say.
    Between languages of one script, a word or two is never enough: "yoo", "my bredda"
    and "fosse park" score as Somali or Portuguese."""
    if sum(ch.isalpha() for ch in text) < min_letters:
        return None
    script = main_script(text, min_letters)
    candidates = [code for code, its_script in scripts.items() if its_script == script]
    if len(candidates) < 2:
        return candidates[0] if candidates else None
    if len(text.split()) < min_words:
        return None
    scores = scorer(text, candidates)
    best = max(candidates, key=lambda code: scores.get(code, 0.0))
    return best if scores.get(best, 0.0) >= threshold else None
