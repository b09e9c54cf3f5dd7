"""Indonesian (mostly Javanese) personal names, birth places and contact details for demo people.

Names follow the generation a person was born in: older civil servants often carry a single
Javanese name (Suparno, Sumarni), younger ones two or three names (Dimas Aditya Pratama). Pure
functions over a caller-supplied ``random.Random`` so that the demo data is reproducible.
"""

from __future__ import annotations

import random
import re

MALE_CLASSIC = [
    "Suparno", "Sutrisno", "Sugiyanto", "Sumarno", "Suharto", "Sukardi", "Mulyono", "Haryanto",
    "Sunarto", "Suwarno", "Sarjono", "Pujiono", "Marjuki", "Widodo", "Sukiman", "Paimin",
    "Bambang", "Slamet", "Joko", "Budi", "Hartono", "Heru", "Agus", "Teguh", "Wahyu", "Bagus",
    "Supriyadi", "Purwanto", "Rahmadi", "Gatot", "Darmanto", "Waluyo", "Kuswanto", "Harjono",
]  # fmt: skip
FEMALE_CLASSIC = [
    "Sri", "Endang", "Siti", "Suwarni", "Sumarni", "Sulastri", "Retno", "Yuli", "Rusmini",
    "Murni", "Suharni", "Widarti", "Titik", "Wiwik", "Tutik", "Lilik", "Sumiyati", "Suryani",
    "Partini", "Sukesi", "Ngatini", "Kristiani", "Dwi", "Tri", "Nanik", "Sunarsih", "Umi",
]  # fmt: skip
MALE_MIDDLE = [
    "Agus", "Arif", "Aris", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Heri", "Joko", "Andi",
    "Bayu", "Dani", "Edy", "Hari", "Irwan", "Yudi", "Anton", "Wawan", "Rudi", "Adi", "Danang",
    "Ari", "Yusuf", "Galih", "Tomy", "Dwi", "Sigit", "Yoga", "Nanang", "Rahmat", "Doni",
]  # fmt: skip
FEMALE_MIDDLE = [
    "Dewi", "Dian", "Eni", "Ika", "Indah", "Lina", "Nur", "Ratna", "Rina", "Sari", "Wulan",
    "Yuni", "Yanti", "Novi", "Ani", "Fitri", "Erna", "Anik", "Dyah", "Ayu", "Rini", "Tri",
    "Diah", "Eka", "Lia", "Maya", "Nining", "Puji", "Heni", "Esti", "Wiwin", "Desi",
]  # fmt: skip
MALE_YOUNG = [
    "Aditya", "Bayu", "Dimas", "Fikri", "Galih", "Ilham", "Rizky", "Yoga", "Hafiz", "Reza",
    "Andika", "Satria", "Wisnu", "Naufal", "Fahmi", "Gilang", "Rendi", "Arya", "Bima", "Fauzan",
    "Hanif", "Irfan", "Kevin", "Lutfi", "Rafi", "Yusuf", "Alif", "Danu", "Farhan", "Taufik",
]  # fmt: skip
FEMALE_YOUNG = [
    "Anisa", "Ayu", "Dinda", "Fitria", "Intan", "Nabila", "Putri", "Rahma", "Salsabila", "Tiara",
    "Vina", "Aulia", "Della", "Nadia", "Amalia", "Rizka", "Citra", "Annisa", "Laras", "Septi",
    "Widya", "Yulia", "Hana", "Kartika", "Melati", "Niken", "Okta", "Shinta", "Tika", "Zahra",
]  # fmt: skip
MALE_CHRISTIAN = [
    "Yohanes",
    "Antonius",
    "Fransiskus",
    "Yosef",
    "Stefanus",
    "Paulus",
    "Agustinus",
    "Ignatius",
]
FEMALE_CHRISTIAN = [
    "Maria",
    "Theresia",
    "Agnes",
    "Yohana",
    "Bernadeta",
    "Elisabeth",
    "Veronika",
    "Lucia",
]
MALE_PREFIX = ["Muhammad", "Ahmad", "Eko", "Dwi", "Tri", "Catur", "Sri"]
FEMALE_PREFIX = ["Siti", "Nur", "Dwi", "Tri", "Sri", "Eka"]
MALE_FAMILY = [
    "Prasetyo", "Nugroho", "Santoso", "Wibowo", "Setiawan", "Kurniawan", "Saputra", "Purnomo",
    "Susilo", "Sulistyo", "Hidayat", "Wijaya", "Pratama", "Hermawan", "Gunawan", "Utomo",
    "Raharjo", "Widodo", "Suryanto", "Setyawan", "Prabowo", "Ardiansyah", "Firmansyah",
    "Nugraha", "Wicaksono", "Cahyono", "Haryadi", "Triyanto", "Sudarsono", "Mulyadi", "Riyadi",
    "Kuncoro", "Hartanto", "Permana", "Saputro", "Wardhana", "Atmaja", "Pamungkas", "Baskoro",
]  # fmt: skip
FEMALE_FAMILY = [
    "Handayani", "Rahayu", "Wulandari", "Lestari", "Susanti", "Kusumawati", "Setyaningsih",
    "Purwaningsih", "Pratiwi", "Astuti", "Wahyuni", "Rahmawati", "Puspitasari", "Anggraini",
    "Safitri", "Maharani", "Novitasari", "Kurniasih", "Hartati", "Indrawati", "Sulistyowati",
    "Mulyani", "Widyastuti", "Permatasari", "Oktaviani", "Kartikasari", "Wijayanti", "Utami",
    "Nurhayati", "Yuliana", "Damayanti", "Ningrum", "Sulistyaningsih", "Cahyaningrum",
]  # fmt: skip

#: Where Surakarta civil servants were born: the city itself and the Solo Raya regencies around it.
BIRTH_PLACES = [
    ("Surakarta", 45), ("Sukoharjo", 12), ("Karanganyar", 10), ("Klaten", 8), ("Boyolali", 7),
    ("Wonogiri", 5), ("Sragen", 5), ("Semarang", 2), ("Yogyakarta", 2), ("Jakarta", 1),
    ("Magelang", 1), ("Salatiga", 1), ("Purwodadi", 1),
]  # fmt: skip
_PLACE_NAMES = [p for p, _w in BIRTH_PLACES]
_PLACE_WEIGHTS = [w for _p, w in BIRTH_PLACES]

#: Mobile prefixes of the Indonesian operators; the rest of the number is random.
PHONE_PREFIXES = ["0812", "0813", "0821", "0822", "0852", "0856", "0857", "0878", "0896", "0881"]


def _pools(gender: str, birth_year: int) -> tuple[list[str], list[str]]:
    male = gender == "L"
    if birth_year < 1975:
        given = MALE_CLASSIC if male else FEMALE_CLASSIC
    elif birth_year < 1990:
        given = MALE_MIDDLE if male else FEMALE_MIDDLE
    else:
        given = MALE_YOUNG if male else FEMALE_YOUNG
    return given, MALE_FAMILY if male else FEMALE_FAMILY


def person_name(rng: random.Random, gender: str, birth_year: int, *, christian: bool = True) -> str:
    """A plausible full name (without academic titles) for someone born in ``birth_year``.

    ``christian=False`` excludes baptismal names (for a teacher of Islamic religious education).
    """
    given, family = _pools(gender, birth_year)
    male = gender == "L"
    roll = rng.random()
    if birth_year < 1975 and roll < 0.25:
        return rng.choice(given)  # a single name, common for that generation
    if roll < 0.08 and christian:
        christian_names = MALE_CHRISTIAN if male else FEMALE_CHRISTIAN
        return f"{rng.choice(christian_names)} {rng.choice(given)} {rng.choice(family)}"
    if roll < 0.30:
        prefix = rng.choice(MALE_PREFIX if male else FEMALE_PREFIX)
        first = rng.choice(given)
        if first == prefix:
            return f"{prefix} {rng.choice(family)}"
        return f"{prefix} {first} {rng.choice(family)}"
    if roll < 0.42:
        second = rng.choice(given)
        first = rng.choice(given)
        if first != second:
            return f"{first} {second} {rng.choice(family)}"
    return f"{rng.choice(given)} {rng.choice(family)}"


def birth_place(rng: random.Random) -> str:
    """A birth place weighted towards Surakarta and the neighbouring regencies."""
    return rng.choices(_PLACE_NAMES, _PLACE_WEIGHTS)[0]


def phone_number(rng: random.Random) -> str:
    """A fake mobile number in the Indonesian format (08xx plus 8 digits)."""
    return f"{rng.choice(PHONE_PREFIXES)}{rng.randrange(10**7, 10**8)}"


def email_local_part(name: str) -> str:
    """``"Sri Wahyuni"`` → ``"sri.wahyuni"``: the usual shape of a government mailbox name."""
    words = [w for w in re.split(r"[^a-z]+", name.lower()) if w]
    if len(words) > 2:
        words = [words[0], words[-1]]
    return ".".join(words) or "pegawai"
