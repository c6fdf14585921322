"""Commande publique du territoire (DECP open data) and the facilitator's DECP upload, under AppTest.
The figures expected are worked by hand from the fixture files (tests/core/fixtures/decp) and the definitions
of docs/indicateurs.md, not read from decp_stats."""


import pytest

from core import formatting as fmt
from core.accounts.auth import CLI_ACTOR, Actor
from core.decp.published import decp_scope, import_decp
from core.store.models import Role
from tests.utils.decp import fixture

PAGE = "pages/public_procurement.py"


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture
def decp_store(store):
    for name in ("2022-nested.json", "2019.json", "consolidated.csv", "national.csv"):
        import_decp(store, actor=CLI_ACTOR, data=fixture(name), filename=name)
    return store


def test_an_empty_store_tells_an_official_what_the_page_is_for(store, app):
    at = app(store, PAGE)
    assert not at.exception
    assert any(t.value == "Commande publique du territoire" for t in at.title)
    message = next(i.value for i in at.info if "Aucun marché publié" in i.value)
    assert "considération sociale" in message and "facilitateur" in message
    shown = " ".join([message, *(m.value for m in at.markdown)])
    assert "import-decp" not in shown and "python" not in shown  # the facilitator's command line is not the élu's
    assert not at.metric and not at.get("plotly_chart")


@pytest.mark.parametrize("role", [Role.FACILITATEUR, Role.ADMIN])
def test_an_empty_store_explains_to_the_facilitator_how_to_load_the_files(store, app, role):
    at = app(store, PAGE, actor=Actor("marie", role))
    assert not at.exception
    how = " ".join(m.value for m in at.markdown)
    assert "Imports" in how and "data.gouv.fr" in how and "import-decp" in how


def test_the_demo_sample_shows_the_page_working_and_says_it_is_a_demonstration(demo_store, app):
    at = app(demo_store, PAGE)
    assert not at.exception
    assert at.selectbox(key="decp_departement").value == "17" and len(at.selectbox(key="decp_year").options) >= 5
    assert metric(at, "Marchés publiés") != "0" and at.get("plotly_chart")
    assert any("Données de démonstration" in w.value for w in at.warning)
    assert all(h.value.endswith("données de démonstration") for h in at.subheader)
    captions = " ".join(c.value for c in at.caption)
    assert "échantillon de démonstration" in captions and "Dernier import" not in captions


def test_published_files_carry_no_demonstration_mark(decp_store, app):
    assert decp_scope(decp_store)["demonstration"] == 0
    at = app(decp_store, PAGE)
    assert not at.warning and not any("démonstration" in h.value for h in at.subheader)
    assert any("Dernier import" in c.value for c in at.caption)


def test_the_figures_of_the_departement_and_year_as_worked_by_hand(decp_store, app):
    at = app(decp_store, PAGE)
    assert not at.exception
    assert at.selectbox(key="decp_departement").value == "17"  # Charente-Maritime, present in the data
    assert at.selectbox(key="decp_year").options == ["2024", "2021", "2019"]  # years with contracts in 17
    # 2024 in 17: 2024-001, 2024-002, 2024-009, C1, C4, N1, N2, each with a social consideration; the total
    # 250 000 + 80 000 + 200 000 + 40 000 + 100 000 € (2024-009's 15 billion left out, N2 publishes none).
    # 2021 in 17: C3 alone, its 12 billion left out, its file saying nothing of considerations.
    by_hand = {2024: ("7", "670\u202f000\u00a0€", "100,0 %"), 2021: ("1", "0\u00a0€", fmt.MISSING)}
    for year, (contracts, amount, share) in by_hand.items():
        at.selectbox(key="decp_year").select(year).run()
        assert not at.exception
        assert metric(at, "Marchés publiés") == contracts
        assert metric(at, "Montant total") == amount
        assert metric(at, "Avec une considération sociale") == share
        assert metric(at, "Objectif national") == "30 %"
        assert at.query_params["annee"] in (str(year), [str(year)])
    assert len(at.get("plotly_chart")) == 2  # by consideration, and the share per year
    reading = next(e for e in at.expander if e.label == "Comment lire ces chiffres")
    assert "Non renseigné" in reading.markdown[0].value
    assert any("Licence Ouverte / Etalab 2.0" in c.value for c in at.caption)


def test_a_year_whose_files_do_not_say_has_no_share(decp_store, app):
    at = app(decp_store, PAGE)
    at.selectbox(key="decp_year").select(2019).run()
    # 2019 in 17: 2019-12 and 2019-7, in the 2019 format, which has no field for social considerations
    assert metric(at, "Avec une considération sociale") == fmt.MISSING
    assert any("Non calculable" in c.value for c in at.caption)


def test_every_departement_at_once(decp_store, app):
    at = app(decp_store, PAGE)
    at.selectbox(key="decp_departement").select("tous").run()
    at.selectbox(key="decp_year").select(2024).run()
    assert metric(at, "Marchés publiés") == "9"  # 2024: the 7 of 17, C2 in 01, N4 in 79


@pytest.fixture
def facilitator_imports(app, store):
    at = app(store, "pages/imports.py", actor=Actor("marie", Role.FACILITATEUR))
    at.selectbox(key="import_kind").select("decp").run()
    assert not at.exception, at.exception
    return at


def test_the_upload_keeps_its_limit_and_points_bigger_files_to_the_command(facilitator_imports):
    intro = " ".join(m.value for m in facilitator_imports.markdown)
    assert "50 Mo au plus" in intro and "python -m core import-decp FICHIER" in intro and "en flux" in intro


def test_upload_preview_then_confirm(facilitator_imports, store, app):
    at = facilitator_imports
    at.selectbox(key="decp_import_departement").select("17").run()
    at.file_uploader(key="decp_import_file").upload(
        "2022-nested.json", fixture("2022-nested.json"), "application/json")
    at.run()
    assert not at.exception
    assert any("5 éléments lus : 3 marchés retenus, dont 3 à créer, 0 à mettre à jour et 0 sans changement" in s.value
               for s in at.success)
    assert any("1 marché écarté hors du département choisi" in c.value for c in at.caption)
    assert any("3 avertissements" in w.value for w in at.warning)
    warnings = at.dataframe[0].value
    assert list(warnings.columns) == ["Avertissement", "Nombre"] and len(warnings) == 3
    assert decp_scope(store)["marches"] == 0  # a preview writes nothing

    next(b for b in at.button if b.label == "Confirmer l'import des marchés publiés").click().run()
    assert not at.exception
    assert any("Import terminé : 3 marchés créés, 0 marché mis à jour, 0 sans changement" in s.value
               for s in at.success)
    assert decp_scope(store)["departements"] == {"17": 3}
    at.run()  # the same file again: nothing left to write
    assert any("Rien à écrire" in i.value for i in at.info)

    page = app(store, PAGE)  # the officials' page now shows it
    assert page.selectbox(key="decp_year").options == ["2024"]  # 2024-001, 2024-002, 2024-009
    assert metric(page, "Marchés publiés") == "3"


def test_an_unreadable_file_is_refused_in_french(facilitator_imports, store):
    at = facilitator_imports
    at.file_uploader(key="decp_import_file").upload("faux.json", b'{"pas": "des marches"}', "application/json")
    at.run()
    assert not at.exception
    assert any("n'est pas un fichier DECP" in e.value for e in at.error)
    assert not [b for b in at.button if b.label.startswith("Confirmer")]
    assert decp_scope(store)["marches"] == 0


def test_a_reader_has_no_import_page(app, store):
    at = app(store, actor=Actor("lea", Role.LECTEUR))
    try:
        at.switch_page("pages/imports.py").run()
        opened = any(t.value == "Importer un fichier" for t in at.title)
    except (KeyError, ValueError):
        opened = False
    assert not opened
