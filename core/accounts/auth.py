"""Accounts, password hashing (argon2id), logins slowed after failures, and the check every write makes."""

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, Engine, delete
from sqlmodel import Session, select

from core.accounts import throttle
from core.store.audit import record
from core.store.engine import as_utc, session_scope
from core.store.models import LoginSession, Role, User

MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


@cache
def _dummy_hash() -> str:
    """Verified against when the user is unknown, so that an unknown name costs the same time."""
    return _hasher.hash(secrets.token_urlsafe(16))

RANK = {Role.LECTEUR: 1, Role.FACILITATEUR: 2, Role.ADMIN: 3}
ROLE_LABELS = {Role.LECTEUR: "lecteur", Role.FACILITATEUR: "facilitateur", Role.ADMIN: "administrateur"}


class AuthError(PermissionError):
    """Refused: wrong credentials, too many tries, a login that ended, or a role too low. French message."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: passed to every write so that core checks the role again and audits it.

    A browser's actor carries its login (the LoginSession id), and every write checks that login and its
    account against the store again. An actor without one is code running with the store's own rights:
    the command line, the demo, the tests."""

    username: str
    role: Role
    login: int | None = field(default=None, compare=False)

    def can(self, role: Role) -> bool:
        return RANK[self.role] >= RANK[role]


# The command line runs with the store's own access rights: it acts as an administrator.
CLI_ACTOR = Actor("ligne de commande", Role.ADMIN)
SESSION_ENDED = "Votre connexion a pris fin (compte modifié ou désactivé, ou connexion expirée) : reconnectez-vous."


def is_live(login: LoginSession, user: User, now: datetime) -> bool:
    """Whether a login still holds: not expired, its account active and still of the role it logged in with
    (a new password or a deactivation deletes the account's logins)."""
    return as_utc(login.expires_at) > now and user.active and user.role == login.role


def find_login(session: Session, condition: ColumnElement[bool]) -> tuple[LoginSession, User] | None:
    """The login that meets `condition` (its id, token or ticket hash), with its account."""
    return session.exec(select(LoginSession, User).join(User, LoginSession.user_id == User.id)  # type: ignore[return-value]
                        .where(condition)).first()


def require(engine: Engine, actor: Actor | None, role: Role) -> Actor:
    """The actor as the store says it is now, if it holds at least `role`; else AuthError in French.

    Checked in core at every write, not only in pages: a browser's login is read again, so a tab left open
    after its account was deactivated, demoted or given a new password writes nothing."""
    if actor is not None and actor.login is not None:
        with Session(engine) as session:
            found = find_login(session, LoginSession.id == actor.login)
        if found is None or found[1].username != actor.username or not is_live(*found, datetime.now(UTC)):
            raise AuthError(SESSION_ENDED)
        actor = Actor(actor.username, Role(found[1].role), login=actor.login)
    if actor is None or not actor.can(role):
        raise AuthError(f"Action réservée au rôle « {ROLE_LABELS[role]} » ou supérieur.")
    return actor


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"Le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères.")


def add_user(engine: Engine, *, actor: Actor, username: str, password: str, role: Role | str) -> None:
    require(engine, actor, Role.ADMIN)
    username = username.strip()
    if not username:
        raise ValueError("Le nom d'utilisateur est vide.")
    validate_password(password)
    role = Role(role)
    with session_scope(engine) as session:
        if session.exec(select(User).where(User.username == username)).first():
            raise ValueError(f"Le compte « {username} » existe déjà.")
        session.add(User(username=username, password_hash=_hasher.hash(password), role=role.value))
        record(session, actor, "création", "app_user", username, None, {"role": role.value})


def update_user(engine: Engine, *, actor: Actor, username: str, role: Role | str | None = None,
                active: bool | None = None, password: str | None = None) -> None:
    """Change an account's role, activity or password (admins only); lifts a slowdown of its logins too."""
    require(engine, actor, Role.ADMIN)
    if password is not None:
        validate_password(password)
    with session_scope(engine) as session:
        user = session.exec(select(User).where(User.username == username)).first()
        if user is None:
            raise ValueError(f"Le compte « {username} » n'existe pas.")
        before = {"role": user.role, "actif": user.active}
        if role is not None:
            user.role = Role(role).value
        if active is not None:
            user.active = active
        if password is not None:
            user.password_hash = _hasher.hash(password)
        if password is not None or active is False:  # a new password or an archived account: logged out everywhere
            session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
        throttle.forget(session, [throttle.account_key(username)])
        session.add(user)
        record(session, actor, "modification", "app_user", username, before,
               {"role": user.role, "actif": user.active, "mot_de_passe_change": password is not None})


LOGIN_FAILED = "Identifiant ou mot de passe incorrect."
SLOWED = "ralentissement des connexions"  # journal actions: an account's name slowed down, and lifted
LIFTED = "levée du ralentissement"


def authenticate(engine: Engine, username: str, password: str, *, address: str | None = None,
                 now: datetime | None = None) -> Actor:
    """The actor for these credentials, or AuthError in French.

    An unknown name, a wrong password and a deactivated account get the same answer at about the same cost.
    After repeated failures, the next tries of that name (known or not) and from that client address must
    wait a growing delay (core/accounts/throttle.py); no account is ever locked, and open logins stay open."""
    now = now or datetime.now(UTC)
    name = username.strip()
    keys = [throttle.account_key(name)] + ([throttle.address_key(address)] if address else [])
    with session_scope(engine) as session:
        if left := throttle.wait_left(session, keys, now):
            raise AuthError(throttle.wait_message(left))
        user = session.exec(select(User).where(User.username == name, User.active)).first()
        if user is None or not _verify(user.password_hash, password):
            if user is None:
                _verify(_dummy_hash(), password)
            failures = throttle.fail(session, keys, now)
            if user is not None and failures == throttle.FREE_FAILURES + 1:  # the journal says it once
                record(session, Actor(user.username, Role(user.role)), SLOWED, "app_user", user.username,
                       after={"essais_infructueux": failures})
            session.commit()
            raise AuthError(LOGIN_FAILED)
        throttle.forget(session, keys)
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
            session.add(user)
        who = Actor(user.username, Role(user.role))
        record(session, who, "connexion", "app_user", user.username)
        return who


WRONG_CURRENT = "Le mot de passe actuel est incorrect : le mot de passe n'a pas été changé."
SAME_PASSWORD = "Le nouveau mot de passe est celui d'aujourd'hui : choisissez-en un autre."
PASSWORD_CHANGED = "changement de mot de passe"  # journal action


def change_own_password(engine: Engine, *, actor: Actor, current: str, new: str,
                        now: datetime | None = None) -> None:
    """A logged-in user changes their own password, the current one typed first (an open tab is not enough).

    A wrong current password counts as a failed login of that name (the same slowing down); the account's
    other logins end, as with any new password, and this one stays open."""
    now = now or datetime.now(UTC)
    require(engine, actor, Role.LECTEUR)
    validate_password(new)
    keys = [throttle.account_key(actor.username)]
    with session_scope(engine) as session:
        if left := throttle.wait_left(session, keys, now):
            raise AuthError(throttle.wait_message(left))
        user = session.exec(select(User).where(User.username == actor.username, User.active)).one()
        if not _verify(user.password_hash, current):
            throttle.fail(session, keys, now)
            session.commit()
            raise AuthError(WRONG_CURRENT)
        if _verify(user.password_hash, new):
            raise ValueError(SAME_PASSWORD)
        throttle.forget(session, keys)
        user.password_hash = _hasher.hash(new)
        session.add(user)
        others = [LoginSession.user_id == user.id] + ([LoginSession.id != actor.login] if actor.login else [])
        session.execute(delete(LoginSession).where(*others))
        record(session, actor, PASSWORD_CHANGED, "app_user", user.username)


def lift_slowdown(engine: Engine, *, actor: Actor, username: str) -> None:
    """An administrator lets an account's name be tried again at once (journaled)."""
    require(engine, actor, Role.ADMIN)
    with session_scope(engine) as session:
        throttle.forget(session, [throttle.account_key(username)])
        record(session, actor, LIFTED, "app_user", username)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def list_users(engine: Engine, *, now: datetime | None = None) -> list[dict]:
    now = now or datetime.now(UTC)
    with Session(engine) as session:
        return [{"nom": u.username, "role": u.role, "actif": u.active,
                 "ralenti_jusqu_a": throttle.slowed_until(session, u.username, now)}
                for u in session.exec(select(User).order_by(User.username)).all()]
