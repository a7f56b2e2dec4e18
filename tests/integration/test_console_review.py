"""The maintainers' review queue in the console, on a copy of the project (accepting
changes data/nlu/): the same checks as `python -m scripts.review`, forcing with a
reason recorded with the maintainer's name, undo, reject, and youth workers kept out."""
import pytest

from tests.conftest import Console
from tests.project_copy import copied_stack_fixture
from training.datasets import nlu_examples

pytestmark = pytest.mark.e2e
DANGER = "theyre outside my house with a knife"


running = copied_stack_fixture("console-review")


@pytest.fixture(scope="module")
def people(running):
    url = f"http://127.0.0.1:{running[1].config.frontdoor_port}"
    worker, maintainer = Console(url), Console(url)
    assert worker.sign_in("sam").status_code == 200 and maintainer.sign_in("kim").status_code == 200
    return worker, maintainer


def flagged(worker, message, intent):
    session_id = worker.new_conversation()
    worker.say(session_id, message)
    return worker.post("flag", {"session_id": session_id, "turn": 0, "intent": intent}).json()["flag"]


def examples(project):
    return {pair for path in (project / "data" / "nlu").glob("*.yml") for pair in nlu_examples(path)}


def test_danger_flagged_as_thanks_is_refused_then_forced_with_a_reason_then_undone(running, people):
    project, _ = running
    worker, maintainer = people
    flag_id = flagged(worker, DANGER, "thanks")
    assert worker.post("review/accept", {"id": flag_id}).status_code == 403

    refused = maintainer.post("review/accept", {"id": flag_id})
    assert refused.status_code == 409 and refused.json()["can_force"] is True
    assert "danger: someone outside" in refused.json()["error"]
    assert (DANGER, "thanks") not in examples(project)
    assert [i["id"] for i in maintainer.get("review").json()["open"]] == [flag_id]

    forced = maintainer.post("review/accept", {"id": flag_id, "force_reason": "testing the gate"})
    assert forced.status_code == 200, forced.text
    assert "forced by kim (testing the gate)" in forced.json()["message"]
    assert (DANGER, "thanks") in examples(project)
    [item] = forced.json()["accepted"]
    assert (item["id"], item["resolved_by"], item["forced_reason"]) == (flag_id, "kim", "testing the gate")

    undone = maintainer.post("review/undo", {"id": flag_id})
    assert undone.status_code == 200 and "taken out of data/nlu/chitchat.yml" in undone.json()["message"]
    assert (DANGER, "thanks") not in examples(project)
    assert flag_id in [i["id"] for i in undone.json()["open"]] and undone.json()["accepted"] == []
    rejected = maintainer.post("review/reject", {"id": flag_id, "reason": "the bot was right"})
    assert rejected.status_code == 200 and rejected.json()["open"] == []


def test_an_everyday_correction_is_accepted_into_another_intent_and_mistakes_are_explained(running, people):
    project, _ = running
    worker, maintainer = people
    flag_id = flagged(worker, "olders said i gotta go cunch", "new situation")
    assert "choose its intent" in maintainer.post("review/accept", {"id": flag_id}).json()["error"]
    assert maintainer.post("review/accept", {"id": flag_id, "intent": "no_such"}).status_code == 400
    accepted = maintainer.post("review/accept", {"id": flag_id, "intent": "travel_out_of_town"})
    assert accepted.status_code == 200, accepted.text
    assert ("olders said i gotta go cunch", "travel_out_of_town") in examples(project)
    assert maintainer.post("review/accept", {"id": flag_id}).status_code == 409  # not open any more
    assert "No retrain has run" in maintainer.get("report").json()["error"]
