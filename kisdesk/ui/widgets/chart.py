"""A small bar chart of hours per month, drawn with QPainter (no QtCharts in Essentials).

    chart = HoursChart()
    chart.set_bars([("lis 2026", 412.5), …])   # label, value (hours)

Each bar has its value written above it and a tooltip, so the chart reads without colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget


def _number(value: float) -> str:
    text = f"{value:.0f}" if value >= 100 else f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


class HoursChart(QWidget):
    """Vertical bars with labels under them; the last bar (the current month) is lighter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, float]] = []
        self._unit = ""
        self._highlight_last = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Wykres godzin zajęć w kolejnych miesiącach"))

    def set_bars(
        self, bars: Sequence[tuple[str, float]], unit: str = "", highlight_last: bool = True
    ) -> None:
        self._bars = [(label, float(value)) for label, value in bars]
        self._unit = unit
        self._highlight_last = highlight_last
        self.setAccessibleDescription(
            "; ".join(f"{label}: {_number(v)} {unit}".strip() for label, v in self._bars)
        )
        self.update()

    def bars(self) -> list[tuple[str, float]]:
        return list(self._bars)

    def sizeHint(self) -> QSize:  # noqa: N802
        line = QFontMetrics(self.font()).height()
        return QSize(max(48 * len(self._bars), 320), line * 9)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        line = QFontMetrics(self.font()).height()
        return QSize(240, line * 7)

    # -- geometry ---------------------------------------------------------------------------------
    def _plot(self) -> tuple[QRectF, float]:
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        rect = QRectF(self.rect()).adjusted(8, line + 6, -8, -(line + 8))
        slot = rect.width() / max(len(self._bars), 1)
        return rect, slot

    def _bar_rect(self, i: int, top_value: float) -> QRectF:
        rect, slot = self._plot()
        value = self._bars[i][1]
        height = 0.0 if top_value <= 0 else rect.height() * value / top_value
        width = max(slot * 0.62, 4.0)
        x = rect.left() + slot * i + (slot - width) / 2
        return QRectF(x, rect.bottom() - height, width, height)

    def _top(self) -> float:
        return max((v for _, v in self._bars), default=0.0)

    # -- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        metrics = QFontMetrics(self.font())
        rect, slot = self._plot()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))
        if not self._bars or self._top() <= 0:
            painter.setPen(text)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Brak zapisanych godzin.")
            )
            return
        top = self._top()
        base = palette.color(QPalette.ColorRole.Highlight)
        light = QColor(base)
        light.setAlpha(110)
        for i, (label, value) in enumerate(self._bars):
            bar = self._bar_rect(i, top)
            last = self._highlight_last and i == len(self._bars) - 1
            painter.fillRect(bar, light if last else base)
            painter.setPen(text)
            value_text = _number(value)
            painter.drawText(
                QRectF(
                    bar.left() - slot,
                    bar.top() - metrics.height() - 2,
                    bar.width() + 2 * slot,
                    metrics.height(),
                ),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                value_text,
            )
            label_rect = QRectF(rect.left() + slot * i, rect.bottom() + 4, slot, metrics.height())
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(slot)),
            )

    def event(self, event) -> bool:  # noqa: A003
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            rect, slot = self._plot()
            i = int((event.pos().x() - rect.left()) // slot) if slot else -1
            if 0 <= i < len(self._bars):
                label, value = self._bars[i]
                QToolTip.showText(
                    event.globalPos(), f"{label}: {_number(value)} {self._unit}".strip(), self
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
