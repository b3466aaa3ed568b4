"""Problems found in the content, and the closed registry of their codes.

Every problem an editor can meet is a `Problem` with a place (`path:line:col`), an Indonesian
message and a stable code from `CODES`. Codes never change meaning, so docs and tests can name
them.
"""

from __future__ import annotations

from dataclasses import dataclass

# Keep sorted, one line each: this table is published in docs/ and checked by the tests.
CODES: dict[str, str] = {
    "alias-dilarang": "Jangkar dan alias YAML (&nama, *nama) tidak dipakai di protokol.",
    "bagan-panduan-panjang": "Bagan panduan cepat tidak muat di satu halaman A4.",
    "berkas-kosong": "Berkas YAML kosong.",
    "berkas-tidak-dikenal": "Berkas di protocols/ yang tidak termasuk susunan isi.",
    "bukan-utf8": "Berkas tidak tersimpan sebagai teks UTF-8.",
    "butir-periksa-jumlah": "Titik jeda daftar periksa berisi kurang dari 3 atau lebih dari 9 butir.",
    "daftar-periksa-panjang": "Daftar periksa protokol tidak muat di satu halaman A4.",
    "diversi-tanpa-syarat": "Diversi disebut tanpa syarat ancaman di bawah 7 tahun (UU 11/2012 Pasal 7).",
    "dokumen-ganda": "Satu berkas berisi lebih dari satu dokumen YAML (---).",
    "id-ganda": "Id yang sama dipakai dua kali.",
    "id-tidak-valid": "Id hanya boleh huruf kecil, angka dan tanda hubung.",
    "isi-belum-ditulis": "Teks kerangka (\"TULIS ...\") belum diganti dengan isi.",
    "jam-72-tanpa-120": "Batas 72 jam ditulis tanpa batas 120 jam kontrasepsi darurat.",
    "janji-kerahasiaan": "Janji kerahasiaan di halaman kekerasan seksual tanpa kewajiban lapor 3 x 24 jam.",
    "jeda-tidak-ada": "Titik jeda daftar periksa tidak ada di berkas tahap.",
    "karakter-terlarang": "Karakter kendali atau tak terlihat yang merusak halaman atau arti.",
    "kata-tidak-dianjurkan": "Kata yang dapat menyalahkan korban atau memberi cap.",
    "kolom-wajib": "Kolom wajib tidak ada atau kosong.",
    "kunci-ganda": "Kunci yang sama muncul dua kali dalam satu bagian.",
    "kunci-tidak-dikenal": "Kunci yang tidak dikenal (sering salah ketik).",
    "langkah-tidak-ada": "Id langkah yang dirujuk tidak ada di tahap.",
    "lapor-tpks-pasal-4": "Halaman perdagangan orang atau eksploitasi tidak menyebut kewajiban lapor 3 x 24 jam (UU 12/2022 Pasal 4 ayat (2)).",
    "lapor-tpks-tidak-ada": "Protokol kekerasan seksual tidak menyebut kewajiban lapor 3 x 24 jam.",
    "layanan-ganda": "Dua layanan sejenis untuk satu kabupaten/kota.",
    "layanan-tidak-ada": "Id layanan yang dirujuk tidak ada di services.yml.",
    "mediasi-tindak-pidana": "Halaman mediasi kekerasan seksual, TPPO atau eksploitasi memuat prosedur mediasi.",
    "menu-tanpa-halaman": "Menu (nav: di mkdocs.yml) menyebut halaman yang tidak ada di docs/pages/.",
    "nilai-tidak-dikenal": "Nilai di luar pilihan yang diizinkan.",
    "nomor-telepon": "Nomor telepon hanya boleh ditulis di services.yml, dengan sumbernya.",
    "panduan-berputar": "Jalur panduan kembali ke pertanyaan yang sudah ditanyakan.",
    "panduan-buntu": "Hasil panduan tidak menunjuk halaman mana pun.",
    "panduan-tanpa-sumber": "Teks panduan menyebut angka tanpa sumber.",
    "panduan-terlalu-panjang": "Jalur panduan lebih dari 5 pertanyaan.",
    "panduan-tidak-terjangkau": "Pertanyaan atau hasil panduan tidak dapat dicapai dari awal.",
    "panduan-tujuan-tidak-ada": "Jawaban atau hasil panduan menunjuk sesuatu yang tidak ada.",
    "panduan-urutan": "Bahaya dan usia korban harus ditanyakan sebelum pertanyaan lain.",
    "pasangan-belum-ada": "Protokol untuk pasangan jenis dan tahap ini belum ditulis.",
    "peran-tidak-ada": "Id peran yang dirujuk tidak ada di roles.yml.",
    "persetujuan-kurang": "Disahkan atau dikonfirmasi tanpa siapa dan kapan.",
    "riwayat-tidak-cocok": "Riwayat perubahan tidak cocok dengan versi protokol.",
    "rujukan-tidak-ada": "Id sumber yang dirujuk tidak ada di references.yml.",
    "sumber-hukum": "Protokol belum mengutip peraturan Indonesia.",
    "tab-indentasi": "Indentasi memakai tab; YAML hanya menerima spasi.",
    "tag-dilarang": "Tag YAML (!nama) tidak dipakai di protokol.",
    "tanggal-tidak-valid": "Tanggal tidak ada di kalender atau salah bentuk.",
    "tanpa-telepon": "Layanan yang dipanggil dari kartu belum punya nomor telepon terkonfirmasi.",
    "tanpa-tombol-telepon": "Langkah di kartu menyebut layanan bernomor terkonfirmasi, tetapi tanpa call.",
    "tautan-keluar": "Tautan simbolik ke luar repositori, atau bukan berkas biasa.",
    "teks-terpotong": "Teks terpotong karena ' #' memulai komentar YAML.",
    "telepon-tidak-valid": "Nilai kontak telepon bukan tepat satu nomor telepon.",
    "terlalu-banyak": "Daftar berisi lebih banyak dari yang diizinkan.",
    "terlalu-sedikit": "Daftar berisi lebih sedikit dari yang diperlukan.",
    "tinjau-lewat": "Tanggal tinjau ulang sudah lewat.",
    "tipe-salah": "Jenis nilai salah (misalnya daftar di tempat teks).",
    "urutan-tanggal": "Tanggal tinjau ulang harus sesudah tanggal tinjau.",
    "versi-belum-naik": "Isi protokol berubah tetapi versinya tidak naik.",
    "versi-tidak-valid": "Versi harus berbentuk ANGKA.ANGKA.ANGKA, misalnya 0.1.0.",
    "yaml-rusak": "Susunan YAML tidak dapat dibaca.",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) at one place of one file."""

    path: str
    line: int
    col: int
    message: str
    code: str
    warning: bool = False

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered problem code {self.code!r}")

    def __str__(self) -> str:
        kind = "peringatan: " if self.warning else ""
        return f"{self.path}:{self.line}:{self.col}: {kind}{self.message} [{self.code}]"


# The problems of a file that cannot be read as data at all (`generator.load`)
UNREADABLE = frozenset({"alias-dilarang", "berkas-kosong", "bukan-utf8", "dokumen-ganda",
                        "kunci-ganda", "tab-indentasi", "tag-dilarang", "yaml-rusak"})


class HandbookError(Exception):
    """Base of the errors the command line reports without a traceback."""


class ContentInvalidError(HandbookError):
    """The content has errors; `problems` lists all of them (warnings included)."""

    def __init__(self, problems: list[Problem]) -> None:
        # A file that cannot be read comes first: what refers to its content fails because of
        # it (a tab in types/fisik.yml, then the guide's "protokol fisik/pengaduan tidak ada").
        self.problems = sorted(problems, key=lambda p: (p.code not in UNREADABLE, p))
        errors = [p for p in self.problems if not p.warning]
        super().__init__(summary(errors))


def summary(errors: list[Problem]) -> str:
    files = len({p.path for p in errors})
    return f"Dibatalkan: {len(errors)} masalah di {files} berkas."
