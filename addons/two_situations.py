"""Messages that say two situations: the more serious answered, the other acknowledged.

Three Rasa parts over safeguarding/two_situations.py:
- ClauseSplitter, first in the NLU pipeline: a message with two clauses or more ("the
  olders bought me food" / "now want me to hold stuff") goes on with its clauses as
  messages of their own after it, so the same trained pipeline reads each clause too.
- TwoSituations, after the FallbackClassifier: takes the clauses out again. A long
  message whose whole reads only as a worried adult or as chatter, but one of whose
  clauses clearly says a situation (main_threshold), is answered as that situation; a
  worried adult's that names their child or pupil is recorded as a `speaker` entity, so
  their signposts stay an adult's. Any message whose words say an adult is talking ("im
  his mum", data/two_situations.yml speaker_words) carries that entity too.
  When the classifier's best guess for the message is a situation and another situation is in
  its ranking (threshold) or is a clause's best guess (clause_threshold), the intent
  becomes the more serious of the two (data/two_situations.yml) and the other is
  recorded on the message as an `also_situation` entity (so it lasts one message only).
  Two close guesses that are both situations are answered this way instead of "did you
  mean…?": the more serious one's advice and signposts come at once, and the other is
  one tap away, as a "did you mean…?" button would be. The language detector and the
  safety net run after it and still override it.
- AlsoSaidPolicy: after the main reply's signposts, utter_also_said (its words filled in
  by addons/contact_nlg.py), then listen. A plain response predicted inside the Rasa
  server, so it comes with the action server down too; never in safety mode.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.config_component import ConfigOnlyComponent, ConfigOnlyPolicy
from addons.safety_policy import read_turn
from safeguarding import two_situations
from safeguarding.safety_context import SAFETY_MODE

CLAUSE = "two_situations_clause"  # marks a message made from a clause of the message before it
COMMAND = "/"  # a button's payload ("/intent"): not words to read
RELATION = "relation"  # whose child or friend a message is about (data/nlu/lexicon.yml): who is talking


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ClauseSplitter(ConfigOnlyComponent, GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"settings": str(two_situations.SETTINGS_FILE)}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.settings = two_situations.load_settings(Path(config["settings"]))

    def process(self, messages: List[Message]) -> List[Message]:
        split = []
        for message in messages:
            text = message.get(TEXT) or ""
            clauses = () if text.startswith(COMMAND) else self.settings.clauses(text)
            split += [message] + [Message(data={TEXT: clause, CLAUSE: True}) for clause in clauses]
        return split


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class TwoSituations(ConfigOnlyComponent, GraphComponent, IntentClassifier, EntityExtractorMixin):
    @classmethod
    def required_components(cls) -> List[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # The confidences needed (config.yml sets them; docs/nlu.md says how they were chosen).
        return {"threshold": 0.4, "clause_threshold": 0.8, "main_threshold": 0.9, "settings": str(two_situations.SETTINGS_FILE)}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.threshold = config["threshold"]
        self.clause_threshold = config["clause_threshold"]
        self.main_threshold = config["main_threshold"]
        self.settings = two_situations.load_settings(Path(config["settings"]))

    def process(self, messages: List[Message]) -> List[Message]:
        read: List[Tuple[Message, List[Message]]] = []  # each message with its clauses
        for message in messages:
            if message.get(CLAUSE) and read:
                read[-1][1].append(message)
            else:
                read.append((message, []))
        for message, clauses in read:
            self._read(message, clauses)
        return [message for message, _ in read]

    def _read(self, message: Message, clauses: List[Message]) -> None:
        ranking = message.get(INTENT_RANKING_KEY) or []
        guesses = [guess for clause in clauses if (guess := two_situations.best_guess(clause.get(INTENT_RANKING_KEY) or []))]
        relations = {entity["value"] for entity in message.get(ENTITIES) or [] if entity.get("entity") == RELATION}
        said = self.settings.speaker_of(message.get(TEXT) or "")
        named = relations | {said} if said else relations
        through = two_situations.read_through(ranking, guesses, self.settings, self.main_threshold, named)
        # Who is talking, however the message is answered: "im his mum" keeps a parent's
        # signposts whatever the classifier made of the rest.
        speaker = (through.speaker if through else None) or said
        entities = [self._entity(message, two_situations.SPEAKER, speaker, 1.0)] if speaker else []
        if through:
            ranking = two_situations.ranked_first(ranking, through.situation, through.confidence)
        pair = two_situations.choose(ranking, guesses, self.settings, self.threshold, self.clause_threshold)
        if pair:
            ranking = two_situations.ranked_first(ranking, pair.main, pair.main_confidence)
            entities.append(self._entity(message, two_situations.ENTITY, pair.also, pair.also_confidence))
        if through or pair:
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        if entities:
            message.set(ENTITIES, (message.get(ENTITIES) or []) + self.add_extractor_name(entities), add_to_output=True)

    @staticmethod
    def _entity(message: Message, name: Text, value: Text, confidence: float) -> Dict[Text, Any]:
        """An entity said by the whole message."""
        return {"entity": name, "value": value, "start": 0, "end": len(message.get(TEXT) or ""), "confidence_entity": confidence}


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class AlsoSaidPolicy(ConfigOnlyPolicy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Above RulePolicy (6), whose rule would listen after the signposts. It predicts only
        # outside safety mode, just after action_signpost, where the safety policy (7) never does.
        return {"priority": 8}

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, rule_only_data: Optional[Dict[Text, Any]] = None, **kwargs: Any
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        also = two_situations.also_said(tracker.latest_message.entities)
        action = two_situations.next_action(read_turn(tracker).done, also, bool(tracker.get_slot(SAFETY_MODE)))
        if action:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)
