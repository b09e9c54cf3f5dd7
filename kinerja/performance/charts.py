"""Server-rendered SVG charts of a unit's predikat distribution.

The geometry is computed here as plain numbers; the templates in
``performance/partials/`` draw it with presentation attributes only (the CSP forbids inline
styles), each chart with a ``<title>``, a ``<desc>`` and text labels so that it reads without
colour and with a screen reader. Integer arithmetic and Decimal only: the bars add up exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kinerja.performance import scoring
from kinerja.performance.models import PredikatValue

#: One fill per predikat, dark enough for white text and distinct in greyscale by lightness.
FILLS = {"1": "#1f6f3a", "2": "#4f9a63", "3": "#b98900", "4": "#c8581a", "5": "#9c1f17"}
#: Width of the stacked bar's coordinate system (it is scaled to the cell by the browser).
STACK_WIDTH = 1000
_TENTH = Decimal("0.1")


def legend() -> list[tuple[str, str]]:
    """(label, fill) per predikat, for the key shown beside the stacked bars."""
    return [(str(label), FILLS[code]) for code, label in PredikatValue.choices]


def _share(count: int, total: int) -> Decimal:
    if not total:
        return Decimal(0)
    return (Decimal(count) * 100 / total).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Segment:
    code: str
    label: str
    count: int
    share: Decimal
    x: int
    width: int
    fill: str


@dataclass(frozen=True)
class StackedBar:
    """The unit's counts as one bar of STACK_WIDTH split by predikat (empty predikat left out)."""

    segments: tuple[Segment, ...]
    total: int

    @property
    def summary(self) -> str:
        return ", ".join(f"{s.label} {s.count}" for s in self.segments)


def stacked_bar(counts: Mapping[str, int]) -> StackedBar:
    """Segments whose ends are rounded from the running total, so they always fill the bar."""
    total = sum(counts.get(code, 0) for code in PredikatValue.values)
    segments = []
    running = 0
    for code, label in PredikatValue.choices:
        count = counts.get(code, 0)
        if not count:
            continue
        start = running * STACK_WIDTH // total
        running += count
        end = running * STACK_WIDTH // total
        segments.append(
            Segment(code, str(label), count, _share(count, total), start, end - start, FILLS[code])
        )
    return StackedBar(tuple(segments), total)


@dataclass(frozen=True)
class Bar:
    code: str
    label: str
    count: int
    share: Decimal
    y: int
    width: Decimal
    fill: str
    text_y: int
    value_x: Decimal


@dataclass(frozen=True)
class Marker:
    """A clause's threshold drawn across the bar of its (single) predikat."""

    x: Decimal
    y1: int
    y2: int
    text: str


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    markers: tuple[Marker, ...]
    total: int
    width: int = 640
    plot_x: int = 170
    plot_width: int = 360
    row: int = 36
    bar_height: int = 20
    top: int = 8

    @property
    def height(self) -> int:
        return self.top + self.row * len(self.bars) + 28

    @property
    def axis_y(self) -> int:
        return self.top + self.row * len(self.bars)

    @property
    def ticks(self) -> tuple[tuple[Decimal, str], ...]:
        return tuple(
            (self.plot_x + Decimal(self.plot_width) * pct / 100, f"{pct}%") for pct in (0, 50, 100)
        )


def _x(chart_x: int, plot_width: int, pct: Decimal) -> Decimal:
    return (chart_x + Decimal(plot_width) * pct / 100).quantize(_TENTH, ROUND_HALF_UP)


def bar_chart(
    counts: Mapping[str, int],
    rule: scoring.DistributionRule | None = None,
    most_reading: scoring.MostReading = scoring.MostReading.MAJORITY,
) -> BarChart:
    """One horizontal bar per predikat, its length the share of the unit (100 % = the whole
    plot), with the count and share as text; a clause of the rule on a single predikat is drawn
    as a marker at its threshold ("most" under the majority reading at 50 %)."""
    base = BarChart((), (), 0)
    total = sum(counts.get(code, 0) for code in PredikatValue.values)
    bars = []
    rows: dict[str, int] = {}
    for index, (code, label) in enumerate(PredikatValue.choices):
        count = counts.get(code, 0)
        share = _share(count, total)
        y = base.top + index * base.row + (base.row - base.bar_height) // 2
        rows[code] = y
        width = (Decimal(base.plot_width) * share / 100).quantize(_TENTH, ROUND_HALF_UP)
        bars.append(
            Bar(
                code=code,
                label=str(label),
                count=count,
                share=share,
                y=y,
                width=width,
                fill=FILLS[code],
                text_y=y + base.bar_height - 5,
                value_x=base.plot_x + width + 6,
            )
        )
    markers = []
    for clause in rule.clauses if rule else ():
        if len(clause.group) != 1:
            continue
        code = next(iter(clause.group)).value
        if clause.kind in (scoring.ClauseKind.AT_LEAST, scoring.ClauseKind.AT_MOST):
            pct = clause.threshold
        elif (
            clause.kind is scoring.ClauseKind.MOST and most_reading is scoring.MostReading.MAJORITY
        ):
            pct = Decimal(50)
        else:
            continue
        y = rows[code]
        markers.append(
            Marker(
                _x(base.plot_x, base.plot_width, pct),
                y - 4,
                y + base.bar_height + 4,
                clause.text(most_reading),
            )
        )
    return BarChart(tuple(bars), tuple(markers), total)
