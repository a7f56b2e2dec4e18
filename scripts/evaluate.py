"""make evaluate: 5-fold cross-validation of the NLU pipeline, per-intent table, the
fallback threshold chosen from the folds' confidences, and accuracy on the independent
test set (tests/nlu/independent/, one file per voice) by voice.

    python -m scripts.evaluate [--config config.yml] [--out results/cv] [--folds 5]
    python -m scripts.evaluate --compare results/cv-before results/cv

The second form prints two runs side by side, per intent and per voice (docs/nlu.md).
Cross-validation runs with the FallbackClassifier threshold set to 0, so every
prediction keeps its real confidence; the threshold table then shows, for each
candidate threshold, how many right answers would be lost to "did you mean…?" and how
many wrong answers would still get through. The suggested threshold is the one that
maximises (right answers kept - WRONG_COST x wrong answers let through): below it the
bot asks with its best guesses as buttons, which costs a tap, while a wrong answer
given with confidence sends a young person the wrong advice.
For the independent set a model is trained on all of data/nlu with the same
configuration (fallback off too) and reads each message once: the set is never trained
on, so it is the fair figure for voices nobody on the team wrote in.
Rasa writes its confusion matrix and confidence histogram under the output folder.
"""
import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from project import PROJECT_ROOT
from training.datasets import full_intent, independent_set

CANDIDATES = [round(0.05 * i, 2) for i in range(1, 15)]
WRONG_COST = 2
SCORES = "scores.json"


def config_without_fallback(path: Path) -> Path:
    config = yaml.safe_load(path.read_text())
    for component in config["pipeline"]:
        if component["name"] == "FallbackClassifier":
            component["threshold"] = 0.0
            component["ambiguity_threshold"] = 0.0
        if component["name"].endswith("SafetyNet"):
            component["fallback_threshold"] = 0.0
    handle = tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False)
    yaml.safe_dump(config, handle)
    return Path(handle.name)


# Rasa draws the folds with numpy's global random state: seeding it makes two runs
# (before and after a data or pipeline change) compare like with like.
SEEDED_RASA = "import sys, numpy; numpy.random.seed(42); from rasa.__main__ import main; sys.argv[0] = 'rasa'; main()"


def run_cross_validation(config: Path, out: Path, folds: int) -> None:
    subprocess.run(
        [sys.executable, "-c", SEEDED_RASA, "test", "nlu", "--nlu", "data/nlu", "--config", str(config),
         "--cross-validation", "--folds", str(folds), "--out", str(out), "--successes"],
        cwd=PROJECT_ROOT, check=True,
    )


def per_intent_table(report: dict) -> str:
    lines = ["| intent | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for intent, scores in sorted(report.items()):
        if isinstance(scores, dict) and "support" in scores and intent not in ("micro avg", "macro avg", "weighted avg"):
            lines.append(f"| {intent} | {scores['precision']:.3f} | {scores['recall']:.3f} | {scores['f1-score']:.3f} | {scores['support']} |")
    macro = report["macro avg"]
    lines.append(f"| **macro avg** | {macro['precision']:.3f} | {macro['recall']:.3f} | {macro['f1-score']:.3f} | |")
    lines.append(f"| **accuracy** | | | {report['accuracy']:.3f} | |")
    return "\n".join(lines)


def threshold_table(successes: list, errors: list) -> (str, float):
    right = [s["intent_prediction"]["confidence"] for s in successes]
    wrong = [e["intent_prediction"]["confidence"] for e in errors]
    lines = ["| threshold | right answers lost | wrong answers let through | score |", "|---|---|---|---|"]
    best, best_score = CANDIDATES[0], None
    for threshold in CANDIDATES:
        lost = sum(c < threshold for c in right)
        through = sum(c >= threshold for c in wrong)
        score = (len(right) - lost) - WRONG_COST * through
        lines.append(f"| {threshold:.2f} | {lost} | {through} | {score} |")
        if best_score is None or score > best_score:
            best, best_score = threshold, score
    return "\n".join(lines), best


async def read_independent_set(config: Path, out: Path) -> list:
    """(voice, text, expected, predicted) for every independent message, from a model
    trained on all of data/nlu with this configuration."""
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    model = train_nlu(str(config), "data/nlu", str(out / "model"), fixed_model_name="nlu", domain="domain.yml")
    agent = Agent.load(model)
    return [(voice, text, expected, full_intent(await agent.parse_message(text)))
            for voice, text, expected in independent_set()]


def by_group(rows: list, key) -> dict:
    totals, right = Counter(), Counter()
    for row in rows:
        totals[key(row)] += 1
        right[key(row)] += row[2] == row[3]
    return {group: (right[group], totals[group]) for group in sorted(totals)}


def voice_table(by_voice: dict) -> str:
    lines = ["| voice | right | accuracy |", "|---|---|---|"]
    for voice, (right, total) in by_voice.items():
        lines.append(f"| {voice} | {right}/{total} | {right / total:.3f} |")
    right, total = sum(r for r, _ in by_voice.values()), sum(t for _, t in by_voice.values())
    lines.append(f"| **all** | {right}/{total} | {right / total:.3f} |")
    return "\n".join(lines)


def evaluate(config_path: Path, out: Path, folds: int) -> str:
    config = config_without_fallback(config_path)
    run_cross_validation(config, out, folds)
    report = json.loads((out / "intent_report.json").read_text())
    thresholds, best = threshold_table(
        json.loads((out / "intent_successes.json").read_text()), json.loads((out / "intent_errors.json").read_text())
    )
    rows = asyncio.run(read_independent_set(config, out))
    voices = by_group(rows, lambda row: row[0])
    wrong = sorted((expected, predicted, voice, text) for voice, text, expected, predicted in rows if expected != predicted)
    (out / "independent_errors.txt").write_text("".join(f"{e:24} -> {p:24} [{v}] {t}\n" for e, p, v, t in wrong))
    scores = {
        "config": str(config_path), "folds": folds,
        "cv_f1": {intent: s["f1-score"] for intent, s in report.items() if isinstance(s, dict) and "support" in s},
        "cv_accuracy": report["accuracy"],
        "independent_by_voice": voices,
        "independent_by_intent": by_group(rows, lambda row: row[2]),
    }
    (out / SCORES).write_text(json.dumps(scores, indent=1))
    return (f"## {folds}-fold cross-validation ({config_path})\n\n{per_intent_table(report)}\n\n"
            f"## Fallback threshold\n\n{thresholds}\n\nSuggested threshold: {best:.2f}\n\n"
            f"## Independent test set (tests/nlu/independent/), by voice\n\n{voice_table(voices)}\n\n"
            f"Its errors: {out}/independent_errors.txt\n")


def compare(before: Path, after: Path) -> str:
    """Two runs' scores side by side: per intent (CV F1, independent accuracy) and per voice."""
    old, new = (json.loads((folder / SCORES).read_text()) for folder in (before, after))

    def share(pair):
        return f"{pair[0] / pair[1]:.3f}" if pair else "-"

    lines = [f"| intent | CV F1 {before.name} | CV F1 {after.name} | independent {before.name} | independent {after.name} |",
             "|---|---|---|---|---|"]
    for intent in sorted(set(new["cv_f1"]) | set(new["independent_by_intent"])):
        if intent in ("micro avg", "weighted avg"):
            continue
        lines.append(f"| {intent} | {old['cv_f1'].get(intent, 0):.3f} | {new['cv_f1'].get(intent, 0):.3f} | "
                     f"{share(old['independent_by_intent'].get(intent))} | {share(new['independent_by_intent'].get(intent))} |")
    lines.append(f"| **CV accuracy** | {old['cv_accuracy']:.3f} | {new['cv_accuracy']:.3f} | | |")
    lines += ["", f"| voice | {before.name} | {after.name} |", "|---|---|---|"]
    for voice in new["independent_by_voice"]:
        lines.append(f"| {voice} | {share(old['independent_by_voice'].get(voice))} | {share(new['independent_by_voice'][voice])} |")
    total = [[sum(x[i] for x in run["independent_by_voice"].values()) for i in (0, 1)] for run in (old, new)]
    lines.append(f"| **all** | {share(total[0])} | {share(total[1])} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=PROJECT_ROOT / "config.yml")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "results" / "cv")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        print(compare(*args.compare))
        return 0
    summary = evaluate(args.config, args.out, args.folds)
    (args.out / "summary.md").write_text(summary)
    print(summary)
    print(f"Confusion matrix and histogram: {args.out}/intent_confusion_matrix.png, {args.out}/intent_histogram.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
