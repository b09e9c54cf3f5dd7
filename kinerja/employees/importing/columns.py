"""The columns of a SIASN-style employee file and how headers map onto them.

Headers are matched after lower-casing and removing everything but letters and digits, so the
API name ``nipBaru``, the spreadsheet header ``Nip Baru`` and ``NIP_BARU`` are the same column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the header our export writes (the SIASN spreadsheet spelling)
    aliases: tuple[str, ...]  # API names and other spellings, normalised by :func:`normalise`
    required: bool = False


#: In export order. ``key`` is our internal name for the column.
COLUMNS: tuple[Column, ...] = (
    Column("nip", "Nip Baru", ("nipbaru", "nip"), required=True),
    Column("name", "Nama", ("nama", "namapegawai"), required=True),
    Column("gelar_depan", "Gelar Depan", ("gelardepan",)),
    Column("gelar_belakang", "Gelar Belakang", ("gelarbelakang",)),
    Column("birth_place", "Tempat Lahir", ("tempatlahir", "tempatlahirnama")),
    Column("birth_date", "Tgl Lahir", ("tgllahir", "tanggallahir"), required=True),
    Column("gender", "Jenis Kelamin", ("jeniskelamin",), required=True),
    Column("status", "Status Pegawai", ("statuspegawai",)),
    Column("jenis_pegawai", "Jenis Pegawai Nama", ("jenispegawainama", "jenispegawai")),
    Column(
        "kedudukan", "Kedudukan Pns Nama", ("kedudukanpnsnama", "kedudukanhukum", "kedudukanpns")
    ),
    Column("tmt_cpns", "Tmt Cpns", ("tmtcpns",)),
    Column("tmt_pns", "Tmt Pns", ("tmtpns",)),
    Column("golongan_id", "Gol Ruang Akhir Id", ("golruangakhirid", "golonganid")),
    Column("golongan", "Gol Ruang Akhir", ("golruangakhir", "golongan", "golruang")),
    Column("tmt_golongan", "Tmt Gol Akhir", ("tmtgolakhir", "tmtgolongan")),
    Column("jenis_jabatan_id", "Jenis Jabatan Id", ("jenisjabatanid",)),
    Column("jenis_jabatan", "Jenis Jabatan", ("jenisjabatan", "jenisjabatannama")),
    Column("jabatan", "Jabatan Nama", ("jabatannama", "namajabatan", "jabatan"), required=True),
    Column("eselon", "Eselon", ("eselon", "eselonnama")),
    Column("eselon_id", "Eselon Id", ("eselonid",)),
    Column("jenjang", "Jenjang", ("jenjang", "jenjangjabatan")),
    Column("tmt_jabatan", "Tmt Jabatan", ("tmtjabatan",)),
    Column("unor_id", "Unor Id", ("unorid",), required=True),
    Column("unor_nama", "Unor Nama", ("unornama",)),
    Column(
        "education_level", "Tk Pendidikan Terakhir", ("tkpendidikanterakhir", "tingkatpendidikan")
    ),
    Column("education_major", "Pendidikan Terakhir Nama", ("pendidikanterakhirnama",)),
    Column("graduation_year", "Tahun Lulus", ("tahunlulus",)),
    Column("email", "Email", ("email",)),
    Column("email_gov", "Email Gov", ("emailgov",)),
    Column("phone", "No Hp", ("nohp", "nomorhp", "nohandphone", "nomorhandphone")),
)

#: Columns of a SIASN profile that we deliberately do not read or keep (data minimisation,
#: UU 27/2022): either sensitive personal data (``nik``, religion, marital status, address…)
#: or values we derive ourselves (pangkat, masa kerja, the instansi and satuan kerja).
IGNORED = frozenset({
    "nik", "niplama", "agama", "agamaid", "statusperkawinan", "alamat", "kartuasn",
    "npwp", "nomornpwp", "bpjs", "nomorbpjs", "aktekelahiran", "jenispegawaiid",
    "kedudukanpnsid", "masakerja", "mktahun", "mkbulan", "buppensiun",
    "golruangawalid", "golruangawal", "pangkatakhir", "pangkatawal", "jabatanstrukturalnama",
    "jabatanfungsionalid", "jabatanfungsionalnama", "jabatanfungsionalumumid",
    "jabatanfungsionalumumnama", "tmteselon", "instansiindukid", "instansiinduknama",
    "instansikerjaid", "instansikerjanama", "satuankerjaindukid", "satuankerjainduknama",
    "satuankerjakerjaid", "satuankerjakerjanama", "unorindukid", "unorinduknama",
    "lokasikerja", "lokasikerjaid", "pendidikanterakhirid", "tkpendidikanterakhirid",
})  # fmt: skip

#: Status may come from either column; one of them is required.
STATUS_KEYS = ("status", "jenis_pegawai")

_BY_ALIAS = {alias: column for column in COLUMNS for alias in column.aliases}
_BY_KEY = {column.key: column for column in COLUMNS}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(header: str) -> str:
    """``Nip Baru`` → ``nipbaru``; ``nipBaru`` → ``nipbaru``."""
    return _NON_ALNUM.sub("", header.strip().lower())


def column(key: str) -> Column:
    return _BY_KEY[key]


@dataclass
class HeaderMap:
    """Where each known column is in a file, and which headers were ignored."""

    index: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # key → header as written in the file
    ignored: list[str] = field(default_factory=list)  # known columns we do not keep
    unknown: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # headers of required columns not found

    def has(self, key: str) -> bool:
        return key in self.index

    def label(self, key: str) -> str:
        return self.labels.get(key) or _BY_KEY[key].header


def map_header(header: tuple[str, ...]) -> HeaderMap:
    """Match a file's header row against :data:`COLUMNS`."""
    result = HeaderMap()
    for position, title in enumerate(header):
        norm = normalise(title)
        if not norm:
            continue
        col = _BY_ALIAS.get(norm)
        if col is None:
            (result.ignored if norm in IGNORED else result.unknown).append(title)
            continue
        if col.key in result.index:
            result.unknown.append(title)  # a second spelling of a column we already have
            continue
        result.index[col.key] = position
        result.labels[col.key] = title
    for col in COLUMNS:
        if col.required and col.key not in result.index:
            result.missing.append(col.header)
    if not any(key in result.index for key in STATUS_KEYS):
        result.missing.append(
            _("%(a)s atau %(b)s")
            % {"a": column("status").header, "b": column("jenis_pegawai").header}
        )
    return result


# The export writes one spelling of each fact: status in "Status Pegawai", one e-mail column.
_NOT_EXPORTED = {"jenis_pegawai", "email_gov", "eselon_id"}
EXPORT_COLUMNS: tuple[Column, ...] = tuple(c for c in COLUMNS if c.key not in _NOT_EXPORTED)
EXPORT_HEADER: tuple[str, ...] = tuple(c.header for c in EXPORT_COLUMNS)
EXPORT_KEYS: tuple[str, ...] = tuple(c.key for c in EXPORT_COLUMNS)
