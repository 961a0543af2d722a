"""Sorting a long list by a header click: Polish order, numbers as numbers, the order kept
when the rows are read again, the selection following its row, and the search still seeing
every row (the model sorts its own rows; the proxy keeps that order)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, Qt

from kisdesk.ui.table_models.base import RIGHT, Column, RowTableModel
from kisdesk.ui.widgets.table import SortProxy, fit_columns, make_table, selected_row


@dataclass(frozen=True)
class Person:
    name: str
    hours: int | None


class PeopleModel(RowTableModel[Person]):
    columns = (
        Column("Nazwisko", lambda p: p.name),
        Column("Godziny", lambda p: p.hours, align=RIGHT),
    )


PEOPLE = [
    Person("Żak", 12),
    Person("Łuczak", None),
    Person("Lis", 100),
    Person("Ślusarz", 9),
    Person("Sowa", 40),
    Person("Ćwik", 12),
    Person("Cieślak", 3),
    Person("źdźarski", 1),
    Person("Zając", 2),
]


def _table(qtbot: Any) -> tuple[Any, PeopleModel, SortProxy]:
    model = PeopleModel()
    proxy = SortProxy()
    proxy.setSourceModel(model)
    table = make_table(proxy)
    qtbot.addWidget(table)
    table.resize(500, 400)
    table.show()
    model.set_rows(PEOPLE)
    return table, model, proxy


def _shown(proxy: SortProxy, column: int = 0) -> list[Any]:
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def _click_header(qtbot: Any, table: Any, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_a_header_click_sorts_polish_names_in_polish_order_both_ways(qtbot: Any) -> None:
    table, _model, proxy = _table(qtbot)
    _click_header(qtbot, table, 0)
    ascending = ["Cieślak", "Ćwik", "Lis", "Łuczak", "Sowa", "Ślusarz", "Zając", "źdźarski", "Żak"]
    assert _shown(proxy) == ascending
    _click_header(qtbot, table, 0)
    assert _shown(proxy) == list(reversed(ascending))


def test_numbers_sort_as_numbers_with_the_empty_first_and_ties_kept_in_order(
    qtbot: Any,
) -> None:
    table, _model, proxy = _table(qtbot)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Ćwik before Żak: both 12 hours
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _shown(proxy, 1) == ["", "1", "2", "3", "9", "12", "12", "40", "100"]
    assert _shown(proxy)[5:7] == ["Ćwik", "Żak"]


def test_rows_read_again_keep_the_order_chosen_and_the_search_sees_them_all(
    qtbot: Any,
) -> None:
    table, model, proxy = _table(qtbot)
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    model.set_rows([*PEOPLE, Person("Nowak", 55)])  # a refresh with someone new
    assert _shown(proxy)[:3] == ["Lis", "Nowak", "Sowa"]
    proxy.set_text("ak")
    assert sorted(_shown(proxy)) == sorted(["Żak", "Łuczak", "Cieślak", "Nowak"])
    assert _shown(proxy)[0] == "Nowak"  # still by hours, most first
    proxy.set_text("")
    assert proxy.rowCount() == len(PEOPLE) + 1


def test_the_selected_person_stays_selected_when_the_order_changes(qtbot: Any) -> None:
    table, _model, proxy = _table(qtbot)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    row = _shown(proxy).index("Sowa")
    table.selectRow(row)
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert selected_row(table).name == "Sowa"
    assert table.currentIndex().row() == _shown(proxy).index("Sowa")


def test_columns_fitted_to_the_longest_name_among_the_first_rows(qtbot: Any) -> None:
    table, model, _proxy = _table(qtbot)
    long = Person("Konstantynopolitańczykiewiczówna-Brzęczyszczykiewicz", 1)
    model.set_rows([*PEOPLE, long])
    fit_columns(table)
    header = table.horizontalHeader()
    assert header.sectionSize(0) >= table.fontMetrics().horizontalAdvance(long.name)
    assert header.sectionSize(0) < table.fontMetrics().horizontalAdvance(long.name) + 60
