"""Polish words for the demo office (kisdesk.demo): names, places, topics, notes.

Everything here is fictitious: common Polish first names and surnames combined at random,
invented gminas and powiats, invented institutions. Surnames are stored in the masculine
form; `female_surname` gives the feminine one (Kowalski → Kowalska).
"""

from __future__ import annotations

from dataclasses import dataclass

MALE_FIRST = (
    "Tomasz", "Piotr", "Krzysztof", "Andrzej", "Paweł", "Michał", "Marcin", "Jan", "Grzegorz",
    "Józef", "Łukasz", "Adam", "Zbigniew", "Jerzy", "Tadeusz", "Mateusz", "Dariusz", "Mariusz",
    "Wojciech", "Ryszard", "Jakub", "Henryk", "Robert", "Rafał", "Kazimierz", "Jacek", "Maciej",
    "Kamil", "Janusz", "Marek", "Stanisław", "Sławomir", "Artur", "Damian", "Sebastian",
    "Daniel", "Przemysław", "Wiesław", "Roman", "Dawid", "Leszek", "Zdzisław", "Bogdan",
    "Waldemar", "Mirosław", "Adrian", "Szymon", "Bartosz", "Patryk", "Edward", "Eugeniusz",
    "Czesław", "Norbert", "Arkadiusz", "Radosław", "Krystian",
)  # fmt: skip

FEMALE_FIRST = (
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna",
    "Elżbieta", "Magdalena", "Joanna", "Zofia", "Monika", "Teresa", "Danuta", "Natalia",
    "Aleksandra", "Beata", "Dorota", "Justyna", "Jadwiga", "Jolanta", "Halina", "Irena",
    "Grażyna", "Bożena", "Marta", "Renata", "Iwona", "Sylwia", "Karolina", "Paulina",
    "Wiesława", "Urszula", "Agata", "Edyta", "Patrycja", "Alicja", "Kamila", "Izabela",
    "Marianna", "Dominika", "Wioletta", "Ilona", "Mariola", "Genowefa", "Stanisława", "Aneta",
    "Emilia", "Weronika", "Lucyna", "Henryka",
)  # fmt: skip

SURNAMES = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski",
    "Zając", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel",
    "Nowakowski", "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski", "Adamczyk",
    "Dudek", "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak", "Sikora", "Baran",
    "Rutkowski", "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak", "Marciniak",
    "Wróblewski", "Zalewski", "Jakubowski", "Jasiński", "Zawadzki", "Sadowski", "Bąk",
    "Chmielewski", "Włodarczyk", "Borkowski", "Czarnecki", "Sawicki", "Sokołowski",
    "Urbański", "Kubiak", "Maciejewski", "Szczepański", "Kucharski", "Wilk", "Kalinowski",
    "Lis", "Mazurek", "Wysocki", "Adamski", "Kaźmierczak", "Wasilewski", "Sobczak",
    "Czerwiński", "Andrzejewski", "Cieślak", "Głowacki", "Zakrzewski", "Kołodziej",
    "Sikorski", "Krajewski", "Gajewski", "Szymczak", "Szulc", "Baranowski", "Laskowski",
    "Brzeziński", "Makowski", "Ziółkowski", "Przybylski", "Domański", "Nowacki", "Borowski",
    "Błaszczyk", "Chojnacki", "Ciesielski", "Mróz", "Szczepaniak", "Wesołowski", "Górecki",
    "Krupa", "Kaczmarczyk", "Leszczyński", "Lipiński", "Kowalewski", "Urbaniak", "Kozak",
    "Kania", "Mikołajczyk", "Czajkowski", "Mucha", "Tomczak", "Kozieł", "Markowski",
    "Kowalik", "Nawrocki", "Brzozowski", "Janik", "Musiał", "Wawrzyniak", "Markiewicz",
    "Orłowski", "Tomczyk", "Jarosz", "Kołodziejczyk", "Kurek", "Kopeć", "Żak", "Wolski",
    "Łuczak", "Dziedzic", "Kot", "Stasiak", "Stankiewicz", "Piątek", "Jóźwiak", "Urban",
    "Dobrowolski", "Pawlik", "Kruk", "Domagała", "Piasecki", "Wierzbicki", "Karpiński",
    "Jastrzębski", "Polak", "Zięba", "Janicki", "Wójtowicz", "Stefański", "Sosnowski",
    "Bednarek", "Majchrzak", "Bielecki", "Małecki", "Maj", "Sowa", "Milewski", "Gajda",
    "Klimek", "Olejniczak", "Ratajczak", "Romanowski", "Matuszewski", "Śliwiński", "Madej",
    "Kasprzak", "Wilczyński", "Grzelak", "Socha", "Czajka", "Kowal", "Bednarczyk", "Skiba",
    "Wrona", "Owczarek", "Marcinkowski", "Matusiak", "Orzechowski", "Sobolewski",
    "Kędzierski", "Kurowski", "Rogalski", "Wojtczak", "Duda",
)  # fmt: skip


def female_surname(surname: str) -> str:
    """Kowalski → Kowalska, Zawadzki → Zawadzka; Nowak stays Nowak."""
    if surname.endswith(("ski", "cki", "dzki")):
        return surname[:-1] + "a"
    return surname


@dataclass(frozen=True, slots=True)
class Place:
    """An invented rural gmina with its villages and neighbours in the same powiat."""

    gmina: str
    locative: str  # "w Dębowej Woli"
    powiat: str
    postal_code: str
    villages: tuple[str, ...]
    neighbours: tuple[tuple[str, str, str], ...]  # (gmina, "w …", postal code)
    powiat_town: str
    powiat_town_locative: str


PLACES = (
    Place(
        "Dębowa Wola", "w Dębowej Woli", "sokolnicki", "27-415",
        ("Zalesie Dębowe", "Brzozówka", "Nowa Wieś Dębowa", "Grabowiec", "Olszynka",
         "Podgaje", "Kolonia Dębowa", "Wólka Leśna"),
        (("Jeziorna", "w Jeziornej", "27-420"), ("Borowa Góra", "w Borowej Górze", "27-425"),
         ("Sokolniki", "w Sokolnikach", "27-400")),
        "Sokolniki", "w Sokolnikach",
    ),
    Place(
        "Jarzębiny", "w Jarzębinach", "modrzewski", "38-212",
        ("Łąkowice", "Przyłęk Mały", "Olchowa", "Zarzecze Jarzębińskie", "Kamionka",
         "Brzeziny Stare", "Stawki", "Wygoda"),
        (("Lipnica Wielka", "w Lipnicy Wielkiej", "38-215"),
         ("Czarna Struga", "w Czarnej Strudze", "38-218"), ("Modrzewo", "w Modrzewie", "38-200")),
        "Modrzewo", "w Modrzewie",
    ),
    Place(
        "Kalinowo Stare", "w Kalinowie Starym", "wrzosowski", "19-314",
        ("Kalinówka", "Borki Kalinowskie", "Zagroby", "Rudniki", "Mokre Łąki", "Jagodne",
         "Sośnina", "Przytuły Nowe"),
        (("Wrzosowo", "we Wrzosowie", "19-300"), ("Białe Błota", "w Białych Błotach", "19-320"),
         ("Gajówka", "w Gajówce", "19-325")),
        "Wrzosowo", "we Wrzosowie",
    ),
    Place(
        "Modrzewiec", "w Modrzewcu", "lipnicki", "62-731",
        ("Stara Kuźnia", "Dąbrówka Polna", "Zagórze", "Wrzosy", "Młynary", "Ostrówek",
         "Kępa Lipnicka", "Rososze"),
        (("Lipnica", "w Lipnicy", "62-700"), ("Świerkowo", "w Świerkowie", "62-735"),
         ("Kamienna Wola", "w Kamiennej Woli", "62-740")),
        "Lipnica", "w Lipnicy",
    ),
)  # fmt: skip

STREETS = (
    "Szkolna", "Kościelna", "Polna", "Leśna", "Ogrodowa", "Słoneczna", "Lipowa", "Kwiatowa",
    "Długa", "Krótka", "Kolejowa", "Mickiewicza", "Kościuszki", "Sienkiewicza", "3 Maja",
    "Jana Pawła II", "Spacerowa", "Zielona", "Młyńska", "Łąkowa", "Parkowa", "Ogrodnicza",
)  # fmt: skip

PARTICIPANT_NOTES = (
    "Dojeżdża z sąsiedniej miejscowości – zwrot kosztów dojazdu.",
    "Kontakt telefoniczny najlepiej po godz. 15.",
    "Opiekuje się niepełnosprawnym członkiem rodziny.",
    "Zainteresowanie pracą w ogrodnictwie.",
    "Prosi o kontakt przez pracownika socjalnego.",
    "Korzysta z posiłku w ramach programu gminnego.",
)

# (form from the dictionary, leader role, topics); the area comes from the dictionary.
# Topics with months are used only then (Christmas in December, snow in winter…).
GROUP_FORMS: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    (
        "warsztaty psychoedukacyjne", "psychologist", 26,
        ("Trening asertywności", "Radzenie sobie ze stresem", "Komunikacja interpersonalna",
         "Rozpoznawanie i wyrażanie emocji", "Budowanie poczucia własnej wartości",
         "Rozwiązywanie konfliktów", "Motywacja do zmiany", "Zarządzanie czasem",
         "Profilaktyka uzależnień", "Trening umiejętności społecznych",
         "Radzenie sobie z porażką", "Relacje w rodzinie"),
    ),
    (
        "warsztaty edukacji społecznej i zawodowej", "instructor", 18,
        ("Budżet domowy – planowanie wydatków", "Prawa i obowiązki pracownika",
         "Załatwianie spraw w urzędzie", "Obsługa komputera – poczta elektroniczna",
         "Bezpieczeństwo w internecie", "Zdrowy styl życia", "Pierwsza pomoc przedmedyczna",
         "Bezpieczeństwo i higiena pracy", "Prawa konsumenta", "Profil Zaufany i e-usługi"),
    ),
    (
        "doradztwo zawodowe", "career", 15,
        ("Przygotowanie CV i listu motywacyjnego", "Rozmowa kwalifikacyjna – symulacje",
         "Lokalny rynek pracy – oferty i pracodawcy", "Bilans kompetencji",
         "Poszukiwanie pracy przez internet", "Planowanie ścieżki zawodowej",
         "Formy zatrudnienia – rodzaje umów", "Spółdzielnia socjalna – jak ją założyć"),
    ),
    (
        "zajęcia integracyjne", "leader", 9,
        ("Wspólne gotowanie – zdrowe posiłki", "Gry i zabawy integracyjne",
         "Wyjście do biblioteki gminnej", "Wycieczka do muzeum regionalnego",
         "Przygotowanie spotkania wigilijnego@12", "Ozdoby wielkanocne@3,4",
         "Ognisko integracyjne@6,7,8", "Piknik rodzinny@6,7"),
    ),
    (
        "grupa wsparcia", "psychologist", 8,
        ("Grupa wsparcia – dzielenie się doświadczeniami", "Grupa wsparcia – trzeźwe życie",
         "Grupa wsparcia – powrót na rynek pracy", "Grupa wsparcia – rodzina i bliscy"),
    ),
    (
        "prace społecznie użyteczne", "instructor", 10,
        ("Porządkowanie terenów zielonych@4,5,6,7,8,9,10", "Prace porządkowe w świetlicy wiejskiej",
         "Pomoc w bibliotece gminnej", "Prace ogrodnicze przy szkole@4,5,6,9",
         "Odśnieżanie chodników@1,2,12", "Grabienie liści w parku@10,11",
         "Drobne naprawy w świetlicy"),
    ),
    (
        "działalność samopomocowa", "social", 5,
        ("Wzajemna pomoc – wymiana doświadczeń", "Organizacja zbiórki odzieży",
         "Planowanie wspólnych działań klubu"),
    ),
    (
        "kurs zawodowy", "instructor", 6,
        ("Kurs opiekuna osoby starszej", "Kurs obsługi kasy fiskalnej", "Kurs pomocy kuchennej",
         "Kurs florystyczny", "Kurs pracownika gospodarczego"),
    ),
)  # fmt: skip

# CIS: vocational workshops most days (art. 14: 30–40 clock hours a week).
CIS_WORKSHOPS = (
    ("Warsztat gastronomiczny", ("Przygotowanie obiadów dla stołówki", "Pieczenie ciast",
                                 "Przetwory z owoców i warzyw", "Obsługa gości i kasy")),
    ("Warsztat remontowo-budowlany", ("Malowanie pomieszczeń", "Układanie płytek",
                                      "Drobne naprawy stolarskie", "Remont świetlicy")),
    ("Warsztat ogrodniczy", ("Pielęgnacja zieleni gminnej", "Uprawa warzyw w szklarni",
                             "Przygotowanie rozsady", "Koszenie i przycinanie żywopłotów")),
    ("Warsztat porządkowo-gospodarczy", ("Sprzątanie obiektów gminnych", "Pranie i prasowanie",
                                         "Prace gospodarcze w szkole", "Segregacja odpadów")),
)  # fmt: skip
CIS_TRADES = ("gastronomia", "remonty i budownictwo", "ogrodnictwo", "prace porządkowe")
# What a CIS certificate confirms (art. 13 ust. 5a: the skills acquired), by workshop.
CIS_SKILLS = (
    "przygotowywanie posiłków zgodnie z zasadami higieny, obsługa gości, praca w zespole",
    "malowanie i drobne prace remontowe, bezpieczna praca z narzędziami, praca w zespole",
    "pielęgnacja zieleni, uprawa warzyw, obsługa sprzętu ogrodniczego",
    "utrzymanie czystości obiektów, segregacja odpadów, obsługa sprzętu porządkowego",
)
CIS_WORKSHOP_FORM = "warsztat zawodowy"

# Individual counselling: (role, form, topics, notes for the counselling card).
INDIVIDUAL: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "psychologist": (
        "poradnictwo psychologiczne",
        ("Konsultacja psychologiczna", "Wsparcie psychologiczne – sytuacja rodzinna",
         "Wsparcie w utrzymaniu abstynencji", "Praca nad motywacją", "Radzenie sobie z napięciem"),
        ("Omówiono bieżące trudności; ustalono zadania na kolejny tydzień.",
         "Rozmowa wspierająca, dobra współpraca.", "Ćwiczenie technik relaksacyjnych.",
         "Omówiono sytuację rodzinną; kolejne spotkanie za dwa tygodnie.",
         "Zgłasza poprawę samopoczucia.", "Utrzymuje abstynencję; wzmocnienie motywacji.",
         "Trudności ze snem; zalecono konsultację z lekarzem rodzinnym."),
    ),
    "career": (
        "doradztwo zawodowe",
        ("Indywidualny plan działania", "Przygotowanie CV", "Analiza ofert pracy",
         "Przygotowanie do rozmowy z pracodawcą", "Bilans umiejętności"),
        ("Zaktualizowano CV.", "Przejrzano oferty z PUP; wysłano dwie aplikacje.",
         "Ustalono cel zawodowy: praca w gastronomii.", "Symulacja rozmowy kwalifikacyjnej.",
         "Omówiono możliwość stażu u lokalnego pracodawcy.",
         "Zainteresowanie kursem opiekuna osoby starszej."),
    ),
    "social": (
        "poradnictwo socjalne",
        ("Realizacja kontraktu socjalnego", "Sprawy mieszkaniowe",
         "Pomoc w załatwieniu spraw urzędowych"),
        ("Omówiono realizację kontraktu socjalnego.",
         "Pomoc w wypełnieniu wniosku o dodatek mieszkaniowy.",
         "Ustalono termin wizyty w PUP.", "Kontakt z asystentem rodziny."),
    ),
    "lawyer": (
        "poradnictwo prawne",
        ("Porada prawna – zadłużenie", "Porada prawna – alimenty",
         "Porada prawna – sprawy mieszkaniowe"),
        ("Wyjaśniono przebieg postępowania egzekucyjnego.",
         "Pomoc w przygotowaniu pisma do sądu.", "Omówiono możliwość umorzenia zaległości."),
    ),
}  # fmt: skip

SICK_NOTE = "zwolnienie lekarskie"
ABSENCE_NOTES = ("zwolnienie lekarskie", "sprawy rodzinne", "wizyta w urzędzie", "choroba dziecka")
PARTIAL_NOTES = (
    "spóźnienie",
    "wyszedł(a) wcześniej – wizyta lekarska",
    "dojazd – opóźniony autobus",
)
