"""Password policy and the slowdown schedule (kisdesk.rules.passwords; NIST SP 800-63B)."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import extract_parameters

from kisdesk.rules import passwords as pw
from kisdesk.services import users


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("krótkie", "password.too_short"),
        ("elevenchars", "password.too_short"),  # 11 characters
        ("123456789012", "password.too_common"),
        ("Qwerty123456", "password.too_common"),  # case does not save it
        ("zaq1@WSX3edc", "password.too_common"),
        ("aaaaaaaaaaaaaaa", "password.too_common"),
        ("abcdefghijklmnop", "password.too_common"),
        ("x" * 257, "password.too_long"),
        ("renata2024!!", "password.contains_name"),
        ("zielona herbata o poranku", None),
        # the program's own examples, as shown and as copied with a capital or extra spaces
        ("jabłoń za płotem sąsiada", "password.example"),
        ("Czajnik gwiżdże  na kuchni", "password.example"),
        ("twelve chars", None),  # exactly 12, no digits, no capitals: fine (no composition rules)
        ("ŁąkaNadRzeką", None),  # Polish letters count as characters
    ],
)
def test_password_policy(password: str, problem: str | None) -> None:
    assert pw.password_problem(password, login="renata", full_name="Renata Kowalczyk") == problem


def test_composed_and_decomposed_polish_letters_are_the_same_password() -> None:
    composed = "zażółć gęślą jaźń"
    decomposed = "za\u017co\u0301\u0142c\u0301 ge\u0328s\u0301la\u0328 ja\u017an\u0301"
    phc = users.hash_password(composed)
    assert users.check_password(phc, decomposed)
    assert not users.check_password(phc, "zazolc gesla jazn")


def test_slowdown_schedule() -> None:
    assert [pw.delay_seconds(n) for n in range(0, 5)] == [0, 0, 0, 0, 0]
    assert [pw.delay_seconds(n) for n in (5, 6, 7, 8, 9)] == [30, 60, 120, 240, 480]
    assert pw.delay_seconds(10) == 900 and pw.delay_seconds(99) == 900  # 15-minute cap
    assert not pw.is_locked(99) and pw.is_locked(100)
    failed = dt.datetime(2026, 11, 22, 10, 0, 0)
    assert pw.seconds_to_wait(5, failed, failed + dt.timedelta(seconds=10)) == 20
    assert pw.seconds_to_wait(5, failed, failed + dt.timedelta(seconds=30)) == 0
    assert pw.seconds_to_wait(3, failed, failed) == 0


def test_hashes_are_argon2id_at_the_recommended_parameters_never_below_the_owasp_floor() -> None:
    phc = users.hash_password("zielona herbata o poranku")
    assert phc.startswith("$argon2id$")
    params = extract_parameters(phc)
    assert (params.memory_cost, params.time_cost, params.parallelism) == (65536, 3, 4)
    floor = users.OWASP_FLOOR
    assert params.memory_cost >= floor["memory_cost"] and params.time_cost >= floor["time_cost"]
    assert "zielona" not in phc
