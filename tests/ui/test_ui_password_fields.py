"""Every form that sets a password (the account form, the password dialog, the first-start
wizard's account page) shows each refusal of the password rules at the password field,
through one shared map (kisdesk.ui.dialogs.user_dialog.PASSWORD_FIELDS)."""

from __future__ import annotations

import inspect
import re

import pytest

from kisdesk.rules import passwords
from kisdesk.ui.dialogs import user_dialog, user_password
from kisdesk.ui.wizard_account import ACCOUNT_ERRORS

CODES = sorted(set(re.findall(r'"(password\.[a-z_]+)"', inspect.getsource(passwords))))


def test_the_rules_have_codes() -> None:
    assert {"password.too_short", "password.example"} <= set(CODES)


@pytest.mark.parametrize(
    "fields",
    [user_dialog.FIELDS, user_password.FIELDS, ACCOUNT_ERRORS],
    ids=["account form", "password dialog", "first-start wizard"],
)
def test_each_password_rule_lands_at_the_password_field(fields: dict[str, str]) -> None:
    assert {code: fields.get(code) for code in CODES} == dict.fromkeys(CODES, "password")


def test_the_login_errors_land_at_the_login_field() -> None:
    for fields in (user_dialog.FIELDS, ACCOUNT_ERRORS):
        assert fields["user.bad_login"] == fields["user.exists"] == "login"
    assert user_password.FIELDS["user.wrong_current_password"] == "current"
