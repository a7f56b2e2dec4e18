import json
import logging
import warnings

import pytest

from addons.log_privacy import HideMessageText


def record(msg, *args, name="rasa"):
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, None)


def hidden(r):
    HideMessageText().filter(r)
    return r.getMessage()


@pytest.fixture(autouse=True)
def text_off(monkeypatch):
    monkeypatch.delenv("LOG_MESSAGE_TEXT", raising=False)


def test_text_fields_are_hidden(monkeypatch):
    monkeypatch.delenv("LOG_MESSAGE_TEXT", raising=False)
    r = record('{"text": "my name is Sam \\"S\\" Jones", "event": "rest.message.received.timeout"}')
    assert HideMessageText().filter(r)
    assert r.getMessage() == '{"text": "[hidden]", "event": "rest.message.received.timeout"}'


def test_reprs_and_args_are_hidden(monkeypatch):
    monkeypatch.delenv("LOG_MESSAGE_TEXT", raising=False)
    r = record("Received user message %s", "UserMessage(text='they say i owe them', sender=x)")
    HideMessageText().filter(r)
    assert "owe" not in r.getMessage() and "[hidden]" in r.getMessage()


def test_a_maintainer_can_turn_text_on_locally(monkeypatch):
    monkeypatch.setenv("LOG_MESSAGE_TEXT", "1")
    r = record('{"text": "hello"}')
    HideMessageText().filter(r)
    assert r.getMessage() == '{"text": "hello"}'


@pytest.mark.parametrize(
    "event",
    [
        # Rasa's structlog events, as its JSON renderer writes them (one per line).
        {"user_text": "/my name is Sam Jones", "event": "message.parsing.failed", "level": "warning"},
        {"parse_data_text": "my name is Sam Jones", "event": "processor.message.parse", "level": "debug"},
        {"slot_values": {"place": "Sam Jones street"}, "event": "x", "level": "info"},
        {"event": "x", "tracker_latest_message": {"text": "my name is Sam Jones"}, "level": "info"},
    ],
)
def test_every_field_of_a_structlog_event_but_its_name_and_level_is_hidden(event):
    shown = hidden(record(json.dumps(event)))
    assert "Sam" not in shown
    assert json.loads(shown)["event"] == event["event"] and json.loads(shown)["level"] == event["level"]


def test_a_warning_keeps_its_category_and_place_only():
    # As logging.captureWarnings (addons/server.py) logs Rasa's coloured warning.
    text = warnings.formatwarning("Failed to parse arguments in line '/my name is Sam Jones'. Continuing.",
                                  UserWarning, "/venv/rasa/shared/utils/io.py", 100)
    shown = hidden(record("%s", "\x1b[93m" + text + "\x1b[0m", name="py.warnings"))
    assert "Sam" not in shown
    assert shown.startswith("UserWarning at /venv/rasa/shared/utils/io.py:100")


def test_json_that_is_no_event_is_treated_as_a_line():
    assert hidden(record('{"user_message": "my name is Sam", "n": 1}')) == '{"user_message": "[hidden]", "n": 1}'
