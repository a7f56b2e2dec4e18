"""Pretrained word vectors: WordLlama's token embeddings, read without the wordllama package.

Our examples teach the classifier only the words in them; a young person's "parcel",
"bag" or "ting" for what they were told to carry may never appear there. WordLlama
(MIT licence) distils a large language model's token embeddings into a small table
(32,000 Llama-2 tokens x 256 numbers), shipped inside its wheel. The package itself needs
numpy 2 and pydantic 2, which Rasa 3.6 cannot take, so `make` extracts the two files from
the pinned wheel (scripts/word_vectors.py) and this module reads them with `tokenizers`
and `safetensors` alone. No Rasa import: it is unit-tested on its own.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Sequence

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from project import PROJECT_ROOT

VECTORS_DIR = PROJECT_ROOT / "build" / "wordllama"
TABLE_FILE = "l2_supercat_256.safetensors"
TOKENIZER_FILE = "l2_supercat_tokenizer_config.json"
TABLE_KEY = "embedding.weight"


class WordVectors:
    """Average token embeddings of a text, or of each of its words."""

    def __init__(self, directory: Path = VECTORS_DIR) -> None:
        if not (directory / TABLE_FILE).exists():
            raise FileNotFoundError(f"{directory / TABLE_FILE} is missing: run `make install` to extract it")
        self.table = load_file(str(directory / TABLE_FILE))[TABLE_KEY].astype(np.float32)
        self.tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        self.dimensions = self.table.shape[1]

    def _mean(self, ids: Sequence[int]) -> np.ndarray:
        # A word the tokenizer cannot split into known pieces (empty, or only spaces) has no
        # vector: zeros, so it adds nothing.
        if not ids:
            return np.zeros(self.dimensions, dtype=np.float32)
        return self.table[list(ids)].mean(axis=0)

    def words(self, words: List[str]) -> np.ndarray:
        """One row per word: the mean of its pieces' vectors (lower case: young people's
        capitals are random, and the lower-case pieces are the common ones)."""
        encodings = self.tokenizer.encode_batch([w.lower() for w in words], add_special_tokens=False)
        return np.array([self._mean(e.ids) for e in encodings], dtype=np.float32).reshape(len(words), self.dimensions)

    def text(self, text: str) -> np.ndarray:
        """The whole message, unit length: the mean of every piece's vector, as WordLlama
        pools a sentence, normalised so that long and short messages weigh the same."""
        vector = self._mean(self.tokenizer.encode(text.strip().lower(), add_special_tokens=False).ids)
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector
