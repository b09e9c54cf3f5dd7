"""The five kecamatan of Kota Surakarta and their 54 kelurahan (DOMAIN.md §7).

A camat is an administrator (III.a) reporting to the Sekda; a lurah is a pengawas (IV.a) reporting
to the camat, with a sekretaris kelurahan and two kepala seksi (IV.b) under them.
"""

from __future__ import annotations

from dataclasses import replace

from kinerja.demo.orgspec import (
    Job,
    UnitSpec,
    administrator,
    family,
    leaf,
    pelaksana,
    pengawas,
    sekretariat,
    slug,
)
from kinerja.org.models import UnitType as U

KELURAHAN: dict[str, list[str]] = {
    "Laweyan": [
        "Bumi",
        "Jajar",
        "Karangasem",
        "Kerten",
        "Laweyan",
        "Pajang",
        "Panularan",
        "Penumping",
        "Purwosari",
        "Sondakan",
        "Sriwedari",
    ],
    "Serengan": [
        "Danukusuman",
        "Jayengan",
        "Joyotakan",
        "Kemlayan",
        "Kratonan",
        "Serengan",
        "Tipes",
    ],
    "Pasar Kliwon": [
        "Baluwarti",
        "Gajahan",
        "Joyosuran",
        "Kampung Baru",
        "Kauman",
        "Kedung Lumbu",
        "Mojo",
        "Pasar Kliwon",
        "Sangkrah",
        "Semanggi",
    ],
    "Jebres": [
        "Gandekan",
        "Jagalan",
        "Jebres",
        "Kepatihan Kulon",
        "Kepatihan Wetan",
        "Mojosongo",
        "Pucangsawit",
        "Purwodiningratan",
        "Sewu",
        "Sudiroprajan",
        "Tegalharjo",
    ],
    "Banjarsari": [
        "Banjarsari",
        "Banyuanyar",
        "Gilingan",
        "Joglo",
        "Kadipiro",
        "Keprabon",
        "Kestalan",
        "Ketelan",
        "Manahan",
        "Mangkubumen",
        "Nusukan",
        "Punggawan",
        "Setabelan",
        "Sumber",
        "Timuran",
    ],
}

#: The most populous kelurahan get a larger office.
LARGE_KELURAHAN = {
    "Mojosongo",
    "Kadipiro",
    "Jebres",
    "Pajang",
    "Banyuanyar",
    "Nusukan",
    "Semanggi",
    "Sumber",
}

KECAMATAN_SECTIONS = [
    "Pemerintahan",
    "Ketenteraman dan Ketertiban Umum",
    "Pemberdayaan Masyarakat",
    "Kesejahteraan Sosial",
    "Pelayanan Umum",
]


def kelurahan(name: str) -> UnitSpec:
    size = 2 if name in LARGE_KELURAHAN else 1
    staff = (
        pengawas("Sekretaris Kelurahan", eselon="IV.b", kelas=8, key="seklur"),
        pengawas(
            "Kepala Seksi Pemerintahan, Ketenteraman dan Ketertiban",
            eselon="IV.b",
            kelas=8,
            key="kasi-pem",
        ),
        pengawas(
            "Kepala Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial",
            eselon="IV.b",
            kelas=8,
            key="kasi-pm",
        ),
        pelaksana("Pengadministrasi Perkantoran", 2 * size + 1, reports_to="seklur"),
        pelaksana("Penata Layanan Operasional", 1, reports_to="seklur"),
        pelaksana("Operator Layanan Operasional", size + 1, reports_to="kasi-pem"),
        pelaksana("Pengelola Layanan Operasional", 1, reports_to="kasi-pm"),
    )
    unit = f"Kelurahan {name}"
    return UnitSpec(slug(unit), unit, U.KELURAHAN, pengawas(f"Lurah {name}"), staff=staff)


def kecamatan(name: str, kelurahan_names: list[str]) -> UnitSpec:
    sections = []
    for section in KECAMATAN_SECTIONS:
        staff: tuple[Job, ...] = (
            pelaksana("Penata Layanan Operasional", 2),
            pelaksana("Pengadministrasi Perkantoran", 1),
        )
        if section == "Pemberdayaan Masyarakat":
            staff += family("Penggerak Swadaya Masyarakat", "umum", ahli_pertama=1)
        sections.append(leaf(f"Seksi {section}", staff))
    unit = f"Kecamatan {name}"
    sek = sekretariat(
        1,
        unit,
        subbags=("Umum dan Kepegawaian", "Perencanaan, Evaluasi dan Pelaporan"),
        eselon="III.b",
        kelas=11,
    )
    sek = replace(sek, name="Sekretariat Kecamatan")
    head = administrator(f"Camat {name}", eselon="III.a", kelas=12)
    children = (sek, *sections, *(kelurahan(k) for k in kelurahan_names))
    return UnitSpec(slug(unit), unit, U.KECAMATAN, head, children=children)


def kecamatan_units() -> list[UnitSpec]:
    return [kecamatan(name, names) for name, names in KELURAHAN.items()]
