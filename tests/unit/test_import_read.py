"""Reading an office's .xlsx safely: refused files, header detection, cells as stored."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from kisdesk.errors import ValidationError
from kisdesk.services import imports_cells as cells
from kisdesk.services import imports_read
from kisdesk.services.imports import open_import
from kisdesk.services.imports_mapping import (
    find_header,
    guess_field,
    load_remembered,
    mapping_from_names,
    remember_mapping,
)
from tests.fixtures.xlsx.make_messy import write_messy, write_simple, write_zip_bomb


def _code(path: Path) -> str:
    with pytest.raises(ValidationError) as caught:
        imports_read.read_sheet(path)
    return caught.value.code


def test_a_zip_bomb_is_refused_before_opening(tmp_path: Path) -> None:
    bomb = write_zip_bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 50_000  # tiny on disk, 4 MB of XML inside
    assert _code(bomb) == "import.zip_bomb"


def test_too_much_uncompressed_data_is_refused(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = write_simple(tmp_path / "ok.xlsx", [["Nowak", "Anna", "44051401359"]])
    monkeypatch.setattr(imports_read, "MAX_UNCOMPRESSED_BYTES", 1000)
    assert _code(path) == "import.zip_bomb"


def test_an_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with big.open("wb") as fh:
        fh.truncate(imports_read.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert _code(big) == "import.too_big"


def test_files_that_are_not_xlsx_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "lista.xlsx"
    text.write_text("Nazwisko;Imię\nNowak;Anna\n", encoding="utf-8")
    assert _code(text) == "import.not_xlsx"
    old = tmp_path / "lista.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert _code(old) == "import.old_xls"
    other_zip = tmp_path / "docs.xlsx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert _code(other_zip) == "import.not_xlsx"


def test_header_below_a_title_and_the_first_visible_sheet(tmp_path: Path) -> None:
    file = open_import(str(write_messy(tmp_path / "messy.xlsx")))
    assert file.raw.sheet == "Lista 2027"  # the hidden sheet before it is skipped
    assert file.header_row == 3
    fields = {file.columns[i].header: f for i, f in file.proposed.items()}
    assert fields["Nazwisko"] == "last_name"
    assert fields["PESEL"] == "pesel"
    assert fields["Adres/Ulica"] == "street"
    assert fields["Kategoria(e)"] == "categories"
    assert fields["Data rozpoczęcia"] == "start_on"
    assert "Lp." not in fields
    numbers = [n for n, _ in file.data_rows]
    assert 8 not in numbers  # the empty row
    assert numbers[0] == 4


def test_formulas_give_cached_values_and_uncalculated_ones_are_marked(tmp_path: Path) -> None:
    raw = imports_read.read_sheet(write_messy(tmp_path / "messy.xlsx"))
    rows = dict(raw.rows)
    assert rows[20][11] == 5  # "=2+3" with the value Excel cached
    assert rows[15][10] is imports_read.NO_CACHED_VALUE  # "=A1&B1" never calculated
    assert rows[4][10] == "600 100 200"


def test_no_header_row_is_an_error(tmp_path: Path) -> None:
    wb = Workbook()
    for i in range(30):
        wb.active.append([f"wartość {i}", i])
    wb.save(tmp_path / "bez.xlsx")
    with pytest.raises(ValidationError) as caught:
        open_import(str(tmp_path / "bez.xlsx"))
    assert caught.value.code == "import.no_header"


def test_header_names_are_recognised_loosely() -> None:
    assert guess_field("  IMIĘ ") == "first_name"
    assert guess_field("Nazwisko i imię") == "full_name_reversed"
    assert guess_field("Data urodzenia (dd.mm.rrrr)") == "birth_date"
    assert guess_field("Skierowanie…") == "referral_source"
    assert guess_field("Telefon kontaktowy") == "phone"
    assert guess_field("Ulubiony kolor") is None
    rows = ((1, ("Lista",)), (2, ("Nazwisko", "Imię", "PESEL")), (3, ("Nowak", "Anna", "1")))
    assert find_header(rows) == 1


def test_the_confirmed_mapping_is_remembered(tmp_path: Path) -> None:
    path = write_simple(
        tmp_path / "a.xlsx",
        [["Nowak", "Anna", "44051401359", "x", "notatka"]],
        header=["Nazwisko", "Imię", "PESEL", "Grupa", "Zapiski"],
    )
    file = open_import(str(path))
    assert 4 not in file.proposed  # "Zapiski" means nothing to the program
    mapping = mapping_from_names(file.columns, file.proposed, {"Zapiski": "notes", "Grupa": ""})
    assert mapping[4] == "notes" and 3 not in mapping
    remember_mapping(file.columns, mapping)
    assert load_remembered()["zapiski"] == "notes"
    again = open_import(str(path))
    assert again.proposed[4] == "notes" and 3 not in again.proposed  # ignored, as chosen


def test_a_map_naming_an_unknown_column_or_field_is_refused(tmp_path: Path) -> None:
    file = open_import(str(write_simple(tmp_path / "a.xlsx", [["Nowak", "Anna", "1"]])))
    with pytest.raises(ValidationError) as caught:
        mapping_from_names(file.columns, file.proposed, {"Kolor": "notes"})
    assert caught.value.code == "import.unknown_column"
    with pytest.raises(ValidationError) as caught:
        mapping_from_names(file.columns, file.proposed, {"Nazwisko": "surname"})
    assert caught.value.code == "import.unknown_field"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2027, 3, 15), dt.date(2027, 3, 15)),
        ("15.03.2027", dt.date(2027, 3, 15)),
        ("15.03.2027 r.", dt.date(2027, 3, 15)),
        ("2027-03-15", dt.date(2027, 3, 15)),
        ("5/3/2027", dt.date(2027, 3, 5)),
        (46461, dt.date(2027, 3, 15)),
        (None, None),
        ("  ", None),
    ],
)
def test_dates_in_every_shape_offices_type_them(value, expected) -> None:  # type: ignore[no-untyped-def]
    assert cells.date_value(value, dt.datetime(1899, 12, 30)) == expected


@pytest.mark.parametrize("value", ["31.02.2027", "marzec", 12, "2027-13-01"])
def test_impossible_dates_are_errors(value) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(cells.CellError):
        cells.date_value(value, dt.datetime(1899, 12, 30))


def test_cells_to_values() -> None:
    assert cells.text(600123456.0) == "600123456"
    assert cells.text("  Anna\u00a0 Maria ") == "Anna Maria"
    assert cells.sex_value("Kobieta") == "K" and cells.sex_value("m.") == "M"
    assert cells.categories_value("2; 5") == (2, 5) and cells.categories_value(5.0) == (5,)
    assert cells.referral_value("GOPS w Zawoni") == ("ops", "GOPS w Zawoni")
    assert cells.referral_value("PUP") == ("pup", "")
    assert cells.referral_value("z własnej inicjatywy") == ("self", "")
    with pytest.raises(cells.CellError):
        cells.categories_value("12")
