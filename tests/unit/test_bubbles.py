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


CARD = {"name": "Childline", "for": "Talk.", "open": True, "hours": "Open now", "note": None,
        "links": [{"kind": "call", "label": "Call 0800 1111", "href": "tel:08001111"}]}


def test_a_list_of_services_carries_its_cards_on_its_own_bubble():
    # action_signpost's text (the heading, then the list), its cards as the REST channel
    # sends them (after the text), then the question that follows the list.
    bubbles = to_bubbles([
        {"text": "People who can help:"}, {"text": "• Childline: call 0800 1111"},
        {"custom": {"signposts": [CARD]}},
        {"text": "Where do you live?", "buttons": [{"title": "Rutland", "payload": "/x"}]},
    ])
    assert [(b["text"], b.get("cards")) for b in bubbles] == [
        ("People who can help:", None), ("• Childline: call 0800 1111", [CARD]), ("Where do you live?", None)]
    assert bubbles[-1]["buttons"] and all(b["lang"] == "en" for b in bubbles)


def test_cards_with_no_text_before_them_are_dropped():
    assert to_bubbles([{"custom": {"signposts": [CARD]}}]) == []
