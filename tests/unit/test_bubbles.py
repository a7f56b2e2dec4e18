from frontdoor.rasa_client import to_bubbles


def test_paragraphs_become_bubbles_and_buttons_go_last():
    bubbles = to_bubbles(
        [
            {"recipient_id": "x", "text": "One.\n\nTwo.", "buttons": [{"title": "Who?", "payload": "/who_to_talk_to"}]},
            {"recipient_id": "x", "text": "Three."},
        ]
    )
    assert bubbles == [
        {"text": "One.", "buttons": []},
        {"text": "Two.", "buttons": [{"title": "Who?", "payload": "/who_to_talk_to"}]},
        {"text": "Three.", "buttons": []},
    ]


def test_buttons_without_text_still_show():
    assert to_bubbles([{"buttons": [{"title": "A", "payload": "/a"}]}]) == [
        {"text": "", "buttons": [{"title": "A", "payload": "/a"}]}
    ]


def test_lines_inside_a_paragraph_stay_together():
    assert to_bubbles([{"text": "Help:\n• one\n• two"}]) == [{"text": "Help:\n• one\n• two", "buttons": []}]
