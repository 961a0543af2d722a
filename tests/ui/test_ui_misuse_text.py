"""The participant form refuses pasted control characters and over-long names with the
service's Polish message, and saves nothing (docs/misuse-cases.md, "Names and texts")."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from test_ui_participants_form import add_person, page  # noqa: F401  (fixture)

from kisdesk.services import participants
from tests.ui.shots import keep


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("last_name", "Now\x1b[31mak", "znak sterujący"),
        ("first_name", "A" * 150, "najwyżej 100"),
        ("phone", "600\x07100", "znak sterujący"),
    ],
)
def test_the_form_shows_why_a_text_cannot_be_saved(kis, page, qtbot, field, value, said):  # noqa: F811
    pid, _ = add_person(kis, "Tomasz", "Nowak", dt.date(1980, 5, 14))
    page.open(participant_id=pid)
    form = page.dialog
    form.personal.editors[field].setText(value)  # pasted, as the keyboard cannot type them
    form.ok_button.click()
    shown = [tab.messages[field].text() for tab in form.form_tabs if field in tab.messages]
    assert shown and said in shown[0]  # under the field itself
    if os.environ.get("KISDESK_SHOTS"):
        keep(form, "trust-input", f"form-{field}")
    with kis.read() as s:
        data = participants.get_participant(s, pid)
    assert (data.first_name, data.last_name, data.phone) == ("Tomasz", "Nowak", "")
