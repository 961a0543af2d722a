"""Polish texts of the participant's path: kontrakt/IPZS, reviews, graduate status,
eligibility (art. 1 ust. 3) and authorisations (art. 8b ust. 4)."""

from __future__ import annotations

from kisdesk.i18n import tr

# art. 1 ust. 3 of the act (kisdesk.rules.eligibility codes)
ENTITLEMENT_LABELS = {
    "unemployment_benefit": tr("zasiłek dla bezrobotnych"),
    "pre_retirement_benefit": tr("zasiłek przedemerytalny"),
    "pre_retirement_allowance": tr("świadczenie przedemerytalne"),
    "structural_pension": tr("renta strukturalna"),
    "disability_pension": tr("renta z tytułu niezdolności do pracy"),
    "retirement_pension": tr("emerytura"),
    "teacher_compensation": tr("nauczycielskie świadczenie kompensacyjne"),
}

MESSAGES = {
    "participant.bad_kind": tr(
        "Nieznany rodzaj uczestnika „{value}”. Dozwolone: art1 (osoba z art. 1 ust. 2), "
        "social_enterprise (pracownik przedsiębiorstwa społecznego)."
    ),
    "participant.enterprise_no_category": tr(
        "Pracownik przedsiębiorstwa społecznego uczestniczy poza kategoriami art. 1 ust. 2 – "
        "usuń zaznaczone kategorie albo zmień rodzaj uczestnika."
    ),
    "participation.bad_entitlement": tr(
        "Nieznane świadczenie „{value}”. Dozwolone (art. 1 ust. 3 ustawy): {allowed}."
    ),
    "participation.excluded_cis": tr(
        "Osoba uprawniona do świadczeń z art. 1 ust. 3 ustawy o zatrudnieniu socjalnym "
        "({entitlements}) nie może uczestniczyć w zajęciach centrum integracji społecznej – "
        "ustawy nie stosuje się do niej. Nic nie zapisano."
    ),
    "participation.excluded_kis": tr(
        "Osoba uprawniona do świadczeń z art. 1 ust. 3 ustawy o zatrudnieniu socjalnym "
        "({entitlements}) nie może uczestniczyć w klubie integracji społecznej (wyjątek art. 1 "
        "ust. 3a dotyczy tylko renty z tytułu niezdolności do pracy). Nic nie zapisano."
    ),
    "document.pup_not_required": tr(
        "Zaświadczenia nr {number} nie przekazuje się do urzędu pracy (dotyczy zaświadczeń CIS "
        "osób długotrwale bezrobotnych albo skierowanych przez PUP)."
    ),
    "document.pup_before_issue": tr(
        "Data przekazania do urzędu pracy ({on}) nie może być przed wydaniem zaświadczenia "
        "({issued_on})."
    ),
    "contract.none": tr(
        "Okres uczestnictwa nr {participation_id} nie ma zapisanego kontraktu socjalnego ani "
        "IPZS. Najpierw zapisz go: kisdesk contract set {participation_id} --number … "
        "--signed-on RRRR-MM-DD."
    ),
    "contract.number_required": tr("Podaj numer kontraktu socjalnego / IPZS (--number)."),
    "contract.signed_on_required": tr("Podaj datę zawarcia kontraktu / IPZS (--signed-on)."),
    "contract.bad_status": tr(
        "Nieznany stan kontraktu „{value}”. Dozwolone: in_progress (w realizacji), realised "
        "(zrealizowany), not_realised (niezrealizowany), terminated (rozwiązany)."
    ),
    "contract.to_before_from": tr(
        "Koniec okresu kontraktu ({end}) nie może być przed jego początkiem ({start})."
    ),
    "contract.status_before_signed": tr(
        "Data stanu kontraktu ({status_on}) nie może być przed datą jego zawarcia ({signed_on})."
    ),
    "contract.goal_text_required": tr("Podaj treść celu (--text)."),
    "contract.bad_area": tr(
        "Nieznany obszar „{value}”. Dozwolone: social (reintegracja społeczna), vocational "
        "(reintegracja zawodowa)."
    ),
    "contract.goal_due_before_signed": tr(
        "Termin celu ({due}) nie może być przed zawarciem kontraktu ({signed_on})."
    ),
    "contract.goal_not_found": tr("Nie ma celu o numerze {id}."),
    "contract.bad_goal_status": tr(
        "Nieznany stan celu „{value}”. Dozwolone: achieved (osiągnięty), in_progress (w toku), "
        "not_achieved (nieosiągnięty)."
    ),
    "contract.annex_text_required": tr("Opisz, co zmienia aneks."),
    "contract.annex_before_signed": tr(
        "Aneks ({on}) nie może być wcześniejszy niż zawarcie kontraktu ({signed_on})."
    ),
    "review.bad_goal_arg": tr(
        "Niepoprawne --goal „{value}”. Podaj NUMER_CELU=achieved, NUMER_CELU=in_progress albo "
        "NUMER_CELU=not_achieved (numery celów: kisdesk contract show OKRES)."
    ),
    "review.goal_twice": tr("Cel nr {goal_id} podano w tym przeglądzie dwa razy."),
    "review.goal_not_in_contract": tr(
        "Cel nr {goal_id} nie należy do kontraktu / IPZS tego okresu (nr {number}). Numery "
        "celów pokazuje: kisdesk contract show OKRES."
    ),
    "review.before_start": tr(
        "Przegląd ({on}) nie może być przed początkiem uczestnictwa ({start})."
    ),
    "review.after_end": tr("Przegląd ({on}) nie może być po końcu uczestnictwa ({end})."),
    "review.trial_cis_only": tr(
        "Okres próbny i decyzje kierownika dotyczą tylko centrum integracji społecznej (CIS)."
    ),
    "review.bad_trial_decision": tr(
        "Nieznana decyzja „{value}”. Dozwolone: qualified (zakwalifikowany), not_qualified "
        "(niezakwalifikowany)."
    ),
    "review.trial_not_over": tr(
        "Decyzję o kwalifikacji podejmuje się po okresie próbnym, który kończy się {trial_end} "
        "(podano {on})."
    ),
    "review.bad_end_ground": tr(
        "Nieznana podstawa zakończenia IPZS „{value}”. Dozwolone: breach (uporczywe naruszanie), "
        "leaving (trwałe opuszczenie zajęć), statement (oświadczenie uczestnika)."
    ),
    "review.justification_required": tr(
        "Decyzja kierownika (art. 13 ust. 4a) wymaga uzasadnienia – opisz, na czym polegało "
        "naruszenie albo opuszczenie zajęć."
    ),
    "review.already_ended": tr("Realizacja tego IPZS została już zakończona ({on})."),
    "review.not_found": tr(
        "Nie ma przeglądu o numerze {id}. Numery przeglądów pokazuje: kisdesk review list OKRES."
    ),
}

MESSAGES.update(
    {
        "authorisation.user_not_found": tr("Nie ma konta „{login}”."),
        "authorisation.person_required": tr(
            "Podaj, kogo dotyczy upoważnienie: --user LOGIN, --staff NUMER albo --name "
            "„Imię Nazwisko”."
        ),
        "authorisation.undertaking_long_before": tr(
            "Data zobowiązania do zachowania tajemnicy jest ponad rok przed upoważnieniem – "
            "sprawdź datę."
        ),
        "authorisation.not_found": tr("Nie ma upoważnienia o numerze {id}."),
        "authorisation.already_withdrawn": tr("To upoważnienie odwołano już {on}."),
        "authorisation.withdrawn_before_given": tr(
            "Odwołanie ({on}) nie może być przed nadaniem upoważnienia ({given_on})."
        ),
    }
)
