"""Imports run one way: the front door -> the training loop and the Rasa parts -> the
pure logic -> project.py. A package never imports one above it (scripts and tests, the
entry points, may import anything)."""
import ast

import pytest

from project import PROJECT_ROOT

MAY_IMPORT = {
    "project": set(),
    "safeguarding": {"project"},
    "training": {"safeguarding", "project"},
    "addons": {"safeguarding", "project"},
    "actions": {"safeguarding", "project"},
    "frontdoor": {"training", "addons", "safeguarding", "project"},
}
OURS = set(MAY_IMPORT) | {"scripts", "tests"}


def imported(path):
    """The project's top-level packages a file imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & OURS


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_no_import_runs_the_wrong_way(package):
    files = [PROJECT_ROOT / "project.py"] if package == "project" else sorted((PROJECT_ROOT / package).rglob("*.py"))
    wrong = {str(path.relative_to(PROJECT_ROOT)): sorted(imported(path) - MAY_IMPORT[package] - {package})
             for path in files}
    assert {path: found for path, found in wrong.items() if found} == {}
