"""The most frequent Polish first names, offered as a first name is typed (the participant form).

Each list holds about a hundred names in the order of the published "Lista imion
występujących w rejestrze PESEL" (dane.gov.pl: the first name, imię pierwsze, of living
persons), the most frequent first. Only the order is kept, not the counts, and the order of
the rarer names in each list is approximate: the list only decides which name is offered
first for the letters typed, and a name not in it is typed to the end as any other.

The names already in the office's register that these lists lack (a foreign name frequent
among its participants: Olena, Oksana) follow them (`ranked`): put first, the names of the
people entered last would be offered before the country's common ones and cost keys for most
new people. Without a sex (no PESEL: most often a foreigner, whose name the country's list
would lengthen on a hurried Tab, Ali into Alicja) only the office's own names are offered.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import zip_longest

FEMALE: tuple[str, ...] = (
    "Anna",
    "Katarzyna",
    "Maria",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krystyna",
    "Magdalena",
    "Elżbieta",
    "Joanna",
    "Zofia",
    "Aleksandra",
    "Monika",
    "Teresa",
    "Danuta",
    "Natalia",
    "Julia",
    "Karolina",
    "Marta",
    "Beata",
    "Dorota",
    "Halina",
    "Janina",
    "Jadwiga",
    "Jolanta",
    "Iwona",
    "Alicja",
    "Grażyna",
    "Irena",
    "Bożena",
    "Urszula",
    "Hanna",
    "Paulina",
    "Justyna",
    "Renata",
    "Agata",
    "Wiktoria",
    "Helena",
    "Sylwia",
    "Zuzanna",
    "Patrycja",
    "Emilia",
    "Izabela",
    "Ewelina",
    "Weronika",
    "Marianna",
    "Dominika",
    "Kamila",
    "Martyna",
    "Wanda",
    "Lena",
    "Marzena",
    "Gabriela",
    "Stanisława",
    "Aneta",
    "Oliwia",
    "Edyta",
    "Maja",
    "Wiesława",
    "Amelia",
    "Mariola",
    "Genowefa",
    "Kinga",
    "Lucyna",
    "Michalina",
    "Alina",
    "Milena",
    "Daria",
    "Klaudia",
    "Nikola",
    "Laura",
    "Antonina",
    "Jagoda",
    "Lidia",
    "Eugenia",
    "Stefania",
    "Wioletta",
    "Ilona",
    "Mirosława",
    "Bogumiła",
    "Czesława",
    "Henryka",
    "Władysława",
    "Regina",
    "Leokadia",
    "Józefa",
    "Celina",
    "Bogusława",
    "Adrianna",
    "Anita",
    "Angelika",
    "Julianna",
    "Nina",
    "Żaneta",
    "Marcelina",
    "Kazimiera",
    "Bronisława",
    "Franciszka",
    "Dagmara",
    "Liliana",
    "Karina",
    "Roksana",
    "Iga",
    "Paula",
)

MALE: tuple[str, ...] = (
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Jan",
    "Michał",
    "Marcin",
    "Jakub",
    "Adam",
    "Marek",
    "Łukasz",
    "Grzegorz",
    "Mateusz",
    "Wojciech",
    "Stanisław",
    "Mariusz",
    "Dariusz",
    "Zbigniew",
    "Jerzy",
    "Maciej",
    "Rafał",
    "Robert",
    "Kamil",
    "Józef",
    "Janusz",
    "Ryszard",
    "Kacper",
    "Bartosz",
    "Szymon",
    "Tadeusz",
    "Jacek",
    "Mirosław",
    "Antoni",
    "Sławomir",
    "Filip",
    "Dawid",
    "Artur",
    "Daniel",
    "Henryk",
    "Kazimierz",
    "Przemysław",
    "Sebastian",
    "Damian",
    "Wiesław",
    "Roman",
    "Mikołaj",
    "Władysław",
    "Leszek",
    "Karol",
    "Adrian",
    "Zdzisław",
    "Patryk",
    "Jarosław",
    "Edward",
    "Franciszek",
    "Czesław",
    "Waldemar",
    "Bogdan",
    "Dominik",
    "Wiktor",
    "Marian",
    "Aleksander",
    "Hubert",
    "Mieczysław",
    "Zenon",
    "Bogusław",
    "Igor",
    "Oskar",
    "Eugeniusz",
    "Konrad",
    "Leon",
    "Norbert",
    "Radosław",
    "Krystian",
    "Arkadiusz",
    "Witold",
    "Ireneusz",
    "Stefan",
    "Emil",
    "Marcel",
    "Bronisław",
    "Zygmunt",
    "Ignacy",
    "Julian",
    "Nikodem",
    "Maksymilian",
    "Miłosz",
    "Gabriel",
    "Tymon",
    "Alan",
    "Fabian",
    "Lech",
    "Włodzimierz",
    "Edmund",
    "Ludwik",
    "Sylwester",
    "Remigiusz",
    "Cezary",
    "Błażej",
    "Jędrzej",
    "Ernest",
    "Borys",
    "Alfred",
)


def common_names(sex: str | None) -> tuple[str, ...]:
    """The frequent names for a sex ("K" or "M", as in the PESEL), both lists for None."""
    if sex == "K":
        return FEMALE
    if sex == "M":
        return MALE
    return tuple(name for pair in zip_longest(FEMALE, MALE) for name in pair if name)


def ranked(on_file: Iterable[str], sex: str | None) -> list[str]:
    """The names to offer, in the order they are offered: the frequent names of the sex (none
    without one), then the office's own names (as given: the most frequent there first), each name once
    (compared without regard to letter case)."""
    result: list[str] = []
    seen: set[str] = set()
    common = common_names(sex) if sex is not None else ()
    for name in (*common, *on_file):
        key = name.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            result.append(name.strip())
    return result


_KEYS = {sex: frozenset(name.casefold() for name in common_names(sex)) for sex in ("K", "M")}


def usual_sex(name: str) -> str | None:
    """ "K" or "M" when `name` is one of the frequent names of that sex only; None for a name
    in neither list (or, were there one, in both). The participant form warns when it differs
    from the sex the PESEL gives: a digit mistyped there, or a first name typed in the wrong
    person's form, is caught before it is saved."""
    key = name.strip().casefold()
    female, male = key in _KEYS["K"], key in _KEYS["M"]
    if female == male:
        return None
    return "K" if female else "M"
