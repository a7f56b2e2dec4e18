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
    "text, expected",
    [
        # Names the writer gives.
        ("my name is jay and they say i owe them", "my name is [name] and they say i owe them"),
        ("My name's Kai Thompson im 14", "My name's [name] im 14"),
        ("my names tyler btw", "my names [name] btw"),
        ("im called Aisha, im in year 9", "im called [name], im in year 9"),
        ("i'm called reece", "i'm called [name]"),
        ("his name is Dwayne Smith and he's 19", "his name is [name] and he's 19"),
        ("u can call me J", "u can call me [name]"),
        # Social media handles.
        ("add me @jay_22", "add me [handle]"),
        ("my snap is jay_22", "my snap is [handle]"),
        ("my snapchat: jaybird.22", "my snapchat: [handle]"),
        ("add me on insta kai.x_x", "add me on insta [handle]"),
        ("add me on sc its jayyy22", "add me on sc its [handle]"),
        ("his insta is @dwayne.ldn", "his insta is [handle]"),
        ("my tiktok username is leics_gal", "my tiktok username is [handle]"),
        ("follow me on ig - shanz.x", "follow me on ig - [handle]"),
        # Schools.
        ("i go to beaumont leys school", "i go to [school]"),
        ("I go to Rushey Mead Academy and they wait outside", "I go to [school] and they wait outside"),
        ("im at gateway college now", "im at [school] now"),
        ("i go to lutterworth high", "i go to [school]"),
        ("they wait outside english martyrs catholic school", "they wait outside [school]"),
        # Numbers from abroad-style prefixes and other separators.
        ("0044 7700 900123", "[phone]"),
        ("+44 (0)7700 900 123", "[phone]"),
        ("0044(0)116 496 0123 is my mums", "[phone] is my mums"),
        ("my cousins irish number +353 87 123 4567", "my cousins irish number [phone]"),
        ("text 07700.900.123", "text [phone]"),
        # More street forms.
        ("they took me to 14-16 granby street", "they took me to [address]"),
        ("flat 3b, 22 the parade", "[address], [address]"),
        ("i live on mere road", "i live on [address]"),
        ("they hang round on narborough rd every night", "they hang round on [address] every night"),
        ("its the house off saffron lane", "its the house off [address]"),
        ("number 7 humberstone gate", "number [address]"),
    ],
)
def test_names_handles_schools_and_more_numbers_and_streets_are_replaced(text, expected):
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
        # Lead-ins with nothing identifying after them.
        "my name is not important",
        "they call me names at school",
        "whats ur snap",
        "add me on snap if u want",
        "they added me on insta",
        "they add me on snap saying quick cash",
        "a message on insta offered me designer clothes",
        "i go to school in hinckley",
        "they wait for me after school",
        "we go to the same school",
        "at my college",
        "im on my way",
        "its on the way home",
        "they were in the street",
        "call 0800 1111 or 116 123",
        "i owe them £1,200",
        "they gave me 3 bags",
        "i was in year 10",
    ],
)
def test_ordinary_text_is_untouched(text):
    assert redact(text) == text
