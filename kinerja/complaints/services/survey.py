"""Survei Kepuasan Masyarakat: recording answers and the IKM per unit and period (issue 4 §5).

The IKM is computed by :func:`kinerja.complaints.skm.ikm_from_sums` from ``COUNT`` and the nine
``SUM`` columns aggregated in the database, one query whatever the number of respondents.
Periods are whole days in the instansi's time zone, ``start`` and ``end`` both included.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.complaints.models import Complaint, SkmResponse, Status, SurveySource
from kinerja.complaints.skm import ELEMENTS, MAX_SCORE, MIN_SCORE, IkmResult, ikm_from_sums
from kinerja.core.audit import record_event
from kinerja.org.models import Unit
from kinerja.org.querysets import subtree_q

FIELDS = tuple(code for code, _label in ELEMENTS)
MAX_COMMENT = 2000


def _answers(answers: Sequence[Any]) -> dict[str, int]:
    if isinstance(answers, str | bytes) or len(answers) != len(FIELDS):
        raise ValidationError(_("Jawab kesembilan pertanyaan."))
    errors: dict[str, str] = {}
    values: dict[str, int] = {}
    for name, raw in zip(FIELDS, answers, strict=True):
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = 0
        if isinstance(raw, bool) or not MIN_SCORE <= value <= MAX_SCORE:
            errors[name] = _("Pilih salah satu jawaban.")
        values[name] = value
    if errors:
        raise ValidationError(errors)
    return values


def submit_survey(
    *,
    unit: Unit,
    answers: Sequence[Any],
    comment: str = "",
    complaint: Complaint | None = None,
    now: datetime | None = None,
) -> SkmResponse:
    """Record one respondent's nine answers (1–4, in the regulation's order) about ``unit``.

    From a service counter ``complaint`` is None; after a complaint it is the done complaint,
    which takes one survey only (a second is refused). The respondent stays anonymous: the
    audit event names the unit and the source, not the response, so it cannot tie the answers
    to the address that sent them.
    """
    values = _answers(answers)
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise ValidationError({"comment": _("Paling banyak %(n)s karakter.") % {"n": MAX_COMMENT}})
    if complaint is not None and (complaint.status != Status.DONE or complaint.unit_id != unit.pk):
        raise ValidationError(_("Survei hanya dapat diisi untuk aduan yang sudah selesai."))
    source = SurveySource.COMPLAINT if complaint is not None else SurveySource.COUNTER
    try:
        with transaction.atomic():
            response = SkmResponse.objects.create(
                instansi_id=unit.instansi_id,
                unit=unit,
                complaint=complaint,
                source=source,
                submitted_at=now or timezone.now(),
                comment=comment,
                **values,
            )
            record_event(
                actor=None,
                action="skm.submit",
                target_label=f"SKM {unit.name}"[:300],
                after={"unit": unit.pk, "source": source},
                instansi_id=unit.instansi_id,
            )
    except IntegrityError:
        raise ValidationError(
            _("Survei untuk aduan ini sudah diisi. Terima kasih."), code="taken"
        ) from None
    return response


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _aggregates() -> dict[str, Any]:
    return {"respondents": Count("pk"), **{name: Sum(name) for name in FIELDS}}


def _result(row: Mapping[str, Any]) -> IkmResult | None:
    return ikm_from_sums(int(row["respondents"] or 0), [int(row[name] or 0) for name in FIELDS])


def _in_period(start: date, end: date) -> QuerySet[SkmResponse]:
    since, until = _bounds(start, end)
    return SkmResponse.objects.filter(submitted_at__gte=since, submitted_at__lt=until)


def ikm_for(units: Unit | Iterable[int], start: date, end: date) -> IkmResult | None:
    """The IKM of the responses about ``units`` from ``start`` to ``end`` (dates, inclusive).

    ``units`` is either a unit, meaning its whole subtree (an OPD with its bidang and seksi), or
    unit ids. None when nobody answered. One query.
    """
    if isinstance(units, Unit):
        where = Q(unit__instansi_id=units.instansi_id) & subtree_q(units.path, "unit__path")
    else:
        where = Q(unit_id__in=list(units))
    return _result(_in_period(start, end).filter(where).aggregate(**_aggregates()))


def ikm_by_unit(instansi_id: int, start: date, end: date) -> dict[int, IkmResult]:
    """The IKM of every unit of the instansi that had responses in the period; one query."""
    rows = (
        _in_period(start, end)
        .filter(instansi_id=instansi_id)
        .order_by()
        .values("unit_id")
        .annotate(**_aggregates())
    )
    found: dict[int, IkmResult] = {}
    for row in rows:
        result = _result(row)
        if result is not None:
            found[row["unit_id"]] = result
    return found
