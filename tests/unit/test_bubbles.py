from frontdoor.rasa_client import to_bubbles


def test_paragraphs_become_bubbles_and_buttons_go_last():
    bubbles = to_bubbles(
        [
            {"recipient_id": "x", "text": "One.\n\nTwo.", "buttons": [{"title": "Who?", "payload": "/who_to_talk_to"}]},
            {"recipient_id": "x", "text": "Three."},
        ]
    )
    assert bubbles == [
        {"text": "One.", "buttons": [], "lang": "en"},
        {"text": "Two.", "buttons": [{"title": "Who?", "payload": "/who_to_talk_to"}], "lang": "en"},
        {"text": "Three.", "buttons": [], "lang": "en"},
    ]


def test_buttons_without_text_still_show():
    assert to_bubbles([{"buttons": [{"title": "A", "payload": "/a"}]}]) == [
        {"text": "", "buttons": [{"title": "A", "payload": "/a"}], "lang": "en"}
    ]


def test_lines_inside_a_paragraph_stay_together():
    assert to_bubbles([{"text": "Help:\n• one\n• two"}]) == [{"text": "Help:\n• one\n• two", "buttons": [], "lang": "en"}]


def test_a_translated_reply_marks_its_own_paragraphs_with_its_language():
    # Rasa's REST channel sends a text without buttons a paragraph at a time, then the
    # response's `custom` part as a message of its own.
    bubbles = to_bubbles([
        {"text": "Before."},
        {"text": "Zadzwoń pod 999."}, {"text": "Szept."}, {"text": "Call 999."},
        {"custom": {"lang": "pl", "paragraphs": 2, "of": 3}},
        {"text": "Are you safe?"},
    ])
    assert [(b["text"], b["lang"]) for b in bubbles] == [
        ("Before.", "en"), ("Zadzwoń pod 999.", "pl"), ("Szept.", "pl"), ("Call 999.", "en"), ("Are you safe?", "en")]


def test_a_translated_reply_with_buttons_comes_as_one_message():
    bubbles = to_bubbles([
        {"text": "Witaj.\n\nCo chcesz wiedzieć?", "buttons": [{"title": "Znaki", "payload": "/x"}]},
        {"custom": {"lang": "pl", "paragraphs": 2, "of": 2}},
    ])
    assert [b["lang"] for b in bubbles] == ["pl", "pl"] and bubbles[-1]["buttons"]
