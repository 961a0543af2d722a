"""Comments cite the act or the project's own docs/, never a file outside the repository
(docs/style.md#comments): whoever carries the project on must be able to follow them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Files that lived beside the repository while it was written, and paths that lead there.
OUTSIDE = re.compile(
    r"\bSPEC(?:\.md)?\s*§?\s*\d"
    r"|\bSPEC\.md\b|\bSPEC (?:worked )?example\b"
    r"|\b(?:reliability|legal|law-2026-12|misuse-2026-12|peers-2026-12|windows-2026-12"
    r"|aesthetics)\.md\b"
    r"|\bSCENARIOS\b"
    r"|\bSTYLE\.md\b"
    r"|\.\./shared\b|/work/shared\b"
)
DOC_LINK = re.compile(r"docs/([a-z-]+\.md)(?:#([a-z0-9-]+))?")


def _files() -> list[Path]:
    # docs/ too: the threat model once cited the specification it was written from
    return sorted(
        [
            p
            for folder in ("kisdesk", "tests", "docs")
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and p.suffix in {".py", ".md", ".txt", ".toml", ".mako"}
        ]
        + [ROOT / "README.md"]
    )


def test_nothing_cites_a_file_outside_the_repository() -> None:
    me = Path(__file__).resolve()
    found = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()[:90]}"
        for p in _files()
        if p.resolve() != me
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if OUTSIDE.search(line)
    ]
    assert found == []


def test_the_docs_sections_cited_exist() -> None:
    """A cited docs/ file exists, and so does the anchor named after its '#'."""
    broken = []
    for p in _files():
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
            for name, anchor in DOC_LINK.findall(line):
                doc = ROOT / "docs" / name
                if not doc.exists():
                    broken.append(f"{p.relative_to(ROOT)}:{n}: docs/{name}")
                elif anchor and f'<a id="{anchor}"></a>' not in doc.read_text(encoding="utf-8"):
                    broken.append(f"{p.relative_to(ROOT)}:{n}: docs/{name}#{anchor}")
    assert broken == []


def test_the_check_would_notice_a_citation_outside() -> None:
    for cited in (
        "(SPEC §4.1)",
        "(SPEC worked example)",
        "reliability.md R9",
        "legal.md §2.3",
        "SCENARIOS §3",
        "STYLE.md",
    ):
        assert OUTSIDE.search(cited), cited
    for fine in ("docs/style.md", "art. 15 ust. 7", 'assert "SPEC" not in out', "SPECS[key]"):
        assert not OUTSIDE.search(fine), fine
