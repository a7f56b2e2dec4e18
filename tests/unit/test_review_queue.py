"""The review queue in a real SQLite database, and the maintainers' command line on it."""
import shutil
import sqlite3

import pytest

from project import DATA_DIR
from scripts import review
from training.datasets import nlu_examples
from training.review_queue import ACCEPTED, NEW_SITUATION, OPEN, REJECTED, AlreadyResolved, ReviewQueue

DANGER_GUESS = [{"name": "danger", "confidence": 0.91}, {"name": "pressured_threatened", "confidence": 0.05}]


@pytest.fixture
def queue(tmp_path, monkeypatch):
    monkeypatch.delenv("RASA_ENDPOINTS", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    return ReviewQueue(f"sqlite:///{tmp_path / 'tracker.db'}")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The command line works on a copy of data/nlu."""
    shutil.copytree(DATA_DIR / "nlu", tmp_path / "data" / "nlu")
    monkeypatch.setattr(review, "PROJECT_ROOT", tmp_path)
    return tmp_path


def nlu_text(project):
    return {p.name: p.read_text() for p in (project / "data" / "nlu").glob("*.yml")}


def flag(queue, message="they said i have to work off what they lost", expected="owe_debt", guesses=None, **turn):
    return queue.add("sam", message, "pressured_threatened", 0.64, ["utter_advice_pressured_threatened", "action_signpost"],
                     expected, "debt bondage, not a threat", classifier_ranking=guesses, **turn).id


def test_a_flag_is_stored_with_what_the_bot_did(queue):
    flag_id = flag(queue, guesses=[{"name": "pressured_threatened", "confidence": 0.64}])
    [item] = queue.items()
    assert (item.id, item.flagged_by, item.expected_intent, item.status) == (flag_id, "sam", "owe_debt", OPEN)
    assert item.bot_actions == "utter_advice_pressured_threatened, action_signpost"
    assert item.comment == "debt bondage, not a threat"
    assert item.guesses() == [{"name": "pressured_threatened", "confidence": 0.64}]


def test_flagging_a_turn_again_updates_its_item(queue):
    first = queue.add("sam", "hiya", "greet", 0.9, [], "thanks", "", conversation_id="console-1", turn_index=0)
    again = queue.add("alex", "hiya", "greet", 0.9, [], "affirm", "a yes", conversation_id="console-1", turn_index=0)
    other_turn = queue.add("sam", "ok", "affirm", 0.9, [], "thanks", "", conversation_id="console-1", turn_index=1)
    assert (first.updated, again.updated, again.id) == (False, True, first.id)
    assert other_turn.id != first.id
    item = queue.get(first.id)
    assert (item.expected_intent, item.comment, item.flagged_by) == ("affirm", "a yes", "alex")
    assert len(queue.items()) == 2
    queue.resolve(first.id, REJECTED, "the bot was right")
    with pytest.raises(AlreadyResolved, match="already rejected"):
        queue.add("sam", "hiya", "greet", 0.9, [], "thanks", "", conversation_id="console-1", turn_index=0)


def test_a_queue_made_by_the_first_release_gets_the_new_columns(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE review_queue (id INTEGER PRIMARY KEY, created_at FLOAT NOT NULL, flagged_by VARCHAR(64) "
                   "NOT NULL, message TEXT NOT NULL, predicted_intent VARCHAR(64), confidence FLOAT, bot_actions TEXT, "
                   "expected_intent VARCHAR(64) NOT NULL, comment TEXT NOT NULL, status VARCHAR(16) NOT NULL, "
                   "resolved_at FLOAT, resolution TEXT)")
        db.execute("INSERT INTO review_queue VALUES (1, 0, 'sam', 'hiya', 'greet', 0.9, '', 'thanks', '', 'open', NULL, NULL)")
    queue = ReviewQueue(f"sqlite:///{path}")
    assert queue.get(1).message == "hiya" and queue.get(1).guesses() == []
    assert flag(queue, conversation_id="console-2", turn_index=0) == 2


def test_accept_adds_the_message_to_the_intents_file_and_closes_the_item(queue, project, capsys):
    flag_id = flag(queue)
    assert review.main(["accept", str(flag_id), "--by", "kim"]) == 0
    path = project / "data" / "nlu" / "exploitation.yml"
    assert ("they said i have to work off what they lost", "owe_debt") in nlu_examples(path)
    item = queue.get(flag_id)
    assert (item.status, item.resolved_by, item.example_file) == (ACCEPTED, "kim", "data/nlu/exploitation.yml")
    assert "exploitation.yml" in item.resolution
    assert "make retrain" in capsys.readouterr().out
    assert review.main(["accept", str(flag_id)]) == 1  # not open any more


def test_accept_can_name_another_intent(queue, project):
    flag_id = flag(queue, "some lad on snap said i can earn 300 a day", NEW_SITUATION)
    assert review.main(["accept", str(flag_id)]) == 1  # a new situation needs --intent
    assert queue.get(flag_id).status == OPEN
    assert review.main(["accept", str(flag_id), "--intent", "social_media_recruitment"]) == 0
    assert ("some lad on snap said i can earn 300 a day", "social_media_recruitment") in nlu_examples(
        project / "data" / "nlu" / "exploitation.yml")


def test_a_duplicate_is_not_added_and_stays_open(queue, project, capsys):
    flag_id = flag(queue, "man said carry this to the station", "greet")
    assert review.main(["accept", str(flag_id)]) == 1
    assert "one example cannot be in two intents" in capsys.readouterr().err
    assert queue.get(flag_id).status == OPEN


def test_danger_the_safety_net_catches_is_not_taught_as_small_talk(queue, project, capsys):
    before = nlu_text(project)
    flag_id = flag(queue, "theyre outside my house with a machete", "thanks")
    assert review.main(["accept", str(flag_id)]) == 1
    err = capsys.readouterr().err
    assert "could make the bot less safe" in err and "danger: someone outside" in err
    assert "--force" in err
    assert queue.get(flag_id).status == OPEN and nlu_text(project) == before


def test_a_message_the_classifier_took_for_danger_is_not_taught_as_something_else(queue, project, capsys):
    before = nlu_text(project)
    # No rule fires on it (an idiom), but the classifier's own first guess was danger.
    flag_id = flag(queue, "my legs r killin me after footy", "out_of_scope", guesses=DANGER_GUESS)
    assert review.main(["accept", str(flag_id)]) == 1
    assert "the classifier took it for danger (91%)" in capsys.readouterr().err
    assert nlu_text(project) == before


def test_a_risk_message_may_go_into_its_own_risk_intent(queue, project):
    flag_id = flag(queue, "they got a machete n theyre waitin by my door", "owe_debt", guesses=DANGER_GUESS)
    assert review.main(["accept", str(flag_id), "--intent", "danger"]) == 0
    assert ("they got a machete n theyre waitin by my door", "danger") in nlu_examples(project / "data" / "nlu" / "safety.yml")


def test_a_forced_accept_records_who_and_why(queue, project, capsys):
    flag_id = flag(queue, "my legs r killin me after footy", "out_of_scope", guesses=DANGER_GUESS)
    assert review.main(["accept", str(flag_id), "--force", "an idiom about football", "--by", "kim"]) == 0
    item = queue.get(flag_id)
    assert (item.status, item.resolved_by, item.forced_reason) == (ACCEPTED, "kim", "an idiom about football")
    assert "forced by kim (an idiom about football) over the safety check" in item.resolution
    assert ("my legs r killin me after footy", "out_of_scope") in nlu_examples(project / "data" / "nlu" / "chitchat.yml")


def test_undo_takes_the_example_back_out_and_reopens_the_item(queue, project, capsys):
    before = nlu_text(project)
    flag_id = flag(queue)
    assert review.main(["accept", str(flag_id)]) == 0
    assert nlu_text(project) != before
    assert review.main(["undo", str(flag_id), "--by", "kim"]) == 0
    assert nlu_text(project) == before
    item = queue.get(flag_id)
    assert (item.status, item.example_file) == (OPEN, None)
    assert "undone by kim" in item.resolution and "make retrain" in capsys.readouterr().out
    assert review.main(["undo", str(flag_id)]) == 1  # not accepted any more


def test_undo_when_the_example_was_taken_out_by_hand_says_so(queue, project, capsys):
    flag_id = flag(queue)
    review.main(["accept", str(flag_id)])
    path = project / "data" / "nlu" / "exploitation.yml"
    path.write_text(path.read_text().replace("      - they said i have to work off what they lost\n", ""))
    assert review.main(["undo", str(flag_id)]) == 1
    assert "nothing to take out" in capsys.readouterr().err
    assert queue.get(flag_id).status == ACCEPTED


def test_reject_leaves_the_data_alone(queue, project):
    before = nlu_text(project)
    flag_id = flag(queue)
    assert review.main(["reject", str(flag_id), "--reason", "the bot was right", "--by", "kim"]) == 0
    assert queue.get(flag_id).status == REJECTED
    assert (queue.get(flag_id).resolution, queue.get(flag_id).resolved_by) == ("the bot was right", "kim")
    assert queue.items() == []
    assert nlu_text(project) == before


def test_list_shows_open_items(queue, project, capsys):
    flag(queue, guesses=[{"name": "pressured_threatened", "confidence": 0.64}])
    review.main(["list"])
    out = capsys.readouterr().out
    assert "they said i have to work off what they lost" in out and "should be: owe_debt" in out
    assert "classifier: pressured_threatened 0.64" in out
