"""Shared by our components and policies that are built from their config alone (no training)."""
from typing import Any, Dict, List, Text

from rasa.core.policies.policy import Policy
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.nlu.training_data.training_data import TrainingData


class ConfigOnlyComponent:
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ):
        return cls(config)


class ConfigOnlyFeaturizer:
    """A featurizer built from its config that treats training examples as messages in use.
    Mixed in before Rasa's SparseFeaturizer or DenseFeaturizer, which take (name, config)."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext):
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data


class ConfigOnlyPolicy(Policy):
    """A policy that reads the conversation by fixed rules: nothing to train or store."""

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "ConfigOnlyPolicy":
        return cls(config, model_storage, resource, execution_context)
