"""Forms of BKPSDM's complaint settings pages; the services do the checks that need the database."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.complaints.models import Category, Channel, HolidayKind
from kinerja.complaints.services.calendar import parse_schedule
from kinerja.complaints.worktime import WEEKDAY_NAMES
from kinerja.core.forms import refuse
from kinerja.org.models import Unit, UnitType

#: Internal structure of an OPD: never the default target of a category.
INNER_UNIT_TYPES = (UnitType.BIDANG, UnitType.SUBBIDANG, UnitType.SEKSI, UnitType.SUBBAGIAN)
DAYS, HOURS = "hari", "jam"
UNIT_CHOICES = [
    (DAYS, gettext_lazy("hari kerja")),
    (HOURS, gettext_lazy("jam kerja")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class HolidayForm(forms.Form):
    """One day off; the date must lie in the year of the page."""

    date = forms.DateField(label=gettext_lazy("Tanggal"), widget=DateInput())
    name = forms.CharField(label=gettext_lazy("Keterangan"), max_length=150)
    kind = forms.ChoiceField(label=gettext_lazy("Jenis"), choices=HolidayKind.choices)

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        if day.year != self.year:
            raise ValidationError(_("Tanggal harus di tahun %(year)s.") % {"year": self.year})
        return day


def _schedule_field(weekday: int) -> forms.CharField:
    return forms.CharField(
        label=WEEKDAY_NAMES[weekday],
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "07:15-12:00,12:30-16:00"}),
    )


class RulesForm(forms.Form):
    """The work schedule (one text per weekday) and the rules of complaint handling."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    schedule_0 = _schedule_field(0)
    schedule_1 = _schedule_field(1)
    schedule_2 = _schedule_field(2)
    schedule_3 = _schedule_field(3)
    schedule_4 = _schedule_field(4)
    schedule_5 = _schedule_field(5)
    schedule_6 = _schedule_field(6)
    at_risk_percent = forms.IntegerField(
        label=gettext_lazy("Batas berisiko (%)"),
        min_value=1,
        max_value=99,
        help_text=gettext_lazy(
            "Langkah berstatus berisiko bila sisa waktunya sebesar ini dari batasnya atau kurang."
        ),
    )
    reopen_days = forms.IntegerField(
        label=gettext_lazy("Batas buka kembali (hari)"),
        min_value=1,
        max_value=90,
        help_text=gettext_lazy("Berapa hari setelah selesai warga masih dapat membuka kembali."),
    )
    low_rating = forms.IntegerField(
        label=gettext_lazy("Nilai rendah"),
        min_value=1,
        max_value=4,
        help_text=gettext_lazy("Penilaian warga sebesar ini atau kurang (skala 1–5)."),
    )
    count_reopened = forms.BooleanField(
        label=gettext_lazy("Aduan yang dibuka kembali"), required=False
    )
    count_rejected = forms.BooleanField(
        label=gettext_lazy("Jawaban yang ditolak verifikator"), required=False
    )
    count_low_rating = forms.BooleanField(
        label=gettext_lazy("Penilaian warga rendah"), required=False
    )
    count_not_solved = forms.BooleanField(
        label=gettext_lazy("Warga menyatakan masalah tidak terselesaikan"), required=False
    )

    SCHEDULE_FIELDS = tuple(f"schedule_{day}" for day in range(7))
    SWITCHES = ("count_reopened", "count_rejected", "count_low_rating", "count_not_solved")

    def schedule_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SCHEDULE_FIELDS]

    def switch_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SWITCHES]

    def rule_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("at_risk_percent", "reopen_days", "low_rating")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if any(name in self.errors for name in self.SCHEDULE_FIELDS):
            return data
        try:
            parse_schedule(self.schedule())
        except ValidationError as exc:
            refuse(self, exc)
        return data

    def schedule(self) -> dict[int, str]:
        return {day: self.cleaned_data.get(f"schedule_{day}") or "" for day in range(7)}

    def at_risk_share(self) -> Decimal:
        return Decimal(self.cleaned_data["at_risk_percent"]) / 100


class PolicyForm(forms.Form):
    """A service level: the working time allowed for the first response and the follow-up,
    both in working days (of the schedule's standard day) or working hours."""

    channel = forms.ChoiceField(
        label=gettext_lazy("Kanal"),
        required=False,
        choices=[("", gettext_lazy("Semua kanal")), *Channel.choices],
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Kategori"),
        required=False,
        queryset=Category.objects.none(),
        empty_label=gettext_lazy("Semua kategori"),
    )
    unit = forms.ChoiceField(label=gettext_lazy("Satuan"), choices=UNIT_CHOICES, initial=DAYS)
    response = forms.DecimalField(
        label=gettext_lazy("Batas respons"),
        min_value=Decimal("0.01"),
        max_value=1000,
        max_digits=6,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=gettext_lazy("Dari aduan diterima sampai respons pertama atau penerusan ke OPD."),
    )
    followup = forms.DecimalField(
        label=gettext_lazy("Batas tindak lanjut"),
        min_value=Decimal("0.01"),
        max_value=1000,
        max_digits=6,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=gettext_lazy("Dari aduan diterima sampai tindak lanjut dijawab."),
    )

    def __init__(self, *args: Any, instansi_id: int, day_minutes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.day_minutes = day_minutes
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Category.objects.filter(instansi_id=instansi_id).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("response", "followup"):
            if data.get(name) is not None and data.get("unit") and self.minutes(name) < 1:
                self.add_error(name, _("Paling sedikit satu menit kerja."))
        return data

    def minutes(self, name: str) -> int:
        """The working minutes typed into ``name`` (rounded to the minute)."""
        value: Decimal = self.cleaned_data[name]
        per = self.day_minutes if self.cleaned_data["unit"] == DAYS else 60
        return int((value * per).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @staticmethod
    def initial_for(response: int, followup: int, day_minutes: int) -> dict[str, Any]:
        """Show whole working days when both limits are whole days, else hours."""
        if response % day_minutes == 0 and followup % day_minutes == 0:
            return {"unit": DAYS, "response": response // day_minutes,
                    "followup": followup // day_minutes}  # fmt: skip
        return {
            "unit": HOURS,
            "response": _hours(response),
            "followup": _hours(followup),
        }


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()


def unit_choices_q(instansi_id: int) -> Any:
    """Units a category may send its complaints to: the instansi's active OPDs and the like,
    not the bidang and seksi inside them."""
    today = timezone.localdate()
    return (
        Unit.objects.filter(instansi_id=instansi_id)
        .exclude(type__in=INNER_UNIT_TYPES)
        .exclude(active_until__lt=today)
        .order_by("path")
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.depth}{obj.name}"


class CategoryForm(forms.Form):
    code = forms.SlugField(
        label=gettext_lazy("Kode"),
        max_length=60,
        help_text=gettext_lazy("Huruf kecil, angka dan tanda hubung, misalnya jalan-drainase."),
    )
    name = forms.CharField(label=gettext_lazy("Nama"), max_length=150)
    default_unit = UnitChoiceField(
        label=gettext_lazy("OPD tujuan"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=gettext_lazy("— belum ditentukan —"),
    )
    active = forms.BooleanField(label=gettext_lazy("Aktif"), required=False, initial=True)

    def __init__(self, *args: Any, instansi_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["default_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = unit_choices_q(instansi_id)


class CategoryFilter(forms.Form):
    q = forms.CharField(label=gettext_lazy("Cari nama atau kode"), required=False, max_length=100)
    active = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("Semua")),
            ("1", gettext_lazy("Aktif")),
            ("0", gettext_lazy("Nonaktif")),
        ],
    )
