import re
from datetime import date


from project import PROJECT_ROOT
from safeguarding import signposts, two_situations
from safeguarding.contacts import load_contacts, template_vars

PHONE_LIKE = re.compile(r"\b(?:0\d{3} ?\d{3} ?\d{4}|0\d{4} ?\d{3} ?\d{3}|0800 ?\d{3,4} ?\d{0,4}|116 ?\d{3}|999|101|85258|61016)\b")


def test_every_contact_has_source_date_hours_and_a_way_in():
    for contact in load_contacts().values():
        assert contact.source and contact.for_whom and contact.name
        assert isinstance(contact.checked, date)
        assert contact.phone or contact.text or contact.web, contact.key
        assert contact.hours == "always" or contact.hours == "unknown" or set(contact.hours) >= {"days", "open", "close"}


def test_the_numbers_the_product_card_names():
    contacts = load_contacts()
    assert contacts["emergency"].phone == "999"
    assert contacts["police_non_emergency"].phone == "101"
    assert contacts["leicester_city_duty"].phone == "0116 454 1004"
    assert contacts["leics_first_response"].phone == "0116 305 0005"
    assert contacts["leics_childrens_office"].phone == "0116 305 9521"
    assert contacts["rutland_duty"].phone == "01572 758 407"
    assert contacts["childline"].phone == "0800 1111"
    assert contacts["samaritans"].phone == "116 123"
    assert contacts["shout"].text == "85258"
    assert contacts["safecall"].phone == "116 000"


def test_out_of_hours_targets_exist():
    contacts = load_contacts()
    for contact in contacts.values():
        if contact.out_of_hours:
            assert contact.out_of_hours in contacts


def test_every_service_the_bot_can_give_has_a_short_card():
    contacts = load_contacts()
    tables = (signposts.BY_AUDIENCE, signposts.BY_RISK, signposts.BY_SITUATION)
    given = {key for table in tables for keys in table.values() for key in keys}
    given |= {c.key for c in contacts.values() if c.area} | {c.out_of_hours for c in contacts.values() if c.out_of_hours}
    for key in given:
        card = contacts[key].card
        assert card and card.name and card.for_whom, key
        assert len(card.name) <= 40 and len(card.for_whom) <= 90, key  # a card on a phone
        assert bool(card.web) == bool(contacts[key].web), key  # a web link's words, never its address
        if contacts[key].out_of_hours:
            assert card.out_of_hours.name and card.out_of_hours.for_whom, key


def test_template_vars_name_fields_by_contact():
    values = template_vars(load_contacts())
    assert values["childline_phone"] == "0800 1111"
    assert values["shout_text_word"] == "SHOUT"
    assert "fearless_phone" not in values


def test_template_vars_give_the_times_of_a_weekly_schedule_only():
    values = template_vars(load_contacts())
    assert (values["rutland_duty_open"], values["rutland_duty_close"]) == ("09:00", "17:00")
    assert "childline_open" not in values  # open any time: no times to give


def test_no_number_is_written_outside_the_directory():
    """Responses, actions and the front door read data/contacts.yml; none repeats a number."""
    places = [PROJECT_ROOT / "domain.yml", *(PROJECT_ROOT / "data" / "i18n").glob("*.yml")] + [
        path
        for folder in ("actions", "addons", "safeguarding", "frontdoor")
        for path in (PROJECT_ROOT / folder).rglob("*")
        if path.suffix in {".py", ".yml", ".js", ".html"}
    ]
    for path in places:
        found = PHONE_LIKE.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(PROJECT_ROOT)} repeats {found}"


# Placeholders an action fills when it asks for the response (actions/actions.py), or the
# NLG from the message (addons/contact_nlg.py: the other of two situations).
ACTION_FILLED = {"place", two_situations.TITLE}


def test_domain_placeholders_all_exist():
    values = template_vars(load_contacts())
    domain = (PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8")
    for placeholder in re.findall(r"\{(\w+)\}", domain):
        assert placeholder in values or placeholder in ACTION_FILLED, placeholder
