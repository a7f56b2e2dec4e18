"""Runs a trained model in-process against the held-out sets, for the retrain gate.

Intent accuracy comes from the NLU (with the safety net) on tests/nlu/test_set.yml; the
safety check plays each danger and self-harm message into a fresh conversation and needs
its own safety response (utter_danger, utter_self_harm) to be the bot's first action, with
the emergency number in the first paragraph, as the widget shows it.
No action server is needed: the safety replies are plain responses.
"""
import uuid
from pathlib import Path

from rasa.core.agent import load_agent
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.events import ActionExecuted
from rasa.utils.endpoints import EndpointConfig

from safeguarding.contacts import load_contacts, template_vars

from .datasets import SAFETY_INTENTS, nlu_test_set, safety_messages, safety_set
from .gate import Evaluation
from .turns import QUIET_ACTIONS


def first_paragraph(responses: list) -> str:
    text = (responses[0].get("text") or "") if responses else ""
    return text.split("\n\n")[0]


async def gets_safety_reply(agent, text: str, risk: str, emergency: str) -> bool:
    sender = uuid.uuid4().hex
    responses = await agent.handle_text(text, sender_id=sender)
    tracker = await agent.tracker_store.retrieve(sender)
    actions = [e.action_name for e in tracker.events if isinstance(e, ActionExecuted) and e.action_name not in QUIET_ACTIONS]
    return bool(actions) and actions[0] == f"utter_{risk}" and emergency in first_paragraph(responses)


async def evaluate(model_path: Path, root: Path) -> Evaluation:
    agent = await load_agent(
        model_path=str(model_path),
        endpoints=AvailableEndpoints(nlg=EndpointConfig(type="addons.contact_nlg.ContactNLG")),
    )
    emergency = template_vars(load_contacts())["emergency_phone"]
    predictions = []
    for text, expected in nlu_test_set(root):
        parsed = await agent.parse_message(text)
        predictions.append((text, expected, parsed["intent"]["name"]))
    missed, total = {}, 0
    for risk, messages in safety_messages(root).items():
        total += len(messages)
        missed[risk] = [text for text in messages if not await gets_safety_reply(agent, text, risk, emergency)]
    everyday = safety_set("everyday", root)
    alarms = [text for text in everyday if (await agent.parse_message(text))["intent"]["name"] in SAFETY_INTENTS]
    return Evaluation(predictions, missed, total, alarms, len(everyday))
