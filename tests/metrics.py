"""Figures the tests measure (accuracy, false alarms), printed at the end of the run."""
FIGURES: list = []


def record(line: str) -> None:
    FIGURES.append(line)
