"""Settings of docs/domain.md#law-or-setting: declared once with type, default and source; stored when changed.

Every change is written to `setting_change` (who, when, old and new value), because the
office must be able to show which rule was in force when a month was checked.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kisdesk.access import Permission, actor_of
from kisdesk.errors import NotFoundError, ValidationError
from kisdesk.i18n import tr
from kisdesk.models import Setting, SettingChange
from kisdesk.rules.outcomes import parse_checkpoint_months
from kisdesk.rules.text import template_fields_ok
from kisdesk.services.common import require
from kisdesk.services.settings_specs import (
    OFFICE,
    PRACTICE,
    SPECS,
    STANDARD,
    STATUTE,
    SettingSpec,
)

__all__ = [
    "NUMBER_FIELDS",
    "OFFICE",
    "PRACTICE",
    "SPECS",
    "STANDARD",
    "STATUTE",
    "SettingChangeRow",
    "SettingSpec",
    "all_settings",
    "get_setting",
    "parse_value",
    "set_setting",
    "setting_history",
    "where_to_change",
]


def _spec(key: str) -> SettingSpec:
    spec = SPECS.get(key)
    if spec is None:
        raise NotFoundError("settings.unknown_key", key=key, known=", ".join(sorted(SPECS)))
    return spec


def parse_value(key: str, raw: Any) -> Any:
    """Check and convert a value given as text (CLI) or typed (GUI) for setting `key`."""
    spec = _spec(key)
    if spec.type is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "tak", "yes", "on"}:
            return True
        if text in {"0", "false", "nie", "no", "off"}:
            return False
        raise ValidationError("settings.not_bool", key=key, value=raw)
    if spec.type is int:
        try:
            value = int(str(raw).strip()) if not isinstance(raw, int) else raw
        except ValueError:
            raise ValidationError("settings.not_int", key=key, value=raw) from None
        if (spec.minimum is not None and value < spec.minimum) or (
            spec.maximum is not None and value > spec.maximum
        ):
            raise ValidationError(
                "settings.out_of_range", key=key, value=value, min=spec.minimum, max=spec.maximum
            )
        return value
    if key == "followup_months":
        try:
            months = parse_checkpoint_months(str(raw))
        except ValueError:
            raise ValidationError("settings.bad_months", key=key, value=raw) from None
        return ", ".join(str(m) for m in months)
    text = str(raw)
    if key.endswith("_percent"):
        return _percent(key, text)
    if key == "certificate_number_pattern":
        if not template_fields_ok(text, NUMBER_FIELDS):
            raise ValidationError("settings.bad_pattern", key=key, value=text)
        if "{n}" not in text and "{n:" not in text:
            raise ValidationError("settings.pattern_needs_n", key=key, value=text)
    return text


NUMBER_FIELDS = frozenset({"n", "year"})  # what a certificate number pattern may name


def _percent(key: str, value: str) -> str:
    text = value.strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError("settings.not_percent", key=key, value=value) from None
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise ValidationError("settings.not_percent", key=key, value=value)
    return str(int(number)) if number == number.to_integral() else text


def where_to_change(key: str) -> str:
    """Where a user changes the rule `key`, in the program's words (never the key itself)."""
    return tr("Ustawienia → Reguły: „{label}”").format(label=SPECS[key].label)


def get_setting(session: Session, key: str) -> Any:
    require(session, Permission.READ)
    spec = _spec(key)
    row = session.get(Setting, key)
    return spec.default if row is None else json.loads(row.value)


def all_settings(session: Session) -> dict[str, Any]:
    require(session, Permission.READ)
    stored = {row.key: json.loads(row.value) for row in session.scalars(select(Setting))}
    return {key: stored.get(key, spec.default) for key, spec in SPECS.items()}


def settings_as_of(session: Session, when: dt.datetime) -> dict[str, Any]:
    """Every setting as it stood at `when`: today's values with each later change taken back
    from the log of changes (newest first). A closed month is computed with the settings of
    its closing (docs/domain.md#closing-month): a contribution rate changed afterwards for
    the months to come does not change a list already signed and paid."""
    require(session, Permission.READ)
    values = all_settings(session)
    later = session.scalars(
        select(SettingChange)
        .where(SettingChange.changed_at > when)
        .order_by(SettingChange.id.desc())
    )
    for change in later:
        if change.key in values:
            old = change.old_value
            values[change.key] = SPECS[change.key].default if old is None else json.loads(old)
    return values


def set_setting(session: Session, key: str, raw: Any) -> Any:
    """Change a setting (leader only) and log the change; returns the stored value."""
    require(session, Permission.MANAGE_SETTINGS)
    value = parse_value(key, raw)
    old = get_setting(session, key)
    if key in ("weekly_min_hours", "weekly_max_hours"):
        low = value if key == "weekly_min_hours" else get_setting(session, "weekly_min_hours")
        high = value if key == "weekly_max_hours" else get_setting(session, "weekly_max_hours")
        if low > high:
            raise ValidationError("settings.weekly_min_above_max", min=low, max=high)
    if value == old:
        return value
    row = session.get(Setting, key)
    encoded = json.dumps(value)
    if row is None:
        session.add(Setting(key=key, value=encoded))
    else:
        row.value = encoded
    session.add(
        SettingChange(
            key=key, old_value=json.dumps(old), new_value=encoded, changed_by=actor_of(session).name
        )
    )
    session.flush()
    return value


@dataclass(frozen=True, slots=True)
class SettingChangeRow:
    key: str
    old_value: Any
    new_value: Any
    changed_at: Any
    changed_by: str


def setting_history(session: Session, key: str | None = None) -> list[SettingChangeRow]:
    require(session, Permission.READ)
    query = select(SettingChange).order_by(SettingChange.id)
    if key is not None:
        query = query.where(SettingChange.key == key)
    return [
        SettingChangeRow(
            c.key,
            None if c.old_value is None else json.loads(c.old_value),
            json.loads(c.new_value),
            c.changed_at,
            c.changed_by,
        )
        for c in session.scalars(query)
    ]
