"""The review queue in a real SQLite database, and the maintainers' command line on it."""
import shutil

import pytest

from project import DATA_DIR
from scripts import review
from training.datasets import nlu_examples
from training.review_queue import ACCEPTED, NEW_SITUATION, OPEN, REJECTED, ReviewQueue


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
    monkeypatch.setattr(review, "NLU_DIR", tmp_path / "data" / "nlu")
    return tmp_path


def flag(queue, message="they said i have to work off what they lost", expected="owe_debt"):
    return queue.add("sam", message, "pressured_threatened", 0.64, ["utter_advice_pressured_threatened", "action_signpost"],
                     expected, "debt bondage, not a threat")


def test_a_flag_is_stored_with_what_the_bot_did(queue):
    flag_id = flag(queue)
    [item] = queue.items()
    assert (item.id, item.flagged_by, item.expected_intent, item.status) == (flag_id, "sam", "owe_debt", OPEN)
    assert item.bot_actions == "utter_advice_pressured_threatened, action_signpost"
    assert item.comment == "debt bondage, not a threat"


def test_accept_adds_the_message_to_the_intents_file_and_closes_the_item(queue, project, capsys):
    flag_id = flag(queue)
    assert review.main(["accept", str(flag_id)]) == 0
    path = project / "data" / "nlu" / "exploitation.yml"
    assert ("they said i have to work off what they lost", "owe_debt") in nlu_examples(path)
    assert queue.get(flag_id).status == ACCEPTED
    assert "exploitation.yml" in queue.get(flag_id).resolution
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


def test_reject_leaves_the_data_alone(queue, project):
    before = {p.name: p.read_text() for p in (project / "data" / "nlu").glob("*.yml")}
    flag_id = flag(queue)
    assert review.main(["reject", str(flag_id), "--reason", "the bot was right"]) == 0
    assert queue.get(flag_id).status == REJECTED
    assert queue.get(flag_id).resolution == "the bot was right"
    assert queue.items() == []
    assert {p.name: p.read_text() for p in (project / "data" / "nlu").glob("*.yml")} == before


def test_list_shows_open_items(queue, project, capsys):
    flag(queue)
    review.main(["list"])
    out = capsys.readouterr().out
    assert "they said i have to work off what they lost" in out and "should be: owe_debt" in out
