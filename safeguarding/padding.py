"""A training example with everyday chatter around it (addons/context_padding.py says why)."""
import random
from typing import Sequence


def pad(text: str, filler: Sequence[str], rng: random.Random) -> str:
    """`text` with one filler sentence before it, after it, or one on each side."""
    before, after = rng.choice(((1, 0), (0, 1), (1, 1)))
    parts = [rng.choice(filler) for _ in range(before)] + [text] + [rng.choice(filler) for _ in range(after)]
    return ". ".join(part.rstrip(".!? ") for part in parts)
