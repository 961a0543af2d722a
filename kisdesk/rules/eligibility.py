"""Who may take part (docs/domain.md#participants): the art. 1 ust. 3 exclusions and the ust. 3a exception.

The act does not apply to people entitled to the benefits listed in art. 1 ust. 3. People with
a renta z tytułu niezdolności do pracy (ust. 3 pkt 6) may nevertheless take part in a KIS
(ust. 3a, on the terms of art. 18 ust. 3–5a); a CIS refuses every one of them.
"""

from __future__ import annotations

from collections.abc import Iterable

# art. 1 ust. 3, in the act's order
UNEMPLOYMENT_BENEFIT = "unemployment_benefit"  # zasiłek dla bezrobotnych
PRE_RETIREMENT_BENEFIT = "pre_retirement_benefit"  # zasiłek przedemerytalny
PRE_RETIREMENT_ALLOWANCE = "pre_retirement_allowance"  # świadczenie przedemerytalne
STRUCTURAL_PENSION = "structural_pension"  # renta strukturalna
DISABILITY_PENSION = "disability_pension"  # renta z tytułu niezdolności do pracy (pkt 6)
RETIREMENT_PENSION = "retirement_pension"  # emerytura
TEACHER_COMPENSATION = "teacher_compensation"  # nauczycielskie świadczenie kompensacyjne

ENTITLEMENTS: tuple[str, ...] = (
    UNEMPLOYMENT_BENEFIT,
    PRE_RETIREMENT_BENEFIT,
    PRE_RETIREMENT_ALLOWANCE,
    STRUCTURAL_PENSION,
    DISABILITY_PENSION,
    RETIREMENT_PENSION,
    TEACHER_COMPENSATION,
)

# Participant kinds (docs/domain.md#participants)
ART1 = "art1"  # a person of art. 1 ust. 2
SOCIAL_ENTERPRISE = "social_enterprise"  # an employee of a przedsiębiorstwo społeczne
PARTICIPANT_KINDS: tuple[str, ...] = (ART1, SOCIAL_ENTERPRISE)


def parse_entitlements(text: str) -> tuple[str, ...]:
    """Stored codes ("a,b") back to a tuple in the act's order."""
    given = {part.strip() for part in text.split(",") if part.strip()}
    return tuple(code for code in ENTITLEMENTS if code in given)


def join_entitlements(codes: Iterable[str]) -> str:
    given = set(codes)
    return ",".join(code for code in ENTITLEMENTS if code in given)


def unknown_entitlements(codes: Iterable[str]) -> list[str]:
    return [code for code in codes if code not in ENTITLEMENTS]


def excluding(office_kind: str, codes: Iterable[str]) -> tuple[str, ...]:
    """The declared entitlements that exclude the person from this office (art. 1 ust. 3):
    all of them for a CIS; for a KIS all but the renta z tytułu niezdolności (ust. 3a)."""
    given = set(codes)
    return tuple(
        code
        for code in ENTITLEMENTS
        if code in given and not (office_kind == "kis" and code == DISABILITY_PENSION)
    )


def contract_required(participant_kind: str) -> bool:
    """An employee of a social enterprise takes part without a kontrakt/IPZS (docs/domain.md#participants)."""
    return participant_kind != SOCIAL_ENTERPRISE
