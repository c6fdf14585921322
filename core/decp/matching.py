"""How close one of the club's contracts is to one published (DECP) contract of the same buyer: the stated
scoring of the reconciliation (docs/indicateurs.md, « Rapprochement avec les DECP »).

Three measures, each from 0 (nothing alike) to 1 (the same), weighted into a confidence:
- the dates: the DECP notification date against our start date, in days apart (1 − days ÷ DATE_WINDOW_DAYS);
  beyond DATE_WINDOW_DAYS the pair is not a candidate at all;
- the amounts: their relative gap, |a − b| ÷ the larger (1 − gap ÷ AMOUNT_GAP_MAX);
- the objects: their words compared once normalised (accents, case, punctuation, stop words and plural marks
  left out): the words in common ÷ all the words of both (Jaccard), a word counting as common when the other
  side has it or one close to it (difflib's ratio ≥ CLOSE_WORD: a typo, a word cut short).
A measure that one side cannot give (no amount, no object, no notification date) counts NEUTRAL: neither for
nor against. The confidence sorts the pairs and names their level (« sûr », « probable », « à vérifier »);
under MIN_CONFIDENCE a pair is no match.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

WEIGHTS = {"objet": 0.4, "date": 0.3, "montant": 0.3}
DATE_WINDOW_DAYS = 180  # notification and start further apart: another contract
AMOUNT_GAP_MAX = 0.25  # a relative gap of 25 % or more: the amounts say nothing for the pair
NEUTRAL = 0.5
SURE, PROBABLE, MIN_CONFIDENCE = 0.9, 0.75, 0.6
CLOSE_WORD = 0.8
LEVEL_SURE, LEVEL_PROBABLE, LEVEL_CHECK = "sûr", "probable", "à vérifier"

# French words that say nothing of what a contract buys.
STOP_WORDS = frozenset({"a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "en", "et", "l", "la",
                        "le", "les", "leur", "leurs", "ou", "par", "pour", "sa", "se", "ses", "sur", "un", "une"})
_NOT_A_WORD = re.compile(r"[^0-9a-z]+")


def words(text: str | None) -> tuple[str, ...]:
    """The words of an object as compared: no accent, lower case, no punctuation nor stop word, a plural's
    final s or x left out (« Espaces verts » and « espace vert » are the same words)."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    out = []
    for word in _NOT_A_WORD.split(plain):
        if not word or word in STOP_WORDS:
            continue
        out.append(word[:-1] if len(word) > 3 and word[-1] in "sx" else word)
    return tuple(out)


@lru_cache(maxsize=65_536)
def _close(a: str, b: str) -> bool:
    """Two words alike enough to be one (a vocabulary is small: each pair is worked out once)."""
    if 2 * min(len(a), len(b)) < CLOSE_WORD * (len(a) + len(b)):  # the ratio's bound from the lengths alone
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= CLOSE_WORD and matcher.ratio() >= CLOSE_WORD


@lru_cache(maxsize=65_536)  # a buyer words many of its contracts alike: each pair of objects is compared once
def object_similarity(ours: tuple[str, ...], theirs: tuple[str, ...]) -> float:
    """The words in common ÷ all the words (Jaccard), a word close enough to one of the other side's counting as
    common; 0 to 1, NEUTRAL when a side has no word."""
    if not ours or not theirs:
        return NEUTRAL
    a, b = set(ours), set(theirs)
    shared = a & b
    if len(shared) == len(a) == len(b):
        return 1.0
    rest_b = b - shared
    close = 0
    for word in sorted(a - shared):  # each of ours matched to at most one close word of theirs
        twin = next((w for w in sorted(rest_b) if _close(word, w)), None)
        if twin:
            rest_b.discard(twin)
            close += 1
    common = len(shared) + close
    return common / (len(a) + len(b) - common)


def _at_most(ours: tuple[str, ...], theirs: tuple[str, ...]) -> float:
    """The most object_similarity can give, from the words shared alone (no word compared with difflib)."""
    a, b = set(ours), set(theirs)
    common = len(a & b) + min(len(a - b), len(b - a))
    return common / (len(a) + len(b) - common)


def date_score(days: int | None) -> float:
    return NEUTRAL if days is None else max(0.0, 1 - days / DATE_WINDOW_DAYS)


def amount_gap(ours: float | None, theirs: float | None) -> float | None:
    """|a − b| ÷ the larger; None when either is missing or nought."""
    if not ours or not theirs or ours <= 0 or theirs <= 0:
        return None
    return abs(ours - theirs) / max(ours, theirs)


def amount_score(gap: float | None) -> float:
    return NEUTRAL if gap is None else max(0.0, 1 - gap / AMOUNT_GAP_MAX)


def level(confidence: float) -> str:
    return LEVEL_SURE if confidence >= SURE else LEVEL_PROBABLE if confidence >= PROBABLE else LEVEL_CHECK


@dataclass(frozen=True)
class Score:
    """What one pair's measures say."""

    days: int | None  # DECP notification − our start date, in days (negative: notified before the start)
    amount_gap: float | None
    similarity: float
    confidence: float

    @property
    def level(self) -> str:
        return level(self.confidence)


def score(*, start: date, notified: date | None, ours_amount: float | None, theirs_amount: float | None,
          ours_words: tuple[str, ...], theirs_words: tuple[str, ...]) -> Score | None:
    """The pair's score, or None when it cannot be a match (dates too far apart, or a confidence under
    MIN_CONFIDENCE even with identical objects, or under it once the objects are compared)."""
    days = (notified - start).days if notified else None
    if days is not None and abs(days) > DATE_WINDOW_DAYS:
        return None
    gap = amount_gap(ours_amount, theirs_amount)
    partial = WEIGHTS["date"] * date_score(None if days is None else abs(days)) + WEIGHTS["montant"] * amount_score(gap)
    if partial + WEIGHTS["objet"] < MIN_CONFIDENCE:  # not even the same words would make it one
        return None
    if ours_words and theirs_words and partial + WEIGHTS["objet"] * _at_most(ours_words, theirs_words) < MIN_CONFIDENCE:
        return None  # even if every word left were close to one of the other side's
    similarity = object_similarity(ours_words, theirs_words)
    confidence = round(partial + WEIGHTS["objet"] * similarity, 4)
    return Score(days, gap, round(similarity, 4), confidence) if confidence >= MIN_CONFIDENCE else None
