"""Place names in a message, and the council area each belongs to.

The gazetteer is data/places/llr_places.yml. Exact names and listed aliases always
match; longer names also match with one typo (two for long names), compared only with
names of the same length in words and the same first letter, so a message costs well
under a millisecond, not a scan of every name.
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from . import DATA_DIR

PLACES_FILE = DATA_DIR / "places" / "llr_places.yml"
AMBIGUOUS = "ambiguous"
DECLINED = "unknown"
FUZZY_MIN_LENGTH = 7  # shorter names must be exact: "blaby" is one letter from "baby"
TWO_TYPOS_MIN_LENGTH = 11
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Place:
    name: str  # as the gazetteer spells it
    area: str  # city, county, rutland, outside, ambiguous or unknown


@dataclass(frozen=True)
class PlaceMatch:
    place: Place
    start: int
    end: int
    text: str


Token = Tuple[str, int, int]  # text, start, end


def tokenize(text: str) -> List[Token]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _key(text: str) -> str:
    return " ".join(word.lower() for word, _, _ in tokenize(text))


def _allowed_typos(key: str) -> int:
    length = len(key.replace(" ", ""))
    if length >= TWO_TYPOS_MIN_LENGTH:
        return 2
    return 1 if length >= FUZZY_MIN_LENGTH else 0


def osa_distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one typo."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


class Gazetteer:
    def __init__(self, exact: Dict[str, Place], fuzzy_names: Iterable[str]):
        self.exact = exact
        # Fuzzy candidates by (number of words, first letter): typos rarely hit the
        # first letter, and this keeps each look-up to a handful of comparisons.
        self._buckets: Dict[Tuple[int, str], List[str]] = {}
        for key in fuzzy_names:
            if _allowed_typos(key):
                self._buckets.setdefault((key.count(" ") + 1, key[0]), []).append(key)
        self.max_words = max([key.count(" ") + 1 for key in exact] + [1])

    @lru_cache(maxsize=8192)  # noqa: B019 - one gazetteer per process (load_gazetteer), kept for its life anyway
    def lookup(self, key: str) -> Optional[Place]:
        if key in self.exact:
            return self.exact[key]
        typos = _allowed_typos(key)
        if not typos:
            return None
        best: Optional[Tuple[int, str]] = None
        for name in self._buckets.get((key.count(" ") + 1, key[0]), ()):
            if abs(len(name) - len(key)) > typos:
                continue
            distance = osa_distance(key, name)
            if distance <= min(typos, _allowed_typos(name)) and (best is None or distance < best[0]):
                best = (distance, name)
        return self.exact[best[1]] if best else None

    def find(self, tokens: Sequence[Token]) -> List[PlaceMatch]:
        """Longest non-overlapping place names in the tokens, in order."""
        words = [(text.lower(), start, end) for text, start, end in tokens if _WORD.fullmatch(text)]
        matches, i = [], 0
        while i < len(words):
            for size in range(min(self.max_words, len(words) - i), 0, -1):
                window = words[i : i + size]
                place = self.lookup(" ".join(word for word, _, _ in window))
                if place:
                    start, end = window[0][1], window[-1][2]
                    matches.append(PlaceMatch(place, start, end, ""))
                    i += size
                    break
            else:
                i += 1
        return matches

    def find_in_text(self, text: str) -> List[PlaceMatch]:
        return [
            PlaceMatch(m.place, m.start, m.end, text[m.start : m.end])
            for m in self.find(tokenize(text))
        ]

    def area_of(self, name: str) -> Optional[str]:
        place = self.lookup(_key(name))
        return place.area if place else None


def build_gazetteer(raw: dict) -> Gazetteer:
    exact: Dict[str, Place] = {}
    fuzzy: List[str] = []
    for area, council in raw["councils"].items():
        for name in council["places"]:
            exact[_key(name)] = Place(name, area)
            fuzzy.append(_key(name))
        for name, aliases in (council.get("aliases") or {}).items():
            canonical = exact[_key(name)]
            for alias in aliases:
                exact[_key(alias)] = canonical
    for name in raw.get("ambiguous") or {}:
        exact[_key(name)] = Place(name, AMBIGUOUS)
        fuzzy.append(_key(name))
    for phrase in raw.get("declined") or []:
        exact[_key(phrase)] = Place(phrase, DECLINED)
    return Gazetteer(exact, fuzzy)


@lru_cache(maxsize=4)
def load_raw(path: Path = PLACES_FILE) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = PLACES_FILE) -> Gazetteer:
    return build_gazetteer(load_raw(path))


def area_label(area: str, path: Path = PLACES_FILE) -> str:
    return load_raw(path)["councils"][area]["label"]
