"""A small vocabulary for describing an organisation: units, their jobs and who reports to whom.

The Surakarta data (``kinerja.demo.surakarta``) is written in this vocabulary; the builder turns
it into Unit and Position rows. Keys are stable slugs, so unit codes and position paths come out
the same on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.utils.text import slugify

from kinerja.org.models import JabatanLevel as L
from kinerja.org.models import JabatanType as T
from kinerja.org.models import UnitType as U


@dataclass(frozen=True)
class Job:
    """A position template; ``capacity`` is the formasi at scale 1 (1 for structural jobs)."""

    name: str
    jabatan_type: str
    level: str
    kelas: int
    eselon: str = ""
    capacity: int = 1
    profile: str = "umum"
    key: str = ""
    reports_to: str = ""  # key of another job in the same unit; empty: the unit head
    major: str = ""  # a subject that overrides the degree's major (teachers)


@dataclass(frozen=True)
class UnitSpec:
    """A unit, its head, the other jobs in it and its sub-units.

    ``reports_to`` names the position the head reports to: ``"a/b"`` is the head of the unit
    with that key path, ``"a/b#key"`` a keyed job in it. Empty means the head of the parent unit
    (for a top-level unit: the root position of the instansi, the Sekda in a city).
    """

    key: str
    name: str
    type: str
    head: Job | None
    short_name: str = ""
    staff: tuple[Job, ...] = ()
    children: tuple[UnitSpec, ...] = field(default=())
    reports_to: str = ""


PELAKSANA: dict[str, tuple[str, int]] = {
    "Pengadministrasi Perkantoran": (L.KLEREK, 5),
    "Penata Layanan Operasional": (L.KLEREK, 7),
    "Operator Layanan Operasional": (L.OPERATOR, 5),
    "Pengelola Layanan Operasional": (L.OPERATOR, 7),
    "Operator Layanan Kesehatan": (L.OPERATOR, 6),
    "Pengelola Layanan Kesehatan": (L.OPERATOR, 7),
    "Teknisi Sarana dan Prasarana": (L.TEKNISI, 6),
    "Pengelola Sarana dan Prasarana": (L.TEKNISI, 7),
}
FUNGSIONAL_KELAS: dict[str, int] = {
    L.AHLI_PERTAMA: 8, L.AHLI_MUDA: 9, L.AHLI_MADYA: 11, L.AHLI_UTAMA: 13,
    L.PEMULA: 5, L.TERAMPIL: 6, L.MAHIR: 7, L.PENYELIA: 8,
}  # fmt: skip
LEVEL_NAMES: dict[str, str] = {
    L.AHLI_PERTAMA: "Ahli Pertama", L.AHLI_MUDA: "Ahli Muda", L.AHLI_MADYA: "Ahli Madya",
    L.AHLI_UTAMA: "Ahli Utama", L.PEMULA: "Pemula", L.TERAMPIL: "Terampil", L.MAHIR: "Mahir",
    L.PENYELIA: "Penyelia",
}  # fmt: skip


def slug(name: str) -> str:
    return slugify(name)[:60]


def jpt(
    name: str, *, eselon: str = "II.b", kelas: int = 14, key: str = "", reports_to: str = ""
) -> Job:
    """A JPT Pratama (eselon II): Sekda, asisten, staf ahli, kepala OPD."""
    return Job(
        name,
        T.JPT,
        L.JPT_PRATAMA,
        kelas,
        eselon,
        profile="pimpinan",
        key=key,
        reports_to=reports_to,
    )


def administrator(
    name: str, *, eselon: str = "III.b", kelas: int = 11, key: str = "", profile: str = "pimpinan"
) -> Job:
    """An administrator (eselon III): sekretaris, kepala bidang/bagian, camat."""
    return Job(name, T.ADMINISTRATOR, L.ADMINISTRATOR, kelas, eselon, profile=profile, key=key)


def pengawas(
    name: str,
    *,
    eselon: str = "IV.a",
    kelas: int = 9,
    key: str = "",
    reports_to: str = "",
    profile: str = "pimpinan",
) -> Job:
    """A pengawas (eselon IV): kepala seksi/subbagian/subbidang, lurah, kepala UPT."""
    return Job(
        name, T.PENGAWAS, L.PENGAWAS, kelas, eselon, profile=profile, key=key, reports_to=reports_to
    )


def pelaksana(
    name: str, n: int = 1, *, profile: str = "umum", reports_to: str = "", key: str = ""
) -> Job:
    level, kelas = PELAKSANA[name]
    return Job(
        name, T.PELAKSANA, level, kelas, capacity=n, profile=profile, reports_to=reports_to, key=key
    )


def fungsional(
    base: str,
    level: str,
    n: int = 1,
    *,
    profile: str,
    reports_to: str = "",
    major: str = "",
    key: str = "",
    kelas: int | None = None,
) -> Job:
    """A jabatan fungsional such as ``Pranata Komputer Ahli Muda``."""
    return Job(
        f"{base} {LEVEL_NAMES[level]}",
        T.FUNGSIONAL,
        level,
        kelas or FUNGSIONAL_KELAS[level],
        capacity=n,
        profile=profile,
        reports_to=reports_to,
        major=major,
        key=key,
    )


def family(base: str, profile: str, reports_to: str = "", **levels: int) -> tuple[Job, ...]:
    """Several levels of one fungsional: ``family("Perencana", "perencana", ahli_pertama=2)``."""
    return tuple(
        fungsional(base, level, n, profile=profile, reports_to=reports_to)
        for level, n in levels.items()
        if n > 0
    )


def leaf(
    name: str, staff: tuple[Job, ...], *, type: str = U.SEKSI, head_title: str = ""
) -> UnitSpec:
    """A seksi/subbagian/subbidang headed by a pengawas (the head's title follows the unit name)."""
    title = head_title or f"Kepala {name}"
    return UnitSpec(slug(name), name, type, pengawas(title), staff=staff)


def upt(name: str, *groups: tuple[Job, ...]) -> UnitSpec:
    """A UPT (technical implementation unit) of a dinas, headed by a pengawas."""
    jobs = tuple(job for group in groups for job in group)
    return UnitSpec(slug(name), name, U.UPT, pengawas(f"Kepala {name}"), staff=jobs)


SUBBAG_STAFF: dict[str, tuple[Job, ...]] = {
    "Umum dan Kepegawaian": (
        pelaksana("Pengadministrasi Perkantoran", 2),
        fungsional("Analis Sumber Daya Manusia Aparatur", L.AHLI_PERTAMA, profile="sdm"),
        fungsional("Arsiparis", L.TERAMPIL, profile="arsip"),
        pelaksana("Teknisi Sarana dan Prasarana", 1, profile="teknisi"),
    ),
    "Keuangan": (
        pelaksana("Penata Layanan Operasional", 2, profile="keuangan"),
        fungsional("Analis Keuangan Pusat dan Daerah", L.AHLI_PERTAMA, profile="keuangan"),
    ),
    "Perencanaan, Evaluasi dan Pelaporan": (
        fungsional("Perencana", L.AHLI_PERTAMA, profile="perencana"),
        pelaksana("Pengadministrasi Perkantoran", 1),
    ),
}


def sekretariat(
    size: int,
    opd_name: str,
    *,
    subbags: tuple[str, ...] = ("Umum dan Kepegawaian", "Keuangan"),
    eselon: str = "III.a",
    kelas: int = 12,
) -> UnitSpec:
    """The sekretariat of a dinas, badan or kecamatan with its subbagian.

    The head is titled after the OPD ("Sekretaris Dinas Perhubungan"), as SIASN names the post.
    """
    children = []
    for sub in subbags:
        base = SUBBAG_STAFF.get(sub, (pelaksana("Pengadministrasi Perkantoran", 2),))
        # only the clerical formasi grows with the size of the OPD, not the single specialists
        staff = tuple(
            replace(job, capacity=job.capacity * size) if job.capacity > 1 else job for job in base
        )
        children.append(leaf(f"Subbagian {sub}", staff, type=U.SUBBAGIAN))
    head = administrator(f"Sekretaris {opd_name}", eselon=eselon, kelas=kelas)
    return UnitSpec("sekretariat", "Sekretariat", U.BIDANG, head, children=tuple(children))


@dataclass(frozen=True)
class Bidang:
    """A bidang in the shorthand used for ordinary dinas and badan."""

    name: str
    sections: tuple[str, ...]
    staff: tuple[Job, ...] = ()


def opd(
    key: str,
    name: str,
    short: str,
    type: str,
    head_title: str,
    bidang: list[Bidang],
    *,
    size: int = 2,
    families: tuple[tuple[Job, ...], ...] = (),
    section_staff: tuple[Job, ...] = (),
    extra: tuple[UnitSpec, ...] = (),
    staff: tuple[Job, ...] = (),
    subbags: tuple[str, ...] = ("Umum dan Kepegawaian", "Keuangan"),
) -> UnitSpec:
    """An ordinary perangkat daerah: sekretariat, bidang with seksi (subbidang in a badan).

    ``families`` are fungsional groups handed to the bidang in turn; ``section_staff`` is the
    pelaksana of every seksi (default: ``size`` Penata Layanan Operasional and one clerk).
    ``size`` (1–3) scales the formasi of the sekretariat and the seksi.
    """
    is_badan = type in (U.BADAN, U.INSPEKTORAT)
    sub_type, sub_word = (U.SUBBIDANG, "Subbidang") if is_badan else (U.SEKSI, "Seksi")
    per_section = section_staff or (
        pelaksana("Penata Layanan Operasional", size),
        pelaksana("Pengadministrasi Perkantoran", 1),
        pelaksana("Operator Layanan Operasional", 1),
    )
    units: list[UnitSpec] = [sekretariat(size, name, subbags=subbags)]
    for i, b in enumerate(bidang):
        fam = families[i % len(families)] if families else ()
        sections = tuple(leaf(f"{sub_word} {s}", per_section, type=sub_type) for s in b.sections)
        head = administrator(f"Kepala {b.name}")
        units.append(
            UnitSpec(slug(b.name), b.name, U.BIDANG, head, staff=fam + b.staff, children=sections)
        )
    units.extend(extra)
    return UnitSpec(
        key, name, type, jpt(head_title), short_name=short, staff=staff, children=tuple(units)
    )
