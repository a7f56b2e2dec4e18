"""Build the spaCy pipeline Rasa's SpacyNLP loads: spacy.blank("en") saved to disk.

No pretrained pipeline can be downloaded here; tokenisation is all Rasa needs from
spaCy (places come from our gazetteer component). The directory is not packed into
the Rasa model, so `make` builds it before training and before running.
"""
import sys
from pathlib import Path

import spacy

from project import PROJECT_ROOT

DEFAULT_OUT = PROJECT_ROOT / "build" / "spacy" / "en_llr"


def build(out: Path = DEFAULT_OUT) -> Path:
    nlp = spacy.blank("en")
    nlp.meta["name"] = "llr"
    nlp.meta["description"] = "Blank English tokenizer for the LLR county lines helper"
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return out


if __name__ == "__main__":
    print(f"spaCy pipeline written to {build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)}")
