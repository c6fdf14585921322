"""The EU-threshold rule and its date, written once (core/exchange/eu_rule.py) and said the same everywhere."""

from datetime import date

from core.exchange.eu_rule import EU_RULE, EU_RULE_SINCE, EU_RULE_SINCE_WORDS, needs_exemption, under_eu_rule
from core.store.enums import Vehicle
from ui import texts

NONE = Vehicle.AUCUNE.value


def test_the_rule_starts_on_its_date_and_is_not_retroactive():
    assert under_eu_rule(EU_RULE_SINCE)
    assert not under_eu_rule(date(2026, 8, 21))
    assert under_eu_rule(None)  # a start not given yet is asked for


def test_a_contract_breaks_it_only_above_the_thresholds_without_consideration_nor_reason():
    start = date(2026, 9, 1)
    assert needs_exemption(True, start, [], None)
    assert needs_exemption(True, start, [NONE], "")
    assert not needs_exemption(False, start, [NONE], None)
    assert not needs_exemption(True, start, [Vehicle.CLAUSE_SOCIALE.value], None)
    assert not needs_exemption(True, start, [NONE], "Marché de défense")
    assert not needs_exemption(True, date(2026, 8, 1), [NONE], None)


def test_every_text_says_the_one_date():
    assert EU_RULE_SINCE_WORDS == "22 août 2026"
    assert EU_RULE.startswith("depuis le 22/08/2026, un marché au-dessus des seuils européens")
    assert f"depuis le {EU_RULE_SINCE_WORDS}," in texts.EXEMPTION_HELP
    assert all(EU_RULE_SINCE_WORDS in help_text for help_text in texts.FIELD_HELP.values())
