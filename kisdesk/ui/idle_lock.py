"""Lock the screen after some idle minutes, without losing anything being typed.

NIST SP 800-63B (AAL2) asks for re-authentication after at most 30 minutes of inactivity and
at least every 12 hours; the office sets the idle time (setting `idle_lock_minutes`, default
10, at most 30). WCAG 2.2 SC 2.2.5: after signing in again the user continues without loss of
data. So nothing is closed: every open window (the main window, an open form) is covered by
an opaque curtain, window titles that may name a participant are replaced, and a modal
sign-in dialog for the same user appears. After signing in the curtains go and the cursor is
back in the field where it was.

    lock = IdleLock(ops)          # after sign_in(); does nothing for a database without accounts
    lock.install()

An installation without accounts has nobody to authenticate, so it never locks.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from kisdesk.access import Actor
from kisdesk.errors import KisdeskError
from kisdesk.services import audit, users
from kisdesk.services.settings import get_setting
from kisdesk.ui.dialogs.login import LoginDialog
from kisdesk.ui.ops import Ops

ABSOLUTE_HOURS = 12  # NIST SP 800-63B §4.2.3: sign in again at least every 12 hours
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class Curtain(QWidget):
    """An opaque cover over one window; it follows the window's size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockCurtain { background: #2f3a45; } QLabel { color: white; }")
        label = QLabel(
            self.tr("Program jest zablokowany.\nZaloguj się ponownie, aby wrócić do pracy.")
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.window_ = window
        self.title = window.windowTitle()
        window.installEventFilter(self)
        window.setWindowTitle(self.tr("kisdesk – zablokowano"))
        self.setGeometry(window.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window_ and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.window_.rect())
            self.raise_()
        return False

    def remove(self) -> None:
        self.window_.removeEventFilter(self)
        self.window_.setWindowTitle(self.title)
        self.hide()
        self.deleteLater()


class IdleLock(QObject):
    locked_changed = Signal(bool)

    def __init__(self, ops: Ops, minutes: int | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.ops = ops
        if minutes is None:
            try:
                minutes = int(ops.read(lambda s: get_setting(s, "idle_lock_minutes")))
            except KisdeskError:
                minutes = 10
        self.minutes = max(1, min(30, minutes))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.absolute = QTimer(self)
        self.absolute.setSingleShot(True)
        self.absolute.timeout.connect(self.lock)
        self.curtains: list[Curtain] = []
        self.dialog: LoginDialog | None = None
        self._focus: QWidget | None = None  # where the cursor was, to put it back
        self._installed = False

    # -- set-up --------------------------------------------------------------------------------
    def install(self) -> None:
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._installed = True
        self.set_timeout_ms(self.minutes * 60_000)
        self.absolute.start(ABSOLUTE_HOURS * 3_600_000)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False
        self.timer.stop()
        self.absolute.stop()

    def set_timeout_ms(self, ms: int) -> None:
        """The idle time (tests use milliseconds; the program minutes from the settings)."""
        self.timer.setInterval(ms)
        if not self.locked:
            self.timer.start()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def _enabled(self) -> bool:
        return self.ops.db.actor.user_id is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in INPUT_EVENTS and not self.locked and self.timer.interval() > 0:
            self.timer.start()  # any key or mouse movement: still at work
        return False

    # -- locking -------------------------------------------------------------------------------
    def lock(self, manual: bool = False) -> None:
        """Cover every window and ask for the password; `manual`: the user chose
        Plik › Zablokuj (leaving the desk) rather than the idle timer firing."""
        if self.locked or not self._enabled():
            return
        self.timer.stop()
        actor = self.ops.db.actor
        self._focus = QApplication.focusWidget()
        try:
            self.ops.read(lambda s: audit.record(s, "lock"))
            login = self.ops.read(lambda s: users.get_user(s, actor.user_id).login)
        except KisdeskError:
            login = ""
        for window in QApplication.topLevelWidgets():
            if (
                window.isVisible()
                and not isinstance(window, (LoginDialog, Curtain))
                and window.windowType() != Qt.WindowType.Popup
            ):
                self.curtains.append(Curtain(window))
        self.dialog = LoginDialog(
            self._authenticate,
            None,
            login=login,
            locked=True,
            heading=self.tr("Program zablokowany"),
            note=self.tr("Program został zablokowany. Nic nie zostało zamknięte ani utracone.")
            if manual
            else self.tr(
                "Nikt nie pracował przez {n} min, więc dane zostały zasłonięte. Nic nie zostało "
                "zamknięte ani utracone."
            ).format(n=self.minutes),
        )
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.accepted.connect(self.unlock)
        self.dialog.open()
        self.locked_changed.emit(True)

    def _authenticate(self, login: str, password: str) -> Actor:
        actor = self.ops.read(lambda s: users.login(s, login, password))
        if actor.user_id != self.ops.db.actor.user_id:  # the login field is read-only anyway
            from kisdesk.errors import PermissionDenied

            raise PermissionDenied("auth.bad_credentials")
        return actor

    def unlock(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        actor: Any = dialog.result_value
        if isinstance(actor, Actor):
            self.ops.db.actor = actor  # a role changed meanwhile applies from now on
        for curtain in self.curtains:
            curtain.remove()
        self.curtains.clear()
        self.dialog = None
        dialog.deleteLater()
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus):
            focus.activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.timer.start()
        self.absolute.start(ABSOLUTE_HOURS * 3_600_000)
        self.locked_changed.emit(False)
