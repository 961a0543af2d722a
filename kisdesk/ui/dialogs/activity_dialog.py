"""One entry of the activity journal: add or edit (docs/domain.md#participants, "zajęcia")."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.access import Role
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.rules.calendar import is_working_day
from kisdesk.services import activities
from kisdesk.services.activities import ActivityData, ActivityRow
from kisdesk.services.groups import list_groups
from kisdesk.services.participants import list_participants
from kisdesk.services.settings import all_settings
from kisdesk.services.staff import list_staff
from kisdesk.ui.dialogs.activity_copy import ask_overlap, overlap_question
from kisdesk.ui.dialogs.activity_series import RepeatBox, save_list
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.completing_edit import CompletingLineEdit
from kisdesk.ui.widgets.forms import install_form_keys
from kisdesk.ui.widgets.participant_fields import (
    INFO_STYLE,
    CodeCombo,
    FieldMessage,
    IdCombo,
    OptionalDateEdit,
    check_dates,
)
from kisdesk.ui.widgets.participant_labels import activity_areas, fmt_hours, weekday
from kisdesk.ui.widgets.times import TimeEdit

FREE_DAY_STYLE = "color: #8a3a00; font-weight: bold;"

# Errors of the journal service name no field; these codes belong to one editor each.
FIELD_OF_CODE = {
    "activity.end_before_start": "time",
    "activity.topic_required": "topic",
    "activity.group_required": "group",
    "activity.participant_required": "participant",
    "activity.participant_not_active": "participant",
}


def _when_and_who(a: ActivityData | ActivityRow) -> tuple[object, ...]:
    """What makes two classes clash: the day, the time and whom they are for."""
    who = a.group_id if a.kind == "group" else a.participant_id
    return a.date, a.start_time, a.end_time, a.kind, who


def _qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


class ActivityDialog(QDialog):
    def __init__(
        self,
        ops: Ops,
        activity: ActivityRow | None = None,
        parent: QWidget | None = None,
        *,
        default_date: dt.date | None = None,
        default_group_id: int | None = None,
        individual: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.activity = activity
        self.saved_id: int | None = None
        self.saved_ids: list[int] = []
        self.actor = ops.db.actor
        groups, staff, forms, settings, topics = ops.read(
            lambda s: (
                list_groups(s),
                list_staff(s),
                activities.list_forms(s),
                all_settings(s),
                activities.known_topics(s),
            )
        )
        self.hour_minutes = settings["hour_minutes"]
        self.forms = {name.lower(): area for _id, name, area, _a in forms}
        self.setWindowTitle(
            self.tr("Nowe zajęcia") if activity is None else self.tr("Zajęcia – edycja")
        )
        self.setMinimumWidth(680 if activity is not None else 740)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        self._fields = form
        self.messages: dict[str, FieldMessage] = {}

        def row(name: str, label: str, widget: QWidget) -> None:
            box = QWidget(self)
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(1)
            inner.addWidget(widget)
            self.messages[name] = FieldMessage(box)
            inner.addWidget(self.messages[name])
            form.addRow(label, box)

        when = QWidget(self)
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        self.date = OptionalDateEdit(self, optional=False, default=default_date)
        self.weekday = QLabel(self)
        self.start = TimeEdit(self)  # 1700 typed from the paper list gives 17:00
        self.end = TimeEdit(self)
        self.length = QLabel(self)
        self.length.setStyleSheet(INFO_STYLE)
        when_row.addWidget(self.date)
        when_row.addWidget(self.weekday)
        when_row.addSpacing(12)
        when_row.addWidget(QLabel(self.tr("od")))
        when_row.addWidget(self.start)
        when_row.addWidget(QLabel(self.tr("do")))
        when_row.addWidget(self.end)
        when_row.addStretch(1)
        row("time", self.tr("Termin *"), when)
        form.addRow("", self.length)

        kinds = QWidget(self)
        kinds_row = QHBoxLayout(kinds)
        kinds_row.setContentsMargins(0, 0, 0, 0)
        self.group_kind = QRadioButton(self.tr("grupowe"), self)
        self.individual_kind = QRadioButton(self.tr("indywidualne (poradnictwo)"), self)
        self.kind_buttons = QButtonGroup(self)
        self.kind_buttons.addButton(self.group_kind)
        self.kind_buttons.addButton(self.individual_kind)
        kinds_row.addWidget(self.group_kind)
        kinds_row.addWidget(self.individual_kind)
        kinds_row.addStretch(1)
        row("kind", self.tr("Rodzaj"), kinds)
        self.group = IdCombo(self)
        self.group.set_items([(g.id, g.name) for g in groups])
        row("group", self.tr("Grupa *"), self.group)
        if not groups:
            self.messages["group"].show_info(
                self.tr("Nie ma jeszcze grup – dodaj grupę na stronie „Grupy”.")
            )
        self.participant = IdCombo(self)
        row("participant", self.tr("Uczestnik *"), self.participant)
        self.area = CodeCombo(activity_areas(), self)
        row("area", self.tr("Obszar"), self.area)
        self.form = QComboBox(self)
        self.form.setEditable(True)
        self.form.addItems([name for _id, name, _area, _a in forms])
        self.form.setCurrentText("")
        self.form.lineEdit().setPlaceholderText(self.tr("wybierz lub wpisz nową formę"))
        row("form", self.tr("Forma"), self.form)
        self.topic = CompletingLineEdit(self, topics)
        self.topic.setPlaceholderText(self.tr("np. Trening asertywności"))
        row("topic", self.tr("Temat *"), self.topic)
        self.leaders = QListWidget(self)
        self.leaders.setMaximumHeight(130)
        today = dt.date.today()
        own = self.actor.staff_id
        for person in staff:
            if person.active_to is not None and person.active_to < today:
                continue
            item = QListWidgetItem(
                f"{person.full_name} – {person.role}" if person.role else person.full_name
            )
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.leaders.addItem(item)
            if activity is None and self.actor.role is Role.STAFF and person.id == own:
                # kadra mostly records its own sessions: ticked, so the note box is there
                item.setCheckState(Qt.CheckState.Checked)
        if not self.leaders.count():
            empty = QListWidgetItem(self.tr("Kadra jest pusta – dodaj osoby na stronie „Kadra”."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.leaders.addItem(empty)
        row("staff", self.tr("Prowadzący"), self.leaders)
        self.place = QLineEdit(self)
        row("place", self.tr("Miejsce"), self.place)
        self.partner = QLineEdit(self)
        self.partner.setPlaceholderText(self.tr("instytucja partnerska, jeśli to ona prowadziła"))
        row("partner", self.tr("Partner"), self.partner)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(
            self.tr("Notatka z rozmowy – czyta ją tylko kierownik i osoby prowadzące te zajęcia")
        )
        self.note.setMaximumHeight(90)
        row("note", self.tr("Notatka"), self.note)

        # A new class may be repeated every week (docs/domain.md#journal-series).
        self.repeat: RepeatBox | None = None
        if activity is None:
            self.repeat = RepeatBox(ops, self._typed_data, self)
            self.repeat.series.set_topics(topics)
            layout.addWidget(self.repeat)

        self.error = FieldMessage(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Zapisz"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Anuluj"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        install_form_keys(
            self, self.save, button=buttons.button(QDialogButtonBox.StandardButton.Ok)
        )

        self.start.setTime(QTime(9, 0))
        self.end.setTime(QTime(12, 0))
        self.group_kind.setChecked(not individual)
        self.individual_kind.setChecked(individual)
        if default_group_id is not None:
            self.group.set_current_id(default_group_id)
        if activity is not None:
            self._load(activity)
        if self.leaders_locked():
            self.leaders.setEnabled(False)
            self.leaders.setToolTip(self._leaders_lock_text())
            self.messages["staff"].show_info(self._leaders_lock_text())
        self.date.date_changed.connect(self._date_changed)
        self.start.timeChanged.connect(self._show_length)
        self.end.timeChanged.connect(self._show_length)
        self.kind_buttons.buttonToggled.connect(lambda *_a: self._kind_changed())
        self.leaders.itemChanged.connect(lambda *_a: self._kind_changed())
        self.form.currentTextChanged.connect(self._form_chosen)
        self._date_changed(self.date.date())
        self._kind_changed()
        self._show_length()
        if self.repeat is not None:
            repeat = self.repeat
            for signal in (
                self.date.date_changed,
                self.start.timeChanged,
                self.end.timeChanged,
                self.group.currentIndexChanged,
                self.participant.currentIndexChanged,
            ):
                signal.connect(lambda *_a: repeat.class_changed())
            self.kind_buttons.buttonToggled.connect(lambda *_a: repeat.class_changed())
            self.topic.textChanged.connect(repeat.topic_changed)
            repeat.class_changed()

    def _load(self, a: ActivityRow) -> None:
        self.date.set_date(a.date)
        self.start.setTime(_qtime(a.start_time))
        self.end.setTime(_qtime(a.end_time))
        self.group_kind.setChecked(a.kind == "group")
        self.individual_kind.setChecked(a.kind == "individual")
        self.group.set_current_id(a.group_id)
        self._pending_participant = a.participant_id
        self.area.set_code(a.area)
        self.form.setCurrentText(a.form)
        self.topic.setText(a.topic)
        self.place.setText(a.place)
        self.partner.setText(a.partner)
        for i in range(self.leaders.count()):
            item = self.leaders.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in a.staff_ids:
                item.setCheckState(Qt.CheckState.Checked)
        self.note.setPlainText(a.note or "")

    # -- live updates -------------------------------------------------------------------------
    def _date_changed(self, day: dt.date | None) -> None:
        if day is None:
            return
        # docs/domain.md#time-units: classes are planned on working days; a Saturday or a holiday is allowed
        # (a trip, a family picnic) but said, so a mistyped date is noticed before saving.
        free = not is_working_day(day)
        text = weekday(day, long=True)
        self.weekday.setText(text + self.tr(" – dzień wolny od pracy") if free else text)
        self.weekday.setStyleSheet(FREE_DAY_STYLE if free else "")
        keep = getattr(self, "_pending_participant", None) or self.participant.current_id()
        people = self.ops.read(lambda s: list_participants(s, on=day))
        self.participant.set_items(
            [(p.id, f"{p.last_name} {p.first_name}") for p in people if p.status == "active"],
            keep=False,
        )
        self.participant.set_current_id(keep)
        self._pending_participant = None

    def _checked_staff_ids(self) -> tuple[int, ...]:
        return tuple(
            int(self.leaders.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.leaders.count())
            if self.leaders.item(i).data(Qt.ItemDataRole.UserRole) is not None
            and self.leaders.item(i).checkState() == Qt.CheckState.Checked
        )

    def may_read_note(self) -> bool:
        """The counselling note is shown only to who may read it (docs/domain.md#office): the leader
        always, kadra for the sessions they lead, administracja never. The service decides
        on the saved leaders of an activity (services.activities), so the dialog does too;
        for a new one, on the leaders ticked so far (kadra's own entry is ticked at first)."""
        if self.activity is not None:
            return self.actor.can_read_note(self.activity.staff_ids)
        return self.actor.can_read_note(self._checked_staff_ids())

    def leaders_locked(self) -> bool:
        """The leaders decide who reads the session's note, so whoever may not read a saved
        note may not change them (the service refuses it: services.activities)."""
        a = self.activity
        return a is not None and a.has_note and not self.actor.can_read_note(a.staff_ids)

    def _leaders_lock_text(self) -> str:
        return self.tr(
            "Do tych zajęć jest notatka z poradnictwa, której nie możesz czytać, dlatego "
            "prowadzących zmieni tylko osoba prowadząca te zajęcia albo kierownik."
        )

    def _kind_changed(self) -> None:
        individual = self.individual_kind.isChecked()
        for widget, show in (
            (self.group, not individual),
            (self.participant, individual),
            (self.note, individual and self.may_read_note()),
        ):
            box = widget.parentWidget()
            box.setVisible(show)
            label = self._fields.labelForField(box)
            if label is not None:
                label.setVisible(show)

    def _form_chosen(self, text: str) -> None:
        area = self.forms.get(text.strip().lower())
        if area:
            self.area.set_code(area)

    def _show_length(self) -> None:
        minutes = self.start.time().secsTo(self.end.time()) // 60
        if minutes <= 0:
            self.length.setText(self.tr("koniec musi być po początku"))
            return
        self.length.setText(
            self.tr("Czas trwania: {h} h {m:02d} min = {hours} godz. dydaktycznych").format(
                h=minutes // 60, m=minutes % 60, hours=fmt_hours(minutes, self.hour_minutes)
            )
        )

    # -- saving -------------------------------------------------------------------------------
    def data(self) -> ActivityData:
        day = self.date.date()
        assert day is not None
        staff_ids = self._checked_staff_ids()
        individual = self.individual_kind.isChecked()
        return ActivityData(
            date=day,
            start_time=_pytime(self.start.time()),
            end_time=_pytime(self.end.time()),
            kind="individual" if individual else "group",
            topic=self.topic.text(),
            area=self.area.code() or "social",
            form=self.form.currentText(),
            place=self.place.text(),
            partner=self.partner.text(),
            group_id=None if individual else self.group.current_id(),
            participant_id=self.participant.current_id() if individual else None,
            staff_ids=staff_ids,
            note=self.note.toPlainText() if individual and self.may_read_note() else "",
            version=self.activity.version if self.activity is not None else None,
        )

    def _typed_data(self) -> ActivityData | None:
        """The class as typed so far, for planning its repeats (None without a date)."""
        return self.data() if self.date.date() is not None else None

    def save(self) -> None:
        for message in self.messages.values():
            message.clear_message()
        self.error.clear_message()
        if self.leaders_locked():
            self.messages["staff"].show_info(self._leaders_lock_text())
        if check_dates({"time": (self.date, self.messages["time"])}) is not None:
            self.date.setFocus()
            return
        data = self.data()
        if self.repeat is not None and self.repeat.active():
            self._save_series()
            return
        if not self._overlap_accepted(data):
            return
        if self.activity is None:
            result = self.ops.run(
                self,
                lambda s: activities.add_activity(s, data),
                on_error=self.show_error,
            )
        else:
            activity_id = self.activity.id
            result = self.ops.run(
                self,
                lambda s: activities.update_activity(s, activity_id, data) or activity_id,
                on_error=self.show_error,
            )
        if result:
            self.saved_id = int(result.value)
            self.accept()

    def _save_series(self) -> None:
        """All the terms of "Powtarzaj co tydzień" in one transaction, or none."""
        assert self.repeat is not None
        self.repeat.series.commit_edit()  # before planning anew keeps what was typed
        if check_dates({"until": (self.repeat.until, self.repeat.message)}) is not None:
            self.repeat.until.setFocus()
            return
        self.repeat.replan()  # what is saved is what the list shows now
        if self.repeat.message.kind == "error":
            self.repeat.until.setFocus()
            return
        ids = save_list(self, self.ops, self.repeat.series, self.error, self.confirm_overlap)
        if ids:
            self.saved_ids = ids
            self.saved_id = ids[0]
            self.accept()

    def confirm_overlap(self, question: str) -> bool:
        """Asks whether to save a class overlapping another (tests replace this)."""
        return ask_overlap(self, question)

    def _overlap_accepted(self, data: ActivityData) -> bool:
        """A class of the same group (or the same person's session) at an overlapping time
        that day: asked about before saving. An edit that keeps the day, the time and the
        people is not asked about again."""
        a = self.activity
        if a is not None and _when_and_who(a) == _when_and_who(data):
            return True
        exclude = a.id if a is not None else None
        overlaps = self.ops.read(
            lambda s: activities.overlapping_activities(s, data, exclude_id=exclude)
        )
        return not overlaps or self.confirm_overlap(overlap_question(overlaps, data.kind))

    def show_error(self, error: KisdeskError) -> None:
        field = FIELD_OF_CODE.get(error.code)
        target = self.messages.get(field or "")
        (target or self.error).show_error(describe(error))
