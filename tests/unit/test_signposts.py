from datetime import datetime

import pytest

from safeguarding import signposts
from safeguarding.contacts import load_contacts
from safeguarding.opening_hours import LONDON

CONTACTS = load_contacts()
WEDNESDAY_NOON = datetime(2026, 11, 25, 12, 0, tzinfo=LONDON)
WEDNESDAY_2330 = datetime(2026, 11, 25, 23, 30, tzinfo=LONDON)
SATURDAY_NOON = datetime(2026, 11, 28, 12, 0, tzinfo=LONDON)


def keys(**kwargs):
    kwargs.setdefault("when", WEDNESDAY_NOON)
    return [s.contact.key for s in signposts.choose(CONTACTS, **kwargs)]


@pytest.mark.parametrize(
    "area, council",
    [("city", "leicester_city_duty"), ("county", "leics_first_response"), ("rutland", "rutland_duty")],
)
def test_each_council_area_gets_its_own_team(area, council):
    chosen = keys(area=area)
    assert council in chosen
    others = {"leicester_city_duty", "leics_first_response", "rutland_duty"} - {council}
    assert not others & set(chosen)


@pytest.mark.parametrize("area", ["outside", "unknown", None])
def test_no_council_outside_llr_or_when_not_said(area):
    chosen = keys(area=area)
    assert not {"leicester_city_duty", "leics_first_response", "rutland_duty"} & set(chosen)
    assert "childline" in chosen and "police_non_emergency" in chosen


def test_rutland_out_of_hours_goes_to_first_response_named_as_rutlands_out_of_hours_team():
    assert "rutland_duty" not in keys(area="rutland", when=SATURDAY_NOON)
    assert "leics_first_response" in keys(area="rutland", when=SATURDAY_NOON)
    text = signposts.render(signposts.choose(CONTACTS, SATURDAY_NOON, area="rutland"), area_name="Rutland")
    assert ("• Rutland's out-of-hours children's team, run by Leicestershire's First Response: call "
            f"{CONTACTS['leics_first_response'].phone}") in text
    county = signposts.render(signposts.choose(CONTACTS, SATURDAY_NOON, area="county"))
    assert f"• {CONTACTS['leics_first_response'].name}: call" in county  # in its own county, its own name


def test_safecall_only_when_open():
    assert "safecall" in keys(when=WEDNESDAY_NOON)
    assert "safecall" not in keys(when=WEDNESDAY_2330)


def test_danger_puts_999_first():
    assert keys(risk=signposts.DANGER, area="city")[0] == "emergency"


def test_self_harm_gives_999_and_crisis_lines():
    chosen = keys(risk=signposts.SELF_HARM)
    assert chosen[0] == "emergency"
    assert {"samaritans", "shout", "childline"} <= set(chosen)


def test_adults_get_council_first_then_police_and_nspcc():
    chosen = keys(audience=signposts.ADULT, area="county")
    assert chosen[0] == "leics_first_response"
    assert {"police_non_emergency", "nspcc"} <= set(chosen)
    assert "childline" not in chosen


def test_friends_get_someone_to_talk_to_and_someone_to_tell():
    chosen = keys(audience=signposts.FRIEND, area="city")
    assert {"childline", "fearless", "police_non_emergency", "leicester_city_duty"} <= set(chosen)


def test_situation_extras():
    assert "btp" in keys(situation="travel_out_of_town")
    assert "btp" not in keys(situation="owe_debt")
    assert "crimestoppers" in keys(situation="report_anonymously")


def test_no_contact_twice():
    chosen = keys(risk=signposts.SELF_HARM, audience=signposts.YOUNG_PERSON)
    assert len(chosen) == len(set(chosen))


def test_unknown_hours_are_given_by_web_only():
    contacts = dict(CONTACTS)
    nspcc = contacts["nspcc"]
    contacts["nspcc"] = type(nspcc)(**{**nspcc.__dict__, "hours": "unknown"})
    chosen = signposts.choose(contacts, WEDNESDAY_NOON, audience=signposts.ADULT)
    (entry,) = [s for s in chosen if s.contact.key == "nspcc"]
    assert entry.web_only and "call" not in signposts.describe(entry)
    contacts["nspcc"] = type(nspcc)(**{**nspcc.__dict__, "hours": "unknown", "web": None})
    assert "nspcc" not in [s.contact.key for s in signposts.choose(contacts, WEDNESDAY_NOON, audience=signposts.ADULT)]


def test_every_answer_has_a_service_open_now():
    for when in (WEDNESDAY_NOON, WEDNESDAY_2330, SATURDAY_NOON, datetime(2026, 11, 29, 3, 0, tzinfo=LONDON)):
        for audience in signposts.AUDIENCES:
            for area in ("city", "county", "rutland", "outside", None):
                chosen = signposts.choose(CONTACTS, when, audience=audience, area=area)
                assert any(s.contact.open_at(when) for s in chosen)


def test_services_that_can_be_called_come_before_web_pages_and_a_list_has_a_fingerprint():
    chosen = signposts.choose(CONTACTS, WEDNESDAY_NOON, area="city")
    web = [s.web_only for s in chosen]
    assert web == sorted(web)
    assert signposts.fingerprint(chosen, "city") == signposts.fingerprint(list(chosen), "city")
    assert signposts.fingerprint(chosen, "city") != signposts.fingerprint(chosen, "county")
    assert signposts.fingerprint(chosen, "city") != signposts.fingerprint(chosen[1:], "city")


def test_describe_and_render():
    shout = signposts.Signpost(CONTACTS["shout"])
    assert signposts.describe(shout) == "Shout: text SHOUT to 85258"
    safecall = signposts.Signpost(CONTACTS["safecall"])
    assert signposts.describe(safecall) == "Missing People SafeCall: call 116 000 or text to 116 000"
    text = signposts.render([shout], area_name="Rutland")
    # The heading, then the list as a bubble of its own (the one the widget shows as cards).
    assert text.split("\n\n") == ["People who can help (Rutland):", "• Shout: text SHOUT to 85258"]
    police = signposts.Signpost(CONTACTS["police_non_emergency"])
    assert "101 puts you through" in signposts.render([shout, police], outside=True)
    assert "101 puts you through" not in signposts.render([shout, police])


def test_an_area_with_no_team_listed_still_gets_national_services():
    contacts = {k: v for k, v in CONTACTS.items() if v.area != "rutland"}
    chosen = [s.contact.key for s in signposts.choose(contacts, WEDNESDAY_NOON, area="rutland")]
    assert "childline" in chosen and "leics_first_response" not in chosen
