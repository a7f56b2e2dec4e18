import pytest

from safeguarding.places import AMBIGUOUS, DECLINED, area_label, build_gazetteer, load_gazetteer, osa_distance


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def areas(gazetteer, text):
    return [(m.text.lower(), m.place.area) for m in gazetteer.find_in_text(text)]


@pytest.mark.parametrize(
    "text, place, area",
    [
        ("i live in loughborough", "loughborough", "county"),
        ("near loughbrough", "loughbrough", "county"),
        ("hinckly", "hinckly", "county"),
        ("im in melton mowbry", "melton mowbry", "county"),
        ("Braunstone Town", "braunstone town", "county"),
        ("from Braunstone Park", "braunstone park", "city"),
        ("beaumont leys", "beaumont leys", "city"),
        ("i live in Oakham", "oakham", "rutland"),
        ("uppingham", "uppingham", "rutland"),
        ("im from nottingham", "nottingham", "outside"),
        ("ashby-de-la-zouch", "ashby-de-la-zouch", "county"),
        ("leciester", "leciester", "ambiguous"),  # "Leicester" alone: city or county? (asked)
        ("leicester city centre", "leicester city centre", "city"),
        ("market harborugh", "market harborugh", "county"),
    ],
)
def test_places_resolve_to_their_council(gazetteer, text, place, area):
    assert areas(gazetteer, text) == [(place, area)]


def test_a_name_on_both_sides_is_ambiguous(gazetteer):
    assert areas(gazetteer, "i live in braunstone") == [("braunstone", AMBIGUOUS)]


def test_declining_to_say_is_recognised(gazetteer):
    assert areas(gazetteer, "id rather not say") == [("rather not say", DECLINED)]


@pytest.mark.parametrize("text", ["my baby brother", "can u help with my maths", "who won the football", "the county lines thing"])
def test_everyday_words_are_not_places(gazetteer, text):
    assert gazetteer.find_in_text(text) == []


def test_longest_name_wins_over_its_parts(gazetteer):
    assert areas(gazetteer, "im not in leicester") == [("not in leicester", "outside")]


def test_short_names_need_exact_spelling():
    gazetteer = build_gazetteer({"councils": {"county": {"label": "x", "places": ["Blaby"]}}})
    assert gazetteer.area_of("blaby") == "county"
    assert gazetteer.area_of("baby") is None


def test_area_of_unknown_name():
    assert load_gazetteer().area_of("atlantis") is None


@pytest.mark.parametrize("a, b, distance", [("abc", "abc", 0), ("abc", "acb", 1), ("abc", "ab", 1), ("kitten", "sitting", 3)])
def test_osa_distance(a, b, distance):
    assert osa_distance(a, b) == distance


def test_area_labels():
    assert area_label("city") == "Leicester city"
    assert area_label("rutland") == "Rutland"
