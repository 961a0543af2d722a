"""Table models of the settings page: the log of rule changes and the dictionary of forms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from kisdesk.services.settings import SPECS, SettingChangeRow
from kisdesk.ui.table_models.base import Column, RowTableModel


def value_text(key: str, value: Any) -> str:
    """A setting's value as a user reads it (tak/nie for switches)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("settings", "tak")
            if value
            else QCoreApplication.translate("settings", "nie")
        )
    return str(value)


def _local(moment: Any) -> str:
    """A stored UTC timestamp shown in local time, as 15.03.2027 14:05."""
    if not isinstance(moment, dt.datetime):
        return str(moment or "")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


class HistoryModel(RowTableModel[SettingChangeRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self.columns = (
            Column(self.tr("Kiedy"), lambda r: _local(r.changed_at), lambda r: str(r.changed_at)),
            Column(self.tr("Kto"), lambda r: r.changed_by or "–"),
            Column(
                self.tr("Reguła"),
                lambda r: SPECS[r.key].label if r.key in SPECS else r.key,
            ),
            Column(self.tr("Było"), lambda r: value_text(r.key, r.old_value)),
            Column(self.tr("Jest"), lambda r: value_text(r.key, r.new_value)),
        )


@dataclass(frozen=True, slots=True)
class FormRow:
    """One entry of the dictionary of activity forms (services.activities.list_forms)."""

    id: int
    name: str
    area: str  # social | vocational
    active: bool


def area_names() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        "social": t("settings", "reintegracja społeczna"),
        "vocational": t("settings", "reintegracja zawodowa"),
    }


class FormsModel(RowTableModel[FormRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        areas = area_names()
        self.columns = (
            Column(self.tr("Forma zajęć"), lambda r: r.name),
            Column(self.tr("Obszar"), lambda r: areas.get(r.area, r.area)),
            Column(
                self.tr("W użyciu"),
                lambda r: self.tr("tak") if r.active else self.tr("nie – wyłączona"),
            ),
        )
