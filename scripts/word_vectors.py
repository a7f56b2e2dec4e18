"""Extract WordLlama's token table, tokenizer and licence from its pinned wheel into
build/wordllama/ (addons/word_vectors.py reads them).

pip downloads the wheel (hash-checked, no dependencies) from the package index; nothing is
fetched when the bot runs.
"""
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from addons.word_vectors import TABLE_FILE, TOKENIZER_FILE, VECTORS_DIR
from project import PROJECT_ROOT

REQUIREMENTS = PROJECT_ROOT / "requirements-vectors.txt"
WANTED = {f"wordllama/weights/{TABLE_FILE}", f"wordllama/tokenizers/{TOKENIZER_FILE}"}


def main() -> int:
    with tempfile.TemporaryDirectory() as download:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
             "-r", str(REQUIREMENTS), "-d", download],
            check=True,
        )
        (wheel,) = Path(download).glob("wordllama-*.whl")
        VECTORS_DIR.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                if name in WANTED or name.endswith("/licenses/LICENSE"):
                    (VECTORS_DIR / Path(name).name).write_bytes(archive.read(name))
    print(f"Word vectors in {VECTORS_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
