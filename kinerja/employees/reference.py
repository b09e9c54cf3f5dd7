"""Reference tables for employees (DOMAIN.md §6): golongan, kedudukan hukum, education."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

#: PNS golongan/ruang → (SIASN id, pangkat)
PNS_GOLONGAN: dict[str, tuple[int, str]] = {
    "I/a": (11, "Juru Muda"),
    "I/b": (12, "Juru Muda Tingkat I"),
    "I/c": (13, "Juru"),
    "I/d": (14, "Juru Tingkat I"),
    "II/a": (21, "Pengatur Muda"),
    "II/b": (22, "Pengatur Muda Tingkat I"),
    "II/c": (23, "Pengatur"),
    "II/d": (24, "Pengatur Tingkat I"),
    "III/a": (31, "Penata Muda"),
    "III/b": (32, "Penata Muda Tingkat I"),
    "III/c": (33, "Penata"),
    "III/d": (34, "Penata Tingkat I"),
    "IV/a": (41, "Pembina"),
    "IV/b": (42, "Pembina Tingkat I"),
    "IV/c": (43, "Pembina Utama Muda"),
    "IV/d": (44, "Pembina Utama Madya"),
    "IV/e": (45, "Pembina Utama"),
}
PPPK_GOLONGAN = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip
GOLONGAN_BY_SIASN_ID = {gid: code for code, (gid, _p) in PNS_GOLONGAN.items()}
GOLONGAN_CHOICES = [
    (code, f"{code} – {pangkat}") for code, (_i, pangkat) in PNS_GOLONGAN.items()
] + [(code, f"PPPK {code}") for code in PPPK_GOLONGAN]
#: Sort key so that golongan order is rank order, not text order.
GOLONGAN_RANK = {code: i for i, (code, _label) in enumerate(GOLONGAN_CHOICES)}


def pangkat_for(golongan: str) -> str:
    entry = PNS_GOLONGAN.get(golongan)
    return entry[1] if entry else ""


class EmployeeStatus(models.TextChoices):
    PNS = "pns", _("PNS")
    CPNS = "cpns", _("CPNS")
    PPPK = "pppk", _("PPPK")


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class KedudukanHukum(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    CLTN = "cltn", _("CLTN")
    TUGAS_BELAJAR = "tugas_belajar", _("Tugas Belajar")
    PEMBERHENTIAN_SEMENTARA = "pemberhentian_sementara", _("Pemberhentian Sementara")
    MPP = "mpp", _("Masa Persiapan Pensiun")
    PENSIUN = "pensiun", _("Pensiun")
    MENINGGAL = "meninggal", _("Meninggal Dunia")
    DIBERHENTIKAN = "diberhentikan", _("Diberhentikan")


class EducationLevel(models.TextChoices):
    SD = "SD", "SD"
    SMP = "SMP", "SMP"
    SMA = "SLTA", "SLTA/SMA/SMK"
    D1 = "D-I", "D-I"
    D2 = "D-II", "D-II"
    D3 = "D-III", "D-III"
    D4 = "D-IV", "D-IV"
    S1 = "S-1", "S-1"
    S2 = "S-2", "S-2"
    S3 = "S-3", "S-3"
