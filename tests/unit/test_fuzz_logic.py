"""Property-based tests of the pure logic: no input makes it crash or misbehave."""
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from frontdoor.rasa_client import to_bubbles
from frontdoor.validation import BadRequest, parse_chat
from safeguarding import signposts
from safeguarding.contacts import load_contacts
from safeguarding.places import load_gazetteer
from safeguarding.risk import assess

CONTACTS = load_contacts()
GAZETTEER = load_gazetteer()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_assess_never_crashes(text):
    finding = assess(text)
    assert finding is None or finding.risk in ("danger", "self_harm")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_places_spans_are_inside_the_text(text):
    for match in GAZETTEER.find_in_text(text):
        assert 0 <= match.start < match.end <= len(text)
        assert match.place.area in ("city", "county", "rutland", "outside", "ambiguous", "unknown")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_parse_chat_only_raises_bad_request(body):
    try:
        request = parse_chat(body, frozenset())
    except BadRequest:
        return
    assert request.message and not request.message.startswith("/")


@settings(max_examples=300, deadline=None)
@given(
    minutes=st.integers(min_value=0, max_value=60 * 24 * 366 * 2),
    audience=st.sampled_from(signposts.AUDIENCES),
    area=st.sampled_from(["city", "county", "rutland", "outside", "unknown", None]),
    situation=st.one_of(st.none(), st.text(max_size=20), st.sampled_from(sorted(signposts.BY_SITUATION))),
    risk=st.sampled_from([None, signposts.DANGER, signposts.SELF_HARM]),
)
def test_signposts_always_offer_an_open_service_and_never_a_closed_one(minutes, audience, area, situation, risk):
    when = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=minutes)
    chosen = signposts.choose(CONTACTS, when, audience=audience, area=area, situation=situation, risk=risk)
    assert chosen and all(s.contact.open_at(when) is not False for s in chosen)
    assert any(s.contact.open_at(when) for s in chosen)
    if risk:
        assert chosen[0].contact.key == "emergency"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fixed_dictionaries({"text": st.one_of(st.none(), st.text(max_size=100))}), max_size=5))
def test_bubbles_never_lose_text(messages):
    bubbles = to_bubbles(messages)
    assert all(b["text"] == b["text"].strip() and b["text"] for b in bubbles)
    squeeze = lambda text: "".join(text.split())  # noqa: E731 - compare all but whitespace
    assert squeeze("".join(b["text"] for b in bubbles)) == squeeze("".join(m["text"] or "" for m in messages))
