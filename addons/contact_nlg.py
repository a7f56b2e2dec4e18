"""Domain responses with contact placeholders filled from data/contacts.yml.

Runs inside the Rasa server (endpoints.yml `nlg: type: addons.contact_nlg.ContactNLG`),
so the danger and self-harm replies need no action server and no number is written
twice: a response says {childline_phone}, the directory says what it is.
"""
from typing import Any, Dict, Optional, Text

from rasa.core.nlg import interpolator
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from safeguarding.contacts import load_contacts, template_vars


class ContactNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self.contact_vars = template_vars(load_contacts())

    async def generate(
        self,
        utter_action: Text,
        tracker: DialogueStateTracker,
        output_channel: Text,
        **kwargs: Any,
    ) -> Optional[Dict[Text, Any]]:
        return await super().generate(
            utter_action, tracker, output_channel, **{**self.contact_vars, **kwargs}
        )

    def _fill_response(
        self, response: Dict[Text, Any], filled_slots: Optional[Dict[Text, Any]] = None, **kwargs: Any
    ) -> Dict[Text, Any]:
        # Only the text has placeholders: button payloads such as
        # '/inform_area{"area": "city"}' are JSON and must be left alone.
        if "text" in response:
            values = {**(filled_slots or {}), **kwargs}
            response["text"] = interpolator.interpolate(response["text"], values)
        return response
