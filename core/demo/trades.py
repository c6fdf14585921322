"""The demo companies' trades: each classic company works in one sector and is named after it, and a
contract goes to a company of its sector ("Plomberie Ré SA" no longer does "Propreté urbaine").

The demo's random stream is drawn exactly as before (same calls, same order): a draw that used to pick a
name word or a holder among all companies now picks among those of the right trade, so that every other
figure of the demo (hours, people, contracts) stays as published.
"""

import random
from collections import defaultdict
from collections.abc import Iterator
from itertools import count, product

from core.demo import catalog as cat
from core.store.enums import CompanyKind, Sector

LEGACY_TRADE_DRAWS = 16  # the draw the first names were made with (16 trade words): kept for the random stream

# What a classic company of each sector is called: its trade's words.
TRADE_NAMES: dict[Sector, list[str]] = {
    Sector.GROS_OEUVRE: ["Bâtiment", "Construction", "Gros Œuvre"],
    Sector.SECOND_OEUVRE: ["Menuiserie", "Électricité", "Plomberie", "Isolation", "Rénovation"],
    Sector.PEINTURE: ["Peinture", "Revêtements", "Décoration"],
    Sector.MACONNERIE: ["Maçonnerie", "Ravalement", "Pierre de Taille"],
    Sector.CHARPENTE_METALLIQUE: ["Métallerie", "Charpente Métallique", "Serrurerie"],
    Sector.VOIRIE_RESEAUX: ["Travaux Publics", "Terrassement", "Voirie et Réseaux"],
    Sector.ESPACES_VERTS: ["Paysage", "Jardins", "Espaces Verts"],
    Sector.NETTOYAGE: ["Propreté", "Nettoyage", "Hygiène"],
    Sector.DECHETS: ["Environnement", "Recyclage", "Collecte"],
    Sector.RESTAURATION: ["Restauration Collective", "Traiteur", "Cuisine Centrale"],
    Sector.PRESTATIONS_INTELLECTUELLES: ["Ingénierie", "Conseil", "Études"],
    Sector.AUTRE: ["Maintenance Industrielle", "Logistique", "Services Industriels"],
}

# The insertion structures a reserved (or insertion) contract of each sector goes to. Those not in
# catalog.STRUCTURES are added after them, for these contracts only.
RESERVED_HOLDERS: dict[Sector, list[str]] = {
    Sector.GROS_OEUVRE: ["Bâti Insertion Atlantique"], Sector.SECOND_OEUVRE: ["Bâti Insertion Atlantique"],
    Sector.MACONNERIE: ["Bâti Insertion Atlantique"], Sector.PEINTURE: ["Peinture et Avenir"],
    Sector.CHARPENTE_METALLIQUE: ["Métallerie Insertion Atlantique"],
    Sector.VOIRIE_RESEAUX: ["Chantier Voirie Solidaire de l'Aunis"],
    Sector.ESPACES_VERTS: ["Les Jardins de l'Aunis", "Chantier Mer et Marais"],
    Sector.NETTOYAGE: ["Propreté Solidaire 17"], Sector.DECHETS: ["Tri Océan Insertion", "Recyclerie de La Rochelle"],
    Sector.RESTAURATION: ["Traiteur Solidaire Rochelais"],
    Sector.PRESTATIONS_INTELLECTUELLES: ["Études Adaptées Atlantique"], Sector.AUTRE: ["Atelier Adapté Océan"],
}
EXTRA_STRUCTURES = [("Métallerie Insertion Atlantique", CompanyKind.EI),
                    ("Chantier Voirie Solidaire de l'Aunis", CompanyKind.ACI),
                    ("Traiteur Solidaire Rochelais", CompanyKind.EI), ("Études Adaptées Atlantique", CompanyKind.EA)]


def extra_structures(companies: list[dict], rng: random.Random) -> list[dict]:
    """The rows of EXTRA_STRUCTURES, after `companies`, with SIRETs of their own."""
    sirets, rows = {c["siret"] for c in companies}, []
    for name, kind in EXTRA_STRUCTURES:
        siret = ""
        while not siret or siret in sirets:
            siret = cat.siret_with_checksum("".join(rng.choice("0123456789") for _ in range(13)))
        sirets.add(siret)
        rows.append({"id": len(companies) + len(rows) + 1, "siret": siret, "name": name, "kind": kind.value,
                     "commune": "La Rochelle"})
    return rows


def reserved_holders(companies: list[dict]) -> dict[Sector, list[int]]:
    """The ids of RESERVED_HOLDERS, by sector."""
    ids = {c["name"]: c["id"] for c in companies if c["kind"] != CompanyKind.CLASSIQUE.value}
    return {sector: [ids[name] for name in names] for sector, names in RESERVED_HOLDERS.items()}


def sector_shares() -> dict[Sector, float]:
    """The expected share of the contracts in each sector: buyers by weight, then their trades alike."""
    total = sum(weight for *_, weight in cat.BUYERS)
    shares: dict[Sector, float] = defaultdict(float)
    for _, _, _, code, weight in cat.BUYERS:
        for sector in cat.BUYER_SECTORS[code]:
            shares[sector] += weight / total / len(cat.BUYER_SECTORS[code])
    return dict(shares)


def trades_of(count: int) -> list[Sector]:
    """The sector of each of `count` classic companies, in proportion to the contracts (at least one each),
    interleaved so that any first companies cover the trades."""
    shares = sector_shares()
    seats = {s: max(1, int(count * share)) for s, share in shares.items()}
    for sector in sorted(shares, key=lambda s: count * shares[s] - int(count * shares[s]), reverse=True):
        if sum(seats.values()) >= count:
            break
        seats[sector] += 1
    order: list[Sector] = []
    while len(order) < count:
        for sector in sorted(seats, key=lambda s: (-seats[s], s.value)):
            if seats[sector] and len(order) < count:
                order.append(sector)
                seats[sector] -= 1
    return order


def company_name(sector: Sector, trade_draw: int, word: str, legal: str, seen: set[str],
                 resume: dict[tuple[str, str, str], list] | None = None) -> str:
    """A name from its trade's words; another place word or legal form when it is taken.

    `resume` (one dict for one `seen`): where the last search of the same first name, word and legal form stopped.
    `seen` only grows, so every name before that place is still taken: the search goes on from there, the very
    name a search from the start would find, without going again over hundreds of taken names per company (the
    square of the companies at benchmark scales)."""
    trades = TRADE_NAMES[sector]
    first = trades[trade_draw % len(trades)]
    key = (first, word, legal)
    state = resume.get(key) if resume is not None else None
    if state is None:
        state = [list(_alternatives(first, trades, word, legal)), 0, 2]  # the names, the place, the number
        if resume is not None:
            resume[key] = state
    names = state[0]
    while state[1] < len(names):
        trade, place, form = names[state[1]]
        name = f"{trade} {place} {form}"
        if name not in seen:
            seen.add(name)
            return name
        state[1] += 1
    # Only at benchmark scales (a few hundred companies of one trade): the first name, numbered.
    for number in count(state[2]):
        name = f"{first} {word} {legal} {number}"
        if name not in seen:
            seen.add(name)
            state[2] = number
            return name
    raise AssertionError("unreachable")


def _alternatives(first: str, trades: list[str], word: str, legal: str) -> Iterator[tuple[str, str, str]]:
    yield first, word, legal
    words = cat.COMPANY_WORDS[cat.COMPANY_WORDS.index(word):] + cat.COMPANY_WORDS[:cat.COMPANY_WORDS.index(word)]
    yield from product([first, *[t for t in trades if t != first]], words, cat.LEGAL)


def mapped(drawn: int, among: list[int], pool: list[int], rank: dict[int, int] | None = None) -> int:
    """The company of `pool` at the place `drawn` has among `among` (`rank`: those places, when known): a uniform
    draw stays uniform."""
    place = rank[drawn] if rank is not None else among.index(drawn)
    return pool[place * len(pool) // len(among)]
