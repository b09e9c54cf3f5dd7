"""The monthly trend of the transparency page as a server-rendered SVG (geometry only here).

Bars are the complaints received each month; the line is the share followed up on time. A
suppressed month (fewer than five complaints) draws no bar and breaks the line, and the
template says so in the chart's text description, so it reads without colour or sight.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 48, 16, 36
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


@dataclass(frozen=True)
class TrendBar:
    label: str
    x: int
    y: int
    width: int
    height: int
    count: int | None
    share: Decimal | None
    point_y: int | None
    centre: int


@dataclass(frozen=True)
class Trend:
    width: int
    height: int
    top: int
    axis_y: int
    left: int
    right_x: int
    peak: int
    bars: list[TrendBar]
    line: str  # SVG path data of the on-time share; "" when there is no point
    grid: list[tuple[int, str, str]]  # (y, count label, share label)


def trend(months: list[Any]) -> Trend:
    """Geometry for twelve :class:`~kinerja.complaints.selectors_public.Month` values."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w // len(months)
    counts = [m.handled.value if isinstance(m.handled.value, int) else None for m in months]
    peak = max([c for c in counts if c] or [1])
    axis_y = TOP + plot_h
    bars, path, pen_down = [], [], False
    for index, (month, count) in enumerate(zip(months, counts, strict=True)):
        x = LEFT + index * slot + slot // 6
        width = slot - slot // 3
        height = (count or 0) * plot_h // peak
        share = month.on_time.value if isinstance(month.on_time.value, Decimal) else None
        centre = x + width // 2
        point_y = None
        if share is not None:
            point_y = axis_y - int(share * plot_h / 100)
            path.append(f"{'L' if pen_down else 'M'}{centre} {point_y}")
            pen_down = True
        else:
            pen_down = False
        bars.append(
            TrendBar(
                MONTHS[index], x, axis_y - height, width, height, count, share, point_y, centre
            )
        )
    grid = [
        (axis_y - plot_h * q // 4, f"{peak * q // 4:,}".replace(",", "."), f"{25 * q}%")
        for q in range(5)
    ]
    return Trend(WIDTH, HEIGHT, TOP, axis_y, LEFT, WIDTH - RIGHT, peak, bars, " ".join(path), grid)
