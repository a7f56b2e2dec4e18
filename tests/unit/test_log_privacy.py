import logging

from addons.log_privacy import HideMessageText


def record(msg, *args):
    return logging.LogRecord("rasa", logging.ERROR, __file__, 1, msg, args, None)


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
