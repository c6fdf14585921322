"""Accounts, password hashing (argon2id), lock-out, and the role check every write makes."""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete
from sqlmodel import Session, select

from core.audit import record
from core.db import session_scope
from core.models import LoginSession, Role, User

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


@cache
def _dummy_hash() -> str:
    """Verified against when the user is unknown, so that an unknown name costs the same time."""
    return _hasher.hash(secrets.token_urlsafe(16))

RANK = {Role.LECTEUR: 1, Role.FACILITATEUR: 2, Role.ADMIN: 3}
ROLE_LABELS = {Role.LECTEUR: "lecteur", Role.FACILITATEUR: "facilitateur", Role.ADMIN: "administrateur"}


class AuthError(PermissionError):
    """Refused: wrong credentials, locked account, or a role too low. French message."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: passed to every write so that core checks the role again and audits it."""

    username: str
    role: Role

    def can(self, role: Role) -> bool:
        return RANK[self.role] >= RANK[role]


# The command line runs with the store's own access rights: it acts as an administrator.
CLI_ACTOR = Actor("ligne de commande", Role.ADMIN)


def require(actor: Actor | None, role: Role) -> Actor:
    """The actor, if it holds at least `role`; else AuthError (checked in core, not only in pages)."""
    if actor is None or not actor.can(role):
        raise AuthError(f"Action réservée au rôle « {ROLE_LABELS[role]} » ou supérieur.")
    return actor


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"Le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères.")


def add_user(engine: Engine, actor: Actor, username: str, password: str, role: Role | str) -> None:
    require(actor, Role.ADMIN)
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


def update_user(engine: Engine, actor: Actor, username: str, *, role: Role | str | None = None,
                active: bool | None = None, password: str | None = None) -> None:
    """Change an account's role, activity or password (admins only); unlocks it too."""
    require(actor, Role.ADMIN)
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
        user.failed_attempts, user.locked_until = 0, None
        session.add(user)
        record(session, actor, "modification", "app_user", username, before,
               {"role": user.role, "actif": user.active, "mot_de_passe_change": password is not None})


LOGIN_FAILED = "Identifiant ou mot de passe incorrect."
LOCKED = "Trop d'essais infructueux : ce compte est verrouillé pendant {minutes} minutes."


def authenticate(engine: Engine, username: str, password: str) -> Actor:
    """The actor for these credentials, or AuthError with the same answer (and about the same time)
    for an unknown user as for a wrong password; lock-out after MAX_FAILURES failures in a row."""
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        user = session.exec(select(User).where(User.username == username.strip(), User.active)).first()
        if user is None:
            _verify(_dummy_hash(), password)
            raise AuthError(LOGIN_FAILED)
        locked_until = user.locked_until and user.locked_until.replace(tzinfo=user.locked_until.tzinfo or UTC)
        if locked_until and locked_until > now:
            _verify(_dummy_hash(), password)
            raise AuthError(LOCKED.format(minutes=int(LOCK_DURATION.total_seconds() // 60)))
        if not _verify(user.password_hash, password):
            user.failed_attempts += 1
            if user.failed_attempts >= MAX_FAILURES:
                user.locked_until, user.failed_attempts = now + LOCK_DURATION, 0
                record(session, Actor(user.username, Role(user.role)), "verrouillage", "app_user", user.username,
                       after={"verrouille_jusqu_a": user.locked_until.isoformat()})
            session.add(user)
            session.commit()
            raise AuthError(LOGIN_FAILED)
        user.failed_attempts, user.locked_until = 0, None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        session.add(user)
        who = Actor(user.username, Role(user.role))
        record(session, who, "connexion", "app_user", user.username)
        return who


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def list_users(engine: Engine) -> list[dict]:
    with Session(engine) as session:
        return [{"nom": u.username, "role": u.role, "actif": u.active, "verrouille_jusqu_a": u.locked_until}
                for u in session.exec(select(User).order_by(User.username)).all()]
