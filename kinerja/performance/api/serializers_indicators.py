"""Serializers of the complaint indicators of an officer or an OPD over a range (issue 4 §6).

The view builds plain dicts from the stored indicator rows; serializing never queries.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kinerja.complaints.models import Indicator
from kinerja.performance.api.serializers import named_choice_field


class IndicatorPersonSerializer(serializers.Serializer):
    """The officer whose figures these are."""

    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class IndicatorUnitSerializer(serializers.Serializer):
    """The OPD (perangkat daerah, top-level unit) whose figures these are."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class IndicatorFigureSerializer(serializers.Serializer):
    """One indicator with the counts it came from."""

    indicator = named_choice_field(Indicator.choices, "IndicatorEnum")
    name = serializers.CharField(read_only=True, help_text=_("Nama indikator."))
    scope = named_choice_field(
        [("officer", "officer"), ("opd", "opd")],
        "IndicatorScopeEnum",
        help_text=_("officer: aduan yang ditugaskan kepada pegawai; opd: seluruh OPD."),
    )
    measured_in = serializers.CharField(
        read_only=True, help_text=_("Satuan angka (aduan, jam kerja, %, skala 1–5, indeks).")
    )
    lower_is_better = serializers.BooleanField(read_only=True)
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text=_("Kosong bila tidak ada yang dapat diukur (misalnya belum ada aduan)."),
    )
    numerator = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_(
            "Pembilang: aduan yang memenuhi (persentase), jumlah nilai (rata-rata), atau menit "
            "kerja (waktu respons)."
        ),
    )
    denominator = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_("Penyebut: aduan yang diukur, penilaian warga, atau responden survei (IKM)."),
    )


class IndicatorFiguresSerializer(serializers.Serializer):
    """The figures of one officer or one OPD over one range."""

    period = serializers.CharField(read_only=True, help_text=_("Rentang seperti yang diminta."))
    starts = serializers.DateField(read_only=True)
    ends = serializers.DateField(read_only=True)
    employee = IndicatorPersonSerializer(read_only=True, allow_null=True)
    unit = IndicatorUnitSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("OPD yang dihitung; untuk pegawai, OPD tempatnya bertugas (sumber IKM)."),
    )
    computed_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text=_("Kapan angka ini dihitung.")
    )
    computed_now = serializers.BooleanField(
        read_only=True, help_text=_("Benar bila angka dihitung saat permintaan ini.")
    )
    figures = IndicatorFigureSerializer(many=True, read_only=True)
