"""What a backup holds, said in Polish with the right forms of the counts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from kisdesk.ui.dialogs.restore_dialog import summary


@pytest.mark.parametrize(
    ("people", "activities", "records", "expected"),
    [
        (1, 1, 1, "1 uczestnik, 1 zajęcia, razem 1 zapis."),
        (3, 2, 4, "3 uczestników, 2 zajęcia, razem 4 zapisy."),
        (12, 22, 1005, "12 uczestników, 22 zajęcia, razem 1005 zapisów."),
    ],
)
def test_the_backup_summary_counts_in_polish(
    qapp, people: int, activities: int, records: int, expected: str
) -> None:
    info = SimpleNamespace(
        row_counts={"participant": people, "activity": activities},
        records=records,
        created_local=lambda: "20.11.2026 10:00",
    )
    assert summary(info) == f"Stan z 20.11.2026 10:00: {expected}"  # type: ignore[arg-type]
