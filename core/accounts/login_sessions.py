"""Logins that survive a reload or a new tab, for SESSION_DURATION at most.

The browser keeps a random token (in a cookie, set by the UI); the store keeps only its SHA-256, so a
copy of the store opens no session. Each visit resolves the token again against the account: an
archived account, or one whose role changed since the login, gets no session (a new password ends them all).
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete
from sqlmodel import select

from core.accounts.auth import SESSION_ENDED, Actor, AuthError, find_login, is_live
from core.store.audit import record
from core.store.engine import as_utc, session_scope
from core.store.models import LoginSession, Role, User

SESSION_DURATION = timedelta(hours=12)
COOKIE = "passerelles_session"  # the browser's token: set by the server HttpOnly, SameSite=Strict


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(engine: Engine, *, actor: Actor, now: datetime | None = None) -> str:
    """A new session for this (just authenticated) actor: the token for the browser, shown only once.
    Expired sessions of every account are purged on the way."""
    now = now or datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    with session_scope(engine) as session:
        user = session.exec(select(User).where(User.username == actor.username, User.active)).first()
        if user is None or user.id is None:
            raise AuthError("Ce compte n'existe pas ou a été désactivé.")
        session.execute(delete(LoginSession).where(LoginSession.expires_at <= now))
        session.add(LoginSession(token_hash=_digest(token), user_id=user.id, role=actor.role.value,
                                 created_at=now, expires_at=now + SESSION_DURATION))
    return token


def resolve_session(engine: Engine, token: str | None, *, now: datetime | None = None) -> Actor | None:
    """The actor of this token, bound to its login; None if the token is unknown or the login no longer holds
    (`core.accounts.auth.is_live`: expired, account archived or of another role since; that login is then closed)."""
    if not token:
        return None
    now = now or datetime.now(UTC)
    with session_scope(engine) as session:
        found = find_login(session, LoginSession.token_hash == _digest(token))
        if found is None:
            return None
        login, user = found
        if not is_live(login, user, now):
            session.delete(login)
            return None
        return Actor(user.username, Role(user.role), login=login.id)


def close_session(engine: Engine, token: str | None) -> None:
    """Log out: the session is deleted, its token opens nothing any more (and the journal says who left)."""
    if not token:
        return
    with session_scope(engine) as session:
        found = find_login(session, LoginSession.token_hash == _digest(token))
        if found is None:
            return
        login, user = found
        session.delete(login)
        record(session, Actor(user.username, Role(user.role)), "déconnexion", "app_user", user.username)


TICKET_DURATION = timedelta(minutes=1)


def issue_ticket(engine: Engine, token: str, *, now: datetime | None = None) -> str:
    """A one-time ticket for this login, good for TICKET_DURATION: the browser takes it to the server's own
    address (server.py), which trades it for the login cookie, set HttpOnly so that no script reads it."""
    now = now or datetime.now(UTC)
    ticket = secrets.token_urlsafe(32)
    with session_scope(engine) as session:
        login = session.exec(select(LoginSession).where(LoginSession.token_hash == _digest(token))).first()
        if login is None:
            raise AuthError(SESSION_ENDED)
        login.ticket_hash, login.ticket_expires_at = _digest(ticket), now + TICKET_DURATION
        session.add(login)
    return ticket


def exchange_ticket(engine: Engine, ticket: str | None, *, now: datetime | None = None) -> str | None:
    """The browser's token for a fresh ticket, once; None for an unknown, used or late ticket, or a login that
    no longer holds. The login's token is drawn anew: only the browser that brought the ticket holds it."""
    if not ticket:
        return None
    now = now or datetime.now(UTC)
    with session_scope(engine) as session:
        found = find_login(session, LoginSession.ticket_hash == _digest(ticket))
        if found is None:
            return None
        login, user = found
        expires = login.ticket_expires_at
        login.ticket_hash, login.ticket_expires_at = None, None
        session.add(login)
        if expires is None or as_utc(expires) <= now or not is_live(login, user, now):
            return None
        token = secrets.token_urlsafe(32)
        login.token_hash = _digest(token)
    return token
