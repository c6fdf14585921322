"""The slides of a club reception: what each one shows, computed once for the presentation page and
for the PowerPoint deck (core.exports.workbook), so that both tell exactly the same figures.

Counts of people are masked here ("< 5", docs/indicateurs.md), and so is whatever would give them back
(core.figures.privacy: "masqué" beside a "< 5", "—" for a share): neither the room nor a deck taken away is
the facilitator's view.
"""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import Engine, select

from core import formatting as fmt
from core.figures import exits
from core.figures.contracts import by_planned_hours, contract_list, largest
from core.figures.filters import Filters
from core.figures.indicators import BREAKDOWNS, DEFINITIONS, breakdown_with_plan, headline, last_month, yearly
from core.figures.privacy import HIDDEN, HIDDEN_NOTE, HIDDEN_SHARE, SHARE_NOTE, masked, protect, women_hidden
from core.figures.recruitment import DEFINITIONS as RECRUITMENT
from core.figures.recruitment import masked_recruitment, recruitment
from core.store.models import Buyer, Contract

CLUB = "Club de l'Achat Social et Solidaire"
DECK_TITLE = "Les clauses sociales du Club — bilan {period}"
ALL_BUYERS = "tous les acheteurs du Club"
DATA_AS_OF = "Données déclarées jusqu'à {month}"  # also the app's caption: ui.texts re-exports it
NO_DATA_YET = "Aucune heure déclarée"
GENERATED = "Édité le {date} par Passerelles"
FILTER_LABELS = {"period": "Période", "buyers": "Acheteurs", "buyer_types": "Types d'acheteur",
                 "sectors": "Secteurs", "vehicles": "Considérations sociales", "at": "Date de situation"}
TITLES = {
    "figures": "L'essentiel de {period}",
    "yearly": "Année après année",
    "acheteur": "Les heures par acheteur",
    "secteur": "Les heures par secteur",
    "public": "Les publics accompagnés",
    "sexe": "Femmes et hommes",
    "contracts": "Zoom sur quelques grands marchés",
    "members": "Les membres du Club",
    "exits": "Ce que sont devenues les personnes",
}
SUBTITLES = {
    "yearly": "Heures d'insertion prévues et réalisées par année, de {first} à {last}",
    "acheteur": "Heures prévues et réalisées en {period}",
    "secteur": "Heures prévues et réalisées en {period}",
    "public": "Heures réalisées en {period} ; une personne peut relever de plusieurs publics",
    "sexe": "Part des heures réalisées en {period} ; à droite, les personnes",
    "contracts": "Heures prévues et réalisées sur toute la durée du marché",
    "members": "{count} membres permanents",
    "exits": "Sorties de {period} par type, en fin de parcours et 6 mois après",
}
EXIT_LINES = {"rate_end": "Taux de sortie dynamique", "rate_six": "Taux de sortie dynamique à 6 mois",
              "end": "Sorties en fin de parcours", "six": "Sorties à 6 mois",
              "dynamic": "Sorties dynamiques"}
DYNAMIC_EXITS_ARE = "emploi durable, emploi de transition ou sortie positive"
PERSONS = "{count} pers."
DETAILS = {
    "heures_realisees": "sur {planned} prévues ({rate})",
    "etp": "équivalents temps plein",
    "marches": "en exécution sur la période",
    "entreprises": "ont déclaré des heures",
    "personnes_en_contrat": "au {date} · {people} participants sur la période",
    "emplois_disponibles": "contre {usual} habituellement",
}
SERIES = {"heures_prevues": "Heures prévues", "heures_realisees": "Heures réalisées"}
SLIDE_BREAKDOWNS = ("acheteur", "secteur", "public", "sexe")
FIGURE_KEYS = ("heures_realisees", "etp", "marches", "entreprises", "personnes_en_contrat", "emplois_disponibles")
ZOOM_COUNT = 3


@dataclass(frozen=True)
class Slide:
    kind: str  # title | figures | yearly | breakdown | exits | contracts | members
    title: str
    subtitle: str = ""
    name: str = ""  # the breakdown's name, for kind == "breakdown"
    table: pd.DataFrame | None = None  # what the chart shows, raw numbers (people counts masked)
    lines: tuple[tuple[str, str], ...] = ()  # label and text: tiles, side notes, names (masked, formatted)


@dataclass(frozen=True)
class Deck:
    title: str
    period: str
    filters: tuple[tuple[str, str], ...]  # label and value, as a reader reads them
    data_as_of: str
    generated: str
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    @property
    def footer(self) -> str:
        return " · ".join([*(f"{label} : {value}" for label, value in self.filters), self.data_as_of])


def filter_lines(f: Filters) -> tuple[tuple[str, str], ...]:
    """The filters as label/value pairs; the buyers always said, even when all are in."""
    lines = [(FILTER_LABELS["period"], f.period_label),
             (FILTER_LABELS["buyers"], ", ".join(f.buyers) if f.buyers else ALL_BUYERS)]
    for key in ("buyer_types", "sectors", "vehicles"):
        if getattr(f, key):
            lines.append((FILTER_LABELS[key], ", ".join(getattr(f, key))))
    if f.at:
        lines.append((FILTER_LABELS["at"], fmt.day(f.at)))
    return tuple(lines)


def data_as_of(engine: Engine) -> str:
    last = last_month(engine)
    return DATA_AS_OF.format(month=fmt.month(last)) if last else NO_DATA_YET


def figure_tiles(h: dict) -> tuple[tuple[str, str, str], ...]:
    """The headline figures as (label, value, detail) texts, people masked."""
    values = {
        "heures_realisees": fmt.hours(h["heures_realisees"]), "etp": fmt.etp(h["etp"]),
        "marches": fmt.number(h["marches"]), "entreprises": fmt.number(h["entreprises"]),
        "personnes_en_contrat": fmt.people(h["personnes_en_contrat"], masked=True),
        "emplois_disponibles": fmt.number(h["emplois_disponibles"]),
    }
    details = dict(DETAILS)
    details["heures_realisees"] = details["heures_realisees"].format(
        planned=fmt.hours(h["heures_prevues"]), rate=fmt.percent(h["taux_realisation"]))
    details["personnes_en_contrat"] = details["personnes_en_contrat"].format(
        date=fmt.day(h["date_situation"]), people=fmt.people(h["participants"], masked=True))
    details["emplois_disponibles"] = (details["emplois_disponibles"].format(usual=fmt.number(h["emplois_habituels"]))
                                      if h["emplois_habituels"] is not None else "")
    return tuple((DEFINITIONS[key][0], values[key], details[key]) for key in FIGURE_KEYS)


def large_contracts(engine: Engine, f: Filters, count: int | None = None,
                    references: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Contracts with a clause running in the period, the largest planned hours first: the `count` first, or
    those of `references`, or all."""
    if references is not None:
        return by_planned_hours(contract_list(engine, f, only=[Contract.reference.in_(references)]))  # type: ignore[attr-defined]
    return largest(engine, f, count) if count else by_planned_hours(contract_list(engine, f))


def members(engine: Engine) -> pd.DataFrame:
    """The club's permanent members, by name."""
    with engine.connect() as c:
        rows = c.execute(select(Buyer.name, Buyer.kind).where(Buyer.permanent_member, ~Buyer.archived)
                         .order_by(Buyer.name)).all()
    return pd.DataFrame(rows, columns=["acheteur", "type_acheteur"])


WOMEN_AMONG_PEOPLE = "Femmes parmi les participants"  # the ring beside it shares out hours, not people


def _persons(count: int | str) -> str:
    """"12 pers.", "< 5 pers."; a count hidden beside a small one reads "masqué"."""
    if count == HIDDEN:
        return HIDDEN
    return PERSONS.format(count=count if isinstance(count, str) else fmt.people(int(count), masked=True))


def _breakdown_slide(engine: Engine, f: Filters, name: str, period: str, h: dict) -> Slide:
    df = protect(breakdown_with_plan(engine, f, name))
    lines: tuple[tuple[str, str], ...] = ()
    if name in ("public", "sexe"):
        lines = tuple((str(row.valeur), _persons(row.participants)) for row in df.itertuples())
    hidden_share = name == "sexe" and women_hidden(h)
    if name == "sexe":
        lines = (*lines, (WOMEN_AMONG_PEOPLE, HIDDEN_SHARE if hidden_share else fmt.percent(h["part_femmes"])))
    if any(text == HIDDEN for _, text in lines):
        lines = (*lines, (f"« {HIDDEN} »", HIDDEN_NOTE))
    if hidden_share:
        lines = (*lines, (f"« {HIDDEN_SHARE} »", SHARE_NOTE))
    return Slide("breakdown", TITLES[name], SUBTITLES[name].format(period=period), name=name, table=df, lines=lines)


def _exits_slide(engine: Engine, f: Filters, period: str) -> Slide:
    """The period's exits by kind and moment, masked, and beside them the rates and the totals."""
    table = exits.exits_table(exits.exits_by_kind(engine, f), masked=True)

    def at(moment: str, row: str, column: str) -> object:
        return table.loc[(table["moment"] == moment) & (table["type_sortie"] == row), column].iloc[0]

    def shown(value: object, percent: bool = False) -> str:
        if isinstance(value, str):
            return value
        return fmt.percent(value) if percent else fmt.number(value)  # type: ignore[arg-type]

    lines = ((EXIT_LINES["rate_end"], shown(at(exits.END, exits.DYNAMIC_ROW, "part_sorties"), True)),
             (EXIT_LINES["rate_six"], shown(at(exits.SIX_MONTHS, exits.DYNAMIC_ROW, "part_sorties"), True)),
             (EXIT_LINES["end"], shown(at(exits.END, exits.ALL_ROW, "sorties"))),
             (EXIT_LINES["six"], shown(at(exits.SIX_MONTHS, exits.ALL_ROW, "sorties"))),
             (EXIT_LINES["dynamic"], DYNAMIC_EXITS_ARE))
    if (table["sorties"] == HIDDEN).any():
        lines = (*lines, (f"« {HIDDEN} »", HIDDEN_NOTE))
    return Slide("exits", TITLES["exits"], SUBTITLES["exits"].format(period=period), name="exits", table=table,
                 lines=lines)


def _contracts_slide(engine: Engine, f: Filters, references: tuple[str, ...] | None) -> Slide:
    if references is None:
        chosen = large_contracts(engine, f, ZOOM_COUNT)
    else:
        chosen = large_contracts(engine, f, references=references)
        chosen = chosen.set_index("reference").loc[[r for r in references if r in set(chosen["reference"])]]
        chosen = chosen.reset_index()
    lines = tuple((f"{row.reference} — {row.objet}",
                   f"{row.acheteur} · {row.titulaire or fmt.MISSING} · {fmt.hours(row.heures_realisees)} / "
                   f"{fmt.hours(row.heures_prevues)} · {_persons(row.participants)}")
                  for row in chosen.itertuples())
    chosen = chosen.assign(participants=[masked(int(v)) for v in chosen["participants"]])
    return Slide("contracts", TITLES["contracts"], SUBTITLES["contracts"], table=chosen, lines=lines)


# --- the club's recruitment (core.figures.recruitment) ------------------------------------------------

RECRUITMENT_TITLE = "Les recrutements du Club"
RECRUITMENT_DETAILS = {
    "postes_ouverts": "au {date} · {jobs} emplois disponibles sur le territoire",
    "postes_pourvus": "embauches en {period}",
    "delai_median_jours": "de la demande de l'entreprise à l'embauche",
    "taux_pourvoi": "des postes des besoins clos",
    "candidatures_par_poste": "candidatures proposées par poste offert",
}
DAYS = "{days} jours"


def recruitment_tiles(r: dict, jobs: int | None, period: str) -> tuple[tuple[str, str, str], ...]:
    """The recruitment figures as (label, value, detail) texts, the hires under 5 masked."""
    shown = masked_recruitment(r)
    days = shown["delai_median_jours"]
    values = {"postes_ouverts": fmt.number(shown["postes_ouverts"]),
              "postes_pourvus": shown["postes_pourvus"] if isinstance(shown["postes_pourvus"], str)
              else fmt.number(shown["postes_pourvus"]),
              "delai_median_jours": days if isinstance(days, str) else fmt.MISSING if days is None
              else DAYS.format(days=fmt.number(days)),
              "taux_pourvoi": fmt.percent(shown["taux_pourvoi"]),
              "candidatures_par_poste": fmt.number(shown["candidatures_par_poste"], 1)}
    details = {key: text.format(date=fmt.day(r["date_situation"]), jobs=fmt.number(jobs), period=period)
               for key, text in RECRUITMENT_DETAILS.items()}
    return tuple((RECRUITMENT[key][0], values[key], details[key]) for key in RECRUITMENT_DETAILS)


def _recruitment_slides(engine: Engine, f: Filters, period: str, jobs: int | None) -> list[Slide]:
    """One slide of key figures when the club keeps recruitment needs in the scope, else none."""
    r = recruitment(engine, f)
    if not r["postes_ouverts"] and not r["postes_pourvus"] and r["candidatures_par_poste"] is None:
        return []
    return [Slide("figures", RECRUITMENT_TITLE, lines=recruitment_tiles(r, jobs, period))]


def build_deck(engine: Engine, f: Filters, contracts: tuple[str, ...] | None = None,
               today: date | None = None, *, figures: Engine | None = None) -> Deck:
    """Every slide for the filters; `contracts` are the references zoomed on (default: the largest).

    The figures are read from `figures` when given, the store's DuckDB replica (core.figures.engine): the store's
    own figures (core.figures.hours_done `hours_sum`), faster at 1 M entries."""
    period = f.period_label
    read = figures or engine
    h = headline(read, f)
    years = yearly(read, f)
    years["participants"] = [masked(int(v)) for v in years["participants"]]
    club = members(engine)
    slides = [
        Slide("title", DECK_TITLE.format(period=period), CLUB, lines=filter_lines(f)),
        Slide("figures", TITLES["figures"].format(period=period), lines=figure_tiles(h)),
        Slide("yearly", TITLES["yearly"], SUBTITLES["yearly"].format(
            first=int(years["annee"].min()) if len(years) else f.year_to, last=f.year_to), table=years),
        *(_breakdown_slide(read, f, name, period, h) for name in SLIDE_BREAKDOWNS),
        _exits_slide(read, f, period),
        _contracts_slide(read, f, contracts),
        *_recruitment_slides(read, f, period, h["emplois_disponibles"]),
        Slide("members", TITLES["members"], SUBTITLES["members"].format(count=len(club)), table=club,
              lines=tuple((str(row.acheteur), str(row.type_acheteur)) for row in club.itertuples())),
    ]
    return Deck(title=DECK_TITLE.format(period=period), period=period, filters=filter_lines(f),
                data_as_of=data_as_of(engine), generated=GENERATED.format(date=fmt.day(today or date.today())),
                slides=tuple(slides))


__all__ = ["BREAKDOWNS", "SERIES", "Deck", "Slide", "build_deck", "filter_lines", "large_contracts", "members"]
