"""The op runner: a result the caller can test, and the pages told what the transaction
wrote (from the audit listener), with no list kept by each caller."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from kisdesk.db import Database
from kisdesk.services import groups, settings
from kisdesk.ui import signals
from kisdesk.ui.ops import Ops


@pytest.fixture
def ops(kis: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(kis)


def test_a_change_reports_what_it_wrote(ops: Ops) -> None:
    heard: list[frozenset[str]] = []
    ops.signals.data_changed.connect(heard.append)
    result = ops.run(None, lambda s: groups.add_group(s, "Grupa czwartkowa"))
    assert result.ok and bool(result) and result.error is None
    assert isinstance(result.value, int)
    assert result.changes == {signals.GROUPS} and heard == [{signals.GROUPS}]
    ops.run(None, lambda s: settings.set_setting(s, "backup_interval_minutes", "45"))
    assert heard[-1] == {signals.SETTINGS}


def test_a_unit_that_writes_nothing_tells_nobody(ops: Ops) -> None:
    heard: list[frozenset[str]] = []
    ops.signals.data_changed.connect(heard.append)
    result = ops.run(None, lambda s: len(groups.list_groups(s)))
    assert result.ok and result.value == 1 and result.changes == frozenset()
    assert heard == []


def test_a_refused_change_is_a_failed_result_shown_to_the_user(
    ops: Ops, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    heard: list[Any] = []
    ops.signals.data_changed.connect(heard.append)
    result = ops.run(None, lambda s: groups.add_group(s, "Grupa poniedziałkowa"))  # exists
    assert not result and result.value is None and result.error is not None
    assert len(shown) == 1  # the Polish message in a box
    assert heard == [] and [g.name for g in ops.read(groups.list_groups)] == [
        "Grupa poniedziałkowa"
    ]


def test_background_work_reports_what_it_wrote(ops: Ops) -> None:
    heard: list[frozenset[str]] = []
    done: list[int] = []
    ops.signals.data_changed.connect(heard.append)
    ops.run_background(
        None,
        lambda s, progress: groups.add_group(s, "Grupa piątkowa"),
        title="…",
        on_success=done.append,
    )
    assert len(done) == 1 and heard == [{signals.GROUPS}]
