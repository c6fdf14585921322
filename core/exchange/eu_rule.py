"""The rule of the contracts above the EU thresholds, and its date, written once (docs/fichiers-echange.md).

From EU_RULE_SINCE, a contract above the EU thresholds carries a social consideration or a motivated
exemption. The rule is not retroactive: a contract started before is not asked for either. The entry form
checks it (core.exchange.kinds), the checklist recalls it (core.clauses.relevance), the facilitator's home
lists the contracts that break it (core.figures.followup, the same rule as SQL).
"""

import datetime as dt

from babel.dates import format_date

from core import formatting as fmt
from core.store.enums import Vehicle

EU_THRESHOLD, EXEMPTION = "seuils_europeens", "motif_derogation"  # the entry form's two columns
EU_RULE_SINCE = dt.date(2026, 8, 22)
EU_RULE_SINCE_WORDS = format_date(EU_RULE_SINCE, format="d MMMM yyyy", locale=fmt.LOCALE)  # 22 août 2026
EU_RULE = (f"depuis le {fmt.day(EU_RULE_SINCE)}, un marché au-dessus des seuils européens porte une "
           "considération sociale ou une dérogation motivée")


def under_eu_rule(start: object) -> bool:
    """Whether a contract starting on `start` falls under the rule (an unknown start does: it is asked)."""
    return not isinstance(start, dt.date) or start >= EU_RULE_SINCE


def needs_exemption(above: bool, start: object, vehicles: list[str], reason: object) -> bool:
    """Whether a contract breaks the rule: above the thresholds, under the rule, no social consideration
    (none recorded, or only « Pas de considération sociale ») and no exemption reason."""
    return bool(above) and under_eu_rule(start) and not reason and (not vehicles or vehicles == [Vehicle.AUCUNE.value])
