"""Every public service that works on a session checks the actor's role (issue 12), and
checks it before looking anything up.

A service reads, copies or changes the office's data on behalf of the session's actor, so it
calls `require()` (kisdesk.services.common) itself. The few that do not are listed here with
the reason: they only delegate to a service that checks, or they are the machinery the
checks themselves use. A new service without either fails this test.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kisdesk.services

NOT_CHECKING_THEMSELVES = {
    # delegate to a service that checks the role first
    "activities.copy_activity": "get_activity(need=EDIT_JOURNAL) checks before the lookup",
    "activities_series.plan_repeat_of": "get_activity(need=…) checks before the lookup",
    "activities_overlap.refuse_overlap": "called by add/update_activity after their check",
    "attendance.mark_all_present": "record_activity checks",
    "attendance.expected_ids": "takes an Activity already loaded by a checking service",
    "graduates.graduate_check": "graduates() checks",
    "rodo_retention.apply_retention": "retention_due() checks MANAGE_RODO first",
    "documents_common.office_header": "called inside document services after their check",
    "documents_common.audit_print": "writes the audit entry of a print already allowed",
    "exports.count_restricted": "a count of ids inside an export already allowed",
    "rodo.restricted_among": "a filter of ids inside a checked service (no personal data)",
    "rodo.participant_years": "a retention period from the office kind or a setting (no personal data)",
    "dashboard_hours.surname_first_names": "names for rows a dashboard service already checked",
    "absences.health_visible": "whether the actor may see sick leave (no data)",
    "storage_common.backup_entry": "the audit entry of a backup the caller was allowed to make",
    # the machinery of the checks and of signing in
    "audit.require": "the check itself",
    "audit.run_after_transaction": "audit machinery (session event)",
    "audit_changes.changed_tables": "names of tables a unit of work wrote (no data)",
    "audit_changes.log_flushed_changes": "audit machinery (session event)",
    "rodo.refuse_restricted": "a guard (session event): refuses changes to restricted people",
    "audit.is_read_only": "audit machinery",
    "audit.record": "audit machinery",
    "audit.record_after": "audit machinery",
    "audit.after_transaction": "audit machinery",
    "audit.head": "id and hash of the newest entry (no personal data), kept with backups",
    "common.get_or_raise": "helper",
    "office.has_office": "whether an office exists (the first start decides on it)",
    "office.office_kind": "KIS or CIS (no personal data)",
    "users.has_users": "whether anyone must sign in",
    "users.create_first_leader": "refused once any account exists",
    "users.login": "signing in: the password is the check",
    "users.sign_in_needed": "decides whether anyone must sign in (before anyone has)",
    "audit.database_file": "the file behind the session (no data)",
    # the file against its audit chain: run by audit.verify (VIEW_AUDIT) and by `check`,
    # which reports disagreements and no personal data, and must work with nobody signed in
    "audit_trust.accounts_existed": "whether sign-in is needed (before anyone has signed in)",
    "audit_trust.account_findings": "part of audit.verify / check",
    "audit_trust.trigger_findings": "part of audit.verify / check",
    "audit_trust.backup_findings": "part of audit.verify / check",
    "audit_trust.findings": "part of audit.verify / check",
    "audit_trust.sign_in_problem": "part of users.login (signing in)",
    # the art. 9 data key (docs/threat-model.md §3.4): called inside a service that checked
    # the role first; the key itself is the check against the file (no key, no plain value)
    "sensitive.account_changed": "inside users.update_user / set_active (MANAGE_USERS)",
    "sensitive.account_created": "inside users.add_user (MANAGE_USERS) / create_first_leader",
    "sensitive.categories_for_counts": "inside the annual report's checked services",
    "sensitive.categories_of": "inside checked services; health only with VIEW_SENSITIVE and the key",
    "sensitive.current_key_id": "a fingerprint of the key (no personal data)",
    "sensitive.health_of": "checks VIEW_SENSITIVE and the key itself",
    "sensitive.key_state": "inside users.health_key_state (MANAGE_USERS)",
    "sensitive.may_see_health": "the check itself (VIEW_SENSITIVE and the key)",
    "sensitive.note_of": "inside checked services, after can_read_note",
    "sensitive.note_readable": "whether the actor holds the key (no data)",
    "sensitive.office_sealed": "whether the office has the key (no data)",
    "sensitive.open_at_sign_in": "part of users.login (the password is the check)",
    "sensitive.password_changed": "inside users.change_password (own or MANAGE_USERS)",
    "sensitive.renewed_actor": "the session's own actor",
    "sensitive.rotate": "inside users.update_user / set_active (MANAGE_USERS); needs the key",
    "sensitive.sealed_health_kept": "inside participants.get_participant (READ)",
    "sensitive.store_health": "inside the participant services (EDIT_PARTICIPANTS)",
    "sensitive.store_note": "inside add/update_activity (EDIT_JOURNAL)",
    "sensitive.take_new_recovery_key": "the key made by the unit of work that set it up",
    "sensitive.unconverted": "part of `check`: whether the key is still to be made (no data)",
    "sensitive.write_after_sign_in": "part of users.login (signing in)",
}


def _unchecked() -> set[str]:
    found = set()
    for path in sorted(Path(kisdesk.services.__file__).parent.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            params = [a.arg for a in node.args.args]
            if not params or params[0] != "session":
                continue
            calls = {
                n.func.id if isinstance(n.func, ast.Name) else getattr(n.func, "attr", "")
                for n in ast.walk(node)
                if isinstance(n, ast.Call)
            }
            if not any(name.startswith("require") for name in calls):
                found.add(f"{path.stem}.{node.name}")
    return found


def test_every_service_checks_the_role_or_says_why_not():
    unchecked = _unchecked()
    assert unchecked - set(NOT_CHECKING_THEMSELVES) == set(), "services without a role check"
    assert set(NOT_CHECKING_THEMSELVES) - unchecked == set(), "listed but now checking: remove"


LOOKUPS = {"get", "get_or_raise", "scalar", "scalars", "execute", "query", "one", "first"}


def _called(node: ast.AST) -> list[str]:
    return [
        n.func.id if isinstance(n.func, ast.Name) else getattr(n.func, "attr", "")
        for n in ast.walk(node)
        if isinstance(n, ast.Call)
    ]


def _looking_up_first() -> dict[str, list[str]]:
    """Services that query (or call a private helper, which may) before their first role
    check: a role without the right would learn from "nie znaleziono" that a record is
    missing, and from the refusal that it exists (docs/misuse-cases.md, "Roles (existence)")."""
    found = {}
    for path in sorted(Path(kisdesk.services.__file__).parent.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            if not node.args.args or node.args.args[0].arg != "session":
                continue
            before: list[str] = []
            for statement in node.body:
                names = _called(statement)
                if any(name.startswith("require") for name in names):
                    lookups = [
                        n
                        for n in before
                        if n in LOOKUPS or n.startswith("_") or n.endswith("_or_raise")
                    ]
                    if lookups:
                        found[f"{path.stem}.{node.name}"] = lookups
                    break
                before += names
    return found


def test_no_service_looks_a_record_up_before_checking_the_role():
    assert _looking_up_first() == {}
