"""Password policy and the slowdown after failed sign-ins (issue 6; docs/threat-model.md §3).

NIST SP 800-63B §5.1.1.2 and OWASP ASVS V6: at least 12 characters (kisdesk keeps special
category data), no composition rules ("one digit, one capital"), no forced periodic change,
all Unicode allowed (NFKC-normalised so the same password typed on two keyboards matches),
and a list of very common passwords refused, as are the user's own login and name.

Repeated failures slow down (NIST SP 800-63B §5.2.2, rate limiting): five attempts are
free, then 30 s doubling up to 15 minutes; after 100 consecutive failures the account is
locked until the leader unlocks it (NIST's limit of 100 failed attempts).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

MIN_LENGTH = 12
MAX_LENGTH = 256  # ≥ 64 (NIST); Argon2 hashes any length, the cap only stops absurd input
FREE_ATTEMPTS = 5
FIRST_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 15 * 60
LOCK_AFTER_FAILURES = 100

# Very common passwords that pass the length rule: breach lists' top entries of 12 or more
# characters, keyboard walks, and the Polish favourites. Compared case-insensitively.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890123",
        "12345678901234",
        "123456789123",
        "123456123456",
        "123123123123",
        "111111111111",
        "000000000000",
        "121212121212",
        "123412341234",
        "qwertyuiop12",
        "qwerty123456",
        "qwertyqwerty",
        "qwertyuiopasdf",
        "1q2w3e4r5t6y",
        "1q2w3e4r5t6y7u8i",
        "1qaz2wsx3edc",
        "1qaz2wsx3edc4rfv",
        "zaq12wsx3edc",
        "zaq1zaq1zaq1",
        "zaq1@wsx3edc",
        "zaq1@wsx#edc",
        "abcdefghijkl",
        "abc123abc123",
        "password1234",
        "password12345",
        "passwordpassword",
        "password123!",
        "iloveyou1234",
        "administrator",
        "administrator1",
        "haslo1234567",
        "haslo12345678",
        "hasło1234567",
        "hasło12345678",
        "haslohaslo12",
        "haslohaslo123",
        "polska123456",
        "polska12345678",
        "kochamcie123",
        "kochamcię123",
        "kierownik123",
        "kierownik1234",
        "uczestnik123",
        "klubintegracji",
        "centrumintegracji",
        "integracjaspoleczna",
        "kisdesk12345",
        "kisdesk123456",
    }
)

# The example phrases the program itself shows next to a password field: people copy
# examples, so these are exactly the passwords anyone who has seen the program would try.
EXAMPLE_PASSWORDS = ("jabłoń za płotem sąsiada", "czajnik gwiżdże na kuchni")


def normalise(password: str) -> str:
    """The form that is hashed: NFKC, so "ﬁ" and "fi", or composed and decomposed "ą", agree."""
    return unicodedata.normalize("NFKC", password)


def _is_run(text: str) -> bool:
    """One character repeated, or a straight ascending/descending run (abcdef…, 987654…)."""
    if len(set(text)) == 1:
        return True
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return steps in ({1}, {-1})


def password_problem(password: str, login: str = "", full_name: str = "") -> str | None:
    """The error code of the first rule the password breaks, or None when it is acceptable."""
    text = normalise(password)
    if len(text) < MIN_LENGTH:
        return "password.too_short"
    if len(text) > MAX_LENGTH:
        return "password.too_long"
    folded = text.casefold()
    if folded in COMMON_PASSWORDS or _is_run(folded):
        return "password.too_common"
    if " ".join(folded.split()) in EXAMPLE_PASSWORDS:
        return "password.example"
    for word in [login, *full_name.split()]:
        word = normalise(word).casefold().strip()
        if len(word) >= 4 and word in folded and len(folded) - len(word) < MIN_LENGTH:
            # "renata2024!!" is a name and a few characters: guessable by anyone in the office.
            return "password.contains_name"
    return None


def delay_seconds(failures: int) -> int:
    """How long the next sign-in must wait after `failures` consecutive failures."""
    if failures < FREE_ATTEMPTS:
        return 0
    exponent = min(failures - FREE_ATTEMPTS, 16)
    return int(min(FIRST_DELAY_SECONDS * 2**exponent, MAX_DELAY_SECONDS))


def seconds_to_wait(failures: int, last_failed_at: dt.datetime | None, now: dt.datetime) -> int:
    """Seconds left before the next attempt is accepted (0: try now)."""
    if last_failed_at is None:
        return 0
    allowed_at = last_failed_at + dt.timedelta(seconds=delay_seconds(failures))
    left = (allowed_at - now).total_seconds()
    return max(0, int(left + 0.999))


def is_locked(failures: int) -> bool:
    """After 100 consecutive failures only the leader can unlock the account."""
    return failures >= LOCK_AFTER_FAILURES
