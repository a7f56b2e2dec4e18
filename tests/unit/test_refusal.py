"""A refused retrain names the file that caused it, from what changed since the last
promoted model; the Makefile and the retrain read the same list of training inputs."""
import re
import subprocess

from project import PROJECT_ROOT
from training import inputs
from training.gate import ACCURACY, CLASSIFIER, SAFETY_REPLY
from training.refusal import VALIDATE, culprits, line


def test_a_bad_safety_rule_is_named_as_the_cause_and_said_to_be_live():
    said = line([SAFETY_REPLY], ["data/safety/safety_net.yml"])
    assert said.startswith("safety replies failed; cause: data/safety/safety_net.yml (the safety net's rules)")
    assert "reads this file when it starts" in said


def test_the_likeliest_changed_file_comes_first():
    changed = ["config.yml", "data/nlu/chitchat.yml", "data/rules.yml"]
    assert culprits([SAFETY_REPLY], changed) == ["data/rules.yml", "config.yml", "data/nlu/chitchat.yml"]
    assert culprits([CLASSIFIER], changed) == ["data/nlu/chitchat.yml", "config.yml"]
    assert line([CLASSIFIER, ACCURACY], ["data/nlu/chitchat.yml"]) == (
        "classifier recall, accuracy failed; cause: data/nlu/chitchat.yml (training data)")
    # nothing that can fail the check changed: every changed file is named
    assert culprits([VALIDATE], ["addons/safety_net.py"]) == ["addons/safety_net.py"]


def test_without_a_record_or_a_change_it_says_so():
    assert "no record" in line([SAFETY_REPLY], None)
    assert "did a test set change" in line([ACCURACY], [])


def test_changes_are_found_by_fingerprint(tmp_path):
    (tmp_path / "config.yml").write_text("a")
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    (tmp_path / "data" / "nlu" / "one.yml").write_text("b")
    before = inputs.fingerprints(tmp_path)
    assert set(before) == {"config.yml", "data/nlu/one.yml"}
    (tmp_path / "data" / "nlu" / "one.yml").write_text("c")
    (tmp_path / "data" / "nlu" / "two.yml").write_text("d")
    assert inputs.changed(before, inputs.fingerprints(tmp_path)) == ["data/nlu/one.yml", "data/nlu/two.yml"]
    assert inputs.changed(None, before) is None
    inputs.save(tmp_path / "prints.json", before)
    assert inputs.load(tmp_path / "prints.json") == before and inputs.load(tmp_path / "none.json") is None


def test_the_makefile_retrains_on_the_same_files_the_refusal_compares():
    database = subprocess.run(["make", "-pn", "help"], cwd=PROJECT_ROOT, capture_output=True, text=True).stdout
    make_list = re.search(r"^TRAIN_INPUTS := (.*)$", database, re.M).group(1).split()
    assert sorted(make_list) == inputs.files(PROJECT_ROOT)
    assert "data/safety/safety_net.yml" in make_list and "data/nlu/chitchat.yml" in make_list
