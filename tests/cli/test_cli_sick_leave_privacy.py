"""`absence list` and `benefit` on the command line: sick leave and the sick note's number are
shown to the leader and to kadra with the health grant only (RODO art. 9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from roles_office import PASSWORDS, build, copy, run


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = build(tmp_path_factory.mktemp("sick-privacy"), kind="cis")
    with pytest.MonkeyPatch.context() as mp:
        import kisdesk.cli as cli

        mp.setenv("KISDESK_PASSWORD", PASSWORDS["renata"])
        args = ["--db", str(db), "--user", "renata", "absence", "add", "1", "--kind", "sick"]
        assert cli.main([*args, "--from", "2026-03-02", "--to", "2026-03-06",
                         "--document", "ZLA 1234567", "--note", "grypa"]) == 0  # fmt: skip
    return db


@pytest.mark.parametrize(
    ("user", "kind", "document"),
    [
        ("renata", "sick", "ZLA 1234567"),
        ("ewa", "sick", "ZLA 1234567"),
        ("jan", "excused", ""),
        ("ola", "excused", ""),
    ],
)
def test_absence_list_tells_sick_leave_only_to_health_access(
    template: Path, tmp_path: Path, capsys, user: str, kind: str, document: str
) -> None:
    db = copy(template, tmp_path)
    capsys.readouterr()
    code, out, err = run(db, "absence", "list", "--json", capsys=capsys, user=user)
    assert code == 0, err
    (row,) = json.loads(out)["rows"]
    assert (row["kind"], row["document"], row["days"]) == (kind, document, 5)
    code, out, _err = run(db, "absence", "list", capsys=capsys, user=user)
    assert code == 0
    if kind == "sick":
        assert "zwolnienie lekarskie (L4)" in out and "ZLA 1234567" in out
    else:
        assert "nieobecność usprawiedliwiona" in out
        assert "L4" not in out and "ZLA" not in out and "grypa" not in out
