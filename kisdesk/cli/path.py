"""Commands of the participant's path: kontrakt socjalny / IPZS per period and reviews
(docs/domain.md#kontrakt-ipzs)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any

from kisdesk.access import Permission
from kisdesk.cli import Output
from kisdesk.cli.args import iso, parse_date, parse_int, parse_optional_date
from kisdesk.cli.issued_file import issued_file
from kisdesk.db import Database
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.services import contracts, reviews
from kisdesk.services.documents_common import CONTRACT_STATE_LABELS, GOAL_STATE_LABELS
from kisdesk.services.documents_path import path_letter


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "contract", parents=[common], help=tr("kontrakt socjalny (KIS) / IPZS (CIS) okresu")
    )
    sub = p.add_subparsers(
        dest="action",
        required=True,
        metavar="set|show|goal-add|annex-add|trial-decision|end",
    )
    s = sub.add_parser("set", parents=[common], help=tr("zapisz lub popraw kontrakt / IPZS"))
    s.add_argument("participation_id", metavar="PARTICIPATION_ID")
    s.add_argument("--number", required=True)
    s.add_argument("--signed-on", required=True, metavar="RRRR-MM-DD")
    s.add_argument("--from", dest="from_on", metavar="RRRR-MM-DD")
    s.add_argument("--to", dest="to_on", metavar="RRRR-MM-DD")
    s.add_argument("--institution", default=None)
    s.add_argument("--worker", default=None)
    s.add_argument("--status", choices=list(contracts.STATUSES), default=None)
    s.add_argument("--status-on", metavar="RRRR-MM-DD")
    s.set_defaults(handler=cmd_contract_set)
    w = sub.add_parser("show", parents=[common], help=tr("pokaż kontrakt / IPZS okresu"))
    w.add_argument("participation_id", metavar="PARTICIPATION_ID")
    w.set_defaults(handler=cmd_contract_show)
    g = sub.add_parser("goal-add", parents=[common], help=tr("dodaj cel kontraktu / IPZS"))
    g.add_argument("participation_id", metavar="PARTICIPATION_ID")
    g.add_argument("--text", required=True)
    g.add_argument("--area", choices=["social", "vocational"], default="")
    g.add_argument("--due", metavar="RRRR-MM-DD")
    g.add_argument("--actions", default="", help=tr("uzgodnione działania"))
    g.add_argument("--responsible", default="", help=tr("kto odpowiada"))
    g.set_defaults(handler=cmd_goal_add)
    a = sub.add_parser("annex-add", parents=[common], help=tr("dodaj aneks (zmianę)"))
    a.add_argument("participation_id", metavar="PARTICIPATION_ID")
    a.add_argument("--on", required=True, metavar="RRRR-MM-DD")
    a.add_argument("--change", required=True)
    a.set_defaults(handler=cmd_annex_add)

    t = sub.add_parser(
        "trial-decision",
        parents=[common],
        help=tr("CIS: kwalifikacja po okresie próbnym i zawiadomienie OPS (art. 15 ust. 2)"),
    )
    t.add_argument("participation_id", metavar="PARTICIPATION_ID")
    t.add_argument("--decision", required=True, choices=list(reviews.TRIAL_DECISIONS))
    t.add_argument("--on", required=True, metavar="RRRR-MM-DD")
    t.add_argument("--note", default="")
    t.add_argument("--ops", default="", metavar="TEKST", help=tr("adresat: kierownik OPS"))
    t.add_argument("--out", metavar="PLIK.pdf", help=tr("zawiadomienie do OPS"))
    t.set_defaults(handler=cmd_trial_decision)
    e = sub.add_parser(
        "end",
        parents=[common],
        help=tr("CIS: zakończenie IPZS; decyzja z pouczeniem o skardze (art. 13 ust. 4–4b)"),
    )
    e.add_argument("participation_id", metavar="PARTICIPATION_ID")
    e.add_argument("--ground", required=True, choices=list(reviews.END_GROUNDS))
    e.add_argument("--on", required=True, metavar="RRRR-MM-DD")
    e.add_argument("--justification", default="")
    e.add_argument("--out", metavar="PLIK.pdf", help=tr("decyzja kierownika"))
    e.set_defaults(handler=cmd_end_ipzs)

    p = commands.add_parser("review", parents=[common], help=tr("przeglądy kontraktu / IPZS"))
    sub = p.add_subparsers(dest="action", required=True, metavar="add|correct|list")
    r = sub.add_parser("add", parents=[common], help=tr("zapisz przegląd realizacji"))
    r.add_argument("participation_id", metavar="PARTICIPATION_ID")
    r.add_argument("--on", required=True, metavar="RRRR-MM-DD")
    r.add_argument(
        "--goal",
        action="append",
        default=[],
        metavar="GOAL_ID=achieved|in_progress|not_achieved",
    )
    r.add_argument("--note", default="")
    r.add_argument("--attendees", default="", help=tr("kto uczestniczył w przeglądzie"))
    r.set_defaults(handler=cmd_review_add)
    c = sub.add_parser("correct", parents=[common], help=tr("popraw zapisany przegląd"))
    c.add_argument("review_id", metavar="REVIEW_ID")
    c.add_argument("--on", required=True, metavar="RRRR-MM-DD")
    c.add_argument(
        "--goal",
        action="append",
        default=[],
        metavar="GOAL_ID=achieved|in_progress|not_achieved",
    )
    c.add_argument("--note", default=None)
    c.add_argument("--attendees", default=None, help=tr("kto uczestniczył w przeglądzie"))
    c.set_defaults(handler=cmd_review_correct)
    ls = sub.add_parser("list", parents=[common], help=tr("przeglądy okresu i ich plan"))
    ls.add_argument("participation_id", metavar="PARTICIPATION_ID")
    ls.add_argument("--as-of", metavar="RRRR-MM-DD")
    ls.set_defaults(handler=cmd_review_list)


def _id(value: str, what: str) -> int:
    return parse_int(value, what)


def contract_payload(view: contracts.ContractView | None, participation_id: int) -> dict[str, Any]:
    if view is None:
        return {"participation_id": participation_id, "contract": None}
    return {
        "participation_id": participation_id,
        "contract": {
            "id": view.id,
            "number": view.number,
            "signed_on": iso(view.signed_on),
            "from": iso(view.from_on),
            "to": iso(view.to_on),
            "institution": view.institution,
            "worker": view.social_worker,
            "status": view.status,
            "status_on": iso(view.status_on),
            "trial_decision": view.trial_decision or None,
            "trial_decision_on": iso(view.trial_decision_on),
            "goals": [
                {
                    "id": g.id,
                    "text": g.text,
                    "area": g.area or None,
                    "actions": g.actions,
                    "responsible": g.responsible,
                    "due": iso(g.due_on),
                    "status": g.status,
                }
                for g in view.goals
            ],
            "annexes": [
                {"id": a.id, "on": iso(a.signed_on), "change": a.change} for a in view.annexes
            ],
        },
    }


def _contract_text(view: contracts.ContractView | None, participation_id: int) -> str:
    if view is None:
        return tr("Okres {id}: brak zapisanego kontraktu / IPZS.").format(id=participation_id)
    lines = [
        tr("Okres {id}: kontrakt / IPZS nr {number} z {signed} – {state}{on}").format(
            id=participation_id,
            number=view.number,
            signed=iso(view.signed_on) or "—",
            state=CONTRACT_STATE_LABELS.get(view.status, view.status),
            on=f" ({iso(view.status_on)})" if view.status_on else "",
        )
    ]
    if view.institution or view.social_worker:
        lines.append(f"  {view.institution} {view.social_worker}".rstrip())
    for g in view.goals:
        lines.append(
            f"  [{g.id}] {g.text} – {GOAL_STATE_LABELS.get(g.status, g.status)}"
            + (f", {tr('termin')} {iso(g.due_on)}" if g.due_on else "")
        )
    for a in view.annexes:
        lines.append(f"  {tr('aneks')} {iso(a.signed_on)}: {a.change}")
    return "\n".join(lines)


def cmd_contract_set(db: Database, args: argparse.Namespace) -> Output:
    pid = _id(args.participation_id, "PARTICIPATION_ID")
    signed = parse_date(args.signed_on)
    from_on, to_on = parse_optional_date(args.from_on), parse_optional_date(args.to_on)
    status_on = parse_optional_date(args.status_on)
    with db.session() as s:
        old = contracts.contract_of(s, pid, Permission.EDIT_PARTICIPANTS)
        # Options left out keep what is recorded (a correction names only what changes).
        data = contracts.ContractData(
            number=args.number,
            signed_on=signed,
            from_on=from_on if args.from_on is not None else (old.from_on if old else None),
            to_on=to_on if args.to_on is not None else (old.to_on if old else None),
            institution=args.institution
            if args.institution is not None
            else (old.institution if old else ""),
            social_worker=args.worker
            if args.worker is not None
            else (old.social_worker if old else ""),
            status=args.status or (old.status if old else "in_progress"),
            status_on=status_on
            if args.status_on is not None
            else (old.status_on if old and not args.status else None),
        )
        view = contracts.set_contract(s, pid, data)
    return Output(contract_payload(view, pid), _contract_text(view, pid))


def cmd_contract_show(db: Database, args: argparse.Namespace) -> Output:
    pid = _id(args.participation_id, "PARTICIPATION_ID")
    with db.read() as s:
        view = contracts.contract_of(s, pid)
    return Output(contract_payload(view, pid), _contract_text(view, pid))


def cmd_goal_add(db: Database, args: argparse.Namespace) -> Output:
    pid = _id(args.participation_id, "PARTICIPATION_ID")
    due = parse_optional_date(args.due)
    with db.session() as s:
        goal = contracts.add_goal(
            s, pid, args.text, args.area, due, actions=args.actions, responsible=args.responsible
        )
    payload = {
        "participation_id": pid,
        "goal": {
            "id": goal.id,
            "text": goal.text,
            "area": goal.area or None,
            "due": iso(goal.due_on),
            "status": goal.status,
        },
    }
    return Output(payload, tr("Dodano cel nr {id}: {text}").format(id=goal.id, text=goal.text))


def cmd_annex_add(db: Database, args: argparse.Namespace) -> Output:
    pid = _id(args.participation_id, "PARTICIPATION_ID")
    on = parse_date(args.on)
    with db.session() as s:
        annex = contracts.add_annex(s, pid, on, args.change)
    payload = {"participation_id": pid, "annex": {"id": annex.id, "on": iso(annex.signed_on)}}
    return Output(payload, tr("Zapisano aneks z {on}.").format(on=iso(annex.signed_on)))


def _saved_with_letter(
    db: Database, out: str | None, work: Callable[[Any], Any], render: Callable[[Any, Any], Any]
) -> None:
    """The decision saved and its letter written together (cli.issued_file): a letter that
    cannot be written leaves the decision unsaved, to be given again with another --out."""
    if not out:
        with db.session() as s:
            work(s)
        return
    with issued_file(db, out) as (s, tmp):
        render(work(s), tmp)


def cmd_trial_decision(db: Database, args: argparse.Namespace) -> Output:
    from kisdesk.reports.pdf import path_letters

    pid = _id(args.participation_id, "PARTICIPATION_ID")
    on = parse_date(args.on)

    def work(s: Any) -> Any:
        reviews.set_trial_decision(s, pid, args.decision, on, args.note)
        return path_letter(s, "trial_notice", pid, args.decision, on, args.note, args.ops)

    _saved_with_letter(db, args.out, work, path_letters.render)
    return Output(
        {"participation_id": pid, "trial_decision": args.decision, "on": iso(on)},
        tr("Zapisano decyzję po okresie próbnym ({on}).").format(on=iso(on)),
    )


def cmd_end_ipzs(db: Database, args: argparse.Namespace) -> Output:
    from kisdesk.reports.pdf import path_letters

    pid = _id(args.participation_id, "PARTICIPATION_ID")
    on = parse_date(args.on)

    def work(s: Any) -> Any:
        reviews.end_ipzs(s, pid, args.ground, on, args.justification)
        return path_letter(s, "ipzs_decision", pid, args.ground, on, args.justification)

    # a decision only for breach or leaving (art. 13): the statement's ending has no letter
    out = args.out if args.ground != "statement" else None
    _saved_with_letter(db, out, work, path_letters.render)
    return Output(
        {"participation_id": pid, "status": "terminated", "ground": args.ground, "on": iso(on)},
        tr("Zakończono realizację IPZS z dniem {on}.").format(on=iso(on)),
    )


def parse_goal_progress(value: str) -> tuple[int, str]:
    """`GOAL_ID=achieved|in_progress|not_achieved` of a review."""
    match = re.fullmatch(r"\s*(\d+)\s*=\s*([a-z_]+)\s*", value)
    if not match or match[2] not in contracts.GOAL_STATUSES:
        raise ValidationError("review.bad_goal_arg", value=value)
    return int(match[1]), match[2]


def _goal_progress(values: list[str]) -> dict[int, str]:
    progress: dict[int, str] = {}
    for value in values:
        goal_id, state = parse_goal_progress(value)
        if goal_id in progress:
            raise ValidationError("review.goal_twice", goal_id=goal_id)
        progress[goal_id] = state
    return progress


def review_payload(review: reviews.ReviewRow) -> dict[str, Any]:
    return {
        "id": review.id,
        "on": iso(review.held_on),
        "goals": [{"goal_id": g, "progress": p} for g, p in review.progress],
        "note": review.note,
        "attendees": review.attendees,
    }


def cmd_review_add(db: Database, args: argparse.Namespace) -> Output:
    pid = _id(args.participation_id, "PARTICIPATION_ID")
    on = parse_date(args.on)
    progress = _goal_progress(args.goal)
    with db.session() as s:
        review = reviews.add_review(s, pid, on, progress, args.note, args.attendees)
    payload = {"participation_id": pid, "review": review_payload(review)}
    return Output(
        payload,
        tr("Zapisano przegląd z {on} (cele: {n}).").format(on=iso(on), n=len(review.progress)),
    )


def cmd_review_correct(db: Database, args: argparse.Namespace) -> Output:
    rid = _id(args.review_id, "REVIEW_ID")
    on = parse_date(args.on)
    progress = _goal_progress(args.goal)
    with db.session() as s:
        review = reviews.correct_review(s, rid, on, progress, args.note, args.attendees)
    payload = {"participation_id": review.participation_id, "review": review_payload(review)}
    return Output(payload, tr("Poprawiono przegląd nr {id} ({on}).").format(id=rid, on=iso(on)))


def cmd_review_list(db: Database, args: argparse.Namespace) -> Output:
    import datetime as dt

    pid = _id(args.participation_id, "PARTICIPATION_ID")
    as_of = parse_optional_date(args.as_of) or dt.date.today()
    with db.read() as s:
        held = reviews.reviews_of(s, pid)
        plan = reviews.plan_states(s, pid, as_of)
    payload = {
        "participation_id": pid,
        "as_of": as_of.isoformat(),
        "reviews": [review_payload(r) for r in held],
        "planned": [{"on": iso(p.planned_on), "state": p.state} for p in plan],
    }
    states = {
        "held": tr("odbyty"),
        "overdue": tr("ZALEGŁY"),
        "due": tr("do zrobienia"),
        "planned": tr("zaplanowany"),
        "missed": tr("pominięty"),
    }
    lines = [
        tr("Przegląd nr {id} z {on}: {goals}{note}").format(
            id=r.id,
            on=iso(r.held_on),
            goals=", ".join(f"{tr('cel')} {g} {GOAL_STATE_LABELS.get(p, p)}" for g, p in r.progress)
            or tr("bez ocen celów"),
            note=f" – {r.note}" if r.note else "",
        )
        for r in held
    ]
    lines += [
        tr("Plan {on}: {state}").format(on=iso(p.planned_on), state=states.get(p.state, p.state))
        for p in plan
    ]
    return Output(
        payload, "\n".join(lines) or tr("Brak przeglądów i planu dla okresu {id}.").format(id=pid)
    )
