import pytest

from safeguarding.redact import redact


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my number is 07700 900123", "my number is [phone]"),
        ("ring me on +44 7700 900123 pls", "ring me on [phone] pls"),
        ("call 0116-496-0123", "call [phone]"),
        ("email me at jo.bloggs+x@example.co.uk", "email me at [email]"),
        ("i live at LE1 6ZZ", "i live at [postcode]"),
        ("postcode le11 3tu", "postcode [postcode]"),
        ("im at 14 Granby Street right now", "im at [address] right now"),
        ("flat 3 on the 2nd floor", "[address] on the 2nd floor"),
        ("22b baker st", "[address]"),
    ],
)
def test_identifying_details_are_replaced(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "they say i owe them 500",
        "i live in loughborough",
        "call childline",
        "its 2 streets away",
        "i owe them 2k",
        "he's 19 and drives a car",
        "999",
    ],
)
def test_ordinary_text_is_untouched(text):
    assert redact(text) == text
