"""A copy of the project, for tests that change its files (accepting into data/nlu/,
retraining) and the stack started from it; and the project's scripts run in it."""
import os
import secrets
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from frontdoor.staff import MAINTAINER, Accounts
from project import PROJECT_ROOT
from scripts.stack import StackConfig, free_port
from tests.conftest import PASSWORD, started
from training import inputs

MODEL = Path("models") / "llr-helper.tar.gz"
SKIP = shutil.ignore_patterns(".venv", ".git", "build", "results", "var", ".rasa", "models", "__pycache__",
                              ".pytest_cache", ".hypothesis", "node_modules")


def copy_project(destination: Path) -> Path:
    shutil.copytree(PROJECT_ROOT, destination, ignore=SKIP)
    (destination / "build").mkdir()
    for built in ("spacy", "wordllama"):  # the spaCy pipeline and the word vectors, built once
        (destination / "build" / built).symlink_to(PROJECT_ROOT / "build" / built)
    (destination / "models").mkdir()
    shutil.copy2(PROJECT_ROOT / MODEL, destination / MODEL)
    # make test trained the model from these files: the record a promotion keeps beside it
    inputs.save(destination / "models" / "llr-helper.inputs.json", inputs.fingerprints(destination))
    return destination


def run(project: Path, script: str, *args: str, env=None) -> subprocess.CompletedProcess:
    """`python -m scripts.<script>` in the copy, on the copy's code."""
    environment = {**os.environ, "PYTHONPATH": str(project), "RASA_CACHE_DIRECTORY": str(PROJECT_ROOT / ".rasa" / "cache"),
                   **(env or {})}
    return subprocess.run([sys.executable, "-m", f"scripts.{script}", *args], cwd=project, env=environment,
                          capture_output=True, text=True, timeout=900)


@contextmanager
def copied_stack(project: Path, log_name: str):
    """The stack run from the copy, with a youth worker (sam) and a maintainer (kim)."""
    config = StackConfig(
        rasa_ports=[free_port()], action_ports=[free_port()], frontdoor_port=free_port(), frontdoor_host="127.0.0.1",
        tracker_db=str(project / "var" / "tracker.db"), token=secrets.token_hex(16),
        model=str(project / "models"), endpoints=str(project / "endpoints.yml"),
        log_dir=PROJECT_ROOT / "results" / "logs" / log_name, root=project,
    )
    config.extra_env.update({"CONSOLE_ACCOUNTS_FILE": str(project / "var" / "console_accounts.json"),
                             "RATE_PER_CLIENT_PER_MINUTE": "1000000"})
    accounts = Accounts(project / "var" / "console_accounts.json")
    accounts.add("sam", PASSWORD)
    accounts.add("kim", PASSWORD, MAINTAINER)
    with started(config) as running:
        yield running


def copied_stack_fixture(name: str):
    """A module's fixture: (the copy, its running stack), for the module's tests."""
    @pytest.fixture(scope="module")
    def running(tmp_path_factory):
        project = copy_project(tmp_path_factory.mktemp(name) / "project")
        with copied_stack(project, name) as stack:
            yield project, stack
    return running
