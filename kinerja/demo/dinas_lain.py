"""The dinas of Kota Surakarta for information, the economy, youth, culture, archives and trade."""

from __future__ import annotations

from kinerja.demo.orgspec import Bidang, Job, UnitSpec, family, opd, pelaksana, upt
from kinerja.org.models import UnitType as U


def _staff(*jobs: Job) -> tuple[Job, ...]:
    return jobs


_CLERK = pelaksana("Pengadministrasi Perkantoran", 1)
_ANALIS = family("Analis Kebijakan", "umum", ahli_pertama=1, ahli_muda=1)


def dinas_lain_list() -> list[UnitSpec]:
    """Diskominfo SP to Dinas Perdagangan, in the order the city lists them."""
    return [
        opd(
            "diskominfosp",
            "Dinas Komunikasi, Informatika, Statistik dan Persandian",
            "Diskominfo SP",
            U.DINAS,
            "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
            [
                Bidang(
                    "Bidang Informasi dan Komunikasi Publik",
                    (
                        "Pengelolaan Informasi Publik",
                        "Pengelolaan Aduan dan Komunikasi Publik",
                        "Kemitraan Media",
                    ),
                ),
                Bidang(
                    "Bidang Aplikasi Informatika",
                    (
                        "Tata Kelola Sistem Pemerintahan Berbasis Elektronik",
                        "Pengembangan Aplikasi",
                    ),
                ),
                Bidang(
                    "Bidang Infrastruktur Teknologi Informasi dan Komunikasi",
                    ("Infrastruktur Jaringan", "Pusat Data dan Keamanan Sistem"),
                ),
                Bidang(
                    "Bidang Statistik dan Persandian",
                    ("Statistik Sektoral", "Persandian dan Keamanan Informasi"),
                ),
            ],
            size=2,
            families=(
                family(
                    "Pranata Hubungan Masyarakat", "humas", terampil=1, ahli_pertama=2, ahli_muda=1
                ),
                family("Pranata Komputer", "ti", terampil=2, ahli_pertama=3, ahli_muda=2),
                family("Pranata Komputer", "ti", mahir=1, ahli_pertama=2, ahli_muda=1),
                family("Statistisi", "statistik", ahli_pertama=2, ahli_muda=1)
                + family("Sandiman", "ti", terampil=1, ahli_pertama=1),
            ),
        ),
        opd(
            "diskopukmperin",
            "Dinas Koperasi, Usaha Kecil dan Menengah dan Perindustrian",
            "Diskopukmperin",
            U.DINAS,
            "Kepala Dinas Koperasi, Usaha Kecil dan Menengah dan Perindustrian",
            [
                Bidang(
                    "Bidang Koperasi",
                    ("Kelembagaan dan Pengawasan Koperasi", "Pemberdayaan Koperasi"),
                ),
                Bidang(
                    "Bidang Usaha Mikro, Kecil dan Menengah",
                    ("Pemberdayaan Usaha Mikro", "Pengembangan Usaha Kecil dan Menengah"),
                ),
                Bidang(
                    "Bidang Perindustrian",
                    ("Industri Agro dan Kimia", "Industri Logam, Mesin dan Aneka"),
                ),
            ],
            size=1,
            families=(
                family("Pengawas Koperasi", "ekonomi", ahli_pertama=1, ahli_muda=1),
                family("Penyuluh Perindustrian dan Perdagangan", "ekonomi", ahli_pertama=2),
            ),
        ),
        opd(
            "dpmptsp",
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "DPMPTSP",
            U.DINAS,
            "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            [
                Bidang(
                    "Bidang Penanaman Modal",
                    ("Promosi Penanaman Modal", "Pengendalian Pelaksanaan Penanaman Modal"),
                ),
                Bidang(
                    "Bidang Pelayanan Perizinan dan Nonperizinan",
                    ("Perizinan Berusaha", "Perizinan Nonberusaha"),
                ),
                Bidang(
                    "Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
                    ("Pengaduan Layanan", "Data dan Pelaporan"),
                ),
            ],
            size=2,
            families=(family("Penata Perizinan", "umum", ahli_pertama=2, ahli_muda=1), _ANALIS),
            section_staff=_staff(
                pelaksana("Operator Layanan Operasional", 2),
                pelaksana("Penata Layanan Operasional", 1),
            ),
        ),
        opd(
            "dispora",
            "Dinas Pemuda dan Olahraga",
            "Dispora",
            U.DINAS,
            "Kepala Dinas Pemuda dan Olahraga",
            [
                Bidang(
                    "Bidang Kepemudaan",
                    ("Pemberdayaan Pemuda", "Kepemimpinan dan Kepeloporan Pemuda"),
                ),
                Bidang(
                    "Bidang Keolahragaan", ("Pembudayaan Olahraga", "Peningkatan Prestasi Olahraga")
                ),
                Bidang(
                    "Bidang Sarana dan Prasarana Olahraga",
                    ("Pembangunan Sarana Olahraga", "Pengelolaan Sarana Olahraga"),
                ),
            ],
            size=1,
            families=(_ANALIS,),
            extra=(
                upt(
                    "UPT Pengelolaan Sarana Olahraga",
                    (pelaksana("Teknisi Sarana dan Prasarana", 6, profile="teknisi"), _CLERK),
                ),
            ),
        ),
        opd(
            "disbud",
            "Dinas Kebudayaan",
            "Disbud",
            U.DINAS,
            "Kepala Dinas Kebudayaan",
            [
                Bidang("Bidang Sejarah dan Permuseuman", ("Sejarah", "Permuseuman")),
                Bidang("Bidang Kesenian", ("Kesenian Tradisional", "Pengembangan Kesenian")),
                Bidang(
                    "Bidang Cagar Budaya", ("Pelestarian Cagar Budaya", "Pemanfaatan Cagar Budaya")
                ),
            ],
            size=1,
            families=(family("Pamong Budaya", "budaya", ahli_pertama=2, ahli_muda=1),),
            extra=(
                upt(
                    "UPT Museum",
                    family("Pamong Budaya", "budaya", ahli_pertama=1),
                    (
                        pelaksana("Pengelola Layanan Operasional", 3, profile="budaya"),
                        pelaksana("Teknisi Sarana dan Prasarana", 2, profile="teknisi"),
                    ),
                ),
            ),
        ),
        opd(
            "dispar",
            "Dinas Pariwisata",
            "Dispar",
            U.DINAS,
            "Kepala Dinas Pariwisata",
            [
                Bidang(
                    "Bidang Destinasi Pariwisata",
                    ("Pengembangan Destinasi", "Pengelolaan Daya Tarik Wisata"),
                ),
                Bidang(
                    "Bidang Pemasaran Pariwisata",
                    ("Promosi Pariwisata", "Kemitraan dan Informasi Pariwisata"),
                ),
                Bidang(
                    "Bidang Ekonomi Kreatif",
                    ("Pengembangan Ekonomi Kreatif", "Sumber Daya Pariwisata"),
                ),
            ],
            size=1,
            families=(
                family(
                    "Adyatama Kepariwisataan dan Ekonomi Kreatif",
                    "budaya",
                    ahli_pertama=2,
                    ahli_muda=1,
                ),
            ),
        ),
        opd(
            "disarpus",
            "Dinas Arsip dan Perpustakaan",
            "Disarpus",
            U.DINAS,
            "Kepala Dinas Arsip dan Perpustakaan",
            [
                Bidang("Bidang Kearsipan", ("Pengelolaan Arsip", "Pembinaan Kearsipan")),
                Bidang(
                    "Bidang Perpustakaan",
                    ("Layanan Perpustakaan", "Pengembangan Koleksi dan Pelestarian"),
                ),
            ],
            size=1,
            families=(
                family("Arsiparis", "arsip", terampil=2, ahli_pertama=2, ahli_muda=1),
                family("Pustakawan", "arsip", terampil=2, ahli_pertama=2, ahli_muda=1),
            ),
        ),
        opd(
            "disdag",
            "Dinas Perdagangan",
            "Disdag",
            U.DINAS,
            "Kepala Dinas Perdagangan",
            [
                Bidang(
                    "Bidang Pengelolaan Pasar",
                    ("Pendapatan Pasar", "Sarana Prasarana dan Ketertiban Pasar"),
                ),
                Bidang(
                    "Bidang Perdagangan",
                    ("Perdagangan Dalam Negeri", "Perlindungan Konsumen dan Tertib Niaga"),
                ),
                Bidang(
                    "Bidang Pembinaan Pedagang",
                    ("Pedagang Kaki Lima", "Penataan dan Pengembangan Pedagang"),
                ),
            ],
            size=2,
            families=(family("Pengawas Perdagangan", "ekonomi", ahli_pertama=1, ahli_muda=1),),
            extra=(
                upt(
                    "UPT Metrologi Legal",
                    family("Penera", "teknisi", terampil=3, mahir=1, ahli_pertama=1),
                    (_CLERK,),
                ),
                upt(
                    "UPT Pasar Wilayah Barat",
                    (
                        pelaksana("Pengelola Layanan Operasional", 10, profile="ekonomi"),
                        pelaksana("Pengadministrasi Perkantoran", 2),
                    ),
                ),
                upt(
                    "UPT Pasar Wilayah Timur",
                    (
                        pelaksana("Pengelola Layanan Operasional", 10, profile="ekonomi"),
                        pelaksana("Pengadministrasi Perkantoran", 2),
                    ),
                ),
            ),
        ),
    ]
