"""The audit log page speaks Polish: every field, record and kind a change, print or export
can log has a name the leader understands (no column names, no English)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect

import kisdesk.models as models
from kisdesk.messages.documents import document_kinds
from kisdesk.messages.security import FIELD_NAMES, RECORD_LABELS, describe_entry
from kisdesk.services.audit_changes import IGNORED_FIELDS, SKIPPED_TYPES

MAPPERS = [m for m in models.Base.registry.mappers if m.class_ not in SKIPPED_TYPES]


@pytest.mark.parametrize("mapper", MAPPERS, ids=lambda m: m.class_.__name__)
def test_every_logged_field_and_record_has_a_polish_name(mapper) -> None:
    fields = {a.key for a in inspect(mapper.class_).attrs} - IGNORED_FIELDS - {"id"}
    assert sorted(fields - set(FIELD_NAMES)) == []
    assert mapper.local_table.name in RECORD_LABELS


@pytest.mark.parametrize(
    "event, kind",
    [("export", k) for k in ("participants", "hours", "attendance", "statistics")]
    + [
        ("print", k)
        for k in (
            "attendance_list",
            "attendance_sheet",
            "journal",
            "counselling_card",
            "rodo_clause",
            "rodo_data_pack",
            *document_kinds(),
        )
    ],
)
def test_every_print_and_export_kind_reads_in_polish(event: str, kind: str) -> None:
    line = describe_entry(event, None, None, {"kind": kind, "records": 3})
    assert kind not in line  # the code name is replaced
    assert re.search(r"rodzaj: [a-ząćęłńóśźż ]+", line), line
    assert "liczba rekordów: 3" in line


def test_an_export_with_names_says_so() -> None:
    named = describe_entry("export", None, None, {"kind": "statistics", "identified": True})
    plain = describe_entry("export", None, None, {"kind": "statistics", "identified": False})
    assert named == "Eksport · rodzaj: statystyka · z imionami i nazwiskami"
    assert plain == "Eksport · rodzaj: statystyka"


def test_a_change_of_attendance_names_its_fields() -> None:
    line = describe_entry(
        "change", "attendance", 7, {"action": "updated", "fields": ["mark", "recorded_at"]}
    )
    assert line == "Zmiana danych · obecność nr 7 · zmieniono · pola: obecność, czas wpisu"


def test_backups_and_restores_read_in_polish() -> None:
    backup = describe_entry(
        "backup",
        None,
        None,
        {"file": "kisdesk-2026-11-22.kisbak", "kind": "exit", "automatic": True, "records": 9},
    )
    assert backup == (
        "Kopia zapasowa · rodzaj: przy zamykaniu programu · plik: kisdesk-2026-11-22.kisbak · "
        "liczba rekordów: 9"
    )
    restore = describe_entry(
        "restore",
        None,
        None,
        {
            "file": "k.kisbak",
            "backup_kind": "manual",
            "backup_created_at": "2026-11-20T10:00:00",  # no zone: shown as it is
            "audit_head_matches": False,
        },
    )
    assert "rodzaj kopii: ręczna" in restore and "kopia z: 20.11.2026 10:00" in restore
    assert restore.endswith("uwaga: dziennik zdarzeń nie zgadza się z kopią")
