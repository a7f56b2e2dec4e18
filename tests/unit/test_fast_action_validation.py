import pytest
from jsonschema import ValidationError

from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from addons import fast_action_validation

fast_action_validation.install()

ACTION = RemoteAction("action_signpost", EndpointConfig("http://127.0.0.1:1"))


def test_valid_replies_pass():
    reply = {"events": [{"event": "slot", "timestamp": None, "name": "area", "value": "city"}], "responses": [{"text": "x"}]}
    assert ACTION._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", [{"events": "nope"}, {"events": [{"event": "slot", "name": 5}]}, {"responses": "x"}])
def test_invalid_replies_still_raise_rasas_error(reply):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        ACTION._validate_action_result(reply)
