"""Accepting a flagged message edits the right file under data/nlu/, and nothing else."""
import shutil
import subprocess

import pytest
import yaml

from project import DATA_DIR
from training.datasets import nlu_examples
from training.nlu_files import ExampleRefused, add_example, all_examples, intent_files, remove_example


@pytest.fixture
def nlu_dir(tmp_path):
    shutil.copytree(DATA_DIR / "nlu", tmp_path / "nlu")
    return tmp_path / "nlu"


def changed_lines(before, after):
    diff = subprocess.run(["diff", "-r", str(before), str(after)], capture_output=True, text=True).stdout
    return [line for line in diff.splitlines() if line.startswith(("<", ">"))]


def test_the_example_goes_to_the_file_that_holds_the_intent_and_only_one_line_changes(nlu_dir):
    path = add_example(nlu_dir, "cuckooing", "a dealer moved into my nans flat n wont leave")
    assert path.name == "housing.yml"
    assert ("a dealer moved into my nans flat n wont leave", "cuckooing") in nlu_examples(path)
    assert changed_lines(DATA_DIR / "nlu", nlu_dir) == [">       - a dealer moved into my nans flat n wont leave"]


def test_an_intent_followed_by_synonyms_gets_the_example_in_its_own_block(nlu_dir):
    # explain_county_lines sits above warning_signs and the synonym blocks in information.yml
    add_example(nlu_dir, "warning_signs", "how do i kno if my bro is caught up")
    assert all_examples(nlu_dir)["how do i kno if my bro is caught up"] == "warning_signs"
    synonyms_before = (DATA_DIR / "nlu" / "information.yml").read_text().split("- synonym:", 1)[1]
    assert (nlu_dir / "information.yml").read_text().split("- synonym:", 1)[1] == synonyms_before


def test_spacing_and_case_do_not_make_a_new_example(nlu_dir):
    with pytest.raises(ExampleRefused, match="already a 'asked_to_carry' example"):
        add_example(nlu_dir, "asked_to_carry", "  Man said  carry this to the STATION ")


def test_an_example_of_another_intent_is_refused(nlu_dir):
    with pytest.raises(ExampleRefused, match="already an example of 'asked_to_carry'"):
        add_example(nlu_dir, "greet", "man said carry this to the station")
    assert changed_lines(DATA_DIR / "nlu", nlu_dir) == []


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("i live in [leicester](place)", "annotation"),
])
def test_empty_or_annotation_like_text_is_refused(nlu_dir, text, reason):
    with pytest.raises(ExampleRefused, match=reason):
        add_example(nlu_dir, "inform_area", text)


def test_an_unknown_intent_is_refused_with_what_to_do(nlu_dir):
    with pytest.raises(ExampleRefused, match="new intent, responses and rules"):
        add_example(nlu_dir, "new situation", "something new")


def test_every_intent_is_found_in_exactly_one_file():
    files = intent_files(DATA_DIR / "nlu")
    assert files["danger"].name == "safety.yml"
    assert files["owe_debt"].name == "exploitation.yml"
    domain = yaml.safe_load((DATA_DIR.parent / "domain.yml").read_text(encoding="utf-8"))
    assert {intent.split("/")[0] for intent in files} == set(domain["intents"])  # faq/... is one intent


def test_an_added_example_comes_back_out_leaving_the_file_as_it_was(nlu_dir):
    path = add_example(nlu_dir, "cuckooing", "a dealer moved into my nans flat n wont leave")
    with pytest.raises(ExampleRefused, match="not a 'owe_debt' example"):
        remove_example(path, "owe_debt", "a dealer moved into my nans flat n wont leave")
    remove_example(path, "cuckooing", "A dealer moved into my nans  flat n wont leave")
    assert changed_lines(DATA_DIR / "nlu", nlu_dir) == []
    with pytest.raises(ExampleRefused, match="nothing to take out"):
        remove_example(path, "cuckooing", "a dealer moved into my nans flat n wont leave")
