"""Demo realisasi and evaluations: every ended quarter of every approved SKP, written as the
evaluation services would have left it.

Each approved SKP gets a profile (most employees near their targets, some well above, some
below) with noise per quarter and per IKI, so the recommendations, and from them the predikat
and the units' distributions, look like a real city. The recommendation is the services' own:
``line_for``, ``recommend`` and ``stored_recommendation`` of ``performance.services.evaluation``
on facts read in two queries, memoised where the result depends only on a few values (the demo
writes about 80,000 evaluations at scale 1). The assessor mostly confirms the recommendation;
about one in twenty differs from it with a written reason.

Past years are final throughout (quarters and the annual evaluation). In the current year the
quarters whose evaluation deadline has passed are final; a quarter that has ended but whose
deadline is still ahead is partly final, partly draft and partly not yet opened. The demo
"atasan" keeps one draft of the latest ended quarter, so there is always an evaluation to do.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from kinerja.core import bulk
from kinerja.demo.assessment_texts import NOTES, OVERRIDE_DOWN, OVERRIDE_UP, SHORTFALL_NOTES
from kinerja.demo.memo import Lines, Recommender
from kinerja.org import paths
from kinerja.org.models import Instansi
from kinerja.performance import scoring
from kinerja.performance.models import (
    Aspek,
    Berakhlak,
    Evaluation,
    EvaluationState,
    Period,
    PeriodKind,
    PeriodState,
    RatingValue,
    Realisasi,
    Skp,
    SkpState,
)
from kinerja.performance.services.evaluation import (
    IkiFacts,
    facts_by_skp,
    period_share,
    settings_for,
    stored_recommendation,
)

FINAL, DRAFT = str(EvaluationState.FINAL.value), str(EvaluationState.DRAFT.value)
BERAKHLAK = [str(value) for value in Berakhlak.values]
#: How an IKI's realisasi is drawn: a quantity due in part each quarter, a number that holds in
#: every period (as the services read an IKI without aspek kuantitas), a percentage, a time.
QUANTITY, FLAT, PERCENT, TIME = range(4)
CENT = Decimal("0.01")
#: Evaluations drawn before the rows are written.
CHUNK = 5000
#: One OPD a year works this much above the usual profile (enough for an Istimewa unit).
OUTSTANDING_BONUS = 0.2
OUTSTANDING_MIN = 20
#: Share of evaluations whose Hasil Kerja differs from the recommendation (with a reason).
OVERRIDE_SHARE = 0.05
#: Share of final evaluations that rate each BerAKHLAK value separately.
VALUES_SHARE = 0.3
#: The rating codes as plain strings (enum members are slow in a loop of 80,000 rows).
RATINGS = [str(r.value) for r in RatingValue]
ABOVE, MEETS, BELOW = RATINGS
#: Perilaku by Hasil Kerja: (share Di Atas, share Di Bawah); the rest is Sesuai. Strong results
#: and good conduct go together more often than not.
PERILAKU_ODDS = {ABOVE: (0.75, 0.02), MEETS: (0.08, 0.05), BELOW: (0.02, 0.12)}
#: The kuadran of PermenPANRB 6/2022, looked up once per cell instead of once per evaluation.
PREDIKAT = {(h, p): scoring.predikat(h, p).value for h in RATINGS for p in RATINGS}

#: Every column in the model's order, so that the bulk insert sends the rows as they are.
EVALUATION_COLUMNS = [
    "instansi_id", "skp_id", "period_id", "employee_id", "unit_id", "unit_path", "state",
    "recommended", "recommendation", "scoring_version", "hasil_kerja", "override_reason",
    "perilaku", "perilaku_values", "notes", "self_hasil_kerja", "self_perilaku", "self_notes",
    "self_assessed_at", "predikat", "decided_by_id", "decided_at", "version", "created_at",
    "updated_at",
]  # fmt: skip
REALISASI_COLUMNS = [
    "iki_id", "period_id", "skp_id", "instansi_id", "value", "note", "updated_by_id",
    "created_at", "updated_at", "version",
]  # fmt: skip


@dataclass(frozen=True)
class DemoPeriod:
    pk: int
    year: int
    kind: str
    number: int
    starts: date
    ends: date
    deadline: date
    locked: bool
    share: Decimal

    @property
    def annual(self) -> bool:
        return self.kind == PeriodKind.ANNUAL

    @property
    def opened(self) -> date:
        """The day the evaluations were opened: the day after the period ended."""
        return self.ends + timedelta(days=1)


@dataclass
class Plan:
    """An approved SKP with what its evaluations need (IKI in the services' order)."""

    pk: int
    employee_id: int
    year: int
    unit_id: int
    unit_path: str
    assessor_id: int | None
    assessor_position_id: int | None
    facts: list[IkiFacts] = field(default_factory=list)


@dataclass(slots=True)
class DemoEvaluation:
    """What the penetapan and the keberatan need of a written evaluation."""

    plan: Plan
    period: DemoPeriod
    state: str
    recommended: str
    hasil_kerja: str = ""
    perilaku: str = ""
    predikat: str = ""
    decided_at: datetime | None = None

    @property
    def final(self) -> bool:
        return self.state == FINAL


@dataclass
class EvaluationSeed:
    """What was written, kept in memory for the penetapan and the keberatan."""

    periods: dict[int, list[DemoPeriod]]
    evaluations: list[DemoEvaluation] = field(default_factory=list)
    pending: set[tuple[int, str]] = field(default_factory=set)
    realisasi: int = 0
    overrides: int = 0


def load_periods(instansi: Instansi) -> dict[int, list[DemoPeriod]]:
    """The instansi's periods by year, quarters in order and the annual one last."""
    by_year: dict[int, list[DemoPeriod]] = defaultdict(list)
    rows = Period.objects.filter(instansi=instansi).select_related("performance_year")
    for period in sorted(
        rows, key=lambda p: (p.starts.year, p.kind == PeriodKind.ANNUAL, p.number)
    ):
        by_year[period.starts.year].append(
            DemoPeriod(
                period.pk,
                period.starts.year,
                period.kind,
                period.number,
                period.starts,
                period.ends,
                period.evaluation_deadline,
                period.state == PeriodState.LOCKED,
                period_share(period),
            )
        )
    return dict(by_year)


def load_plans(instansi: Instansi) -> list[Plan]:
    """Every approved SKP of the instansi with its IKI facts (two queries)."""
    plans = {
        row[0]: Plan(*row)
        for row in Skp.objects.filter(instansi=instansi, state=SkpState.APPROVED)
        .order_by("pk")
        .values_list(
            "pk", "employee_id", "performance_year__year", "unit_id", "unit__path",
            "assessor_id", "assessor_position_id",
        )
    }  # fmt: skip
    for skp_id, facts in facts_by_skp(instansi=instansi).items():
        plans[skp_id].facts.extend(facts)
    return list(plans.values())


class _Clock:
    """Aware local times, made once each (the same few thousand recur in every period)."""

    def __init__(self) -> None:
        self.tz = timezone.get_current_timezone()
        self.made: dict[tuple[date, int, int], datetime] = {}

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        key = (day, hour, minute)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = datetime.combine(day, time(hour, minute), tzinfo=self.tz)
        return found


def _outstanding(plans: list[Plan], rng: random.Random) -> dict[tuple[int, str], float]:
    """One OPD a year (of those with at least ``OUTSTANDING_MIN`` plans) whose people work well
    above target, so that its distribution meets the Istimewa rule."""
    sizes: dict[tuple[int, str], int] = defaultdict(int)
    for plan in plans:
        sizes[plan.year, plan.unit_path[: paths.SEGMENT]] += 1
    bonus = {}
    for year in sorted({year for year, _path in sizes}):
        big = sorted(path for (y, path), n in sizes.items() if y == year and n >= OUTSTANDING_MIN)
        if big:
            bonus[year, rng.choice(big)] = OUTSTANDING_BONUS
    return bonus


def _kind(facts: IkiFacts) -> int:
    if facts.lower_is_better:
        return TIME
    if facts.unit == "%":
        return PERCENT
    return QUANTITY if facts.aspek == Aspek.KUANTITAS else FLAT


class _Writer:
    """Draws the realisasi and the evaluations of one instansi."""

    def __init__(
        self,
        instansi: Instansi,
        rng: random.Random,
        today: date,
        users: dict[int, int],
        story_assessor: int | None,
    ) -> None:
        self.instansi_id, self.rng, self.today, self.users = instansi.pk, rng, today, users
        self.story_assessor = story_assessor
        config = settings_for(instansi.pk)
        self.cap = config.capaian_cap
        self.lines = Lines(self.cap)
        self.recommender = Recommender(config)
        self.clock = _Clock()
        self.numbers: dict[int, Decimal] = {}
        self.rows: list[tuple[object, ...]] = []
        self.written = self.overrides = 0
        self.realisasi: list[tuple[object, ...]] = []
        self.evaluations: list[DemoEvaluation] = []
        #: (year, OPD path) → how much better than usual the whole OPD works that year.
        self.bonus: dict[tuple[int, str], float] = {}
        #: (period, OPD path) with evaluations still to be confirmed: no penetapan yet.
        self.pending: set[tuple[int, str]] = set()
        #: (IKI, period) → the realisasi already written from the complaint records: an IKI
        #: linked to an indicator is not drawn.
        self.linked: dict[tuple[int, int], Decimal | None] = dict(
            ((iki, period), value)
            for iki, period, value in Realisasi.objects.filter(instansi_id=instansi.pk)
            .exclude(iki__indicator_source="")
            .values_list("iki_id", "period_id", "value")
        )

    # --- realisasi -------------------------------------------------------------------------

    def _profile(self) -> float:
        """How far above or below target an employee works this year (1.0: on target)."""
        roll = self.rng.random()
        if roll < 0.25:
            return self.rng.uniform(1.1, 1.3)
        if roll < 0.86:
            return self.rng.uniform(0.96, 1.07)
        return self.rng.uniform(0.72, 0.88)

    def _noise(self, width: float) -> float:
        """Triangular noise in [-width, width] (cheaper than a Gaussian, and bounded)."""
        return (self.rng.random() + self.rng.random() - 1) * width

    def _number(self, tenths: int) -> Decimal:
        """``tenths`` / 10 with the two decimals the database keeps (so that a value read back
        prints as the one computed here)."""
        found = self.numbers.get(tenths)
        if found is None:
            found = self.numbers[tenths] = (Decimal(tenths) / 10).quantize(CENT)
        return found

    def _value(self, kind: int, due: float, factor: float) -> Decimal:
        """A realisasi around ``due``: better work is more done, or less time taken."""
        if kind == TIME:
            return self._number(max(5, round(due / max(factor, 0.4) * 10)))
        if kind == PERCENT:
            return self._number(10 * min(100, max(0, round(due * factor))))
        return self._number(10 * max(0, round(due * factor)))

    def _quarter_values(
        self, plan: Plan, shape: list[tuple[int, float]], period: DemoPeriod, base: float,
        updated_by: int | None,
    ) -> list[Decimal | None]:  # fmt: skip
        factor = base + self._noise(0.1)
        stamp = self.clock.at(period.ends, 15)
        share = float(period.share)
        values: list[Decimal | None] = []
        for facts, (kind, target) in zip(plan.facts, shape, strict=True):
            if (facts.pk, period.pk) in self.linked:
                values.append(self.linked[facts.pk, period.pk])
                continue
            drawn = factor + self._noise(0.12)
            value = self._value(kind, target * share if kind == QUANTITY else target, drawn)
            note = ""
            if drawn < 0.85 and self.rng.random() < 0.3:
                note = self.rng.choice(SHORTFALL_NOTES)
            self.realisasi.append(
                (facts.pk, period.pk, plan.pk, self.instansi_id, value, note, updated_by,
                 stamp, stamp, 1)
            )  # fmt: skip
            values.append(value)
        return values

    # --- evaluations -----------------------------------------------------------------------

    def _state(self, plan: Plan, period: DemoPeriod, story: bool) -> str | None:
        """FINAL, DRAFT or None (not opened) for one SKP in one ended period."""
        if period.locked:
            return FINAL
        if story and plan.assessor_id is not None and plan.assessor_id == self.story_assessor:
            self.story_assessor = None  # one evaluation left to do is enough
            return DRAFT
        if period.deadline < self.today:
            return FINAL
        if period.ends + timedelta(days=1) >= self.today:
            return DRAFT if self.rng.random() < 0.4 else None
        roll = self.rng.random()
        if roll < 0.45:
            return FINAL
        return DRAFT if roll < 0.8 else None

    def _decided_at(self, period: DemoPeriod, after: date) -> datetime:
        """A working-hours moment after ``after`` (at the earliest the day after the period
        ended), by the deadline and before today."""
        last = min(period.deadline, self.today - timedelta(days=1))
        span = max(1, (last - after).days)
        day = after + timedelta(days=1 + int(self.rng.random() * span))
        hour, quarter = divmod(int(self.rng.random() * 32), 4)
        return self.clock.at(day, 8 + hour, 15 * quarter)

    def _hasil(self, recommended: str) -> tuple[str, str]:
        """The assessor's Hasil Kerja rating and, when it differs from the recommendation, why."""
        if self.rng.random() >= OVERRIDE_SHARE:
            return recommended, ""
        if recommended == ABOVE or (recommended == MEETS and self.rng.random() < 0.6):
            lower = MEETS if recommended == ABOVE else BELOW
            return lower, self.rng.choice(OVERRIDE_DOWN)
        higher = MEETS if recommended == BELOW else ABOVE
        return higher, self.rng.choice(OVERRIDE_UP)

    def _perilaku(self, hasil: str) -> str:
        above, below = PERILAKU_ODDS[hasil]
        roll = self.rng.random()
        return ABOVE if roll < above else BELOW if roll < above + below else MEETS

    def _values(self, perilaku: str) -> dict[str, str]:
        """Ratings per BerAKHLAK value consistent with the overall perilaku."""
        values = dict.fromkeys(BERAKHLAK, perilaku)
        for value in self.rng.sample(BERAKHLAK, 2):
            values[value] = MEETS if perilaku != MEETS else self.rng.choice((ABOVE, MEETS))
        return values

    def evaluate(
        self,
        plan: Plan,
        period: DemoPeriod,
        values: list[tuple[Decimal, ...]],
        story: bool = False,
        after: date | None = None,
    ) -> None:
        """One evaluation; ``after`` is the day after which it can be decided (the annual one
        draws on the quarters, so it comes after the last quarter's deadline)."""
        state = self._state(plan, period, story)
        if state != FINAL:
            self.pending.add((period.pk, plan.unit_path[: paths.SEGMENT]))
        if state is None:
            return
        lines = [
            self.lines(facts, found, period.share)
            for facts, found in zip(plan.facts, values, strict=True)
        ]
        rec = self.recommender(lines)
        recommended = rec.rating.value if rec.rating else ""
        evaluation = DemoEvaluation(plan, period, state, recommended, hasil_kerja=recommended)
        reason, perilaku_values, notes, decided_by = "", {}, "", None
        if state == FINAL:
            hasil, reason = self._hasil(recommended) if recommended else (MEETS, "")
            self.overrides += bool(reason)
            perilaku = self._perilaku(hasil)
            evaluation.hasil_kerja, evaluation.perilaku = hasil, perilaku
            evaluation.predikat = PREDIKAT[hasil, perilaku]
            if self.rng.random() < VALUES_SHARE:
                perilaku_values = self._values(perilaku)
            if self.rng.random() < 0.1:
                notes = self.rng.choice(NOTES)
            decided_by = self.users.get(plan.assessor_id or 0)
            evaluation.decided_at = self._decided_at(period, after or period.ends)
        self.evaluations.append(evaluation)
        opened = self.clock.at(period.opened, 7, 30)
        self.rows.append(
            (
                self.instansi_id, plan.pk, period.pk, plan.employee_id, plan.unit_id,
                plan.unit_path, state, recommended, stored_recommendation(lines, rec, self.cap),
                rec.version, evaluation.hasil_kerja, reason, evaluation.perilaku,
                perilaku_values, notes, "", "", "", None, evaluation.predikat, decided_by,
                evaluation.decided_at, 1, opened, evaluation.decided_at or opened,
            )
        )  # fmt: skip

    def plan(self, plan: Plan, periods: list[DemoPeriod], latest: int | None) -> None:
        """Realisasi and evaluations of one SKP over the periods of its year that have ended."""
        if not plan.facts:
            return
        base = self._profile() + self.bonus.get((plan.year, plan.unit_path[: paths.SEGMENT]), 0)
        updated_by = self.users.get(plan.employee_id)
        shape = [(_kind(facts), float(facts.target or 0)) for facts in plan.facts]
        quarters: list[list[Decimal | None]] = []
        last_deadline = None
        for period in periods:
            if period.ends >= self.today:
                continue
            if period.annual:
                # A quarter without a figure (an officer with no complaint) counts as not
                # measured, as in the evaluation itself.
                per_iki: list[tuple[Decimal, ...]] = [
                    tuple(v for q in quarters if (v := q[n]) is not None)
                    for n in range(len(plan.facts))
                ]
                self.evaluate(plan, period, per_iki, after=last_deadline)
                continue
            values = self._quarter_values(plan, shape, period, base, updated_by)
            quarters.append(values)
            last_deadline = period.deadline
            measured: list[tuple[Decimal, ...]] = [() if v is None else (v,) for v in values]
            self.evaluate(plan, period, measured, story=period.pk == latest)

    # --- writing ---------------------------------------------------------------------------

    def flush(self) -> None:
        """Write the rows drawn so far (in chunks, so that memory stays flat at any scale)."""
        bulk.insert_rows(Realisasi, REALISASI_COLUMNS, self.realisasi)
        bulk.insert_rows(Evaluation, EVALUATION_COLUMNS, self.rows)
        self.written += len(self.realisasi)
        self.realisasi, self.rows = [], []


def seed_evaluations(
    instansi: Instansi,
    *,
    rng: random.Random,
    current_year: int,
    today: date,
    users: dict[int, int],
    story_assessor: int | None = None,
) -> EvaluationSeed:
    """Write the realisasi and evaluations of ``instansi``. ``users`` maps an employee to the
    login that recorded or decided; ``story_assessor``'s team keeps one draft in the latest
    ended quarter of ``current_year``."""
    periods = load_periods(instansi)
    writer = _Writer(instansi, rng, today, users, story_assessor)
    ended = [
        p for p in periods.get(current_year, []) if not p.annual and p.ends < today and not p.locked
    ]
    latest = ended[-1].pk if ended else None
    plans = load_plans(instansi)
    writer.bonus = _outstanding(plans, rng)
    for plan in plans:
        writer.plan(plan, periods.get(plan.year, []), latest)
        if len(writer.rows) >= CHUNK:
            writer.flush()
    writer.flush()
    return EvaluationSeed(
        periods, writer.evaluations, writer.pending, writer.written, writer.overrides
    )
