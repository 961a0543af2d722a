"""The month report of hours and the graduates list against hand-written SQL.

Target (issue: scale and speed): within 2× of the bare query, and the month report under
100 ms for a month of the 300×10 office. The bare queries compute the same sums with one
statement on a plain sqlite3 connection and do nothing else.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from common import TODAY, Result, demo_db, median_time

from kisdesk.db.database import Database
from kisdesk.services import graduates, hours

MONTH = (2026, 10)  # the last full month before TODAY

BARE_MONTH = """
SELECT p.id, p.participant_id, pt.first_name, pt.last_name, p.group_id, p.start_on, p.end_on,
       COALESCE(SUM(a.minutes), 0),
       COALESCE(SUM(CASE WHEN a.date <= :as_of THEN
             CASE t.mark WHEN 'present' THEN a.minutes
                         WHEN 'partial' THEN MIN(t.minutes, a.minutes) ELSE 0 END
           ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN a.date > :as_of THEN a.minutes ELSE 0 END), 0)
FROM participation p
JOIN participant pt ON pt.id = p.participant_id
LEFT JOIN activity a
  ON a.date BETWEEN :first AND :last
 AND a.date >= p.start_on AND (p.end_on IS NULL OR a.date <= p.end_on)
 AND (a.group_id = p.group_id OR a.participant_id = p.participant_id
      OR EXISTS (SELECT 1 FROM attendance g
                 WHERE g.activity_id = a.id AND g.participant_id = p.participant_id))
LEFT JOIN attendance t ON t.activity_id = a.id AND t.participant_id = p.participant_id
WHERE p.start_on <= :last AND (p.end_on IS NULL OR p.end_on >= :first)
GROUP BY p.id
ORDER BY pt.last_name, pt.first_name, p.start_on
"""

BARE_GRADUATES = """
SELECT p.id, strftime('%Y', a.date), strftime('%m', a.date),
       SUM(CASE t.mark WHEN 'present' THEN a.minutes
                       WHEN 'partial' THEN MIN(t.minutes, a.minutes) ELSE 0 END)
FROM participation p
JOIN attendance t ON t.participant_id = p.participant_id
JOIN activity a ON a.id = t.activity_id AND a.date >= p.start_on
 AND (p.end_on IS NULL OR a.date <= p.end_on) AND a.date <= :as_of
WHERE p.start_on <= :as_of
GROUP BY p.id, 1 + 0, 2, 3
"""


def _bare(path: Path, sql: str, params: dict[str, str]) -> None:
    con = sqlite3.connect(path)
    con.execute(sql, params).fetchall()
    con.close()


def run(size: str) -> list[Result]:
    path = demo_db(size)
    db = Database(f"sqlite:///{path}")
    first, last = f"{MONTH[0]}-{MONTH[1]:02d}-01", f"{MONTH[0]}-{MONTH[1]:02d}-31"
    as_of = TODAY.isoformat()

    def ours_month() -> None:
        with db.read() as s:
            hours.month_report(s, *MONTH, as_of=TODAY)

    def ours_graduates() -> None:
        with db.read() as s:
            graduates.graduates(s, as_of=TODAY)

    month = Result(
        "month report of hours",
        size,
        median_time(ours_month),
        median_time(
            lambda: _bare(path, BARE_MONTH, {"first": first, "last": last, "as_of": as_of})
        ),
        "hand-written SQL",
        "≤ 2× bare" + (", < 100 ms" if size == "300x10" else ""),
    )
    month.ok = month.ratio <= 2 and (size != "300x10" or month.ours < 0.1)
    grads = Result(
        "graduates list",
        size,
        median_time(ours_graduates, repeat=3),
        median_time(lambda: _bare(path, BARE_GRADUATES, {"as_of": as_of}), repeat=3),
        "hand-written SQL",
        "≤ 2× bare",
    )
    grads.ok = grads.ratio <= 2
    db.dispose()
    return [month, grads]
