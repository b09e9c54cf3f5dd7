"""Education profiles: which degrees, titles (gelar) and gender mix go with which kind of job.

A position template names a profile (``"guru_sd"``, ``"perawat"``, ``"ti"`` …); the people
generator draws a degree from it, filtered by what the jabatan level requires (an Ahli Pertama
needs at least S-1/D-IV, a Terampil a D-III).
"""

from __future__ import annotations

from dataclasses import dataclass

SLTA, D3, D4, S1, S2, S3 = "SLTA", "D-III", "D-IV", "S-1", "S-2", "S-3"


@dataclass(frozen=True)
class Degree:
    """One way to be educated for a job, with the titles it gives.

    ``old_depan``/``old_belakang`` are the titles of the same degree earned before the 1993
    reform (Drs./Dra., Ir.), used for people born before 1968.
    """

    weight: int
    edu: str
    major: str
    belakang: str = ""
    depan: str = ""
    old_depan: str | None = None
    old_belakang: str = ""


@dataclass(frozen=True)
class Profile:
    female: float
    pppk: float
    degrees: tuple[Degree, ...]
    entry_golongan: str = ""  # doctors enter at III/b instead of the usual III/a


def _d(
    weight: int,
    edu: str,
    major: str,
    belakang: str = "",
    depan: str = "",
    old: tuple[str, str] | None = None,
) -> Degree:
    old_depan, old_belakang = old if old else (None, "")
    return Degree(weight, edu, major, belakang, depan, old_depan, old_belakang)


_SMA = _d(4, SLTA, "SMA IPS")
_SMK = _d(3, SLTA, "SMK Administrasi Perkantoran")
_D3_ADM = _d(3, D3, "Administrasi Perkantoran", "A.Md.")
_S1_AN = _d(4, S1, "Ilmu Administrasi Negara", "S.Sos.", old=("Drs.", ""))
_S1_SE = _d(3, S1, "Manajemen", "S.E.", old=("Drs.", ""))
_S1_SH = _d(2, S1, "Ilmu Hukum", "S.H.")
_S2_MSI = _d(3, S2, "Magister Ilmu Administrasi", "S.Sos., M.Si.", old=("Drs.", "M.Si."))
_S2_MM = _d(3, S2, "Magister Manajemen", "S.E., M.M.", old=("Drs.", "M.M."))
_S2_MAP = _d(2, S2, "Magister Administrasi Publik", "S.IP., M.AP.")

PROFILES: dict[str, Profile] = {
    "umum": Profile(
        0.5,
        0.12,
        (
            _SMA,
            _SMK,
            _D3_ADM,
            _S1_AN,
            _S1_SE,
            _S1_SH,
            _d(1, S1, "Ilmu Pemerintahan", "S.IP."),
            _d(1, S2, "Magister Ilmu Administrasi", "S.Sos., M.Si."),
        ),
    ),
    "pimpinan": Profile(
        0.35,
        0.0,
        (
            _S1_AN,
            _S1_SE,
            _S1_SH,
            _S2_MSI,
            _S2_MM,
            _S2_MAP,
            _d(3, S2, "Magister Ilmu Hukum", "S.H., M.H."),
            _d(2, S2, "Magister Teknik Sipil", "S.T., M.T.", old=("Ir.", "M.T.")),
            _d(1, S2, "Magister Pendidikan", "S.Pd., M.Pd."),
            _d(1, S3, "Ilmu Administrasi Publik", "S.Sos., M.Si.", depan="Dr."),
            _d(1, S3, "Ilmu Ekonomi", "S.E., M.M.", depan="Dr."),
        ),
    ),
    "ti": Profile(
        0.35,
        0.15,
        (
            _d(2, SLTA, "SMK Teknik Komputer dan Jaringan"),
            _d(3, D3, "Manajemen Informatika", "A.Md.Kom."),
            _d(5, S1, "Teknik Informatika", "S.Kom."),
            _d(2, S1, "Sistem Informasi", "S.Kom."),
            _d(1, S1, "Teknik Elektro", "S.T."),
            _d(1, S2, "Magister Teknik Informatika", "S.Kom., M.Kom."),
            _d(1, S2, "Magister Teknik Elektro", "S.T., M.T."),
        ),
    ),
    "humas": Profile(
        0.55,
        0.1,
        (
            _SMA,
            _d(2, D3, "Hubungan Masyarakat", "A.Md."),
            _d(5, S1, "Ilmu Komunikasi", "S.I.Kom."),
            _d(2, S1, "Ilmu Komunikasi", "S.Sos."),
            _d(1, S2, "Magister Ilmu Komunikasi", "S.I.Kom., M.I.Kom."),
        ),
    ),
    "statistik": Profile(
        0.5,
        0.1,
        (
            _d(3, S1, "Statistika", "S.Stat."),
            _d(2, S1, "Matematika", "S.Si."),
            _d(1, D4, "Statistika Terapan", "S.Tr.Stat."),
            _d(1, S2, "Magister Statistika", "S.Si., M.Si."),
        ),
    ),
    "sdm": Profile(
        0.55,
        0.05,
        (
            _SMA,
            _D3_ADM,
            _d(3, S1, "Psikologi", "S.Psi."),
            _S1_AN,
            _d(2, S1, "Manajemen Sumber Daya Manusia", "S.E."),
            _S2_MM,
            _d(1, S2, "Magister Psikologi", "S.Psi., M.Psi."),
        ),
    ),
    "hukum": Profile(
        0.45,
        0.05,
        (
            _SMA,
            _d(6, S1, "Ilmu Hukum", "S.H."),
            _d(3, S2, "Magister Ilmu Hukum", "S.H., M.H."),
            _d(1, S2, "Magister Kenotariatan", "S.H., M.Kn."),
        ),
    ),
    "keuangan": Profile(
        0.55,
        0.08,
        (
            _SMA,
            _d(2, SLTA, "SMK Akuntansi"),
            _d(3, D3, "Akuntansi", "A.Md.Ak."),
            _d(5, S1, "Akuntansi", "S.E."),
            _d(2, S1, "Akuntansi", "S.Ak."),
            _S1_SE,
            _d(2, S2, "Magister Akuntansi", "S.E., M.Ak."),
            _S2_MM,
        ),
    ),
    "perencana": Profile(
        0.45,
        0.05,
        (
            _d(3, S1, "Ekonomi Pembangunan", "S.E."),
            _d(3, S1, "Perencanaan Wilayah dan Kota", "S.T."),
            _d(3, S2, "Magister Ekonomi Pembangunan", "S.E., M.Ec.Dev."),
            _d(2, S2, "Magister Perencanaan Wilayah", "S.T., M.T."),
            _S2_MSI,
        ),
    ),
    "auditor": Profile(
        0.5,
        0.0,
        (
            _d(4, S1, "Akuntansi", "S.E., Ak."),
            _d(2, S1, "Akuntansi", "S.E."),
            _d(1, S1, "Ilmu Hukum", "S.H."),
            _d(1, S1, "Teknik Sipil", "S.T."),
            _d(2, S2, "Magister Akuntansi", "S.E., M.Ak."),
            _d(1, D3, "Akuntansi", "A.Md.Ak."),
        ),
    ),
    "teknik": Profile(
        0.25,
        0.08,
        (
            _d(2, SLTA, "SMK Teknik Bangunan"),
            _d(3, D3, "Teknik Sipil", "A.Md.T."),
            _d(5, S1, "Teknik Sipil", "S.T.", old=("Ir.", "")),
            _d(2, S1, "Arsitektur", "S.Ars."),
            _d(2, S1, "Perencanaan Wilayah dan Kota", "S.T."),
            _d(2, S2, "Magister Teknik Sipil", "S.T., M.T."),
        ),
    ),
    "teknisi": Profile(
        0.15,
        0.15,
        (
            _d(5, SLTA, "SMK Teknik Mesin"),
            _d(3, SLTA, "SMK Teknik Elektro"),
            _d(2, D3, "Teknik Mesin", "A.Md.T."),
            _d(1, S1, "Teknik Mesin", "S.T."),
        ),
    ),
    "lingkungan": Profile(
        0.4,
        0.08,
        (
            _d(3, SLTA, "SMA IPA"),
            _d(2, D3, "Kesehatan Lingkungan", "A.Md.KL."),
            _d(4, S1, "Teknik Lingkungan", "S.T."),
            _d(2, S1, "Biologi", "S.Si."),
            _d(1, S2, "Magister Ilmu Lingkungan", "S.T., M.Sc."),
        ),
    ),
    "sosial": Profile(
        0.6,
        0.1,
        (
            _SMA,
            _d(4, S1, "Kesejahteraan Sosial", "S.Sos."),
            _d(2, S1, "Psikologi", "S.Psi."),
            _d(1, D4, "Pekerjaan Sosial", "S.Tr.Sos."),
            _d(1, S2, "Magister Pekerjaan Sosial", "S.Sos., M.Si."),
        ),
    ),
    "kesmas": Profile(
        0.65,
        0.15,
        (
            _d(5, S1, "Kesehatan Masyarakat", "S.KM."),
            _d(2, S2, "Magister Kesehatan Masyarakat", "S.KM., M.Kes."),
            _d(1, S1, "Keperawatan", "S.Kep., Ns."),
            _D3_ADM,
        ),
    ),
    "dokter": Profile(
        0.6,
        0.2,
        (
            _d(5, S1, "Pendidikan Dokter", depan="dr."),
            _d(1, S2, "Magister Kesehatan", "M.Kes.", depan="dr."),
        ),
        entry_golongan="III/b",
    ),
    "dokter_spesialis": Profile(
        0.45,
        0.1,
        tuple(
            _d(1, S2, f"Spesialis {field}", title, depan="dr.")
            for field, title in [
                ("Penyakit Dalam", "Sp.PD."),
                ("Anak", "Sp.A."),
                ("Obstetri dan Ginekologi", "Sp.OG."),
                ("Bedah", "Sp.B."),
                ("Anestesiologi", "Sp.An."),
                ("Radiologi", "Sp.Rad."),
                ("Jantung dan Pembuluh Darah", "Sp.JP."),
                ("Neurologi", "Sp.N."),
                ("Mata", "Sp.M."),
                ("Telinga Hidung Tenggorok", "Sp.THT-KL."),
                ("Patologi Klinik", "Sp.PK."),
            ]
        ),
        entry_golongan="III/b",
    ),
    "dokter_gigi": Profile(
        0.7, 0.2, (_d(1, S1, "Pendidikan Dokter Gigi", depan="drg."),), entry_golongan="III/b"
    ),
    "perawat": Profile(
        0.75,
        0.22,
        (
            _d(5, D3, "Keperawatan", "A.Md.Kep."),
            _d(5, S1, "Ilmu Keperawatan", "S.Kep., Ns."),
            _d(1, S2, "Magister Keperawatan", "S.Kep., Ns., M.Kep."),
            _d(1, SLTA, "SPK"),
        ),
    ),
    "bidan": Profile(
        1.0,
        0.22,
        (
            _d(6, D3, "Kebidanan", "A.Md.Keb."),
            _d(3, D4, "Kebidanan", "S.Tr.Keb."),
            _d(2, S1, "Kebidanan", "S.Keb., Bd."),
        ),
    ),
    "apoteker": Profile(
        0.75, 0.2, (_d(1, S1, "Farmasi (Profesi Apoteker)", "S.Farm.", depan="apt."),)
    ),
    "farmasi": Profile(0.8, 0.3, (_d(1, D3, "Farmasi", "A.Md.Farm."),)),
    "lab": Profile(
        0.7,
        0.3,
        (
            _d(3, D3, "Analis Kesehatan", "A.Md.AK."),
            _d(1, D4, "Teknologi Laboratorium Medis", "S.Tr.Kes."),
        ),
    ),
    "gizi": Profile(0.85, 0.3, (_d(2, D3, "Gizi", "A.Md.Gz."), _d(1, S1, "Ilmu Gizi", "S.Gz."))),
    "sanitarian": Profile(
        0.55,
        0.3,
        (
            _d(2, D3, "Kesehatan Lingkungan", "A.Md.KL."),
            _d(1, S1, "Kesehatan Masyarakat", "S.KM."),
        ),
    ),
    "rekam_medis": Profile(
        0.7, 0.3, (_d(1, D3, "Rekam Medis dan Informasi Kesehatan", "A.Md.RMIK."),)
    ),
    "radiografer": Profile(0.4, 0.3, (_d(1, D3, "Radiodiagnostik dan Radioterapi", "A.Md.Rad."),)),
    "fisioterapis": Profile(0.6, 0.3, (_d(1, D3, "Fisioterapi", "A.Md.Ftr."),)),
    "guru_sd": Profile(
        0.75,
        0.3,
        (
            _d(8, S1, "Pendidikan Guru Sekolah Dasar", "S.Pd."),
            _d(1, S2, "Magister Pendidikan Dasar", "S.Pd., M.Pd."),
            _d(1, S1, "Pendidikan Guru Sekolah Dasar", "S.Pd.SD."),
        ),
    ),
    "guru_pai": Profile(
        0.55,
        0.25,
        (
            _d(3, S1, "Pendidikan Agama Islam", "S.Pd.I."),
            _d(2, S1, "Pendidikan Agama Islam", "S.Pd."),
            _d(1, S2, "Magister Pendidikan Agama Islam", "S.Pd.I., M.Pd.I."),
        ),
    ),
    "guru_pjok": Profile(
        0.3,
        0.25,
        (
            _d(3, S1, "Pendidikan Jasmani, Kesehatan dan Rekreasi", "S.Pd."),
            _d(1, S1, "Pendidikan Kepelatihan Olahraga", "S.Pd."),
            _d(1, S1, "Ilmu Keolahragaan", "S.Or."),
        ),
    ),
    "guru_smp": Profile(
        0.6,
        0.25,
        (
            _d(8, S1, "Pendidikan", "S.Pd.", old=("Drs.", "")),
            _d(2, S2, "Magister Pendidikan", "S.Pd., M.Pd."),
            _d(1, S1, "Pendidikan", "S.Pd.I."),
        ),
    ),
    "pendidikan": Profile(
        0.5,
        0.05,
        (
            _SMA,
            _D3_ADM,
            _d(4, S1, "Pendidikan", "S.Pd."),
            _S1_AN,
            _d(2, S2, "Magister Pendidikan", "S.Pd., M.Pd."),
        ),
    ),
    "satpol": Profile(
        0.2,
        0.1,
        (
            _d(8, SLTA, "SMA"),
            _d(2, D3, "Administrasi", "A.Md."),
            _d(2, S1, "Ilmu Hukum", "S.H."),
            _d(2, S1, "Ilmu Administrasi Negara", "S.Sos."),
        ),
    ),
    "damkar": Profile(
        0.08,
        0.1,
        (
            _d(8, SLTA, "SMA"),
            _d(2, SLTA, "SMK Teknik Mesin"),
            _d(1, D3, "Teknik Mesin", "A.Md.T."),
            _d(1, S1, "Teknik Sipil", "S.T."),
        ),
    ),
    "transportasi": Profile(
        0.25,
        0.1,
        (
            _d(5, SLTA, "SMK Teknik Otomotif"),
            _d(3, D3, "Manajemen Transportasi", "A.Md.Tra."),
            _d(2, S1, "Teknik Sipil (Transportasi)", "S.T."),
            _d(1, S2, "Magister Sistem dan Teknik Transportasi", "S.T., M.T."),
        ),
    ),
    "pertanian": Profile(
        0.45,
        0.1,
        (
            _d(2, SLTA, "SMK Pertanian"),
            _d(2, D3, "Agribisnis", "A.Md.P."),
            _d(4, S1, "Agroteknologi", "S.P."),
            _d(2, S1, "Peternakan", "S.Pt."),
            _d(1, S1, "Kedokteran Hewan", depan="drh."),
            _d(1, S1, "Perikanan", "S.Pi."),
        ),
    ),
    "veteriner": Profile(0.5, 0.1, (_d(1, S1, "Kedokteran Hewan", depan="drh."),)),
    "arsip": Profile(
        0.6,
        0.1,
        (
            _SMA,
            _d(4, D3, "Kearsipan", "A.Md."),
            _d(3, S1, "Ilmu Perpustakaan", "S.I.P."),
            _d(1, S1, "Ilmu Sejarah", "S.Hum."),
        ),
    ),
    "budaya": Profile(
        0.5,
        0.08,
        (
            _SMA,
            _d(3, S1, "Ilmu Sejarah", "S.Hum."),
            _d(3, S1, "Seni Karawitan", "S.Sn."),
            _d(2, S1, "Pariwisata", "S.Par."),
            _d(2, S1, "Sastra Jawa", "S.S."),
            _d(1, S2, "Magister Kajian Budaya", "S.S., M.Hum."),
        ),
    ),
    "ekonomi": Profile(
        0.5,
        0.08,
        (
            _SMA,
            _d(2, D3, "Manajemen Perdagangan", "A.Md."),
            _S1_SE,
            _d(3, S1, "Ekonomi Pembangunan", "S.E."),
            _d(1, S1, "Teknik Industri", "S.T."),
            _S2_MM,
        ),
    ),
    "kependudukan": Profile(
        0.55,
        0.12,
        (
            _SMA,
            _SMK,
            _d(3, D3, "Manajemen Informatika", "A.Md.Kom."),
            _d(2, S1, "Sistem Informasi", "S.Kom."),
            _S1_AN,
        ),
    ),
}


#: How strongly each jabatan level prefers each education level (multiplies a degree's weight).
EDU_PREFERENCE: dict[str, dict[str, float]] = {
    "jpt_pratama": {S1: 0.15, S2: 1.0, S3: 0.3},
    "administrator": {S1: 0.5, S2: 1.0, S3: 0.05},
    "pengawas": {S1: 1.0, D4: 0.2, S2: 0.6},
    "ahli_pertama": {S1: 1.0, D4: 0.4, S2: 0.1},
    "ahli_muda": {S1: 1.0, D4: 0.2, S2: 0.5},
    "ahli_madya": {S1: 0.6, S2: 1.0, S3: 0.1},
    "ahli_utama": {S2: 1.0, S3: 0.5},
    "pemula": {SLTA: 1.0},
    "terampil": {D3: 1.0, SLTA: 0.15},
    "mahir": {D3: 1.0, SLTA: 0.1, D4: 0.1},
    "penyelia": {D3: 1.0, S1: 0.3, SLTA: 0.1},
    # pelaksana, by kelas jabatan: the higher the class, the more graduates
    "pelaksana_5": {SLTA: 1.0, D3: 0.3, S1: 0.2, S2: 0.02},
    "pelaksana_6": {SLTA: 0.7, D3: 0.6, S1: 0.4, S2: 0.03},
    "pelaksana_7": {SLTA: 0.3, D3: 0.6, S1: 1.0, S2: 0.05},
}

#: Fallback degrees when a profile has nothing at the education level a job needs.
FALLBACK: dict[str, Degree] = {
    SLTA: _SMA,
    D3: _D3_ADM,
    D4: _d(1, D4, "Administrasi Bisnis Terapan", "S.Tr.AB."),
    S1: _S1_AN,
    S2: _S2_MSI,
    S3: _d(1, S3, "Ilmu Administrasi Publik", "S.Sos., M.Si.", depan="Dr."),
}
