"""Demo complaints: four years of ULAS-like traffic with realistic timing, and SKM answers.

Volumes follow ULAS (15,003 complaints in 2023, 8,898 in 2024; DOMAIN.md §5), with about 8,500 a
year since. Each OPD has a service quality and each officer a pace, so the indicators differ
between them the way they do in a real city: in 2024 about half of the complaints got their first
response within one working day. Some answers are rejected by the verifier, some complaints are
reopened, and citizens rate about four in ten answers, less kindly when the answer came late.

Complaints received in the last days before today are still open at various steps, so that the
inbox and the overdue lists have work in them. The steps are written as the services would have
left them (timestamps, working minutes, events and answers), in bulk; like the seeded
evaluations they have no per-row audit events.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from kinerja.complaints.holidays import built_in_for
from kinerja.complaints.models import (
    Category,
    Channel,
    Classification,
    Complaint,
    ComplaintEvent,
    Holiday,
    Response,
    ResponseKind,
    SkmResponse,
    Status,
    SurveySource,
    Verdict,
)
from kinerja.complaints.services.intake import CODE_ALPHABET, CODE_LENGTH
from kinerja.complaints.sla import Policies, calendar_for
from kinerja.core import bulk
from kinerja.demo.complaint_catalog import CATEGORIES, VOLUME
from kinerja.demo.complaint_links import link_ikis
from kinerja.demo.names import person_name, phone_number
from kinerja.demo.wilayah import KELURAHAN
from kinerja.employees.models import Employee
from kinerja.org.models import Instansi, Unit

CHANNELS = [
    (Channel.WHATSAPP, 52), (Channel.ULAS, 21), (Channel.LAPOR, 9), (Channel.SOCIAL, 8),
    (Channel.PHONE, 5), (Channel.EMAIL, 3), (Channel.WALK_IN, 2),
]  # fmt: skip
CLASSIFICATIONS = [
    (Classification.PENGADUAN, 80), (Classification.ASPIRASI, 12),
    (Classification.INFORMASI, 8),
]  # fmt: skip
OFFICERS_PER_OPD = (2, 6)
_KELURAHAN = sorted(name for names in KELURAHAN.values() for name in names)
STREETS = [
    "Jl. Slamet Riyadi", "Jl. Adi Sucipto", "Jl. Ahmad Yani", "Jl. Kolonel Sutarto",
    "Jl. Ir. Sutami", "Jl. Veteran", "Jl. Dr. Radjiman", "Jl. Yos Sudarso", "Jl. Gatot Subroto",
    "Jl. Urip Sumoharjo", "Jl. Kapten Mulyadi", "Jl. Sumpah Pemuda", "Jl. Letjen Suprapto",
]  # fmt: skip
ANSWERS = [
    "Terima kasih atas laporannya. Petugas sudah meninjau lokasi dan menindaklanjuti sesuai "
    "kewenangan kami.",
    "Laporan sudah kami tindak lanjuti: petugas turun ke lokasi dan permasalahan telah ditangani.",
    "Sudah kami koordinasikan dengan petugas lapangan; perbaikan dijadwalkan dan sebagian sudah "
    "dikerjakan.",
    "Data Bapak/Ibu sudah kami periksa dan perbaiki. Silakan cek kembali.",
]
REJECTION_NOTES = [
    "Jawaban belum menjelaskan tindakan di lokasi.",
    "Lampirkan bukti tindak lanjut.",
]
REOPEN_NOTES = ["Masalahnya muncul lagi.", "Belum ada perbaikan di lokasi."]


@dataclass
class ComplaintSeedResult:
    """Counts of what the demo complaints added."""

    categories: int = 0
    complaints: int = 0
    events: int = 0
    responses: int = 0
    surveys: int = 0
    officers: int = 0
    linked_iki: int = 0
    filled: int = 0
    by_year: dict[int, int] = field(default_factory=dict)


def _weighted(rng: random.Random, pairs: list[tuple[Any, int]]) -> Any:
    return rng.choices([p for p, _w in pairs], weights=[w for _p, w in pairs])[0]


class _Clock:
    """Working-time arithmetic over the instansi's calendar, memoised per day and hour."""

    def __init__(self, instansi_id: int) -> None:
        self.calendar = calendar_for(instansi_id)
        self.policies = Policies(instansi_id, self.calendar)

    def add(self, start: datetime, minutes: int) -> datetime:
        return self.calendar.add(start, max(0, int(minutes)))

    def between(self, start: datetime, end: datetime) -> int:
        return int(self.calendar.minutes_between(start, end))


def _categories(instansi: Instansi) -> list[tuple[Category, int]]:
    opds = {
        (u.short_name or u.name): u
        for u in Unit.objects.filter(instansi=instansi, depth=0).only("name", "short_name")
    }
    rows = [
        Category(
            instansi=instansi,
            code=slugify(item.name)[:60],
            name=item.name,
            default_unit=opds.get(item.opd) if item.opd else None,
        )
        for item in CATEGORIES
    ]
    bulk.insert(Category, rows)
    return [(row, item.weight) for row, item in zip(rows, CATEGORIES, strict=True)]


def _officers(
    instansi: Instansi, rng: random.Random, units: set[int], persona_ids: list[int]
) -> dict[int, list[tuple[int, int | None]]]:
    """A few staff (not unit heads) per OPD who handle its complaints: (employee, user)."""
    by_opd: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    opd_of = {u.path: u.pk for u in Unit.objects.filter(instansi=instansi, depth=0).only("path")}
    staff = (
        Employee.objects.filter(instansi=instansi, current_position__is_unit_head=False)
        .exclude(unit_path="")
        .order_by("pk")
        .values_list("pk", "user_id", "unit_path")
    )
    pools: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for pk, user_id, unit_path in staff:
        opd = opd_of.get(unit_path[:4])
        if opd in units:
            pools[opd].append((pk, user_id))
    personas = set(persona_ids)
    for opd, pool in pools.items():
        mine = [p for p in pool if p[0] in personas]
        others = [p for p in pool if p[0] not in personas]
        count = min(len(others), rng.randint(*OFFICERS_PER_OPD))
        by_opd[opd] = mine + rng.sample(others, count)
    return by_opd


def _code(rng: random.Random, taken: set[str]) -> str:
    while True:
        raw = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        code = f"{raw[:5]}-{raw[5:]}"
        if code not in taken:
            taken.add(code)
            return code


def _lognormal_minutes(rng: random.Random, median: float, spread: float = 0.9) -> int:
    return max(5, int(median * math.exp(rng.gauss(0, spread))))


#: The columns of a demo complaint, in the order :class:`_Draft` holds them.
DRAFT_FIELDS = (
    "channel", "tracking_code", "received_at", "category_id", "classification", "title",
    "description", "location", "complainant_name", "complainant_phone", "status", "unit_id",
    "officer_id", "verified_at", "dispatched_at", "assigned_at", "first_response_at",
    "officer_response_at", "followed_up_at", "closed_at", "response_due_at", "followup_due_at",
    "response_minutes", "officer_response_minutes", "followup_minutes", "reopen_count",
    "rejected_answers", "rating", "solved", "rated_at",
)  # fmt: skip


class _Draft:
    """A complaint being drawn: plain attributes, far cheaper than 40,000 model instances."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(dict.fromkeys(DRAFT_FIELDS))
        self.status: str = Status.NEW
        self.reopen_count = self.rejected_answers = 0
        self.__dict__.update(values)

    # Every field is set in __init__; these two tell the type checker so.
    def __getattr__(self, name: str) -> Any:
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self.__dict__[name] = value

    def row(self, instansi_id: int) -> list[Any]:
        return [instansi_id, "", "", *(self.__dict__[name] for name in DRAFT_FIELDS)]


class _Writer:
    """Draws the complaints of one instansi and collects rows for bulk insertion."""

    def __init__(
        self,
        instansi: Instansi,
        rng: random.Random,
        verifier: tuple[int | None, str],
        volume: float = 1.0,
    ) -> None:
        self.instansi = instansi
        self.volume = volume
        self.rng = rng
        self.clock = _Clock(instansi.pk)
        self.verifier_id, self.verifier_label = verifier
        self.now = timezone.now()
        self.tz = timezone.get_current_timezone()
        self.codes: set[str] = set()
        self.complaints: list[_Draft] = []
        self.pending: list[tuple[_Draft, list[tuple], list[tuple]]] = []
        self.quality: dict[int, float] = {}
        self.pace: dict[int, float] = {}

    def _received(self, day: date) -> datetime:
        hour = _weighted(self.rng, [(h, 1 + (3 if 7 <= h <= 20 else 0)) for h in range(24)])
        return datetime.combine(day, time(hour, self.rng.randrange(60)), tzinfo=self.tz)

    def _days(self, year: int, until: date) -> list[date]:
        first, last = date(year, 1, 1), min(date(year, 12, 31), until)
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        return days

    def year(
        self,
        year: int,
        until: date,
        categories: list[tuple[Category, int]],
        officers: dict[int, list[tuple[int, int | None]]],
    ) -> int:
        days = self._days(year, until)
        if not days:
            return 0
        full = (date(year, 12, 31) - date(year, 1, 1)).days + 1
        count = round(VOLUME.get(year, VOLUME[max(VOLUME)]) * len(days) / full * self.volume)
        weights = [1.0 if d.weekday() < 5 else 0.55 for d in days]
        cats = [c for c, _w in categories]
        cat_weights = [w for _c, w in categories]
        for day in sorted(self.rng.choices(days, weights=weights, k=count)):
            category = self.rng.choices(cats, weights=cat_weights)[0]
            self._one(self._received(day), category, officers)
        return count

    def _one(
        self,
        received: datetime,
        category: Category,
        officers: dict[int, list[tuple[int, int | None]]],
    ) -> None:
        rng = self.rng
        gender = rng.choice("LP")
        name = person_name(rng, gender, rng.randint(1950, 2005), christian=False)
        kelurahan = rng.choice(_KELURAHAN)
        complaint = _Draft(
            channel=_weighted(rng, CHANNELS),
            tracking_code=_code(rng, self.codes),
            received_at=received,
            category_id=category.pk,
            classification=_weighted(rng, CLASSIFICATIONS),
            title=f"{category.name}: {rng.choice(STREETS)}"[:200],
            description=(
                f"Mohon ditindaklanjuti, {category.name.lower()} di sekitar "
                f"{rng.choice(STREETS)}, Kelurahan {kelurahan}."
            ),
            location=f"{rng.choice(STREETS)} {rng.randint(1, 250)}, {kelurahan}",
            complainant_name=name if rng.random() > 0.08 else "",
            complainant_phone=phone_number(rng),
        )
        complaint.response_due_at, complaint.followup_due_at = self.clock.policies.due(
            complaint.channel, category.pk, received
        )
        events: list[tuple] = [(received, None, "warga", "receive", "", Status.NEW, None, None, "")]
        responses: list[tuple] = []
        self._story(complaint, category, officers, events, responses)
        self.complaints.append(complaint)
        self.pending.append((complaint, events, responses))

    def _story(
        self,
        c: _Draft,
        category: Category,
        officers: dict[int, list[tuple[int, int | None]]],
        events: list[tuple],
        responses: list[tuple],
    ) -> None:
        """Walk the complaint through its steps until one would lie in the future."""
        rng, clock, now = self.rng, self.clock, self.now
        verifier = (self.verifier_id, self.verifier_label)
        opd = category.default_unit_id
        quality = self.quality.setdefault(opd or 0, rng.uniform(0.55, 1.6))

        def step(at: datetime, actor: tuple, action: str, to: str, note: str = "") -> bool:
            if at > now:
                return False
            events.append((at, actor[0], actor[1], action, c.status, to, c.unit_id,
                           c.officer_id, note))  # fmt: skip
            c.status = to
            return True

        verified = clock.add(c.received_at, _lognormal_minutes(rng, 60 * quality, 1.0))
        if not step(verified, verifier, "verify", Status.VERIFIED):
            return
        c.verified_at = verified
        if opd is None or rng.random() < 0.04:
            action = "not_ours" if opd is None else "reject"
            to = Status.NOT_OURS if opd is None else Status.REJECTED
            note = "Bukan kewenangan Pemerintah Kota." if opd is None else "Aduan ganda."
            if step(verified + timedelta(minutes=5), verifier, action, to, note):
                c.closed_at = verified + timedelta(minutes=5)
            return
        routed = clock.add(c.received_at, _lognormal_minutes(rng, 330 * quality, 0.8))
        routed = max(routed, verified + timedelta(minutes=1))
        c.unit_id = opd
        if not step(routed, verifier, "route", Status.DISPATCHED):
            c.unit_id = None
            return
        c.dispatched_at = c.first_response_at = routed
        c.response_minutes = clock.between(c.received_at, routed)
        pool = officers.get(opd) or []
        if not pool:
            return
        officer, officer_user = rng.choice(pool)
        pace = self.pace.setdefault(officer, rng.uniform(0.6, 1.5))
        assigned = clock.add(routed, _lognormal_minutes(rng, 45 * quality))
        c.officer_id = officer
        if not step(assigned, (None, "Admin aduan OPD"), "assign", Status.DISPATCHED):
            c.officer_id = None
            return
        c.assigned_at = assigned
        officer_label = "Petugas"
        for attempt in range(2):
            answered = clock.add(assigned, _lognormal_minutes(rng, 420 * quality * pace, 0.85))
            if not step(answered, (officer_user, officer_label), "follow_up", Status.FOLLOWED_UP):
                return
            if c.officer_response_at is None:
                c.officer_response_at = answered
                c.officer_response_minutes = clock.between(assigned, answered)
            c.followed_up_at = answered
            c.followup_minutes = clock.between(c.received_at, answered)
            answer = [answered, officer_user, officer_label, rng.choice(ANSWERS), "", "", None]
            responses.append(answer)  # type: ignore[arg-type]
            checked = clock.add(answered, _lognormal_minutes(rng, 90, 0.7))
            if attempt == 0 and rng.random() < 0.06 * quality:
                note = rng.choice(REJECTION_NOTES)
                if not step(checked, verifier, "reject_answer", Status.DISPATCHED, note):
                    return
                answer[4:7] = [Verdict.REJECTED, note, checked]
                c.rejected_answers += 1
                c.followed_up_at = c.followup_minutes = None
                assigned = checked
                continue
            if not step(checked, verifier, "accept", Status.DONE):
                return
            answer[4:7] = [Verdict.ACCEPTED, "", checked]
            c.closed_at = checked
            break
        if c.status != Status.DONE:
            return
        if rng.random() < 0.035 * quality and c.closed_at is not None:
            self._reopen(c, step, verifier, (officer_user, officer_label), responses)
        if c.status == Status.DONE:
            self._rating(c)

    def _reopen(
        self, c: _Draft, step: Any, verifier: tuple, officer: tuple, responses: list[tuple]
    ) -> None:
        """The citizen opens the complaint again; the officer answers once more."""
        rng, clock = self.rng, self.clock
        assert c.closed_at is not None
        reopened = c.closed_at + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
        if not step(reopened, (None, "warga"), "reopen", Status.REOPENED, rng.choice(REOPEN_NOTES)):
            return
        c.reopen_count, c.closed_at = 1, None
        answered = clock.add(reopened, _lognormal_minutes(rng, 600))
        if not step(answered, officer, "follow_up", Status.FOLLOWED_UP):
            return
        answer = [answered, officer[0], officer[1], rng.choice(ANSWERS), "", "", None]
        responses.append(answer)  # type: ignore[arg-type]
        checked = clock.add(answered, _lognormal_minutes(rng, 90, 0.7))
        if step(checked, verifier, "accept", Status.DONE):
            answer[4:7] = [Verdict.ACCEPTED, "", checked]
            c.closed_at = checked

    def _rating(self, c: _Draft) -> None:
        rng = self.rng
        late = (
            c.followed_up_at is not None
            and c.followup_due_at is not None
            and (c.followed_up_at > c.followup_due_at)
        )
        if rng.random() < 0.42 and c.closed_at is not None:
            rated = c.closed_at + timedelta(hours=rng.randint(1, 72))
            if rated <= self.now:
                base = [5, 5, 5, 4, 4, 3, 2, 1] if not late else [5, 4, 3, 3, 2, 2, 1, 1]
                c.rating = rng.choice(base) if c.reopen_count == 0 else rng.choice([1, 2, 3])
                c.solved = c.rating >= 3 and rng.random() > 0.1
                c.rated_at = rated

    def flush(self) -> tuple[int, int]:
        now = timezone.now()
        bulk.insert_rows(
            Complaint,
            ["instansi_id", "external_id", "complainant_email", *DRAFT_FIELDS, "version",
             "created_at", "updated_at"],
            [[*c.row(self.instansi.pk), 1, now, now] for c in self.complaints],
        )  # fmt: skip
        ids = dict(
            Complaint.objects.filter(instansi_id=self.instansi.pk).values_list(
                "tracking_code", "id"
            )
        )
        event_rows = []
        response_rows = []
        for complaint, events, responses in self.pending:
            pk = ids[complaint.tracking_code]
            for at, actor, label, action, before, after, unit, officer, note in events:
                event_rows.append([pk, self.instansi.pk, at, actor, label, action,
                                   before, after, unit, officer, note])  # fmt: skip
            for at, author, label, body, verdict, note, verdict_at in responses:
                response_rows.append([pk, self.instansi.pk, ResponseKind.FOLLOW_UP,
                                      body, at, author, label, verdict, note, verdict_at,
                                      self.verifier_id if verdict else None])  # fmt: skip
        bulk.insert_rows(
            ComplaintEvent,
            ["complaint_id", "instansi_id", "at", "actor_id", "actor_label", "action",
             "from_status", "to_status", "unit_id", "officer_id", "note"],
            event_rows,
        )  # fmt: skip
        bulk.insert_rows(
            Response,
            ["complaint_id", "instansi_id", "kind", "body", "at", "author_id", "author_label",
             "verdict", "verdict_note", "verdict_at", "verdict_by_id"],
            response_rows,
        )  # fmt: skip
        return len(event_rows), len(response_rows)


def _surveys(
    instansi: Instansi,
    rng: random.Random,
    opds: list[int],
    years: list[int],
    until: date,
    volume: float = 1.0,
) -> int:
    """SKM answers per OPD and year: 80–300 respondents around the OPD's own level."""
    tz = timezone.get_current_timezone()
    rows = []
    for opd in opds:
        level = rng.uniform(2.7, 3.7)
        for year in years:
            last = min(date(year, 12, 31), until)
            if last < date(year, 1, 1):
                continue
            span = (last - date(year, 1, 1)).days
            for _ in range(round(rng.randint(80, 300) * volume) * (span + 1) // 366):
                day = date(year, 1, 1) + timedelta(days=rng.randint(0, span))
                at = datetime.combine(day, time(rng.randint(8, 15), rng.randrange(60)), tzinfo=tz)
                answers = [max(1, min(4, round(rng.gauss(level, 0.6)))) for _ in range(9)]
                rows.append([instansi.pk, opd, SurveySource.COUNTER, at, *answers, ""])
    bulk.insert_rows(
        SkmResponse,
        ["instansi_id", "unit_id", "source", "submitted_at",
         *(f"u{i}" for i in range(1, 10)), "comment"],
        rows,
    )  # fmt: skip
    return len(rows)


def seed_complaints(
    instansi: Instansi,
    *,
    rng: random.Random,
    today: date,
    current_year: int,
    verifier: tuple[int | None, str],
    officer_personas: list[int],
    scale: float = 1.0,
) -> ComplaintSeedResult:
    """Categories, officers, complaints of the three past years and this one, and SKM answers.

    Below scale 1 (quick tests) the volumes shrink with the city; above it they stay the city's:
    the complaint benchmark adds its own million."""
    volume = min(scale, 1.0)
    result = ComplaintSeedResult()
    _holidays(instansi)
    categories = _categories(instansi)
    result.categories = len(categories)
    units = {c.default_unit_id for c, _w in categories if c.default_unit_id}
    officers = _officers(instansi, rng, units, officer_personas)
    result.officers = sum(len(v) for v in officers.values())
    writer = _Writer(instansi, rng, verifier, volume)
    years = list(range(current_year - 3, current_year + 1))
    for year in years:
        result.by_year[year] = writer.year(year, today, categories, officers)
    result.complaints = len(writer.complaints)
    result.events, result.responses = writer.flush()
    result.surveys = _surveys(instansi, rng, sorted(units), years, today, volume)
    result.linked_iki = link_ikis(
        instansi, [pk for pool in officers.values() for pk, _user in pool], current_year
    )
    return result


def _holidays(instansi: Instansi) -> None:
    """The built-in national holidays and cuti bersama of the demo years."""
    rows = [
        Holiday(instansi=instansi, date=day, name=name, kind=kind)
        for year in sorted(VOLUME)
        for day, name, kind in built_in_for(year)
    ]
    bulk.insert(Holiday, rows)
