"""The op runner: every change made from the GUI goes through here (Anki's CollectionOp).

`run()` opens one transaction, runs a service function in it, shows a Polish message for a
KisdeskError (or hands it to `on_error`, e.g. to show it next to a field), emits
`data_changed` naming what changed, and returns an `OpResult` the caller can test (success
with the function's value, or failure with its error). What changed is known from what the
transaction wrote (the audit listener records the tables: kisdesk.services.audit_changes),
not listed by each caller. Long work goes to `run_background()`: a worker thread with a
progress dialog; the function receives a session and a progress callback, never a widget.

`Ops.inline = True` (tests only) runs background work at once on the caller's thread;
`in_background` and `run_waiting` read it here, so no other module needs to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from sqlalchemy.orm import Session

from kisdesk.db import Database
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services.audit_changes import changed_tables
from kisdesk.ui.signals import AppSignals, from_tables

log = logging.getLogger(__name__)
T = TypeVar("T")

# progress(done, total, text) -> None; raises Cancelled when the user pressed Cancel
Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user cancelled long work: the transaction is rolled back."""


@dataclass(frozen=True, slots=True)
class OpResult(Generic[T]):
    """What an op did: `ok` with the function's `value`, or not, with its `error`;
    `changes` names what the transaction wrote (the data_changed names). True when ok."""

    ok: bool
    value: T | None = None
    error: KisdeskError | None = None
    changes: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return self.ok


def show_error(parent: QWidget | None, error: KisdeskError) -> None:
    QMessageBox.warning(parent, parent.tr("kisdesk") if parent else "kisdesk", describe(error))


class Ops:
    inline = False  # tests: run background work synchronously

    def __init__(self, db: Database, signals: AppSignals | None = None) -> None:
        self.db = db
        self.signals = signals or AppSignals()
        # Jobs under way: without a Python reference a finished QRunnable and its signal
        # bridge are freed before the result reaches the GUI thread (nothing would show).
        self._jobs: set[_Job] = set()
        self._plain: set[_Plain] = set()

    def read(self, fn: Callable[[Session], T]) -> T:
        """A read-only unit of work (lists, forms): fast queries, on the calling thread."""
        with self.db.read() as session:
            return fn(session)

    def query(
        self,
        parent: QWidget,
        fn: Callable[[Session], T],
        on_success: Callable[[T], None],
        on_error: Callable[[KisdeskError], None] | None = None,
    ) -> None:
        """A long read off the GUI thread (Anki's QueryOp): a page shows at once and fills
        itself when the rows arrive (`on_success` on the GUI thread); no dialog. A result
        arriving after `parent` is gone is dropped. Tests (`inline`) get it at once."""
        job: _Job | None = None

        def work(_progress: Progress) -> T:
            with self.db.read() as session:
                return fn(session)

        def finished(result: Any) -> None:
            if job is not None:
                self._jobs.discard(job)
            if not shiboken6.isValid(parent):
                return  # the page was closed meanwhile
            if isinstance(result, KisdeskError):
                (on_error or (lambda e: show_error(parent, e)))(result)
                return
            if isinstance(result, BaseException):
                raise result
            on_success(result)

        if self.inline:
            try:
                result: Any = work(lambda done, total, text: None)
            except KisdeskError as exc:
                result = exc
            finished(result)
            return
        job = _Job(work, {"flag": False})
        job.setAutoDelete(False)
        self._jobs.add(job)
        job.bridge.done.connect(finished)
        QThreadPool.globalInstance().start(job)

    def run(
        self,
        parent: QWidget | None,
        fn: Callable[[Session], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_error: Callable[[KisdeskError], None] | None = None,
    ) -> OpResult[T]:
        """One change in one transaction; the pages hear what it wrote."""
        try:
            with self.db.session() as session:
                value = fn(session)
        except KisdeskError as exc:
            if on_error is not None:
                on_error(exc)
            else:
                show_error(parent, exc)
            return OpResult(False, error=exc)
        changes = from_tables(changed_tables(session))
        self.changed(changes)
        if on_success is not None:
            on_success(value)
        return OpResult(True, value, changes=changes)

    def changed(self, changes: Iterable[str]) -> None:
        names = frozenset(changes)
        if names:
            self.signals.data_changed.emit(names)

    @classmethod
    @contextmanager
    def running_inline(cls) -> Iterator[None]:
        """Background work on the caller's thread while the block runs (the self-test)."""
        before, cls.inline = cls.inline, True
        try:
            yield
        finally:
            cls.inline = before

    def in_background(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """`work()` on a worker thread, then `done(result)` on the GUI thread (at once,
        on the caller's thread, in tests). `work` must not raise."""
        if self.inline:
            done(work())
            return
        job = _Plain(work)
        self._plain.add(job)

        def finished(result: Any) -> None:
            self._plain.discard(job)
            done(result)

        job.bridge.done.connect(finished)
        QThreadPool.globalInstance().start(job)

    def run_background(
        self,
        parent: QWidget | None,
        fn: Callable[[Session, Progress], T],
        *,
        title: str,
        on_success: Callable[[T], None] | None = None,
        on_error: Callable[[KisdeskError], None] | None = None,
        write: bool = True,
    ) -> None:
        """Long work off the GUI thread with a progress dialog that can cancel it."""
        written: set[str] = set()
        dialog = None
        if not self.inline:
            dialog = QProgressDialog(
                title, parent.tr("Anuluj") if parent else "Anuluj", 0, 0, parent
            )
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
        cancelled = {"flag": False}
        job: _Job | None = None

        def work(progress: Progress) -> T:
            unit = self.db.session() if write else self.db.read()
            with unit as session:
                result = fn(session, progress)
            written.update(changed_tables(session))
            return result

        def finished(result: Any) -> None:
            if job is not None:
                self._jobs.discard(job)
            if dialog is not None:
                dialog.reset()
            if isinstance(result, KisdeskError):
                (on_error or (lambda e: show_error(parent, e)))(result)
                return
            if isinstance(result, Cancelled):
                return
            if isinstance(result, BaseException):
                raise result
            self.changed(from_tables(frozenset(written)))
            if on_success is not None:
                on_success(result)

        if self.inline:

            def progress_inline(done: int, total: int, text: str) -> None:
                return None

            try:
                result: Any = work(progress_inline)
            except (KisdeskError, Cancelled) as exc:
                result = exc
            finished(result)
            return

        job = _Job(work, cancelled)
        job.setAutoDelete(False)
        self._jobs.add(job)
        if dialog is not None:
            dialog.canceled.connect(lambda: cancelled.__setitem__("flag", True))
            job.bridge.progress.connect(
                lambda done, total, text: (
                    dialog.setMaximum(max(total, 0)),
                    dialog.setValue(done),
                    dialog.setLabelText(text or title),
                )
            )
        job.bridge.done.connect(finished)
        QThreadPool.globalInstance().start(job)


class _Bridge(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], cancelled: dict[str, bool]) -> None:
        super().__init__()
        self.work = work
        self.cancelled = cancelled
        self.bridge = _Bridge()

    def run(self) -> None:
        def progress(done: int, total: int, text: str) -> None:
            if self.cancelled["flag"]:
                raise Cancelled()
            self.bridge.progress.emit(done, total, text)

        try:
            result: Any = self.work(progress)
        except (KisdeskError, Cancelled) as exc:
            result = exc
        except Exception as exc:  # a fault: logged, then re-raised on the GUI thread
            log.exception("background work failed")
            result = exc
        self.bridge.done.emit(result)


class _Plain(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.bridge = _Bridge()

    def run(self) -> None:
        self.bridge.done.emit(self.work())


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class _Busy(QProgressDialog):
    """Work that cannot be cancelled half-way: no Cancel button, Esc does nothing."""

    def reject(self) -> None:
        return None


def run_waiting(parent: QWidget, title: str, work: Callable[[], T]) -> T:
    """`work()` off the GUI thread while a modal "please wait" is shown (a conversion of
    the database file); its result, or its exception raised here. Inline in tests."""
    if Ops.inline:
        return work()

    def guarded() -> Any:
        try:
            return work()
        except BaseException as exc:  # handed to the GUI thread, raised there
            return _Failed(exc)

    job = _Plain(guarded)
    loop = QEventLoop()
    box: dict[str, Any] = {}
    job.bridge.done.connect(lambda result: (box.__setitem__("result", result), loop.quit()))
    wait = _Busy(title, "", 0, 0, parent)
    wait.setCancelButton(None)  # type: ignore[arg-type]
    wait.setWindowModality(Qt.WindowModality.ApplicationModal)
    wait.setMinimumDuration(0)
    wait.show()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        QThreadPool.globalInstance().start(job)
        if "result" not in box:
            loop.exec()
    finally:
        QGuiApplication.restoreOverrideCursor()
        wait.reset()
        wait.deleteLater()
    result = box["result"]
    if isinstance(result, _Failed):
        raise result.error
    return result  # type: ignore[no-any-return]
