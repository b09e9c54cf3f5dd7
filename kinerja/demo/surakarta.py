"""The perangkat daerah of Pemerintah Kota Surakarta (DOMAIN.md §7), as demo data.

Names follow the city's organisation; the formasi (how many people per job) is invented but of
a realistic size. Health, education and the kecamatan live in ``kinerja.demo.layanan`` and
``kinerja.demo.wilayah``.
"""

from __future__ import annotations

from kinerja.demo.dinas import dinas_list
from kinerja.demo.layanan import dinas_kesehatan, dinas_pendidikan
from kinerja.demo.orgspec import (
    Bidang,
    UnitSpec,
    administrator,
    family,
    jpt,
    leaf,
    opd,
    pelaksana,
    sekretariat,
    slug,
)
from kinerja.demo.wilayah import kecamatan_units
from kinerja.org.models import UnitType as U

INSTANSI_CODE = "kota-surakarta"
INSTANSI_NAME = "Pemerintah Kota Surakarta"
INSTANSI_SHORT = "Kota Surakarta"
SIASN_ID = "A5EB03E23B43F6A0E040640A040252AD"

_CLERKS = (pelaksana("Pengadministrasi Perkantoran", 2), pelaksana("Penata Layanan Operasional", 1))

SETDA_BAGIAN = [
    (
        "asisten-1",
        "Asisten Pemerintahan dan Kesejahteraan Rakyat",
        [
            (
                "Bagian Pemerintahan",
                ["Administrasi Pemerintahan", "Otonomi Daerah", "Kerja Sama"],
                (),
            ),
            (
                "Bagian Hukum",
                ["Perundang-undangan", "Bantuan Hukum", "Dokumentasi dan Informasi Hukum"],
                family(
                    "Perancang Peraturan Perundang-undangan", "hukum", ahli_pertama=2, ahli_muda=1
                )
                + family("Analis Hukum", "hukum", ahli_pertama=2),
            ),
            (
                "Bagian Kesejahteraan Rakyat",
                ["Bina Mental Spiritual", "Kesejahteraan Masyarakat"],
                (),
            ),
        ],
    ),
    (
        "asisten-2",
        "Asisten Perekonomian dan Pembangunan",
        [
            ("Bagian Perekonomian", ["Perekonomian", "Badan Usaha Milik Daerah"], ()),
            (
                "Bagian Administrasi Pembangunan",
                ["Program Pembangunan", "Pengendalian Pembangunan"],
                (),
            ),
            (
                "Bagian Pengadaan Barang dan Jasa",
                [
                    "Pengelolaan Pengadaan Barang dan Jasa",
                    "Layanan Pengadaan Secara Elektronik",
                    "Pembinaan dan Advokasi Pengadaan",
                ],
                family(
                    "Pengelola Pengadaan Barang/Jasa",
                    "teknik",
                    ahli_pertama=4,
                    ahli_muda=2,
                    ahli_madya=1,
                ),
            ),
        ],
    ),
    (
        "asisten-3",
        "Asisten Administrasi Umum",
        [
            (
                "Bagian Umum",
                ["Tata Usaha Pimpinan", "Rumah Tangga", "Keuangan"],
                (
                    pelaksana("Pengelola Layanan Operasional", 6, profile="teknisi"),
                    pelaksana("Teknisi Sarana dan Prasarana", 4, profile="teknisi"),
                ),
            ),
            (
                "Bagian Organisasi",
                [
                    "Kelembagaan dan Analisis Jabatan",
                    "Reformasi Birokrasi dan Akuntabilitas Kinerja",
                    "Pelayanan Publik dan Tata Laksana",
                ],
                family("Analis Kebijakan", "umum", ahli_pertama=2, ahli_muda=1),
            ),
            (
                "Bagian Protokol dan Komunikasi Pimpinan",
                ["Protokol", "Komunikasi Pimpinan", "Dokumentasi Pimpinan"],
                family("Pranata Hubungan Masyarakat", "humas", terampil=2, ahli_pertama=1),
            ),
            (
                "Bagian Perencanaan dan Keuangan",
                ["Perencanaan", "Keuangan Sekretariat"],
                family("Perencana", "perencana", ahli_pertama=1),
            ),
        ],
    ),
]

STAF_AHLI = [
    "Staf Ahli Wali Kota Bidang Hukum, Politik dan Pemerintahan",
    "Staf Ahli Wali Kota Bidang Ekonomi, Keuangan dan Pembangunan",
    "Staf Ahli Wali Kota Bidang Kemasyarakatan dan Sumber Daya Manusia",
]


def _setda() -> UnitSpec:
    """Sekretariat Daerah: the Sekda (root of the position tree), asisten, staf ahli and bagian."""
    staff = [jpt(name, key=key) for key, name, _b in SETDA_BAGIAN]
    staff += [jpt(name) for name in STAF_AHLI]
    staff += [pelaksana("Pengadministrasi Perkantoran", 2)]
    bagian = []
    for key, _name, items in SETDA_BAGIAN:
        for name, subs, extra in items:
            children = tuple(leaf(f"Subbagian {s}", _CLERKS, type=U.SUBBAGIAN) for s in subs)
            head = administrator(f"Kepala {name}", eselon="III.a", kelas=12)
            bagian.append(
                UnitSpec(
                    slug(name),
                    name,
                    U.BAGIAN,
                    head,
                    staff=extra,
                    children=children,
                    reports_to=f"setda#{key}",
                )
            )
    sekda = jpt("Sekretaris Daerah", eselon="II.a", kelas=15)
    return UnitSpec(
        "setda",
        "Sekretariat Daerah",
        U.SEKRETARIAT,
        sekda,
        short_name="Setda",
        staff=tuple(staff),
        children=tuple(bagian),
    )


def _setwan() -> UnitSpec:
    items = [
        (
            "Bagian Umum dan Keuangan",
            ["Tata Usaha dan Kepegawaian", "Keuangan", "Rumah Tangga dan Perlengkapan"],
            (pelaksana("Pengelola Layanan Operasional", 6, profile="teknisi"),),
        ),
        (
            "Bagian Persidangan dan Perundang-undangan",
            ["Persidangan dan Risalah", "Perundang-undangan"],
            family("Perancang Peraturan Perundang-undangan", "hukum", ahli_pertama=1, ahli_muda=1),
        ),
        (
            "Bagian Fasilitasi Penganggaran dan Pengawasan",
            [
                "Fasilitasi Penganggaran",
                "Fasilitasi Pengawasan",
                "Hubungan Masyarakat dan Protokol",
            ],
            family("Analis Kebijakan", "umum", ahli_pertama=2, ahli_muda=1)
            + family("Pranata Hubungan Masyarakat", "humas", terampil=2),
        ),
    ]
    bagian = tuple(
        UnitSpec(
            slug(name),
            name,
            U.BAGIAN,
            administrator(f"Kepala {name}", eselon="III.a", kelas=12),
            staff=extra,
            children=tuple(leaf(f"Subbagian {s}", _CLERKS, type=U.SUBBAGIAN) for s in subs),
        )
        for name, subs, extra in items
    )
    return UnitSpec(
        "setwan",
        "Sekretariat DPRD",
        U.SEKRETARIAT,
        jpt("Sekretaris DPRD"),
        short_name="Setwan",
        children=bagian,
    )


def _inspektorat() -> UnitSpec:
    irban = []
    for roman in ["I", "II", "III", "IV"]:
        staff = (
            family("Auditor", "auditor", ahli_pertama=3, ahli_muda=2, ahli_madya=1)
            + family(
                "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
                "auditor",
                ahli_pertama=2,
                ahli_muda=1,
            )
            + (pelaksana("Pengadministrasi Perkantoran", 1),)
        )
        head = administrator(f"Inspektur Pembantu Wilayah {roman}", eselon="III.a", kelas=12)
        irban.append(
            UnitSpec(
                f"irban-{roman.lower()}",
                f"Inspektur Pembantu Wilayah {roman}",
                U.BIDANG,
                head,
                staff=staff,
            )
        )
    sek = sekretariat(
        1,
        "Inspektorat Daerah",
        subbags=("Perencanaan, Evaluasi dan Pelaporan", "Umum dan Kepegawaian"),
    )
    return UnitSpec(
        "inspektorat",
        "Inspektorat Daerah",
        U.INSPEKTORAT,
        jpt("Inspektur"),
        short_name="Inspektorat",
        children=(sek, *irban),
    )


def _badan() -> list[UnitSpec]:
    analis = family("Analis Kebijakan", "umum", ahli_pertama=1, ahli_muda=1)
    return [
        opd(
            "bappeda",
            "Badan Perencanaan Pembangunan Daerah",
            "Bappeda",
            U.BADAN,
            "Kepala Badan Perencanaan Pembangunan Daerah",
            [
                Bidang(
                    "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan",
                    ("Program dan Pendanaan", "Pengendalian dan Evaluasi"),
                ),
                Bidang(
                    "Bidang Perekonomian dan Sumber Daya Alam", ("Perekonomian", "Sumber Daya Alam")
                ),
                Bidang(
                    "Bidang Pemerintahan dan Pembangunan Manusia",
                    ("Pemerintahan", "Pembangunan Manusia"),
                ),
                Bidang("Bidang Infrastruktur dan Kewilayahan", ("Infrastruktur", "Kewilayahan")),
                Bidang("Bidang Penelitian dan Pengembangan", ("Penelitian", "Inovasi Daerah")),
            ],
            size=1,
            families=(family("Perencana", "perencana", ahli_pertama=2, ahli_muda=2, ahli_madya=1),),
            subbags=("Umum dan Kepegawaian", "Keuangan", "Perencanaan, Evaluasi dan Pelaporan"),
        ),
        opd(
            "bppkad",
            "Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah",
            "BPPKAD",
            U.BADAN,
            "Kepala Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah",
            [
                Bidang(
                    "Bidang Pajak Daerah",
                    (
                        "Pendataan dan Penetapan",
                        "Penagihan dan Keberatan",
                        "Pajak Bumi dan Bangunan",
                    ),
                ),
                Bidang(
                    "Bidang Anggaran", ("Anggaran Belanja", "Anggaran Pendapatan dan Pembiayaan")
                ),
                Bidang("Bidang Perbendaharaan", ("Belanja", "Kas Daerah")),
                Bidang("Bidang Akuntansi", ("Akuntansi dan Pelaporan", "Verifikasi")),
                Bidang("Bidang Aset", ("Penatausahaan Aset", "Pemanfaatan dan Pengamanan Aset")),
            ],
            size=3,
            families=(
                family("Analis Keuangan Pusat dan Daerah", "keuangan", ahli_pertama=3, ahli_muda=2),
                family("Analis Anggaran", "keuangan", ahli_pertama=2, ahli_muda=1),
            ),
            section_staff=(
                pelaksana("Penata Layanan Operasional", 3, profile="keuangan"),
                pelaksana("Operator Layanan Operasional", 2, profile="keuangan"),
            ),
        ),
        opd(
            "bkpsdm",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "BKPSDM",
            U.BADAN,
            "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            [
                Bidang(
                    "Bidang Pengadaan, Pemberhentian dan Informasi",
                    ("Pengadaan dan Pemberhentian", "Data dan Sistem Informasi Kepegawaian"),
                    family("Pranata Komputer", "ti", ahli_pertama=2, terampil=1),
                ),
                Bidang("Bidang Mutasi dan Promosi", ("Mutasi", "Promosi dan Kepangkatan")),
                Bidang(
                    "Bidang Pengembangan Kompetensi Aparatur",
                    ("Pengembangan Kompetensi Teknis", "Sertifikasi dan Kepemimpinan"),
                    family(
                        "Assessor Sumber Daya Manusia Aparatur", "sdm", ahli_pertama=1, ahli_muda=1
                    ),
                ),
                Bidang(
                    "Bidang Penilaian Kinerja Aparatur dan Penghargaan",
                    ("Penilaian Kinerja", "Penghargaan, Disiplin dan Kesejahteraan"),
                ),
            ],
            size=2,
            families=(
                family(
                    "Analis Sumber Daya Manusia Aparatur",
                    "sdm",
                    ahli_pertama=3,
                    ahli_muda=2,
                    ahli_madya=1,
                ),
            ),
        ),
        opd(
            "bpbd",
            "Badan Penanggulangan Bencana Daerah",
            "BPBD",
            U.BADAN,
            "Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
            [
                Bidang("Bidang Pencegahan dan Kesiapsiagaan", ("Pencegahan", "Kesiapsiagaan")),
                Bidang("Bidang Kedaruratan dan Logistik", ("Kedaruratan", "Logistik")),
                Bidang("Bidang Rehabilitasi dan Rekonstruksi", ("Rehabilitasi", "Rekonstruksi")),
            ],
            size=1,
            families=(family("Penata Penanggulangan Bencana", "umum", terampil=3, ahli_pertama=1),),
        ),
        opd(
            "kesbangpol",
            "Badan Kesatuan Bangsa dan Politik",
            "Kesbangpol",
            U.BADAN,
            "Kepala Badan Kesatuan Bangsa dan Politik",
            [
                Bidang(
                    "Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
                    ("Ideologi dan Wawasan Kebangsaan", "Karakter Bangsa"),
                ),
                Bidang(
                    "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
                    ("Politik Dalam Negeri", "Organisasi Kemasyarakatan"),
                ),
                Bidang(
                    "Bidang Ketahanan Ekonomi, Sosial, Budaya, Agama dan Penanganan Konflik",
                    ("Ketahanan Ekonomi, Sosial dan Budaya", "Penanganan Konflik"),
                ),
            ],
            size=1,
            families=(analis,),
        ),
    ]


#: The Sekda's position is the root of the city's reporting tree: every kepala OPD and camat
#: reports to it.
ROOT_REF = "setda"


def city_units() -> list[UnitSpec]:
    """Every perangkat daerah of the city, the Sekretariat Daerah first."""
    return [
        _setda(),
        _setwan(),
        _inspektorat(),
        *_badan(),
        dinas_pendidikan(),
        dinas_kesehatan(),
        *dinas_list(),
        *kecamatan_units(),
    ]


#: Head positions left without a definitive holder, each with the position whose holder acts
#: (Plt) in it: a sekretaris acting for the kepala dinas or kepala bidang.
VACANT_WITH_PLT = [
    ("dishub", "dishub/sekretariat"),
    ("disdukcapil/bidang-pemanfaatan-data-dan-inovasi-pelayanan", "disdukcapil/sekretariat"),
]
#: Head positions left vacant with nobody acting: the people below them have no atasan today,
#: which is what BKPSDM's list of broken chains is for.
VACANT_WITHOUT_ACTING = [
    "dlh/bidang-penaatan-dan-peningkatan-kapasitas-lingkungan-hidup",
    "dinsos/bidang-perlindungan-dan-jaminan-sosial/seksi-jaminan-sosial-keluarga",
]
