"""The first names offered as a name is typed (kisdesk.rules.first_names)."""

from __future__ import annotations

from kisdesk.rules.first_names import FEMALE, MALE, common_names, ranked, usual_sex


def test_about_a_hundred_names_of_each_sex_each_once_and_in_no_other_list():
    for names in (FEMALE, MALE):
        assert 95 <= len(names) <= 110
        assert len({n.casefold() for n in names}) == len(names)
        assert all(n[0].isupper() and n.isalpha() for n in names)
    assert not {n.casefold() for n in FEMALE} & {n.casefold() for n in MALE}
    assert (FEMALE[0], MALE[0]) == ("Anna", "Piotr")  # the register's most frequent


def test_the_sex_chooses_the_list_and_without_one_both_are_interleaved():
    assert common_names("K") == FEMALE and common_names("M") == MALE
    both = common_names(None)
    assert both[:4] == ("Anna", "Piotr", "Katarzyna", "Krzysztof")
    assert sorted(both) == sorted(FEMALE + MALE)


def test_the_offices_own_names_follow_the_common_ones_once_each():
    names = ranked(["Oksana", "anna", " Olena ", "Oksana"], "K")
    assert names[: len(FEMALE)] == list(FEMALE)
    assert names[len(FEMALE) :] == ["Oksana", "Olena"]  # "anna" is Anna already


def test_without_a_sex_only_the_offices_own_names_are_offered() -> None:
    # no PESEL, most often a foreigner: "Ali" must not become "Alicja" on a hurried Tab
    assert ranked(["Olena", "Oksana"], None) == ["Olena", "Oksana"]
    assert "Alicja" not in ranked([], None)
    assert ranked(["Olena"], "K")[0] == "Anna"  # with a sex the country's list comes first


def test_usual_sex_knows_the_frequent_names_and_says_nothing_of_others() -> None:
    assert usual_sex("Anna") == "K"
    assert usual_sex(" krzysztof ") == "M"  # as typed: spaces and letter case do not matter
    assert usual_sex("Olena") is None  # in neither list
    assert usual_sex("") is None
