"""The maintainers' loop on a copy of the project, with real training:

- a retrain whose training data makes safety worse is refused, the current model stays
  and the report names what got worse, and the refusal names the file that caused it;
- a danger message flagged as `thanks` is refused by `review accept`; forced in, the
  gate refuses the model (the classifier alone recognises fewer danger messages), and
  `make run` serves the last promoted model, saying so in one line;
- the full loop: a youth worker signs in to the console, flags a wrong reply, a
  maintainer accepts it, `python -m scripts.retrain` trains, checks, promotes and has the running
  Rasa server load the new model, and the same message is then understood, in a
  conversation that carried on across the swap.
"""
import os
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from frontdoor.staff import Accounts
from project import PROJECT_ROOT
from scripts.stack import Stack, StackConfig, free_port
from tests.conftest import PASSWORD, Chat, Console
from training import inputs
from training.datasets import nlu_examples
from training.review_queue import ReviewQueue

pytestmark = pytest.mark.e2e
MODEL = Path("models") / "llr-helper.tar.gz"
SKIP = shutil.ignore_patterns(".venv", ".git", "build", "results", "var", ".rasa", "models", "__pycache__",
                              ".pytest_cache", ".hypothesis", "node_modules")
# Messages the shipped model gets wrong, each with what it should be. The loop test uses
# the first one the running model still gets wrong (when the model learns them all, add more).
MISUNDERSTOOD = [
    ("they said i have to work off what they lost", "owe_debt"),
    ("olders said i gotta go cunch", "travel_out_of_town"),
    ("my youngers been actin shady n has a burner", "worried_friend"),
]


def copy_project(destination: Path) -> Path:
    shutil.copytree(PROJECT_ROOT, destination, ignore=SKIP)
    (destination / "build").mkdir()
    (destination / "build" / "spacy").symlink_to(PROJECT_ROOT / "build" / "spacy")
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


def test_a_retrain_that_makes_safety_worse_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    rules = project / "data" / "rules.yml"
    # The deliberate break: the danger and self-harm rules answer with each other's reply.
    text = rules.read_text().replace("action: utter_danger", "action: SWAP").replace(
        "action: utter_self_harm", "action: utter_danger").replace("action: SWAP", "action: utter_self_harm")
    rules.write_text(text)
    before = (project / MODEL).read_bytes()

    result = run(project, "retrain")

    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert "REFUSED: safety replies failed; cause: data/rules.yml (the dialogue)" in result.stderr
    assert (project / MODEL).read_bytes() == before
    [report] = (project / "results" / "retrain").glob("*/report.md")
    written = report.read_text()
    assert "no longer get their safety reply" in written
    assert "safety reply missing (danger): they pulled out a knife" in written
    # (self-harm messages answered with utter_danger first still pass: model_check.FIRST_REPLIES)
    assert (report.parent / "confusion_matrix.png").stat().st_size > 0


def make_run(project: Path, until: str):
    """`make run` in the copy on free ports; its output up to the line holding `until`."""
    ports = {"RASA_PORT": free_port(), "ACTION_PORT": free_port(), "FRONTDOOR_PORT": free_port()}
    env = {**os.environ, **{name: str(port) for name, port in ports.items()}, "RASA_TOKEN": secrets.token_hex(16),
           "RASA_CACHE_DIRECTORY": str(PROJECT_ROOT / ".rasa" / "cache")}
    (project / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    # -o: the venv and the spaCy pipeline (shared with this project) are never rebuilt from the copy
    process = subprocess.Popen(["make", "-o", ".venv/.runtime-installed", "-o", "build/spacy/en_llr/meta.json", "run"],
                               cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    said = []
    for output in process.stdout:
        said.append(output)
        if until in output or process.poll() is not None:
            break
    return process, said, f"http://127.0.0.1:{ports['FRONTDOOR_PORT']}"


def test_danger_forced_into_thanks_is_refused_by_the_gate_and_make_run_serves_the_last_model(tmp_path):
    project = copy_project(tmp_path / "project")
    env = {"TRACKER_DB": str(project / "var" / "tracker.db")}
    (project / "var").mkdir()
    message = "theyre outside my house with a knife"
    flag_id = ReviewQueue(f"sqlite:///{env['TRACKER_DB']}").add(
        "sam", message, "danger", 1.0, ["utter_danger"], "thanks", "it said thanks",
        classifier_ranking=[{"name": "danger", "confidence": 0.9}]).id

    refused = run(project, "review", "accept", str(flag_id), env=env)
    assert refused.returncode == 1 and "danger: someone outside" in refused.stderr
    forced = run(project, "review", "accept", str(flag_id), "--force", "testing the gate", "--by", "kim", env=env)
    assert forced.returncode == 0, forced.stderr
    assert (message, "thanks") in nlu_examples(project / "data" / "nlu" / "chitchat.yml")
    before = (project / MODEL).read_bytes()

    process, said, url = make_run(project, "Ready in")
    try:
        assert "Ready in" in said[-1], "".join(said[-60:])
        [refusal] = [line for line in said if line.startswith("==> Retrain refused")]
        assert "(classifier recall failed; cause: data/nlu/chitchat.yml (training data))" in refusal
        assert "Serving the last promoted model, models/llr-helper.tar.gz of " in refusal
        assert (project / MODEL).read_bytes() == before
        # the last promoted model answers the message as danger
        reply = Chat(url).texts(Chat(url).new_session(), message)
        assert "999" in reply.split("\n")[0]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(60)
    [report] = (project / "results" / "retrain").glob("*/report.md")
    assert "the classifier no longer recognises (danger):" in report.read_text()
    # Until the files change, the next make run says it again without training again.
    again = run(project, "retrain", "--keep-serving")
    assert again.returncode == 0 and again.stdout.strip() == refusal.strip()


@pytest.fixture
def copied_stack(tmp_path):
    project = copy_project(tmp_path / "project")
    config = StackConfig(
        rasa_ports=[free_port()], action_ports=[free_port()], frontdoor_port=free_port(), frontdoor_host="127.0.0.1",
        tracker_db=str(project / "var" / "tracker.db"), token=secrets.token_hex(16),
        model=str(project / "models"), endpoints=str(project / "endpoints.yml"),
        log_dir=PROJECT_ROOT / "results" / "logs" / "retrain-loop", root=project,
    )
    config.extra_env.update({"CONSOLE_ACCOUNTS_FILE": str(project / "var" / "console_accounts.json"),
                             "RATE_PER_CLIENT_PER_MINUTE": "1000000"})
    Accounts(project / "var" / "console_accounts.json").add("sam", PASSWORD)
    running = Stack(config)
    running.start()
    try:
        if not running.wait_healthy(300):
            pytest.fail(f"copied stack not healthy; see {config.log_dir}")
        yield project, running
    finally:
        running.stop()


def test_the_full_loop_flag_accept_retrain_and_the_new_model_answers(copied_stack):
    project, running = copied_stack
    console = Console(f"http://127.0.0.1:{running.config.frontdoor_port}")
    assert console.sign_in().status_code == 200

    # A youth worker finds a message the bot gets wrong, in a conversation that set the area.
    session_id = console.new_conversation()
    console.say(session_id, "i live in oakham")
    wrong = None
    for message, expected in MISUNDERSTOOD:
        turn = console.say(session_id, message)["turn"]
        if turn["intent"]["name"] != expected:
            wrong = (message, expected, turn["index"])
            break
    assert wrong, "the model understands every MISUNDERSTOOD message now: add one it gets wrong"
    message, expected, index = wrong
    flagged = console.post("flag", {"session_id": session_id, "turn": index, "intent": expected, "comment": "wrong"})
    assert flagged.status_code == 200, flagged.text

    # A maintainer accepts it and retrains; the running server loads the promoted model.
    env = {"TRACKER_DB": running.config.tracker_db}
    assert str(flagged.json()["flag"]) in run(project, "review", "list", env=env).stdout
    accepted = run(project, "review", "accept", str(flagged.json()["flag"]), env=env)
    assert accepted.returncode == 0, accepted.stderr
    assert any((message, expected) == pair for path in (project / "data" / "nlu").glob("*.yml") for pair in nlu_examples(path))
    old_model = (project / MODEL).stat().st_mtime
    retrain = run(project, "retrain", "--reload", f"http://127.0.0.1:{running.config.rasa_port}",
                  "--token", running.config.token)
    assert retrain.returncode == 0, retrain.stdout[-3000:] + retrain.stderr[-3000:]
    assert "PROMOTED" in retrain.stdout and "loaded the new model" in retrain.stdout
    assert (project / MODEL).stat().st_mtime > old_model

    # The same conversation carries on with the new model: the message is understood now,
    # and the area given before the swap is still known (signposting does not ask again).
    after = console.say(session_id, message)
    assert after["turn"]["intent"]["name"] == expected
    assert "Rutland" in " ".join(m["text"] for m in after["messages"])
    assert not any("Where do you live" in m["text"] for m in after["messages"])
