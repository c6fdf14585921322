"""The command line: `python -m core --help` (docs/configuration.md)."""

import argparse
import errno
import getpass
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from core import formatting as fmt
from core.accounts.auth import AuthError
from core.demo.build import load_demo
from core.figures import exits
from core.figures.filters import Filters
from core.figures.indicators import headline
from core.store.engine import REFUSED, StoreError, check_writable, open_store

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}
REASONS = {errno.ENOENT: "fichier ou dossier introuvable", errno.EACCES: "accès refusé", errno.EPERM: "accès refusé",
           errno.EISDIR: "c'est un dossier", errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
           errno.ENOSPC: "disque plein", errno.EROFS: "disque en lecture seule"}


def reason(exc: OSError) -> str:
    """Why a file could not be read or written, in French (the system's own words are English)."""
    return REASONS.get(exc.errno or 0, "erreur du système de fichiers")


def command(name: str) -> Callable:
    def register(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = fn
        return fn
    return register


@command("init")
def init(args: argparse.Namespace) -> int:
    check_writable(open_store())  # ready means ready to take the facilitator's writes too
    print("Base prête (schéma à jour).")
    return 0


@command("demo")
def demo(args: argparse.Namespace) -> int:
    counts = load_demo(open_store(), scale=args.scale)
    print("Données de démonstration chargées : " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def recruitment_figures(f: Filters) -> dict:
    """The club's recruitment (core.figures.recruitment): the facilitator's command line, nothing masked."""
    from core.figures.recruitment import recruitment

    r = recruitment(open_store(), f)
    return {k: r[k] for k in ("postes_ouverts", "postes_pourvus", "delai_median_jours")}


@command("indicators")
def indicators(args: argparse.Namespace) -> int:
    year = args.year or date.today().year - 1
    f = Filters(year, year, buyers=tuple(args.buyer or ()),
                at=date.fromisoformat(args.date) if args.date else None)
    engine = open_store()
    figures = headline(engine, f)
    keys = ("heures_realisees", "heures_prevues", "etp", "marches", "entreprises", "participants",
            "personnes_en_contrat", "emplois_disponibles")
    result = {"annee": year, **{k: figures[k] for k in keys}, **exits.summary(exits.exits_by_kind(engine, f)),
              **recruitment_figures(f),
              "date_situation": figures["date_situation"]}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


@command("export")
def export(args: argparse.Namespace) -> int:
    from core.exports import workbook
    from core.figures.contracts import contract_list

    engine = open_store()
    year = args.year or date.today().year - 1
    f = Filters(year, year, buyers=tuple(args.buyer or ()))
    if args.format == "pptx":
        content = workbook.build_pptx(engine, f)
    elif args.format == "xlsx":
        content = workbook.build_xlsx(engine, f)
    elif args.table == "chiffres":
        content = workbook.table_csv(workbook.headline_table(headline(engine, f)))
    else:
        content = workbook.table_csv(contract_list(engine, f))
    try:
        with open(args.output, "wb") as out:
            out.write(content)
    except OSError as exc:
        print(f"Erreur : impossible d'écrire {args.output} ({reason(exc)}).", file=sys.stderr)
        return 2
    print(f"Export écrit : {args.output}")
    return 0


@command("import")
def import_file(args: argparse.Namespace) -> int:
    from core.accounts.auth import CLI_ACTOR
    from core.exchange.imports import run_import

    try:
        with open(args.file, "rb") as source:
            data = source.read()
    except OSError as exc:
        print(f"Erreur : impossible de lire {args.file} ({reason(exc)}).", file=sys.stderr)
        return 2
    report = run_import(open_store(), actor=CLI_ACTOR, kind=args.kind, data=data, filename=args.file,
                        department=args.departement)
    for note in report.notes:
        print(note)
    for message in report.error_messages():
        print(message, file=sys.stderr)
    print(report.summary(), file=sys.stderr if report.errors else sys.stdout)
    return 1 if report.errors else 0


@command("user")
def user(args: argparse.Namespace) -> int:
    from core.accounts.auth import CLI_ACTOR, add_user

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mot de passe : ")
        if getpass.getpass("Confirmez le mot de passe : ") != password:
            raise ValueError("Les deux mots de passe diffèrent.")
    add_user(open_store(), actor=CLI_ACTOR, username=args.name, password=password, role=args.role)
    print(f"Compte « {args.name} » créé avec le rôle {args.role}.")
    return 0


@command("backup")
def backup(args: argparse.Namespace) -> int:
    from core.store.engine import backup as backup_store

    backup_store(open_store(), Path(args.file))
    print(f"Copie cohérente de la base écrite dans {args.file}.")
    return 0


@command("copy-store")
def copy_store(args: argparse.Namespace) -> int:
    from core.figures.comparison import headline_differences, years
    from core.store.copy import copy_store as copy

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    counts = copy(args.source, args.target, replace=args.replace, progress=progress, verify=headline_differences)
    span = years(open_store(args.target))
    period = f"de {span[0]} à {span[-1]}" if span else "(aucune année)"
    print(f"Copie vérifiée : {fmt.counted(sum(counts.values()), 'ligne', 'lignes')} dans "
          f"{fmt.counted(len(counts), 'table', 'tables')}, mêmes nombres de lignes et mêmes chiffres clés "
          f"pour chaque année {period}.")
    return 0


@command("relevance")
def relevance(args: argparse.Namespace) -> int:
    from core.clauses.purchase_plan import RESULT_COLUMNS, assess_plan, write_plan
    from core.clauses.relevance import SizingParameters
    from core.conventions import get_parameters

    if not args.output.lower().endswith((".xlsx", ".csv")):
        raise ValueError(f"{args.output} : le fichier de sortie doit être en .xlsx ou .csv.")
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"Erreur : impossible de lire {args.file} ({reason(exc)}).", file=sys.stderr)
        return 2
    params = SizingParameters.from_mapping(get_parameters(open_store()))  # the club's conventions, as in the app
    frame = assess_plan(data, Path(args.file).name, params)
    Path(args.output).write_bytes(write_plan(frame, args.output))
    errors = [e for e in frame[RESULT_COLUMNS[-1]] if e]
    verdicts = frame[RESULT_COLUMNS[0]].value_counts()
    assessed = fmt.counted(len(frame) - len(errors), "achat évalué", "achats évalués")
    print(f"{assessed} ({', '.join(f'{k} : {v}' for k, v in verdicts.items() if k)}), "
          f"{fmt.counted(len(errors), 'ligne', 'lignes')} en erreur ; résultat écrit dans {args.output}.")
    for error in errors:
        print(f"  {error}", file=sys.stderr)
    return 0


@command("import-decp")
def import_decp(args: argparse.Namespace) -> int:
    from core.accounts.auth import CLI_ACTOR
    from core.decp.file_import import import_decp_file

    path = Path(args.file)
    try:
        with path.open("rb"):  # read as a stream afterwards, never whole: any size
            pass
    except OSError as exc:
        print(f"Erreur : impossible de lire {args.file} ({reason(exc)}).", file=sys.stderr)
        return 2
    report = import_decp_file(open_store(), actor=CLI_ACTOR, path=path, departement=args.departement,
                              buyers=args.acheteur or ())
    for line in report.notes + report.warning_lines():
        print(line)
    print(report.summary())
    return 0


@command("decp-stats")
def decp_stats(args: argparse.Namespace) -> int:
    from core.decp.published import decp_stats as stats
    from core.decp.published import stats_text

    result = stats(open_store(), year=args.year, departement=args.departement)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else stats_text(result))
    return 0


@command("prospection")
def prospection(args: argparse.Namespace) -> int:
    from core.prospecting.listing import prospects

    found = prospects(open_store(), departement=args.departement, year=args.year)
    if args.json:
        print(json.dumps([p.as_json() for p in found.prospects], ensure_ascii=False, indent=2))
        return 0
    print(f"{fmt.counted(len(found.prospects), 'marché à prospecter', 'marchés à prospecter')} sur "
          f"{fmt.counted(found.examined, 'marché publié sans considération sociale', 'marchés publiés sans considération sociale')}.")  # noqa: E501
    for p in found.prospects:
        local = "" if p.local_structures is None else " — " + fmt.counted(
            p.local_structures, "structure locale", "structures locales")
        print(f"  {fmt.hours(round(p.hours))} — {p.buyer} — {p.subject} ({p.verdict.value}){local}")
    return 0


@command("rapprochement")
def rapprochement(args: argparse.Namespace) -> int:
    from core.decp.reconciliation import reconcile, summary

    result = reconcile(open_store(), departement=args.departement)
    print(json.dumps(result.as_json(), ensure_ascii=False, indent=2) if args.json else "\n".join(summary(result)))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m core", description="Passerelles en ligne de commande.")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="créer ou mettre à jour la base (migrations)")
    d = sub.add_parser("demo", help="remplir une base vide avec les données de démonstration")
    d.add_argument("--scale", type=float, default=1.0, help="facteur d'échelle (bancs d'essai)")
    i = sub.add_parser("indicators", help="les indicateurs principaux")
    i.add_argument("--year", type=int, help="année (par défaut : l'année dernière)")
    i.add_argument("--buyer", action="append", help="nom d'un acheteur (répétable)")
    i.add_argument("--date", help="date de situation AAAA-MM-JJ (personnes en contrat, emplois)")
    i.add_argument("--json", action="store_true", help="sortie JSON")
    e = sub.add_parser("export", help="les exports de l'application (présentation, classeur, tableau CSV)")
    e.add_argument("format", choices=["pptx", "xlsx", "csv"])
    e.add_argument("--year", type=int, help="année (par défaut : l'année dernière)")
    e.add_argument("--buyer", action="append", help="nom d'un acheteur (répétable)")
    e.add_argument("--table", choices=["marches", "chiffres"], default="marches",
                   help="pour csv : la liste des marchés (par défaut) ou les chiffres clés")
    e.add_argument("-o", "--output", required=True, help="fichier à écrire")
    im = sub.add_parser("import", help="importer un fichier (acheteurs, marches, entreprises, participants, "
                                       "heures, sorties, emplois, besoins, candidatures, ou un annuaire publié "
                                       "de structures d'insertion) ; tout ou rien")
    im.add_argument("kind", metavar="KIND", choices=["acheteurs", "marches", "entreprises", "participants", "heures",
                                                     "sorties", "emplois", "besoins", "candidatures", "structures"],
                    help="type de fichier")
    im.add_argument("file", metavar="FILE", help="fichier .xlsx ou .csv")
    im.add_argument("--departement", metavar="D",
                    help="structures : ne garder que celles de ce département (colonne département ou code postal)")
    dc = sub.add_parser("import-decp", help="importer un fichier DECP publié (marchés attribués : JSON 2019 ou "
                                            "2022, CSV national ou consolidé, Parquet) ; lu en flux, de toute taille ; "
                                            "réimporter ne change rien")
    dc.add_argument("file", metavar="FILE", help="fichier .json, .csv ou .parquet des données essentielles")
    dc.add_argument("--departement", metavar="D",
                    help="ne garder que les marchés exécutés dans ce département (lu sur le code du lieu "
                         "d'exécution : commune, code postal ou département)")
    dc.add_argument("--acheteur", metavar="SIRET", nargs="+", action="extend",
                    help="ne garder que les marchés de ce ou ces acheteurs (SIRET)")
    ds = sub.add_parser("decp-stats", help="les marchés DECP importés : nombre, montant, considérations sociales")
    ds.add_argument("--year", type=int, help="année de notification (par défaut : toutes)")
    ds.add_argument("--departement", metavar="D", help="département du lieu d'exécution")
    ds.add_argument("--json", action="store_true", help="sortie JSON")
    pr = sub.add_parser("prospection", help="les marchés publiés sans considération sociale qui auraient pu porter "
                                            "une clause, les plus d'heures d'abord")
    pr.add_argument("--departement", metavar="D", help="département du lieu d'exécution")
    pr.add_argument("--year", type=int, help="année de notification (par défaut : toutes)")
    pr.add_argument("--json", action="store_true", help="sortie JSON")
    rp = sub.add_parser("rapprochement", help="nos marchés rapprochés de leur publication (DECP) : les paires et "
                                              "leur confiance, les clauses non déclarées ou non suivies, nos marchés "
                                              "absents des DECP")
    rp.add_argument("--departement", metavar="D", help="département du lieu d'exécution des marchés publiés")
    rp.add_argument("--json", action="store_true", help="sortie JSON")
    u = sub.add_parser("user", help="gérer les comptes")
    u_sub = u.add_subparsers(dest="user_command", required=True)
    ua = u_sub.add_parser("add", help="créer un compte")
    ua.add_argument("name", help="nom d'utilisateur")
    ua.add_argument("--role", required=True, choices=["lecteur", "facilitateur", "admin"])
    ua.add_argument("--password-stdin", action="store_true", help="lire le mot de passe sur l'entrée standard")
    b = sub.add_parser("backup", help="une copie cohérente de la base (SQLite)")
    b.add_argument("file", help="fichier de destination")
    cs = sub.add_parser("copy-store", help="copier toute une base dans une autre (SQLite ou PostgreSQL), "
                                           "puis la vérifier ; la cible doit être vide, sauf avec --replace")
    cs.add_argument("source", metavar="SOURCE_URL", help="adresse de la base à copier (elle n'est pas modifiée)")
    cs.add_argument("target", metavar="TARGET_URL", help="adresse de la base cible (créée ou mise à jour d'abord)")
    cs.add_argument("--replace", action="store_true", help="remplacer tout le contenu d'une cible non vide")
    r = sub.add_parser("relevance", help="évaluer un plan d'achats (plan_achats) : avis, véhicule, heures")
    r.add_argument("file", metavar="FILE", help="plan d'achats .xlsx ou .csv")
    r.add_argument("-o", "--output", required=True, metavar="OUT", help="fichier résultat .xlsx ou .csv")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (StoreError, ValueError, AuthError) as exc:  # French messages, said as they are
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # PermissionError too: said in French, with the file when the system names it
        where = f"{exc.filename} : " if exc.filename else ""
        print(f"Erreur : {where}{reason(exc)}.", file=sys.stderr)
        return 2
    except SQLAlchemyError:  # a refusal no writer expected (a constraint): said in French, never a traceback
        print(f"Erreur : {REFUSED}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
