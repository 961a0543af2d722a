"""Pure domain rules of kisdesk: time units, the KIS monthly minimum, the CIS weekly check,
graduate status, participation periods and PESEL validation.

Nothing here touches the database, Qt or the file system; every function takes plain values
(aggregated by the services layer, usually with SQL ``GROUP BY``) and returns plain values.
Import from the submodules, e.g. ``from kisdesk.rules.minimum import evaluate_month``.
"""
