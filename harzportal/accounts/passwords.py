"""Password hashing and the password policy. The only module that imports passlib.

argon2id through libpass's CryptContext; hashes made with older parameters are flagged by
`needs_rehash` and re-hashed on the next successful login. Hashing is slow on purpose:
callers run it off the event loop.

The policy (`validate_new_password`, the one check of every way a password is set): 12 to 128
characters, no composition rules, and hard to guess by zxcvbn (its English dictionaries plus
German words), with the portal's, the network's and the person's own name, email address and
organization as words an attacker knows (ASVS 5.0 6.2.4, 6.2.11).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from passlib.context import CryptContext
from zxcvbn import matching, scoring
from zxcvbn.time_estimates import guesses_to_score

from harzportal.accounts.german_words import GERMAN_WORDS
from harzportal.core.errors import ValidationFailed
from harzportal.core.i18n import N_
from harzportal.settings import get as get_settings

MIN_LENGTH = 12
MAX_LENGTH = 128
# zxcvbn's score 4: at least 10^10 guesses. Score 3 (10^8) still lets a season, a year and two
# signs through ("Sommer2026!!" is 1.00004 * 10^8 by zxcvbn's count of three parts).
MIN_SCORE = 4
# zxcvbn's time grows with the square of the length (and 4.5 refuses more than 72 characters):
# it sees the first 64. A longer password is at least as strong as its beginning.
CHECKED_LENGTH = 64
PORTAL_NAME = "HarzPortal"

_context = CryptContext(
    schemes=["argon2"],
    deprecated="auto",
    argon2__type="ID",
    argon2__memory_cost=19456,
    argon2__time_cost=2,
    argon2__parallelism=1,
)

# A valid hash of a random password: verifying against it costs as much as a real check, so an
# unknown account answers as slowly as a known one.
_DUMMY_HASH = _context.hash("harzportal-timing-equalizer-not-a-password")

# zxcvbn's dictionaries plus German words. A copy: zxcvbn's own `zxcvbn()` writes the user's
# words into its module-wide dictionaries, which two threads checking at once would share.
_DICTIONARIES = {**matching.RANKED_DICTIONARIES,
                 "german": matching.build_ranked_dict(GERMAN_WORDS)}

# zxcvbn 4.5 knows years up to 2019 only.
_REGEXES = {"recent_year": re.compile(r"19\d\d|20\d\d")}
# zxcvbn tries every combination of l33t substitutions the password's characters allow: with
# many of 0 1 3 4 5 7 8 ! $ @ | + in one password, over a hundred dictionary passes (seconds).
# The first few combinations are tried; a password that needs more is mostly signs anyway.
MAX_L33T_COMBINATIONS = 8


def _l33t_match(password: str, _ranked_dictionaries: dict) -> list[dict]:
    """zxcvbn's `l33t_match` over at most MAX_L33T_COMBINATIONS substitution maps."""
    combinations = matching.enumerate_l33t_subs(
        matching.relevant_l33t_subtable(password, matching.L33T_TABLE))
    found = []
    for substitution in combinations[:MAX_L33T_COMBINATIONS]:
        if not substitution:
            break
        for match in matching.dictionary_match(matching.translate(password, substitution),
                                               _ranked_dictionaries):
            token = password[match["i"]:match["j"] + 1]
            if len(token) < 2 or token.lower() == match["matched_word"]:
                continue  # only matches that contain a substitution
            used = {sign: letter for sign, letter in substitution.items() if sign in token}
            match.update(l33t=True, token=token, sub=used,
                         sub_display=", ".join(f"{k} -> {v}" for k, v in used.items()))
            found.append(match)
    return found


_MATCHERS = (matching.dictionary_match, matching.reverse_dictionary_match, _l33t_match,
             matching.spatial_match, matching.repeat_match, matching.sequence_match,
             matching.date_match)

# What a refusal says, by the kind of the weakest part zxcvbn found (each text says what to do).
_WEAKNESS_KEYS = {
    "user_inputs": N_("password.weak_personal"),
    "passwords": N_("password.too_common"),
    "spatial": N_("password.weak_keyboard"),
    "repeat": N_("password.weak_repeat"),
    "sequence": N_("password.weak_sequence"),
    "date": N_("password.weak_dates"),
    "regex": N_("password.weak_dates"),  # zxcvbn's only regex: recent years
    "dictionary": N_("password.weak_words"),
}
_WEAKNESS_ORDER = tuple(_WEAKNESS_KEYS)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_CAMEL = re.compile(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ])")
_WORD = re.compile(r"[^\W_]+")


def _variants(text: str) -> set[str]:
    """`text` lowercased, with umlauts written out and without accents, whole and word by word
    (camel case split too: "ChemieNetzwerk" gives "chemie" and "netzwerk")."""
    found: set[str] = set()
    for piece in (text, *_WORD.findall(text), *_WORD.findall(_CAMEL.sub(" ", text))):
        lowered = piece.lower().strip()
        if len(lowered) < 3:
            continue
        written_out = lowered.translate(_UMLAUTS)
        plain = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
        found.update({lowered, written_out, plain, "".join(_WORD.findall(lowered))})
    return {word for word in found if len(word) >= 3}


def context_words(email: str | None, names: Iterable[str]) -> list[str]:
    """The words a password must not be built from (ASVS 6.2.11): the portal's and the
    network's names and the person's own name, email address and organization."""
    settings = get_settings()
    words: set[str] = set()
    for text in (PORTAL_NAME, settings.network_name, settings.network_short_name, email or "",
                 *names):
        if isinstance(text, str):
            words |= _variants(text)
    return sorted(words)


def _weakness_key(sequence: list[dict]) -> str:
    kinds = set()
    for match in sequence:
        if match["pattern"] == "dictionary":
            name = match["dictionary_name"]
            kinds.add(name if name in ("user_inputs", "passwords") else "dictionary")
        else:
            kinds.add(match["pattern"])
    for kind in _WEAKNESS_ORDER:
        if kind in kinds:
            return _WEAKNESS_KEYS[kind]
    return N_("password.weak")


def _matches(password: str, dictionaries: dict) -> list[dict]:
    """zxcvbn's `omnimatch`, with our dictionaries and years up to 2099."""
    found = [match for matcher in _MATCHERS
             for match in matcher(password, _ranked_dictionaries=dictionaries)]
    found += matching.regex_match(password, _regexen=_REGEXES, _ranked_dictionaries=dictionaries)
    return sorted(found, key=lambda match: (match["i"], match["j"]))


def strength(password: str, words: Iterable[str]) -> tuple[int, str]:
    """zxcvbn's score (0..4) of the password's first CHECKED_LENGTH characters with `words` as
    the user's own, and the key of what makes it weak."""
    checked = password[:CHECKED_LENGTH]
    dictionaries = {**_DICTIONARIES, "user_inputs": matching.build_ranked_dict(words)}
    result = scoring.most_guessable_match_sequence(checked, _matches(checked, dictionaries))
    return guesses_to_score(result["guesses"]), _weakness_key(result["sequence"])


def _without(password: str, words: Iterable[str]) -> str:
    """The password without any of `words` of four or more letters (ignoring case)."""
    long_words = sorted((word for word in words if len(word) >= 4), key=len, reverse=True)
    if not long_words:
        return password
    return re.sub("|".join(map(re.escape, long_words)), "", password, flags=re.IGNORECASE)


def validate_new_password(password: str, *, email: str | None = None,
                          names: Iterable[str] = ()) -> None:
    """Length 12..128, not the email address, and hard to guess: zxcvbn's score at least
    MIN_SCORE, with the portal's, the network's and the person's own words (`email`, `names`:
    their name and organization) known to an attacker, and still that score without those words.
    No composition rules."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        raise ValidationFailed("password.too_short", field="password", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise ValidationFailed("password.too_long", field="password", max=MAX_LENGTH)
    if email and password.lower() == email.lower():
        raise ValidationFailed("password.is_email", field="password")
    words = context_words(email, names)
    score, weakness = strength(password, words)
    if score < MIN_SCORE:
        raise ValidationFailed(weakness, field="password")
    # The own words count for nothing: what is left without them must be strong on its own.
    rest = _without(password, words)
    if rest != password and strength(rest, words)[0] < MIN_SCORE:
        raise ValidationFailed("password.weak_personal", field="password")


def hash_password(password: str) -> str:
    return _context.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash or not isinstance(password, str) or len(password) > MAX_LENGTH:
        _context.verify("x", _DUMMY_HASH)
        return False
    try:
        return _context.verify(password, password_hash)
    except (ValueError, TypeError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _context.needs_update(password_hash)
