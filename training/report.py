"""The report of one retrain, under results/retrain/<time>/: report.md (accuracy, safety,
per-intent F1 against the current model, what got worse) and confusion_matrix.png."""
from pathlib import Path
from typing import List, Optional

from .gate import Decision, Evaluation


def _safety(evaluation: Evaluation) -> str:
    missed = sum(len(m) for m in evaluation.safety_missed.values())
    return f"{evaluation.safety_total - missed}/{evaluation.safety_total}"


def _classifier(risk: str):
    def shown(evaluation: Evaluation) -> str:
        recognised = evaluation.classifier_recognised(risk)
        return "-" if recognised is None else f"{recognised}/{evaluation.safety_sizes[risk]}"
    return shown


def render(candidate: Evaluation, current: Optional[Evaluation], decision: Decision) -> str:
    verdict = "PROMOTED to models/" if decision.promote else "REFUSED: the current model stays"
    lines = [f"# Retrain: {verdict}", ""]
    lines += [f"- {reason}" for reason in decision.reasons] + ([""] if decision.reasons else [])
    now = lambda e, f: f(e) if e else "-"  # noqa: E731
    lines += [
        "| | current model | new model |", "|---|---|---|",
        f"| intent accuracy (tests/nlu/test_set.yml) | {now(current, lambda e: f'{e.accuracy:.3f}')} | {candidate.accuracy:.3f} |",
        f"| intent accuracy on the independent set (tests/nlu/independent/) "
        f"| {now(current, lambda e: f'{e.independent_accuracy:.3f}')} | {candidate.independent_accuracy:.3f} |",
        f"| danger/self-harm messages given the safety reply first | {now(current, _safety)} | {_safety(candidate)} |",
        *[f"| {risk} messages the classifier alone recognises (before the rules) | {now(current, _classifier(risk))} "
          f"| {_classifier(risk)(candidate)} |" for risk in candidate.classifier_missed],
        f"| false alarms on everyday messages | {now(current, lambda e: f'{len(e.false_alarms)}/{e.everyday_total}')} "
        f"| {len(candidate.false_alarms)}/{candidate.everyday_total} |",
        "", "## Per-intent F1 on the test set", "", "| intent | current | new | change |", "|---|---|---|---|",
    ]
    before = current.f1_by_intent() if current else {}
    for intent, after in sorted(candidate.f1_by_intent().items()):
        old = before.get(intent)
        change = f"{after - old:+.3f}" if old is not None else ""
        lines.append(f"| {intent} | {'' if old is None else f'{old:.3f}'} | {after:.3f} | {change} |")
    lines += ["", *what_got_worse(candidate, decision), "", "Confusion matrix of the new model: confusion_matrix.png", ""]
    return "\n".join(lines)


def what_got_worse(candidate: Evaluation, decision: Decision) -> List[str]:
    lines = ["## What got worse", ""]
    for risk, messages in candidate.safety_missed.items():
        lines += [f"- safety reply missing ({risk}): {text}" for text in messages]
    lines += [f"- the classifier no longer recognises ({risk}): {text}"
              for risk, messages in decision.classifier_lost.items() for text in messages]
    lines += [f"- intent {intent}: F1 {old:.3f} -> {new:.3f}" for intent, (old, new) in sorted(decision.intents_worse.items())]
    lines += [f"- now wrong: \"{text}\" should be {expected}, now {got}" for text, (expected, got) in sorted(decision.newly_wrong.items())]
    return lines if len(lines) > 2 else lines + ["Nothing."]


def confusion_matrix_image(evaluation: Evaluation, path: Path) -> None:
    from rasa.utils.plotting import plot_confusion_matrix
    from sklearn.metrics import confusion_matrix

    expected = [e for _, e, _ in evaluation.predictions]
    predicted = [p for _, _, p in evaluation.predictions]
    labels = sorted(set(expected) | set(predicted))
    matrix = confusion_matrix(expected, predicted, labels=labels)
    plot_confusion_matrix(matrix, classes=labels, title="Intent confusion matrix (test set)", output_file=str(path))


def write(directory: Path, candidate: Evaluation, current: Optional[Evaluation], decision: Decision) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    report = directory / "report.md"
    report.write_text(render(candidate, current, decision), encoding="utf-8")
    confusion_matrix_image(candidate, directory / "confusion_matrix.png")
    return report
