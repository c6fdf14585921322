"""The one French table formatter, as the contracts list, the entry list and the follow-up use it."""

from datetime import date

import pandas as pd
import pytest

from core import formatting as fmt
from ui import texts
from ui.components import french_table
from ui.followup import RATES, _table

NBSP = "\u00a0"


def test_contracts_list_keeps_its_headers_and_french_values():
    frame = pd.DataFrame({"reference": ["K1"], "date_debut": [date(2026, 11, 25)], "heures_prevues": [3600.0],
                          "heures_realisees": [1234.0], "taux_realisation": [0.8023]})
    out = french_table(frame)
    assert list(out.columns) == ["Référence", "Début", "Heures prévues", "Heures réalisées", "Réalisation"]
    assert out.iloc[0].tolist() == ["K1", "25/11/2026", f"3\u202f600{NBSP}h", f"1\u202f234{NBSP}h", fmt.percent(0.8023)]


def test_followup_rates_stay_numbers_for_the_bars_and_the_rest_reads_french():
    frame = pd.DataFrame({
        "reference": ["F1", "F2"], "objet": ["A", "B"], "en_cours": [True, False], "mois_total": [12, None],
        "dernier_mois_declare": [date(2026, 10, 1), None], "projection": [1200.0, None],
        "taux_projete": [0.5, None], "taux_realisation": [0.25, 1.1], "montant_ht": [526_500.0, None],
        "date_fin": [date(2026, 12, 31), None]})
    out = french_table(frame, texts.FOLLOWUP_COLUMNS, bars=RATES)
    first, second = out.iloc[0], out.iloc[1]
    assert (first["En cours"], second["En cours"]) == ("Oui", "Non")
    assert (first["Mois du marché"], second["Mois du marché"]) == ("12", fmt.MISSING)
    assert (first["Dernier mois déclaré"], second["Dernier mois déclaré"]) == ("octobre 2026", fmt.MISSING)
    assert (first["Projection"], second["Projection"]) == (f"1\u202f200{NBSP}h", fmt.MISSING)
    assert [first["Projection / prévu"], first["Réalisation"], second["Réalisation"]] == pytest.approx([50, 25, 110])
    assert (first["Montant HT"], second["Montant HT"]) == ("526\u202f500 €", fmt.MISSING)
    assert (first["Fin"], second["Fin"]) == ("31/12/2026", fmt.MISSING)


def test_followup_puts_the_figures_first():
    frame = pd.DataFrame({"acheteur": ["Ville"], "heures_prevues": [10.0], "reference": ["F1"], "objet": ["A"]})
    assert list(_table(frame).columns) == ["Référence", "Objet", "Heures prévues", "Acheteur"]
