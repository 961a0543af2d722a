"""Which column of the office's sheet holds which participant field.

The header row is found among the first rows (lists often start with a title), a mapping is
proposed from the header names and from the mapping the user confirmed last time, and the
user may change it. The remembered mapping is a small JSON file in the data folder,
written atomically (a shared key-value store for such preferences does not exist yet).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from kisdesk.db.files import atomic_write
from kisdesk.errors import StorageError, ValidationError
from kisdesk.i18n import tr
from kisdesk.paths import data_dir

log = logging.getLogger(__name__)

MAPPING_FILE = "import_mapping.json"
HEADER_SCAN_ROWS = 20
IGNORE = ""  # a column mapped to no field

# field -> (Polish label, header names it is recognised by, normalised: no diacritics)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "last_name": (tr("Nazwisko"), ("nazwisko", "nazwisko uczestnika")),
    "first_name": (tr("Imię"), ("imie", "imiona", "imie uczestnika", "pierwsze imie")),
    "full_name": (tr("Imię i nazwisko"), ("imie i nazwisko", "imie nazwisko")),
    "full_name_reversed": (
        tr("Nazwisko i imię"),
        ("nazwisko i imie", "nazwisko imie", "uczestnik", "uczestniczka"),
    ),
    "pesel": (tr("PESEL"), ("pesel", "nr pesel", "numer pesel")),
    "birth_date": (tr("Data urodzenia"), ("data urodzenia", "data ur", "urodzony a", "ur")),
    "sex": (tr("Płeć"), ("plec", "k m")),
    "id_document": (tr("Dokument tożsamości"), ("dokument", "dokument tozsamosci", "nr dokumentu")),
    "street": (
        tr("Adres (ulica i numer)"),
        ("adres", "ulica", "ulica i nr", "ulica i numer", "adres zamieszkania"),
    ),
    "postal_code": (tr("Kod pocztowy"), ("kod", "kod pocztowy")),
    "city": (tr("Miejscowość"), ("miejscowosc", "miasto", "poczta")),
    "gmina": (tr("Gmina"), ("gmina",)),
    "powiat": (tr("Powiat"), ("powiat",)),
    "phone": (tr("Telefon"), ("telefon", "tel", "nr telefonu", "telefon kontaktowy")),
    "categories": (
        tr("Kategorie (art. 1 ust. 2)"),
        ("kategoria", "kategorie", "kategoria art 1", "grupa docelowa", "art 1 ust 2"),
    ),
    "group": (tr("Grupa"), ("grupa", "nazwa grupy")),
    "start_on": (
        tr("Data rozpoczęcia"),
        ("data rozpoczecia", "rozpoczecie", "data przyjecia", "data rozpoczecia uczestnictwa"),
    ),
    "planned_end_on": (
        tr("Planowane zakończenie"),
        ("planowane zakonczenie", "planowana data zakonczenia", "data planowanego zakonczenia"),
    ),
    "referral_source": (
        tr("Skierowanie (OPS, PUP…)"),
        ("skierowanie", "skierowany przez", "zrodlo skierowania", "kto skierowal"),
    ),
    "referral_institution": (tr("Instytucja kierująca"), ("instytucja kierujaca",)),
    "referral_date": (tr("Data skierowania"), ("data skierowania",)),
    "referral_number": (tr("Numer skierowania"), ("nr skierowania", "numer skierowania")),
    "contract_number": (
        tr("Numer kontraktu / IPZS"),
        ("nr kontraktu", "numer kontraktu", "kontrakt socjalny", "nr ipzs", "ipzs"),
    ),
    "notes": (tr("Uwagi"), ("uwagi",)),
}


def normalise(text: Any) -> str:
    """Header text compared without case, Polish letters, punctuation or extra spaces."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKD", str(text).replace("ł", "l").replace("Ł", "L"))
    value = "".join(ch for ch in value if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", value).split())


_SYNONYMS = {syn: field for field, (_, syns) in FIELDS.items() for syn in syns}


def guess_field(header: Any) -> str | None:
    """The field a header names: an exact synonym, else the longest synonym it starts with."""
    name = normalise(header)
    if not name:
        return None
    if name in _SYNONYMS:
        return _SYNONYMS[name]
    best = None
    for syn, field in _SYNONYMS.items():
        if (
            len(syn) >= 3
            and (name.startswith(syn + " "))
            and (best is None or len(syn) > len(best[0]))
        ):
            best = (syn, field)
    return best[1] if best else None


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    """A column of the sheet, as the mapping step shows it."""

    index: int  # 0-based
    letter: str  # A, B, …
    header: str
    samples: tuple[str, ...]  # first few values, as text


def find_header(rows: tuple[tuple[int, tuple[Any, ...]], ...]) -> int:
    """Position (in `rows`) of the header row: the one naming the most known fields."""
    best, best_score = -1, 1
    for position, (_, values) in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = {guess_field(v) for v in values if isinstance(v, str)} - {None}
        names = fields & {"last_name", "first_name", "full_name", "full_name_reversed", "pesel"}
        if len(fields) > best_score and names:
            best, best_score = position, len(fields)
    if best < 0:
        raise ValidationError("import.no_header")
    return best


def columns_of(rows: tuple[tuple[int, tuple[Any, ...]], ...], header_pos: int) -> list[ColumnInfo]:
    header = rows[header_pos][1]
    width = max(len(values) for _, values in rows[header_pos:])
    out = []
    for i in range(width):
        title = header[i] if i < len(header) else None
        samples = []
        for _, values in rows[header_pos + 1 :]:
            if i < len(values) and values[i] not in (None, ""):
                samples.append(str(values[i]))
            if len(samples) == 3:
                break
        if title in (None, "") and not samples:
            continue
        text = " ".join(str(title).split()) if title is not None else ""
        out.append(ColumnInfo(i, get_column_letter(i + 1), text, tuple(samples)))
    return out


def propose_mapping(
    columns: list[ColumnInfo], remembered: Mapping[str, str] | None = None
) -> dict[int, str]:
    """column index -> field. The user's last confirmed choice for a header name wins over
    the guess; a field is given to one column only (the first)."""
    remembered = remembered if remembered is not None else load_remembered()
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for column in columns:
        key = normalise(column.header)
        field = remembered[key] if key in remembered else guess_field(column.header)
        if field and field in FIELDS and field not in taken:
            mapping[column.index] = field
            taken.add(field)
    return mapping


def mapping_from_names(
    columns: list[ColumnInfo], base: Mapping[int, str], overrides: Mapping[str, str]
) -> dict[int, str]:
    """Apply "header name (or column letter) = field" choices, e.g. from `--map`."""
    mapping = dict(base)
    for name, field in overrides.items():
        if field and field not in FIELDS:
            raise ValidationError("import.unknown_field", field=field, fields=", ".join(FIELDS))
        key = normalise(name)
        match = [c for c in columns if normalise(c.header) == key] or [
            c for c in columns if c.letter == name.strip().upper()
        ]
        if not match:
            raise ValidationError(
                "import.unknown_column",
                column=name,
                columns=", ".join(c.header or c.letter for c in columns),
            )
        column = match[0]
        for index, existing in list(mapping.items()):
            if field and existing == field and index != column.index:
                del mapping[index]  # the field moves to the column the user named
        if field:
            mapping[column.index] = field
        else:
            mapping.pop(column.index, None)
    return mapping


def check_mapping(mapping: Mapping[int, str]) -> None:
    fields = list(mapping.values())
    for field in fields:
        if field not in FIELDS:
            raise ValidationError("import.unknown_field", field=field, fields=", ".join(FIELDS))
    doubled = sorted({f for f in fields if fields.count(f) > 1})
    if doubled:
        raise ValidationError("import.field_twice", field=FIELDS[doubled[0]][0])
    has = set(fields)
    names = {"first_name", "last_name"} <= has or bool(has & {"full_name", "full_name_reversed"})
    if not names:
        raise ValidationError("import.mapping_needs_names")


# --- the remembered mapping -------------------------------------------------------------


def _mapping_path() -> Path:
    return data_dir() / MAPPING_FILE


def load_remembered() -> dict[str, str]:
    """Normalised header name -> field ("" = ignored), as the user last confirmed it."""
    try:
        raw = json.loads(_mapping_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    columns = raw.get("columns") if isinstance(raw, dict) else None
    if not isinstance(columns, dict):
        return {}
    return {
        str(k): str(v)
        for k, v in columns.items()
        if isinstance(v, str) and (v in FIELDS or v == "")
    }


def remember_mapping(columns: list[ColumnInfo], mapping: Mapping[int, str]) -> None:
    """Keep the confirmed choice for the next file with the same header names."""
    known = load_remembered()
    for column in columns:
        key = normalise(column.header)
        if key:
            known[key] = mapping.get(column.index, IGNORE)
    path = _mapping_path()
    text = json.dumps({"version": 1, "columns": known}, ensure_ascii=False, indent=1)
    # Called after the import has committed: a mapping not remembered (the folder read-only,
    # the file held by antivirus on Windows) must not turn a done import into a failure.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text.encode("utf-8"))
    except (OSError, StorageError) as exc:
        log.warning("the column mapping was not remembered: %s", exc)
