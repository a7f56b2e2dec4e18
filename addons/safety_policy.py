"""Rasa policy: the safety conversation reads the conversation, not just the message.

It sees the tracker, so it can do what the NLU pipeline cannot:
- keep both alarms and the kind of danger: the safety net's findings for this message
  become slots (`danger_kind`, `self_harm`), applied before the first reply is built,
  so utter_danger gives the advice for that danger and every later reply keeps the
  crisis lines once self-harm has been said;
- answer cues in context (data/safety/context.yml): after a self-harm message, "nah i
  got my mums pills here" is a method, whatever the classifier made of it.
It runs inside the Rasa server on plain responses: no action server is involved.
Its priority is above RulePolicy's, and it predicts only when a context rule fits.
"""
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.config_component import ConfigOnlyPolicy
from safeguarding import safety_context
from safeguarding.risk import RULES_FILE, load_rules

# Rasa's own bookkeeping, not replies.
NOT_REPLIES = {ACTION_LISTEN_NAME, "action_extract_slots", "action_session_start"}


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class SafetyPolicy(ConfigOnlyPolicy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Above RulePolicy (6): a context rule that fits wins over the intent's rule.
        return {"priority": 7, "rules": str(RULES_FILE), "context": str(safety_context.CONTEXT_FILE)}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Optional[Any] = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)
        self.rules = load_rules(Path(config["rules"]))
        self.context = safety_context.load_context(Path(config["context"]))

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, rule_only_data: Optional[Dict[Text, Any]] = None, **kwargs: Any
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        message = tracker.latest_message
        if message is None or not message.text:
            return self._prediction(probabilities)
        turn = read_turn(tracker)
        first = not turn.done
        updates = safety_context.state_updates(self.rules, turn.text, turn.slots) if first else {}
        rule = safety_context.choose(self.rules, self.context, turn)
        action = safety_context.next_action(rule, turn.done) if rule else None
        if rule and first:
            updates = {**updates, **safety_context.context_updates(rule, turn.slots)}
        events = [SlotSet(name, value) for name, value in sorted(updates.items())]
        if action:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, events=events)


def read_turn(tracker: DialogueStateTracker) -> safety_context.Turn:
    """The message, the slots, and the bot's replies around it, from the events."""
    turns: List[List[str]] = [[]]
    for event in tracker.applied_events():
        if isinstance(event, UserUttered):
            turns.append([])
        elif isinstance(event, ActionExecuted) and event.action_name not in NOT_REPLIES:
            turns[-1].append(event.action_name)
    previous: Tuple[str, ...] = tuple(turns[-2]) if len(turns) > 1 else ()
    message = tracker.latest_message
    return safety_context.Turn(
        text=message.text or "",
        intent=(message.intent or {}).get("name"),
        slots={name: tracker.get_slot(name) for name in safety_context.SLOTS},
        previous=previous,
        done=tuple(turns[-1]),
        earlier=tuple(action for turn in turns[:-1] for action in turn),
    )
