"""Ustawienia: the office's data, the rules with their sources and history, activity forms."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from kisdesk.db import Database
from kisdesk.services import activities, office, settings
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.settings import SettingsPage
from kisdesk.ui.pages.settings_forms import ActivityFormDialog


@pytest.fixture
def page(qtbot: Any, kis: Database) -> SettingsPage:
    Ops.inline = True
    widget = SettingsPage(Ops(kis))
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    return widget


def _retype(qtbot: Any, widget: Any, text: str) -> None:
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_rules_show_value_default_and_source(page: SettingsPage) -> None:
    page.tabs.setCurrentWidget(page.rules)
    assert page.rules.editors["monthly_minimum_hours"].value() == 40
    texts = [label.text() for label in page.rules.findChildren(QLabel)]
    assert any("standard minimum" in t and "Standard minimum KIS" in t for t in texts)
    assert any("ustawa" in t and "Art. 14 ust. 1" in t for t in texts)
    assert not page.has_unsaved_changes()


def test_changing_a_rule_saves_it_and_the_history_shows_it(
    qtbot: Any, page: SettingsPage, kis: Database
) -> None:
    page.tabs.setCurrentWidget(page.rules)
    spin = page.rules.editors["monthly_minimum_hours"]
    spin.setFocus()
    _retype(qtbot, spin.lineEdit(), "35")
    assert page.has_unsaved_changes()
    qtbot.mouseClick(page.rules.save_button, Qt.MouseButton.LeftButton)
    with kis.read() as s:
        assert settings.get_setting(s, "monthly_minimum_hours") == 35
    history = page.rules.history
    assert history.rowCount() == 1
    row = [history.index(0, c).data() for c in range(history.columnCount())]
    assert row[2:] == ["Miesięczne minimum zajęć (godz. dydaktyczne)", "40", "35"]
    assert not page.has_unsaved_changes()


def test_cis_minimum_above_maximum_is_shown_at_the_field(
    qtbot: Any, page: SettingsPage, kis: Database
) -> None:
    page.tabs.setCurrentWidget(page.rules)
    page.rules.editors["weekly_min_hours"].setValue(45)
    page.rules.editors["hour_minutes"].setValue(50)
    assert page.save() is False
    assert "nie może przekraczać maksymalnego" in page.rules.errors.message("weekly_min_hours")
    with kis.read() as s:  # nothing half-saved: hour_minutes was in the same transaction
        assert settings.get_setting(s, "hour_minutes") == 45
        assert settings.setting_history(s) == []


def test_moving_both_cis_limits_up_is_saved(page: SettingsPage, kis: Database) -> None:
    page.rules.editors["weekly_min_hours"].setValue(45)
    page.rules.editors["weekly_max_hours"].setValue(50)
    assert page.save() is True
    with kis.read() as s:
        assert settings.get_setting(s, "weekly_min_hours") == 45
        assert settings.get_setting(s, "weekly_max_hours") == 50


def test_office_bad_nip_is_shown_at_the_field_and_nothing_written(
    qtbot: Any, page: SettingsPage, kis: Database
) -> None:
    fields = page.office.fields
    assert fields.name.text() == "Klub Integracji Społecznej w Zawoni"
    _retype(qtbot, fields.city, "Zawonia Wielka")
    qtbot.keyClicks(fields.op_nip, "1234567890")
    assert page.has_unsaved_changes()
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # no window here
    assert page.save() is False
    assert fields.errors.message("op_nip") == (
        "NIP „1234567890” jest niepoprawny (błędna suma kontrolna lub długość)."
    )
    with kis.read() as s:
        assert office.get_office(s).city == "Zawonia"
    _retype(qtbot, fields.op_nip, "5261040828")
    qtbot.mouseClick(page.office.save_button, Qt.MouseButton.LeftButton)
    with kis.read() as s:
        saved = office.get_office(s)
    assert (saved.city, saved.operator.nip) == ("Zawonia Wielka", "5261040828")
    assert fields.errors.message("op_nip") == ""
    assert not page.has_unsaved_changes()


def test_office_edit_made_meanwhile_is_not_overwritten(
    page: SettingsPage, kis: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[1]))
    with kis.session() as s:  # another computer saves first
        data = office.get_office(s)
        office.update_office(s, office.OfficeData(**{**_fields(data), "phone": "71 000 00 00"}))
    page.office.fields.phone.setText("600 000 000")
    assert page.office.save() is False
    assert warned == ["Dane zmienione w międzyczasie"]
    with kis.read() as s:
        assert office.get_office(s).phone == "71 000 00 00"
    assert page.office.fields.phone.text() == "71 000 00 00"


def _fields(data: Any) -> dict[str, Any]:
    return {name: getattr(data, name) for name in data.__slots__}


def test_forms_add_and_switch_off(
    qtbot: Any, page: SettingsPage, kis: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.tabs.setCurrentWidget(page.forms)

    def fake_exec(dialog: ActivityFormDialog) -> int:
        qtbot.keyClicks(dialog.name, "trening kulinarny")
        dialog.area.setCurrentIndex(dialog.area.findData("vocational"))
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
        return dialog.result()

    monkeypatch.setattr(ActivityFormDialog, "exec", fake_exec)
    page.new_item()
    with kis.read() as s:
        forms = {name: (area, active) for _i, name, area, active in activities.list_forms(s, False)}
    assert forms["trening kulinarny"] == ("vocational", True)
    assert page.forms.table.currentIndex().data() == "trening kulinarny"
    qtbot.mouseClick(page.forms.toggle_button, Qt.MouseButton.LeftButton)
    with kis.read() as s:
        active = {name for _i, name, _a, _on in activities.list_forms(s)}
    assert "trening kulinarny" not in active
    assert page.forms.toggle_button.text() == "Włącz ponownie"


def test_duplicate_form_name_is_shown_at_the_field(qtbot: Any, kis: Database) -> None:
    Ops.inline = True
    dialog = ActivityFormDialog(Ops(kis))
    qtbot.addWidget(dialog)
    dialog.name.setText("Grupa wsparcia")
    dialog.save()
    assert dialog.errors.message("name") == "Forma zajęć „Grupa wsparcia” już jest w słowniku."


def test_settings_models_pass_the_model_tester(
    qtmodeltester: Any, page: SettingsPage, kis: Database
) -> None:
    with kis.session() as s:
        settings.set_setting(s, "graduate_requires_monthly_minimum", True)
    page.refresh()
    assert page.rules.history.index(0, 4).data() == "tak"
    qtmodeltester.check(page.rules.history)
    qtmodeltester.check(page.forms.model)


def test_the_documents_folder_is_chosen_here_and_documents_are_kept_there(
    page: SettingsPage, qtbot: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from kisdesk.paths import default_documents_dir
    from kisdesk.ui import files

    page.open(tab="documents")
    tab = page.documents
    assert page.tabs.currentWidget() is tab
    assert tab.folder.text() == str(default_documents_dir())
    chosen = tmp_path / "Serwer" / "KIS"
    chosen.mkdir(parents=True)
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(chosen))
    )
    qtbot.mouseClick(tab.change, Qt.MouseButton.LeftButton)
    assert tab.folder.text() == str(chosen)
    assert files.kept_folder("KIS Zawoja").parent == chosen / "KIS_Zawoja"
    qtbot.mouseClick(tab.default, Qt.MouseButton.LeftButton)
    assert files.documents_folder() == default_documents_dir()
    assert tab.folder.text() == str(default_documents_dir())
