"""Rasa NLU component: a message in one of the families' languages (data/i18n/).

An alarm names the language first: the English rules English, a language's own danger
or self-harm words that language (so even a two-word cry for help is answered in it);
otherwise safeguarding/language_guess.py decides, by script and then by CLD2 (pycld2)
between languages of the same script. A message in
another language becomes `set_language` with a `language` entity (the families' reply in
it); one in Urdu, Punjabi or Gujarati written in English letters becomes `choose_language`
(the menu). The safety net runs after this and overrides both for danger and self-harm.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Dict, Iterable, List, Mapping, Optional, Text

import pycld2
from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.config_component import ConfigOnlyComponent
from safeguarding import language_guess
from safeguarding.languages import ENGLISH, load_languages, looks_romanised, romanised_words
from safeguarding.risk import Finding, load_rules

OUTPUT_KEY = "language_detector"
SET_LANGUAGE = "set_language"
CHOOSE_LANGUAGE = "choose_language"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class LanguageDetector(ConfigOnlyComponent, GraphComponent, IntentClassifier, EntityExtractorMixin):
    @classmethod
    def required_components(cls) -> List[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # CLD2 names one language (its score 1, the rest 0). Measured in docs/translations.md
        # against Lingua, langdetect and py3langid: as accurate, 5 MB instead of 270 MB,
        # and, not restricted to our languages, it puts English slang ("wagwan", "idk")
        # in languages the bot ignores rather than in Somali or Polish.
        return {"threshold": 0.5, "min_letters": 3}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.threshold = config["threshold"]
        self.min_letters = config["min_letters"]
        languages = load_languages()
        self.scripts = language_guess.scripts_of({code: lang.name for code, lang in languages.items()})
        self.rules = load_rules()
        self.romanised = romanised_words()

    @staticmethod
    def _scores(text: str, candidates: Iterable[str]) -> Mapping[str, float]:
        # CLD2 refuses control and unassigned characters; the front door lets none
        # through, but a message from elsewhere must not stop the pipeline.
        printable = "".join(ch for ch in text if ch in "\n\t " or unicodedata.category(ch)[0] != "C")
        try:
            _reliable, _bytes, details = pycld2.detect(printable, bestEffort=True)
        except pycld2.error:
            return {}
        best = details[0][1]
        return {best: 1.0} if best in candidates else {}

    def language_of(self, text: str, alarms: Optional[List[Finding]] = None) -> Optional[str]:
        alarms = self.rules.findings(text) if alarms is None else alarms
        if any(alarm.language is None for alarm in alarms):
            return ENGLISH  # the English rules fired: answer in English, whatever the detector says
        if alarms:
            return alarms[0].language
        return language_guess.guess(text, self.scripts, self._scores, self.threshold, self.min_letters)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            # Before the detector: Latin letters it would score as Somali or Polish.
            alarms = self.rules.findings(text)  # once per message: the rules try every language's words
            romanised = looks_romanised(text, self.romanised) and not alarms
            code = None if romanised else self.language_of(text, alarms)
            if romanised:
                self._set_intent(message, CHOOSE_LANGUAGE)
            elif code and code != ENGLISH:
                self._set_intent(message, SET_LANGUAGE)
                entity = {"entity": "language", "value": code, "start": 0, "end": len(text), "confidence_entity": 1.0}
                message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name([entity]), add_to_output=True)
            message.set(OUTPUT_KEY, {"language": code, "romanised": romanised}, add_to_output=True)
        return messages

    @staticmethod
    def _set_intent(message: Message, name: str) -> None:
        chosen = {"name": name, "confidence": 1.0}
        ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != name]
        message.set(INTENT, chosen, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [chosen] + ranking, add_to_output=True)
