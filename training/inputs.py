"""What a model is trained from (training/inputs.txt, which the Makefile reads too), and
fingerprints of those files: kept beside a promoted model, so that a refused retrain can
name the files changed since it (training/refusal.py)."""
import hashlib
import json
from pathlib import Path
from typing import Dict, List, Optional

LIST = Path(__file__).with_name("inputs.txt")


def patterns() -> List[str]:
    lines = (line.split("#")[0].strip() for line in LIST.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def files(root: Path) -> List[str]:
    return sorted({str(path.relative_to(root)) for pattern in patterns() for path in root.glob(pattern)})


def fingerprints(root: Path) -> Dict[str, str]:
    return {name: hashlib.sha256((root / name).read_bytes()).hexdigest() for name in files(root)}


def changed(before: Optional[Dict[str, str]], now: Dict[str, str]) -> Optional[List[str]]:
    """Files added, removed or edited since `before`; None when there is no record."""
    if before is None:
        return None
    return sorted(name for name in set(before) | set(now) if before.get(name) != now.get(name))


def save(path: Path, prints: Dict[str, str]) -> None:
    path.write_text(json.dumps(prints, indent=1, sort_keys=True), encoding="utf-8")


def load(path: Path) -> Optional[Dict[str, str]]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
