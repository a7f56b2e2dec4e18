"""The maintainers' loop on a copy of the project, with real training:

- a retrain whose training data makes safety worse is refused, the current model stays
  and the report names what got worse, and the refusal names the file that caused it;
- a danger message flagged as `thanks` is refused by `review accept`; forced in, the
  gate refuses the model (the classifier alone recognises fewer danger messages), and
  `make run` serves the last promoted model, saying so in one line;
- the full loop: a youth worker signs in to the console, flags a wrong reply and saves
  the conversation as a story (which fails: it expects the corrected intent), a
  maintainer accepts it in the console, `python -m scripts.retrain` trains, checks,
  promotes and has the running Rasa server load the new model, the same message is then
  understood, in a conversation that carried on across the swap, and the story passes.
"""
import os
import secrets
import signal
import subprocess
from pathlib import Path

import pytest

from project import PROJECT_ROOT
from scripts.stack import free_port
from tests.conftest import PASSWORD, Chat, Console
from tests.project_copy import MODEL, copied_stack, copy_project, run
from training.datasets import nlu_examples
from training.review_queue import ReviewQueue

pytestmark = pytest.mark.e2e
# Messages the shipped model gets wrong, each with what it should be. The loop test uses
# the first one the running model still gets wrong (when the model learns them all, add more).
MISUNDERSTOOD = [
    ("they said i have to work off what they lost", "owe_debt"),
    ("olders said i gotta go cunch", "travel_out_of_town"),
    ("my youngers been actin shady n has a burner", "worried_friend"),
]


def story_test(project, story) -> subprocess.CompletedProcess:
    """rasa test --e2e on one saved story, as make test runs tests/conversations/."""
    return subprocess.run([str(PROJECT_ROOT / ".venv" / "bin" / "rasa"), "test", "core", "--stories", str(story),
                           "--e2e", "--fail-on-prediction-errors", "--model", str(project / "models"),
                           "--out", str(project / "results" / "story")],
                          cwd=project, env={**os.environ, "PYTHONPATH": str(project)}, capture_output=True, text=True,
                          timeout=600)


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
    # -o: the venv, the spaCy pipeline and the word vectors (shared with this project) are never rebuilt from the copy
    process = subprocess.Popen(["make", "-o", ".venv/.runtime-installed", "-o", "build/spacy/en_llr/meta.json",
                                "-o", "build/wordllama/l2_supercat_256.safetensors", "run"],
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


def test_the_full_loop_flag_accept_retrain_and_the_new_model_answers(tmp_path):
    project = copy_project(tmp_path / "project")
    with copied_stack(project, "retrain-loop") as running:
        full_loop(project, running)


def full_loop(project, running):
    url = f"http://127.0.0.1:{running.config.frontdoor_port}"
    worker, maintainer = Console(url), Console(url)
    assert worker.sign_in("sam").status_code == 200 and maintainer.sign_in("kim", PASSWORD).status_code == 200

    # A youth worker finds a message the bot gets wrong, in a conversation that set the area.
    session_id = worker.new_conversation()
    worker.say(session_id, "i live in oakham")
    wrong = None
    for message, expected in MISUNDERSTOOD:
        turn = worker.say(session_id, message)["turn"]
        if turn["intent"]["name"] != expected:
            wrong = (message, expected, turn["index"])
            break
    assert wrong, "the model understands every MISUNDERSTOOD message now: add one it gets wrong"
    message, expected, index = wrong
    flagged = worker.post("flag", {"session_id": session_id, "turn": index, "intent": expected, "comment": "wrong"})
    assert flagged.status_code == 200, flagged.text
    # ...and saves the conversation: the story expects the corrected intent, so it fails for now.
    saved = worker.post("story", {"session_id": session_id, "name": "loop"})
    assert saved.status_code == 200, saved.text
    story = project / "tests" / "conversations" / "test_loop.yml"
    before = story_test(project, story)
    assert before.returncode != 0, before.stdout[-2000:]

    # A maintainer accepts it in the console and retrains; the running server loads the promoted model.
    assert maintainer.post("review/accept", {"id": flagged.json()["flag"]}).status_code == 200
    assert any((message, expected) == pair for path in (project / "data" / "nlu").glob("*.yml") for pair in nlu_examples(path))
    old_model = (project / MODEL).stat().st_mtime
    retrain = run(project, "retrain", "--reload", f"http://127.0.0.1:{running.config.rasa_port}",
                  "--token", running.config.token)
    assert retrain.returncode == 0, retrain.stdout[-3000:] + retrain.stderr[-3000:]
    assert "PROMOTED" in retrain.stdout and "loaded the new model" in retrain.stdout
    assert (project / MODEL).stat().st_mtime > old_model
    assert "Retrain: PROMOTED" in maintainer.http.get(f"{maintainer.base}/api/report", timeout=5).json()["text"]

    # The same conversation carries on with the new model: the message is understood now,
    # and the area given before the swap is still known (signposting does not ask again).
    after = worker.say(session_id, message)
    assert after["turn"]["intent"]["name"] == expected
    said = " ".join(m["text"] for m in after["messages"])
    assert "Rutland" in said or "listed above" in said  # the list for Rutland, or pointing back to it
    assert not any("Where do you live" in m["text"] for m in after["messages"])
    # The saved story passes now that the bot understands the message.
    passed = story_test(project, story)
    assert passed.returncode == 0, passed.stdout[-3000:] + passed.stderr[-2000:]
