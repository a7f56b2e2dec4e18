"""Rasa checks every action server reply against its JSON schema with
`jsonschema.validate`, which first re-checks the large events schema itself: about
50 ms per custom action on this machine, most of a message's time. The same check with
a validator built once takes about 2 ms. Installed by the Rasa server's launcher
(addons/server.py), never as a side effect of an import."""
from functools import lru_cache
from typing import Any, Dict, Text


@lru_cache(maxsize=1)
def _validator(action_class):
    from jsonschema.validators import validator_for

    schema = action_class.action_response_format_spec()
    return validator_for(schema)(schema)


def install() -> None:
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction, "_validation_is_cached", False):
        return
    original = RemoteAction._validate_action_result

    def validate_action_result(self, result: Dict[Text, Any]) -> bool:
        try:
            _validator(RemoteAction).validate(result)
            return True
        except ValidationError:
            return original(self, result)  # Rasa's own error message, with its docs link

    RemoteAction._validate_action_result = validate_action_result
    RemoteAction._validation_is_cached = True
