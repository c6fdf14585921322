"""The demo companies are named after the work they do: a contract's holder has a name of its sector's trade."""

import re
from collections import defaultdict

from sqlalchemy import select
from sqlmodel import Session

from core.store.enums import CompanyKind, Sector
from core.store.models import Company, Contract

# Written by hand, apart from core.demo.trades: the words a company of each sector may be called by.
TRADE_WORDS = {
    Sector.GROS_OEUVRE: "Bâtiment Construction Gros Œuvre Bâti",
    Sector.SECOND_OEUVRE: "Menuiserie Électricité Plomberie Isolation Rénovation Bâti",
    Sector.PEINTURE: "Peinture Revêtements Décoration",
    Sector.MACONNERIE: "Maçonnerie Ravalement Pierre Taille Bâti",
    Sector.CHARPENTE_METALLIQUE: "Métallerie Charpente Métallique Serrurerie",
    Sector.VOIRIE_RESEAUX: "Travaux Publics Terrassement Voirie Réseaux",
    Sector.ESPACES_VERTS: "Paysage Jardins Espaces Verts",
    Sector.NETTOYAGE: "Propreté Nettoyage Hygiène",
    Sector.DECHETS: "Environnement Recyclage Collecte Tri Recyclerie",
    Sector.RESTAURATION: "Restauration Collective Traiteur Cuisine Centrale",
    Sector.PRESTATIONS_INTELLECTUELLES: "Ingénierie Conseil Études",
    Sector.AUTRE: "Maintenance Industrielle Logistique Services Industriels Atelier",
}
# Words of no trade: places, legal forms, the insertion structures' own words, small words.
PLAIN_WORDS = {"Atlantique", "Aunis", "Océan", "Rochelais", "Charentais", "Littoral", "Ré", "Minimes", "Pertuis",
               "Saintonge", "Chef", "Baie", "Mireuil", "Laleu", "Tasdon", "Rochelle", "Mer", "Marais", "Chantier",
               "SAS", "SARL", "SA", "EURL", "Insertion", "Solidaire", "Avenir", "Adapté", "Adaptées", "17", "de",
               "du", "des", "d", "l", "la", "La", "Les", "le", "et"}


def words(name: str) -> set[str]:
    return set(re.findall(r"\w+", name))


def holders_and_sectors(engine) -> dict[tuple[str, str], set[Sector]]:  # noqa: ANN001
    with Session(engine) as session:
        rows = session.execute(select(Company.name, Company.kind, Contract.sector)
                               .join(Contract, Contract.holder_id == Company.id)).all()
    held: dict[tuple[str, str], set[Sector]] = defaultdict(set)
    for name, kind, sector in rows:
        held[name, kind].add(Sector(sector))
    return held


def test_every_holder_is_named_after_the_trade_of_its_contracts(demo_store):
    held = holders_and_sectors(demo_store)
    assert len(held) > 300
    wrong = [(name, sorted(s.value for s in sectors)) for (name, _), sectors in held.items()
             if any(words(name) - PLAIN_WORDS - set(TRADE_WORDS[s].split()) for s in sectors)]
    assert not wrong, wrong[:10]


def test_a_classic_company_works_in_one_trade_and_says_which(demo_store):
    held = holders_and_sectors(demo_store)
    for (name, kind), sectors in held.items():
        if kind == CompanyKind.CLASSIQUE.value:
            assert len(sectors) == 1, (name, sectors)
            assert words(name) & set(TRADE_WORDS[next(iter(sectors))].split()), name  # a trade word, not only a place
    with Session(demo_store) as session:
        names = session.execute(select(Company.name)).scalars().all()
    assert len(names) == len(set(names)) and not any(re.search(r"\d$", n) and "17" not in n for n in names)


def test_a_benchmark_scale_outgrows_a_trades_names_without_failing():
    """At scale 73 (1 M hours entries) a trade has more companies than its words make names: numbered then."""
    from core.demo import catalog as cat
    from core.demo import trades as tr

    seen: set[str] = set()
    names = [tr.company_name(Sector.NETTOYAGE, 0, cat.COMPANY_WORDS[0], cat.LEGAL[0], seen) for _ in range(400)]
    assert len(set(names)) == 400
    assert names[-1].endswith(" 233") and names[-1].startswith(tr.TRADE_NAMES[Sector.NETTOYAGE][0])


def test_resumed_searches_find_the_names_of_searches_from_the_start():
    """tr.company_name's `resume` (where a search stopped) gives the very names a search from the start gives, keys
    mixed and beyond the trade's names (numbered), as at scale 73."""
    import random

    from core.demo import catalog as cat
    from core.demo import trades as tr

    rng = random.Random(3)
    draws = [(rng.choice([Sector.NETTOYAGE, Sector.PEINTURE]), rng.randrange(3), rng.choice(cat.COMPANY_WORDS[:3]),
              rng.choice(cat.LEGAL[:2])) for _ in range(1500)]
    plain: set[str] = set()
    resumed: set[str] = set()
    resume: dict = {}
    expected = [tr.company_name(*d, plain) for d in draws]
    assert [tr.company_name(*d, resumed, resume) for d in draws] == expected
    assert any(n[-1].isdigit() for n in expected) and len(set(expected)) == 1500
