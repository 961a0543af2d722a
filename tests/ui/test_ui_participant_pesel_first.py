"""A new person in fewer keys: the form starts at the PESEL, a valid one moves the cursor on to
the first name, and the first name completes itself from the frequent names of the sex the
PESEL gives (Tab accepts). Driven from the keyboard, each key to the widget with the focus."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kisdesk.db import Database
from kisdesk.services import participants, participations
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.dialogs.participant_form import ParticipantDialog
from kisdesk.ui.help import help_html
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.participants import ParticipantsPage
from tests.pesel import make_pesel
from tests.ui.keyboard import active, type_text
from tests.ui.shots import keep

WOMAN = make_pesel(dt.date(1986, 4, 12), 31, "K")
MAN = make_pesel(dt.date(1975, 9, 30), 52, "M")


@pytest.fixture
def page(ops: Ops, qtbot) -> ParticipantsPage:  # type: ignore[no-untyped-def]
    widget = ParticipantsPage(ops)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


def new_form(page: ParticipantsPage, qtbot) -> ParticipantDialog:  # type: ignore[no-untyped-def]
    page.new_item()
    form = active(qtbot, page.dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return form


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def keys(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Typed at whatever has the focus, character by character, as a keyboard does."""
    for char in text:
        type_text(qtbot, focus(), char)


def press(qtbot, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focus(), key)


def first_name(form: ParticipantDialog) -> QLineEdit:
    editor = form.personal.editors["first_name"]
    assert isinstance(editor, QLineEdit)
    return editor


def saved_names(db: Database) -> list[str]:
    with db.read() as s:
        return [row.full_name for row in participants.list_participants(s)]


def test_the_form_starts_at_the_pesel_and_a_valid_one_moves_on_to_the_first_name(kis, page, qtbot):
    form = new_form(page, qtbot)
    assert focus() is form.personal.pesel.line
    assert "Zacznij od numeru PESEL" in form.personal.hint.text()
    keys(qtbot, WOMAN[:10])
    assert focus() is form.personal.pesel.line  # ten digits: still typing
    keys(qtbot, WOMAN[10:])
    assert focus() is first_name(form)
    assert form.personal.birth_date.date() == dt.date(1986, 4, 12)
    assert form.personal.sex.code() == "K"
    keys(qtbot, "Kat")
    assert first_name(form).text() == "Katarzyna"  # "arzyna" offered, selected
    assert first_name(form).selectedText() == "arzyna"
    press(qtbot, Qt.Key.Key_Tab)  # Tab accepts the name and goes on to the surname
    assert focus() is form.personal.editors["last_name"]
    keys(qtbot, "Wróbel")
    press(qtbot, Qt.Key.Key_Return)  # Enter saves a new person
    assert not form.isVisible()
    assert saved_names(kis) == ["Katarzyna Wróbel"]


def test_a_male_pesel_offers_mens_names_only(kis, page, qtbot):
    form = new_form(page, qtbot)
    keys(qtbot, MAN)
    assert focus() is first_name(form)
    keys(qtbot, "Kat")
    assert first_name(form).text() == "Kat"  # no man's name starts so
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_Backspace)
    keys(qtbot, "Jan")  # a name of its own, though "Janusz" begins so too
    assert first_name(form).text() == "Jan" and not first_name(form).hasSelectedText()
    for _ in "Jan":
        press(qtbot, Qt.Key.Key_Backspace)
    keys(qtbot, "Krz")
    assert first_name(form).text() == "Krzysztof"
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Nowicki")
    press(qtbot, Qt.Key.Key_Return)
    assert saved_names(kis) == ["Krzysztof Nowicki"]


def test_a_name_not_in_the_lists_is_kept_as_typed(kis, page, qtbot):
    form = new_form(page, qtbot)
    keys(qtbot, WOMAN)
    keys(qtbot, "Xenia")
    assert first_name(form).text() == "Xenia" and not first_name(form).hasSelectedText()
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Lis")
    press(qtbot, Qt.Key.Key_Return)
    assert saved_names(kis) == ["Xenia Lis"]


def test_typing_on_overrides_the_offered_name(kis, page, qtbot):
    form = new_form(page, qtbot)
    keys(qtbot, WOMAN)
    keys(qtbot, "Ma")  # Maria offered first (the more frequent)
    assert first_name(form).text() == "Maria"
    keys(qtbot, "ł")
    assert first_name(form).text() == "Małgorzata"
    keys(qtbot, "y")  # no name: what was typed stays
    assert first_name(form).text() == "Mały"


def test_an_invalid_pesel_keeps_the_focus_and_its_message(kis, page, qtbot):
    form = new_form(page, qtbot)
    bad = WOMAN[:-1] + str((int(WOMAN[-1]) + 1) % 10)
    keys(qtbot, bad)
    assert focus() is form.personal.pesel.line
    message = form.personal.pesel.message
    assert message.isVisible() and "cyfrę kontrolną" in message.text()
    assert form.personal.sex.code() == ""  # nothing read from a wrong number


def test_a_pesel_on_file_offers_the_card_and_keeps_the_focus_there(kis, page, qtbot):
    with kis.session() as s:
        pid = participants.add_participant(s, ParticipantData("Anna", "Kowalska", pesel=WOMAN))
        participations.enroll(s, pid, dt.date.today().replace(day=1))
    form = new_form(page, qtbot)
    opened: list[int] = []
    form.open_existing.connect(opened.append)
    keys(qtbot, WOMAN)
    assert form.duplicate.isVisible()
    assert "Anna Kowalska" in form.duplicate_text.text()
    assert focus() is form.personal.pesel.line  # not moved away from the offer
    form.open_existing_button.click()
    assert opened == [pid]
    assert saved_names(kis) == ["Anna Kowalska"]


def test_without_a_pesel_tab_goes_on_to_the_names_then_the_birth_date(kis, page, qtbot):
    form = new_form(page, qtbot)
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is first_name(form)
    keys(qtbot, "Olena")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is form.personal.editors["last_name"]
    keys(qtbot, "Bondarenko")
    press(qtbot, Qt.Key.Key_Tab)
    assert form.personal.birth_date.isAncestorOf(focus())
    assert first_name(form).text() == "Olena"


def test_names_already_in_the_register_are_offered_after_the_common_ones(kis, page, qtbot):
    with kis.session() as s:
        participants.add_participant(
            s, ParticipantData("Oksana", "Melnyk", pesel=make_pesel(dt.date(1990, 1, 2), 7, "K"))
        )
    form = new_form(page, qtbot)
    keys(qtbot, WOMAN)
    keys(qtbot, "Ok")
    assert first_name(form).text() == "Oksana"
    first_name(form).clear()
    keys(qtbot, "A")
    assert first_name(form).text() == "Anna"  # the country's most frequent before the office's


def test_the_card_keeps_the_name_and_opens_at_the_first_name(kis, page, qtbot):
    with kis.session() as s:
        pid = participants.add_participant(s, ParticipantData("Jan", "Mazur", pesel=MAN))
    page.open(participant_id=pid)
    card = active(qtbot, page.dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert focus() is first_name(card)
    assert first_name(card).text() == "Jan"
    assert card.personal.hint is None  # the new-person hint only on a new person's form


def test_the_help_says_pesel_first_and_tab_accepts_the_name():
    html = help_html()
    assert "Zacznij od numeru PESEL" in html
    assert "Tab przyjmuje podpowiedź" in html


def test_a_whole_name_typed_is_not_lengthened_into_a_longer_one(kis, page, qtbot):
    # The office's own names, "Karolina" before "Karol" (without a PESEL only they are
    # offered): "Karol" typed to the end and Tab must stay Karol.
    form = new_form(page, qtbot)
    form.personal.offer_names({None: ["Karolina", "Karol"], "K": ["Karolina"], "M": ["Karol"]})
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is first_name(form)
    keys(qtbot, "Karo")
    assert first_name(form).text() == "Karolina"  # still typing: the offer is shown
    keys(qtbot, "l")
    assert first_name(form).text() == "Karol" and not first_name(form).hasSelectedText()
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is form.personal.editors["last_name"]
    assert first_name(form).text() == "Karol"


def test_a_letter_from_an_input_method_completes_as_a_key_does(kis, page, qtbot):
    # a dead key or an input method sends "ł" as a composed text, not as a key press
    form = new_form(page, qtbot)
    keys(qtbot, WOMAN)
    keys(qtbot, "Ma")
    assert first_name(form).selectedText() == "ria"  # replaced by the letter composed
    event = QInputMethodEvent("", [])
    event.setCommitString("ł")
    QApplication.sendEvent(first_name(form), event)
    assert first_name(form).text() == "Małgorzata"
    assert first_name(form).selectedText() == "gorzata"


def test_an_offer_taken_after_lower_case_letters_is_spelt_as_the_name_is(kis, page, qtbot):
    form = new_form(page, qtbot)
    keys(qtbot, WOMAN)
    keys(qtbot, "kat")  # in a hurry, without Shift
    assert first_name(form).text() == "katarzyna"
    press(qtbot, Qt.Key.Key_Tab)  # the offer taken: the name as it is written
    assert first_name(form).text() == "Katarzyna"
    keys(qtbot, "Wróbel")
    press(qtbot, Qt.Key.Key_Return)
    assert not form.isVisible()
    assert saved_names(kis) == ["Katarzyna Wróbel"]


def test_lower_case_letters_without_an_offer_stay_as_typed(kis, page, qtbot):
    form = new_form(page, qtbot)
    keys(qtbot, WOMAN)
    keys(qtbot, "xenia")
    press(qtbot, Qt.Key.Key_Tab)
    assert first_name(form).text() == "xenia"  # nothing offered: nothing changed


def test_a_pesel_pasted_from_a_form_with_a_box_per_digit_is_taken_whole(kis, page, qtbot):
    # a PDF form with one box per digit copies as "8 6 0 4 1 2 …": 21 characters
    form = new_form(page, qtbot)
    QApplication.clipboard().setText(" ".join(WOMAN))
    qtbot.keyClick(focus(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert form.personal.pesel.text() == WOMAN  # no digit cut off
    assert form.personal.sex.code() == "K"
    assert focus() is first_name(form)


def test_a_pesel_taken_back_takes_back_the_birth_date_and_sex_it_gave(kis, page, qtbot):
    # someone else's number typed by mistake, then erased (a foreigner without one): the
    # birth date and sex read from it must not stay behind and be saved as typed ones
    form = new_form(page, qtbot)
    keys(qtbot, WOMAN)
    assert form.personal.birth_date.date() == dt.date(1986, 4, 12)
    keys(qtbot, "Olena")
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Bondarenko")
    form.personal.pesel.line.setFocus()
    form.personal.pesel.line.selectAll()
    press(qtbot, Qt.Key.Key_Delete)
    assert form.personal.birth_date.isEnabled()
    assert form.personal.birth_date.date() is None
    assert form.personal.sex.code() == ""
    assert first_name(form).text() == "Olena"  # what was typed stays
    form.personal.birth_date.set_date(dt.date(1991, 3, 8))  # as her passport says
    form.personal.sex.set_code("K")
    form.personal.editors["id_document"].setText("paszport FX1234567")  # type: ignore[attr-defined]
    first_name(form).setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert not form.isVisible()
    with kis.read() as s:
        (row,) = participants.list_participants(s)
        saved = participants.get_participant(s, row.id)
    assert (saved.pesel, saved.birth_date) == (None, dt.date(1991, 3, 8))


def test_a_tab_after_the_pesel_by_habit_does_not_skip_the_first_name(kis, page, qtbot):
    # the cursor moved on by itself with the 11th digit; the Tab typed out of habit right
    # after it must not send the first name into the surname and the surname further on
    form = new_form(page, qtbot)
    keys(qtbot, WOMAN)
    assert focus() is first_name(form)
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is first_name(form)
    keys(qtbot, "Kat")
    press(qtbot, Qt.Key.Key_Tab)  # this one takes the name and goes on
    assert focus() is form.personal.editors["last_name"]
    keys(qtbot, "Wróbel")
    press(qtbot, Qt.Key.Key_Return)
    assert not form.isVisible()
    assert saved_names(kis) == ["Katarzyna Wróbel"]


def test_without_the_automatic_move_tab_leaves_an_empty_first_name(kis, page, qtbot):
    form = new_form(page, qtbot)
    keys(qtbot, WOMAN)
    press(qtbot, Qt.Key.Key_Tab)  # swallowed once, after the automatic move
    press(qtbot, Qt.Key.Key_Tab)  # a second Tab is meant: on to the surname
    assert focus() is form.personal.editors["last_name"]


def test_without_a_pesel_a_foreign_name_is_not_turned_into_a_polish_one(kis, page, qtbot):
    form = new_form(page, qtbot)
    press(qtbot, Qt.Key.Key_Tab)  # no PESEL (a foreigner): on to the first name
    keys(qtbot, "Ali")
    assert first_name(form).text() == "Ali"  # not "Alicja"
    press(qtbot, Qt.Key.Key_Tab)
    assert first_name(form).text() == "Ali"


def test_a_womans_name_under_a_mans_pesel_is_pointed_out_until_the_number_is_mended(
    kis, page, qtbot
):
    # the neighbour's number copied from the wrong line of the referral: the sex it gives
    # does not fit the name, and the form says so before anything is saved
    form = new_form(page, qtbot)
    hint = form.personal.name_sex_hint
    keys(qtbot, MAN)
    keys(qtbot, "Anna")
    assert first_name(form).text() == "Anna"
    assert hint.isVisible()
    assert "„Anna” to zwykle imię żeńskie, a numer PESEL jest mężczyzny" in hint.text()
    assert "przedostatnia cyfra" in hint.text()
    qtbot.wait(20)  # the layout settles (as between two keys) before the picture
    keep(form, "participants", "name-sex-warning")
    form.personal.pesel.line.setFocus()
    form.personal.pesel.line.selectAll()
    keys(qtbot, WOMAN)  # the number from the right line
    assert not hint.isVisible()
    assert form.personal.sex.code() == "K"


def test_the_warning_does_not_stop_a_name_that_is_the_persons_own(kis, page, qtbot):
    form = new_form(page, qtbot)
    keys(qtbot, WOMAN)
    keys(qtbot, "Piotr")  # a man's name as a woman's first one: rare, but hers to have
    assert form.personal.name_sex_hint.isVisible()
    assert "imię męskie, a numer PESEL jest kobiety" in form.personal.name_sex_hint.text()
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Nowak")
    press(qtbot, Qt.Key.Key_Return)
    assert not form.isVisible()
    assert saved_names(kis) == ["Piotr Nowak"]


def test_without_a_pesel_the_chosen_sex_is_compared_and_unknown_names_pass(kis, page, qtbot):
    form = new_form(page, qtbot)
    hint = form.personal.name_sex_hint
    press(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "Olena")  # in neither list: nothing to say
    form.personal.sex.set_code("M")
    assert not hint.isVisible()
    first_name(form).setText("Katarzyna")
    assert hint.isVisible() and "a wybrana płeć to mężczyzna" in hint.text()
    form.personal.sex.set_code("K")
    assert not hint.isVisible()


def test_ctrl_n_on_the_dashboard_opens_a_new_participant(kis, ops, qtbot):
    # the program opens on the dashboard: Ctrl+N there did nothing, with no word why
    from kisdesk.ui.main_window import MainWindow

    window = MainWindow(ops)
    qtbot.addWidget(window)
    window.resize(1400, 800)
    window.show()
    active(qtbot, window)
    assert window.current_page() is window.page("dashboard")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = window.page("participants")
    assert window.current_page() is page
    form = active(qtbot, page.dialog)
    assert isinstance(form, ParticipantDialog) and form.participant_id is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.personal.pesel.line)
