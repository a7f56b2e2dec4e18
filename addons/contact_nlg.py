"""Domain responses with contact placeholders filled from data/contacts.yml, in the
family's language where data/i18n has a translation.

Runs inside the Rasa server (endpoints.yml `nlg: type: addons.contact_nlg.ContactNLG`),
so the danger and self-harm replies need no action server and no number is written
twice: a response says {childline_phone}, the directory says what it is. The `language`
slot (a button, or addons/language_detector.py) chooses the translation. The
acknowledgement of a second situation (utter_also_said) gets that situation's title and
button here, from the message (addons/two_situations.py).
"""
from typing import Any, Dict, Optional, Text

from rasa.core.nlg import interpolator
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from safeguarding import two_situations
from safeguarding.clarify import load_clarify
from safeguarding.contacts import load_contacts, template_vars
from safeguarding.languages import language_buttons, load_languages, localise

LANGUAGE_MENU = "utter_choose_language"


class ContactNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self.contact_vars = template_vars(load_contacts())
        self.languages = load_languages()

    async def generate(
        self,
        utter_action: Text,
        tracker: DialogueStateTracker,
        output_channel: Text,
        **kwargs: Any,
    ) -> Optional[Dict[Text, Any]]:
        values = {**self.contact_vars, **kwargs}
        also = None
        if utter_action == two_situations.ALSO_SAID:
            also = two_situations.acknowledgement(tracker.latest_message.entities, load_clarify())
            if also is None:
                return None
            values[two_situations.TITLE] = two_situations.quoted(also["title"])
        response = await super().generate(utter_action, tracker, output_channel, **values)
        if response is None:
            return None
        if utter_action == LANGUAGE_MENU:
            response["buttons"] = language_buttons(self.languages)
        if also:
            response["buttons"] = [also]
        return localise(utter_action, response, self.languages.get(tracker.get_slot("language")), values)

    def _fill_response(
        self, response: Dict[Text, Any], filled_slots: Optional[Dict[Text, Any]] = None, **kwargs: Any
    ) -> Dict[Text, Any]:
        # Only the text has placeholders: button payloads such as
        # '/inform_area{"area": "city"}' are JSON and must be left alone.
        if "text" in response:
            values = {**(filled_slots or {}), **kwargs}
            response["text"] = interpolator.interpolate(response["text"], values)
        return response
