"""Failed logins slow the next tries down, per account name and per client address (OWASP ASVS 2.2.1).

No account is ever locked: a stranger who types someone's name with wrong passwords would otherwise lock
her out. After FREE_FAILURES failures in a row, each further try of that name, or from that address, must
wait a delay that doubles with every failure, up to ACCOUNT_MAX_DELAY for a name (its owner waits a minute
at most, and a guesser spread over many addresses gets about one try a minute) and ADDRESS_MAX_DELAY for an
address (one guesser's machine). Names that match no account are counted the same way, so the answers
never tell which accounts exist. Failures are forgotten after FORGET_AFTER without a new one, and by a
successful login.
"""

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, select

from core.store.engine import as_utc
from core.store.models import LoginThrottle

FREE_FAILURES = 5
FIRST_DELAY = timedelta(seconds=2)
ACCOUNT_MAX_DELAY = timedelta(minutes=1)
ADDRESS_MAX_DELAY = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)
WAIT = "Trop d'essais infructueux : réessayez dans {delay}."


def account_key(username: str) -> str:
    return f"compte:{username.strip()}"


def address_key(address: str) -> str:
    return f"adresse:{address}"


def wait_left(session: Session, keys: list[str], now: datetime) -> timedelta | None:
    """How long the next try of these keys must still wait, if it must."""
    rows = session.exec(select(LoginThrottle).where(LoginThrottle.key.in_(keys))).all()  # type: ignore[attr-defined]
    ends = [until for row in rows if row.blocked_until and (until := as_utc(row.blocked_until)) > now]
    return max(ends) - now if ends else None


def fail(session: Session, keys: list[str], now: datetime) -> int:
    """Count a failure against each key; the failures in a row of the first one (the account name)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.last_failure_at < now - FORGET_AFTER))
    counts = []
    for key in keys:
        row = session.get(LoginThrottle, key) or LoginThrottle(key=key, last_failure_at=now)
        row.failures += 1
        row.last_failure_at = now
        if row.failures > FREE_FAILURES:
            cap = ACCOUNT_MAX_DELAY if key.startswith("compte:") else ADDRESS_MAX_DELAY
            doublings = min(row.failures - FREE_FAILURES - 1, 20)  # 2 s × 2^20 is past every cap
            row.blocked_until = now + min(FIRST_DELAY * 2**doublings, cap)
        session.add(row)
        counts.append(row.failures)
    return counts[0]


def forget(session: Session, keys: list[str]) -> None:
    session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(keys)))  # type: ignore[attr-defined]


def slowed_until(session: Session, username: str, now: datetime) -> datetime | None:
    """Until when the next try of this account name must wait, if it must (the administration shows it)."""
    row = session.get(LoginThrottle, account_key(username))
    until = as_utc(row.blocked_until) if row and row.blocked_until else None
    return until if until and until > now else None


def wait_message(left: timedelta) -> str:
    seconds = max(1, round(left.total_seconds()))
    delay = f"{seconds} s" if seconds < 120 else f"{round(seconds / 60)} min"
    return WAIT.format(delay=delay)
