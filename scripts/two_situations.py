"""Messages that say two things: how the trained model answers them, by threshold.

Through the model in models/ (the whole NLU pipeline, in this process), for each pair
of candidate thresholds of addons/two_situations.py (threshold: another guess for the
whole message; clause_threshold: a clause's best guess):
- tests/nlu/two_situations.yml: how many get the more serious situation answered and
  the other acknowledged, how many only the more serious answered, and how many not;
- tests/nlu/test_set*.yml, one situation or none each: how many would wrongly get an
  acknowledgement, how many of those get another situation answered first, and the
  intent accuracy (as tests/e2e/test_model_quality.py counts it).
The threshold is a config parameter; the model is trained once and each candidate is
set on the loaded component, so every figure comes from the same classifier.

    PYTHONPATH=$PWD .venv/bin/python -m scripts.two_situations [--details] [--model models/llr-helper.tar.gz]
"""
import argparse
import asyncio
import itertools
import logging
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from project import PROJECT_ROOT
from safeguarding.two_situations import load_settings
from training.datasets import full_intent, nlu_test_set

TWO = PROJECT_ROOT / "tests" / "nlu" / "two_situations.yml"
OFF = 1.01  # no confidence reaches it: the component never acts (today's bot)
# Today's bot first, then the candidates (the component needs both thresholds).
CANDIDATES = [(OFF, OFF)] + list(itertools.product([0.2, 0.3, 0.4, 0.5], [0.6, 0.7, 0.8, 0.9, OFF]))
ALSO = "also_situation"


def two_situation_messages(path: Path = TWO) -> List[Tuple[str, Tuple[str, str]]]:
    """(text, (main, also)): the more serious of the two it says first."""
    order = load_settings().order
    return [(entry["text"], tuple(sorted(entry["says"], key=order.index)))
            for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]]


def outcome(parsed: Dict, main: str, also: str) -> str:
    said = parsed["intent"]["name"]
    acknowledged = next((e["value"] for e in parsed.get("entities") or [] if e["entity"] == ALSO), None)
    if said == main and acknowledged == also:
        return "both, the more serious first"
    if said == also and acknowledged == main:
        return "both, the less serious first"
    if said == main:
        return f"the more serious only{', other acknowledged wrong' if acknowledged else ''}"
    if said == also:
        return f"the less serious only{', other acknowledged wrong' if acknowledged else ''}"
    return f"neither ({said})"


def components(agent, name: str) -> list:
    # Rasa has no public way to change a loaded component's config: the graph's nodes.
    nodes = agent.processor.graph_runner._instantiated_nodes.values()  # noqa: SLF001
    return [node._component for node in nodes if type(node._component).__name__ == name]  # noqa: SLF001


async def measure(model: Path, details: bool) -> None:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # not a debug line per message
    agent = Agent.load(str(model))
    found = components(agent, "TwoSituations")
    assert found, "the model has no TwoSituations component"
    configured = (found[0].threshold, found[0].clause_threshold)
    two = two_situation_messages()
    singles = nlu_test_set()
    print("| threshold | clause_threshold | both, the more serious first | other outcomes | acknowledged on test_set*.yml | of which another situation answered first | intent accuracy |")
    print("|---|---|---|---|---|---|---|")
    for threshold, clause_threshold in CANDIDATES:
        for component in found:
            component.threshold, component.clause_threshold = threshold, clause_threshold
        results, lines = Counter(), []
        for text, (main, also) in two:
            got = outcome(await agent.parse_message(text), main, also)
            results[got] += 1
            lines.append(f"    {got:45} {main}+{also}: {text}")
        acknowledged, switched, right = [], 0, 0
        for text, intent in singles:
            parsed = await agent.parse_message(text)
            right += full_intent(parsed) == intent
            also = [e["value"] for e in parsed.get("entities") or [] if e["entity"] == ALSO]
            if also:
                switched += parsed["intent"]["name"] != intent
                acknowledged.append(f"    {intent} -> {parsed['intent']['name']} + {also[0]}: {text}")
        hits = results.pop("both, the more serious first", 0)
        others = ", ".join(f"{kind} {count}" for kind, count in results.most_common())
        label = ["off" if value == OFF else str(value) for value in (threshold, clause_threshold)]
        print(f"| {label[0]} | {label[1]} | {hits}/{len(two)} | {others} | {len(acknowledged)}/{len(singles)} | {switched} | {right / len(singles):.3f} |")
        if details and (threshold, clause_threshold) == configured:
            print("\n".join(lines + acknowledged))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "llr-helper.tar.gz")
    parser.add_argument("--details", action="store_true", help="each message, at config.yml's thresholds")
    args = parser.parse_args()
    asyncio.run(measure(args.model, args.details))


if __name__ == "__main__":
    main()
