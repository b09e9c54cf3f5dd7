"""Models of complaint handling and public satisfaction, one module per sub-domain."""

from kinerja.complaints.models.calendar import ComplaintSettings, Holiday, HolidayKind
from kinerja.complaints.models.catalog import Category, Channel, Classification, SlaPolicy
from kinerja.complaints.models.complaint import (
    CLOSED_STATUSES,
    Complaint,
    ComplaintEvent,
    Response,
    ResponseKind,
    Status,
    Verdict,
)
from kinerja.complaints.models.indicators import ComplaintIndicator, Indicator
from kinerja.complaints.models.survey import SkmResponse, SurveySource

__all__ = [
    "CLOSED_STATUSES",
    "Category",
    "Channel",
    "Classification",
    "Complaint",
    "ComplaintEvent",
    "ComplaintIndicator",
    "ComplaintSettings",
    "Holiday",
    "HolidayKind",
    "Indicator",
    "Response",
    "ResponseKind",
    "SkmResponse",
    "SlaPolicy",
    "Status",
    "SurveySource",
    "Verdict",
]
