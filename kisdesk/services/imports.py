"""Import of participants from an office's .xlsx (docs/domain.md#imports; docs/architecture.md#untrusted-files).

The steps a GUI wizard (and `kisdesk import participants`) drives:
1. `open_import(path)` reads the file safely, finds the header row and proposes a mapping
   of columns to fields (from header names and the mapping remembered last time);
2. `preview_import(session, file, mapping)` parses every row into ParticipantData and an
   optional first participation period, with every problem of the row as a code;
3. `run_import(session, file, mapping)` writes the rows without problems, on confirmation.

The import runs in the caller's one transaction with a savepoint per row: a row is written
whole (participant and period) or not at all, the good rows go in even when some rows are
refused, and a fault of the program mid-way rolls everything back. Rows go through the
same services as the participant form (add_participant, enroll), so the checks are equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import KisdeskError, ValidationError
from kisdesk.models import Contract, Group, Participant
from kisdesk.rules.first_names import usual_sex
from kisdesk.rules.periods import FIRST_PERIOD_YEAR, check_period_dates
from kisdesk.rules.pesel import PeselError, Sex, check_consistency, normalize_pesel, parse_pesel
from kisdesk.services import imports_cells as cells
from kisdesk.services.common import require
from kisdesk.services.imports_mapping import (
    FIELDS,
    ColumnInfo,
    check_mapping,
    columns_of,
    find_header,
    propose_mapping,
)
from kisdesk.services.imports_read import NO_CACHED_VALUE, RawSheet, read_sheet
from kisdesk.services.participants import (
    ParticipantData,
    add_participant,
    add_participants,
    find_by_pesel,
    validate,
)
from kisdesk.services.participations import enroll, enroll_new


@dataclass(frozen=True, slots=True)
class ImportFile:
    """A sheet read from disk, its header row and the proposed column mapping."""

    raw: RawSheet
    header_row: int  # Excel row number of the header
    columns: list[ColumnInfo]
    proposed: dict[int, str]  # column index -> field

    @property
    def data_rows(self) -> list[tuple[int, tuple[Any, ...]]]:
        return [r for r in self.raw.rows if r[0] > self.header_row]


@dataclass(frozen=True, slots=True)
class RowIssue:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_error(self) -> KisdeskError:
        """For kisdesk.messages.describe()."""
        return KisdeskError(self.code, **self.params)


@dataclass(frozen=True, slots=True)
class PreviewRow:
    row: int  # Excel row number
    data: ParticipantData | None  # None when the row cannot be read at all
    start_on: dt.date | None
    planned_end_on: dt.date | None
    group_id: int | None
    group: str
    errors: tuple[RowIssue, ...]
    warnings: tuple[RowIssue, ...] = ()
    contract_number: str = ""  # the first period's kontrakt/IPZS (docs/domain.md#kontrakt-ipzs)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class ImportPreview:
    mapping: dict[int, str]
    rows: list[PreviewRow]

    @property
    def ok_count(self) -> int:
        return sum(1 for r in self.rows if r.ok)

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if not r.ok)


@dataclass(frozen=True, slots=True)
class RowResult:
    row: int
    status: str  # imported | error | skipped
    errors: tuple[RowIssue, ...]
    participant_id: int | None = None
    participation_id: int | None = None
    warnings: tuple[RowIssue, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportResult:
    rows: list[RowResult]

    @property
    def imported(self) -> int:
        return sum(1 for r in self.rows if r.status == "imported")

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.status == "error")

    @property
    def skipped(self) -> int:
        return sum(1 for r in self.rows if r.status == "skipped")


def open_import(path: str, sheet: str | None = None) -> ImportFile:
    """Read the file (refusing unsafe ones), find the header, propose the mapping."""
    raw = read_sheet(path, sheet)
    position = find_header(raw.rows)
    columns = columns_of(raw.rows, position)
    return ImportFile(raw, raw.rows[position][0], columns, propose_mapping(columns))


# --- one row -------------------------------------------------------------------------


def _split_name(value: str, reversed_order: bool) -> tuple[str, str]:
    """(first, last) from "Anna Maria Nowak" or, reversed, "Nowak Anna Maria"."""
    parts = value.split()
    if len(parts) < 2:
        return "", value
    if reversed_order:
        return " ".join(parts[1:]), parts[0]
    return " ".join(parts[:-1]), parts[-1]


class _RowReader:
    def __init__(self, file: ImportFile, mapping: Mapping[int, str], groups: dict[str, int]):
        self.file, self.mapping, self.groups = file, mapping, groups
        self.headers = {c.index: c.header or c.letter for c in file.columns}

    def read(self, number: int, values: tuple[Any, ...], fix_zeros: bool) -> PreviewRow | None:
        got: dict[str, Any] = {}
        errors: list[RowIssue] = []
        warnings: list[RowIssue] = []
        for index, name in self.mapping.items():
            value = values[index] if index < len(values) else None
            if value is NO_CACHED_VALUE:
                errors.append(
                    RowIssue("import.formula_without_value", {"column": self.headers[index]})
                )
                value = None
            got[name] = value
        if all(cells.is_blank(v) for v in got.values()) and not errors:
            return None  # an empty row (or one with only unmapped notes): skipped silently

        def parse(name: str, fn: Any, *args: Any) -> Any:
            try:
                return fn(got.get(name), *args)
            except cells.CellError as exc:
                errors.append(RowIssue(exc.code, {**exc.params, "field": FIELDS[name][0]}))
                return None

        def bad(name: str) -> bool:
            """The cell of `name` was filled in but could not be read (already reported)."""
            return any(e.params.get("field") == FIELDS[name][0] for e in errors)

        epoch = self.file.raw.epoch
        first, last = cells.text(got.get("first_name")), cells.text(got.get("last_name"))
        for key, rev in (("full_name", False), ("full_name_reversed", True)):
            if not (first or last) and cells.text(got.get(key)):
                first, last = _split_name(cells.text(got.get(key)), rev)
        if not first:
            errors.append(RowIssue("participant.first_name_required"))
        if not last:
            errors.append(RowIssue("participant.last_name_required"))
        birth = parse("birth_date", cells.date_value, epoch)
        sex = parse("sex", cells.sex_value)
        pesel = None
        raw_pesel: Any = got.get("pesel")
        if isinstance(raw_pesel, bool) or not isinstance(raw_pesel, (str, int, float, type(None))):
            raw_pesel = cells.text(raw_pesel)  # e.g. a date: Excel took the digits for one
        if not cells.is_blank(raw_pesel):
            try:
                info = parse_pesel(raw_pesel)
            except PeselError as exc:
                shown = normalize_pesel(raw_pesel)
                if exc.code == "pesel.lost_leading_zero" and fix_zeros and exc.suggestion:
                    info = parse_pesel(exc.suggestion)
                    warnings.append(
                        RowIssue(
                            "import.pesel_zero_restored", {"value": shown, "pesel": info.pesel}
                        )
                    )
                else:
                    info = None
                    errors.append(
                        RowIssue(exc.code, {"value": shown, "suggestion": exc.suggestion})
                    )
            if info is not None:
                pesel = info.pesel
                for code in check_consistency(info, birth, Sex(sex) if sex else None):
                    errors.append(
                        RowIssue(
                            code,
                            {
                                "pesel": info.pesel,
                                "pesel_birth_date": info.birth_date.isoformat(),
                                "pesel_sex": info.sex.value,
                            },
                        )
                    )
                birth, sex = info.birth_date, info.sex.value
        else:
            if birth is None and not bad("birth_date"):
                errors.append(RowIssue("participant.birth_date_required"))
            if sex is None and not bad("sex"):
                errors.append(RowIssue("participant.sex_required"))
        usual = usual_sex(first)
        if sex in ("K", "M") and usual is not None and usual != sex:
            # a PESEL from the next row of the sheet, or names swapped between columns: said,
            # not refused (a name is the person's own; the lists know only the frequent ones)
            code = "import.name_usually_female" if usual == "K" else "import.name_usually_male"
            warnings.append(RowIssue(code, {"name": first}))
        categories = parse("categories", cells.categories_value) or ()
        source, institution = cells.referral_value(got.get("referral_source"))
        institution = cells.text(got.get("referral_institution")) or institution
        start = parse("start_on", cells.date_value, epoch)
        planned = parse("planned_end_on", cells.date_value, epoch)
        group_name = cells.text(got.get("group"))
        group_id = None
        if group_name:
            group_id = self.groups.get(group_name.lower())
            if group_id is None:
                errors.append(RowIssue("import.unknown_group", {"name": group_name}))
        if start is None and (group_name or planned) and not bad("start_on"):
            errors.append(RowIssue("import.start_required"))
        if start is not None:
            born = birth if isinstance(birth, dt.date) else None
            for code in check_period_dates(start, planned, None, born):
                errors.append(
                    RowIssue(
                        code,
                        {
                            "start": start.isoformat(),
                            "born": born.isoformat() if born else None,
                            "first_year": FIRST_PERIOD_YEAR,
                        },
                    )
                )
        data = ParticipantData(
            first_name=first,
            last_name=last,
            pesel=pesel,
            birth_date=birth,
            sex=sex,
            id_document=cells.text(got.get("id_document")),
            street=cells.text(got.get("street")),
            postal_code=cells.text(got.get("postal_code")),
            city=cells.text(got.get("city")),
            gmina=cells.text(got.get("gmina")),
            powiat=cells.text(got.get("powiat")),
            phone=cells.text(got.get("phone")),
            categories=categories,
            referral_source=source,
            referral_institution=institution,
            referral_date=parse("referral_date", cells.date_value, epoch),
            referral_number=cells.text(got.get("referral_number")),
            notes=cells.text(got.get("notes")),
        )
        if not errors:
            try:
                data = validate(data)  # the participant form's own checks, for the rest
            except ValidationError as exc:
                errors.append(RowIssue(exc.code, dict(exc.params)))
        return PreviewRow(
            number,
            data,
            start,
            planned,
            group_id,
            group_name,
            tuple(errors),
            tuple(warnings),
            cells.text(got.get("contract_number")),
        )


def _with_duplicates(session: Session, rows: list[PreviewRow]) -> list[PreviewRow]:
    """Flag a person who appears twice in the file (later rows) or is already on file."""
    seen: dict[Any, int] = {}
    on_file = _people_with_pesels(session, [r.data.pesel for r in rows if r.data and r.data.pesel])
    out = []
    for r in rows:
        extra: list[RowIssue] = []
        d = r.data
        if d is not None and d.first_name and d.last_name and d.birth_date:
            key: Any = (
                ("pesel", d.pesel)
                if d.pesel
                else (
                    "name",
                    d.last_name.lower(),
                    d.first_name.lower(),
                    d.birth_date,
                )
            )
            if key in seen:
                extra.append(RowIssue("import.duplicate_in_file", {"first_row": seen[key]}))
            else:
                seen[key] = r.row
            existing = on_file.get(d.pesel) if d.pesel else _existing(session, d)
            if existing is not None:
                extra.append(
                    RowIssue(
                        "import.exists_in_db",
                        {"existing_id": existing[0], "existing_name": existing[1]},
                    )
                )
        out.append(replace(r, errors=r.errors + tuple(extra)) if extra else r)
    return out


def _people_with_pesels(session: Session, pesels: list[str]) -> dict[str, tuple[int, str]]:
    """PESEL -> (id, name) of the people already on file, in a few queries for a whole file
    instead of one per row."""
    found: dict[str, tuple[int, str]] = {}
    wanted = sorted({p.strip() for p in pesels})
    for chunk in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
        for person in session.scalars(
            select(Participant).where(Participant.pesel.in_(wanted[chunk : chunk + 500]))
        ):
            if person.pesel:
                found[person.pesel] = (person.id, person.full_name)
    return found


def _existing(session: Session, d: ParticipantData) -> tuple[int, str] | None:
    if d.pesel:
        found = find_by_pesel(session, d.pesel)
    else:
        found = session.scalar(
            select(Participant.id).where(
                func.lower(Participant.last_name) == d.last_name.lower(),
                func.lower(Participant.first_name) == d.first_name.lower(),
                Participant.birth_date == d.birth_date,
            )
        )
    if found is None:
        return None
    person = session.get(Participant, found)
    return found, person.full_name if person else ""


def preview_import(
    session: Session, file: ImportFile, mapping: Mapping[int, str], fix_leading_zeros: bool = False
) -> ImportPreview:
    """Every data row parsed, with its problems; nothing is written."""
    require(session, Permission.READ)
    mapping = dict(mapping)
    check_mapping(mapping)
    groups = {name.lower(): gid for gid, name in session.execute(select(Group.id, Group.name))}
    reader = _RowReader(file, mapping, groups)
    rows = [
        row
        for number, values in file.data_rows
        if (row := reader.read(number, values, fix_leading_zeros)) is not None
    ]
    return ImportPreview(mapping, _with_duplicates(session, rows))


def run_import(
    session: Session,
    file: ImportFile,
    mapping: Mapping[int, str],
    fix_leading_zeros: bool = False,
    exclude_rows: Collection[int] = (),
) -> ImportResult:
    """Write the rows without problems (confirmed by the user); report every row.

    The preview is made again inside this transaction, so a person added meanwhile is
    caught. Each row gets a savepoint: participant and period are written together or not.
    """
    require(session, Permission.EDIT_PARTICIPANTS)
    preview = preview_import(session, file, mapping, fix_leading_zeros)
    good = [
        r for r in preview.rows if r.row not in exclude_rows and not r.errors and r.data is not None
    ]
    written = _write_in_bulk(session, good)
    results = []
    for r in preview.rows:
        if r.row in written:
            person_id, period_id = written[r.row]
            results.append(RowResult(r.row, "imported", (), person_id, period_id, r.warnings))
            continue
        if r.row in exclude_rows:
            results.append(RowResult(r.row, "skipped", ()))
            continue
        if r.errors or r.data is None:
            results.append(RowResult(r.row, "error", r.errors))
            continue
        try:
            with session.begin_nested():
                person_id = add_participant(session, r.data)
                period_id = (
                    enroll(session, person_id, r.start_on, r.planned_end_on, r.group_id)
                    if r.start_on is not None
                    else None
                )
                if period_id is not None and r.contract_number:
                    # The number alone: the date and the rest are completed on the card.
                    session.add(Contract(participation_id=period_id, number=r.contract_number))
                    session.flush()
        except KisdeskError as exc:
            results.append(RowResult(r.row, "error", (RowIssue(exc.code, dict(exc.params)),)))
            continue
        results.append(RowResult(r.row, "imported", (), person_id, period_id, r.warnings))
    return ImportResult(results)


def _write_in_bulk(session: Session, rows: list[Any]) -> dict[int, tuple[int, int | None]]:
    """The checked rows in two flushes (people, then their periods), each change still in the
    audit log; {} when the bulk write is refused (someone added meanwhile…), and the rows are
    then written one by one, each refusal reported at its row (docs/domain.md#imports)."""
    if not rows:
        return {}
    try:
        with session.begin_nested():
            ids = add_participants(session, [r.data for r in rows])
            dated = [(r, pid) for r, pid in zip(rows, ids, strict=True) if r.start_on is not None]
            period_ids = enroll_new(
                session, [(pid, r.start_on, r.planned_end_on, r.group_id) for r, pid in dated]
            )
    except KisdeskError:
        return {}
    periods = {r.row: period for (r, _pid), period in zip(dated, period_ids, strict=True)}
    return {r.row: (pid, periods.get(r.row)) for r, pid in zip(rows, ids, strict=True)}
