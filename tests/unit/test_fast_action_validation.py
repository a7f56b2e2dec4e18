"""The action-reply check with a validator built once: Rasa's slow path (jsonschema
re-checking the whole events schema on every reply) is never taken for a valid reply,
and an invalid reply still gets Rasa's own error."""
import jsonschema
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from addons import fast_action_validation

fast_action_validation.install()
ACTION = RemoteAction("action_signpost", EndpointConfig("http://127.0.0.1:1"))
VALID = {"events": [{"event": "slot", "timestamp": None, "name": "area", "value": "city"}], "responses": [{"text": "x"}]}


def test_valid_replies_pass_without_rasas_slow_check(monkeypatch):
    slow_checks = []
    # Rasa's own check imports jsonschema.validate when it runs: count those runs.
    monkeypatch.setattr(jsonschema, "validate", lambda *args, **kwargs: slow_checks.append(args))
    for _ in range(3):
        assert ACTION._validate_action_result(VALID) is True
    assert slow_checks == []


def test_the_validator_is_built_once():
    fast_action_validation._validator.cache_clear()
    for _ in range(3):
        ACTION._validate_action_result(VALID)
    info = fast_action_validation._validator.cache_info()
    assert (info.misses, info.hits) == (1, 2)


@pytest.mark.parametrize("reply", [{"events": "nope"}, {"events": [{"event": "slot", "name": 5}]}, {"responses": "x"}])
def test_invalid_replies_still_raise_rasas_error(reply):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        ACTION._validate_action_result(reply)
