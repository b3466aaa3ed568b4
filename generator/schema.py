"""The content model as data: every file kind, its keys, their types and Indonesian descriptions.

One description drives both the validator (`generator.validate`) and the JSON Schema that
YAML-aware editors use (`json_schema`). Adding a key means adding it here and to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
VERSION_PATTERN = r"^\d+\.\d+\.\d+$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
URL_PATTERN = r"^https?://[A-Za-z0-9._~:/?#@!$&*+,;=%-]+$"


@dataclass(frozen=True)
class Kind:
    """What a value must be. `registry` names the ids a value must be one of, if any."""

    def json(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Kind):
    multiline: bool = False  # paragraphs (blank lines) are kept

    def json(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


@dataclass(frozen=True)
class Url(Kind):
    """An http(s) address without characters that could break out of a link."""

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": URL_PATTERN}


@dataclass(frozen=True)
class Id(Kind):
    registry: str = ""  # "" = a new id; else the registry the id must exist in

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN}


PAGE_PATH_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?$"


@dataclass(frozen=True)
class PagePath(Kind):
    """A page of the handbook named by its address: `darurat`, `jenis/fisik`, `fisik/pengaduan`
    (which pages exist is checked where the whole handbook is known)."""

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": PAGE_PATH_PATTERN}


@dataclass(frozen=True)
class Cite(Kind):
    """`<reference id>` or `<reference id> <pinpoint>`, e.g. `uu-12-2022 Pasal 23`."""

    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*( .+)?$"}


@dataclass(frozen=True)
class Date(Kind):
    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": DATE_PATTERN, "format": "date"}


@dataclass(frozen=True)
class Version(Kind):
    def json(self) -> dict[str, Any]:
        return {"type": "string", "pattern": VERSION_PATTERN}


@dataclass(frozen=True)
class Flag(Kind):
    def json(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Number(Kind):
    minimum: int = 0

    def json(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum}


@dataclass(frozen=True)
class Choice(Kind):
    values: tuple[str, ...] = ()
    registry: str = ""  # values may also be ids of this registry

    def json(self) -> dict[str, Any]:
        if self.registry:
            return {"type": "string", "anyOf": [{"enum": list(self.values)},
                                                {"pattern": ID_PATTERN}]}
        return {"type": "string", "enum": list(self.values)}


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind = field(default_factory=Text)
    min_items: int = 0

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.json()}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


@dataclass(frozen=True)
class Field:
    kind: Kind
    description: str
    required: bool = False


@dataclass(frozen=True)
class Record(Kind):
    """A mapping with known keys. `example` is shown when an editor gets the shape wrong."""

    name: str = ""
    fields: dict[str, Field] = field(default_factory=dict, hash=False)
    example: str = ""

    def json(self) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [k for k, f in self.fields.items() if f.required],
            "properties": {
                k: {**f.kind.json(), "description": f.description}
                for k, f in self.fields.items()
            },
        }


def text_list(min_items: int = 0) -> ListOf:
    return ListOf(Text(), min_items)


CITATIONS = ListOf(Cite())

# Most urgent first: the order red flags are shown in.
URGENCIES = ("nyawa", "segera", "perhatian")

RED_FLAG = Record("tanda bahaya", {
    "sign": Field(Text(), "Tanda bahaya yang dilihat atau didengar petugas.", True),
    "urgency": Field(Choice(URGENCIES), "Seberapa mendesak: nyawa (nyawa terancam, bertindak "
                     "saat ini juga), segera (dalam hitungan jam, misalnya batas 72 jam), "
                     "perhatian (hari ini atau segera sesudahnya).", True),
    "action": Field(Text(), "Yang harus segera dilakukan.", True),
    "services": Field(ListOf(Id("service")), "Id layanan (services.yml) yang kontaknya "
                      "ditampilkan."),
    "sources": Field(CITATIONS, "Sumber."),
}, "- sign: Kejadian kurang dari 72 jam yang lalu\n  urgency: segera\n"
   "  action: Antar segera ke layanan kesehatan.")

DO_NOW = ListOf(Record("lakukan sekarang", {
    # Checked against the protocol's effective steps by generator.firstscreen.
    "step": Field(Id(), "Id langkah protokol ini; kartu memakai judul langkah itu.", True),
    "call": Field(Id("service"), "Id layanan (services.yml) yang nomor teleponnya ditampilkan "
                  "sebagai tombol telepon."),
}, "- step: pastikan-aman\n  call: darurat-112"), 1)
DO_NOW_HELP = ("Kartu 'Lakukan sekarang' di atas halaman: 3 sampai 5 langkah pertama (id "
               "langkah), ditulis di akhir berkas.")

_STEP_FIELDS = {
    "id": Field(Id(), "Id langkah: huruf kecil dan tanda hubung, unik dalam protokol.", True),
    "title": Field(Text(), "Judul singkat, diawali kata kerja.", True),
    "who": Field(ListOf(Id("role"), 1), "Siapa yang melakukan: id peran dari roles.yml.", True),
    "when": Field(Text(), "Kapan atau paling lambat kapan.", True),
    "pause": Field(Id("pause"), "Titik jeda daftar periksa (id dari pause_points tahap).",
                   True),
    "do": Field(text_list(1), "Yang dilakukan, satu tindakan per butir.", True),
    "avoid": Field(text_list(), "Yang harus dihindari."),
    "say": Field(text_list(), "Contoh kalimat yang bisa diucapkan kepada korban."),
    "child": Field(text_list(), "Yang berubah bila korban anak."),
    "checklist": Field(text_list(), "Butir daftar periksa (diawali kata kerja). Bila tidak "
                       "diisi, judul langkah dipakai; [] berarti tidak ada butir."),
    "sources": Field(CITATIONS, "Sumber langkah ini."),
    "unconfirmed": Field(Text(), "Hal yang belum dikonfirmasi; ditampilkan di halaman."),
}
_STEP_EXAMPLE = ("- id: dengarkan\n  title: Dengarkan tanpa menghakimi\n  who: [petugas-pengaduan]"
                 "\n  when: Sejak awal percakapan\n  pause: selama\n  do:\n    - ...")
STAGE_STEP = Record("langkah", _STEP_FIELDS, _STEP_EXAMPLE)
PROTOCOL_STEP = Record("langkah", {
    **_STEP_FIELDS,
    "after": Field(Id("step"), "Letakkan sesudah langkah tahap ini (id langkah)."),
    "before": Field(Id("step"), "Letakkan sebelum langkah tahap ini (id langkah)."),
}, _STEP_EXAMPLE)

CHANGEABLE = ("title", "who", "when", "pause", "do", "avoid", "say", "child", "checklist",
              "sources", "unconfirmed")
APPENDABLE = ("do", "avoid", "say", "child", "sources")
STEP_CHANGE = Record("perubahan langkah", {
    "step": Field(Id("step"), "Id langkah tahap yang diubah.", True),
    **{k: Field(_STEP_FIELDS[k].kind, f"Mengganti '{k}' langkah tahap.") for k in CHANGEABLE},
    **{f"add_{k}": Field(_STEP_FIELDS[k].kind, f"Menambah butir pada '{k}' langkah tahap.")
       for k in APPENDABLE},
}, "- step: asesmen-risiko\n  add_do:\n    - ...")

SKIP_STEP = Record("langkah yang dilewati", {
    "step": Field(Id("step"), "Id langkah tahap yang tidak berlaku.", True),
    "reason": Field(Text(), "Alasannya.", True),
}, "- step: rujuk-mediasi\n  reason: ...")

PAUSE_POINT = Record("titik jeda", {
    "id": Field(Id(), "Id titik jeda.", True),
    "title": Field(Text(), "Judul, misalnya 'Sebelum bertemu korban'.", True),
}, "- id: sebelum\n  title: Sebelum bertemu korban")

HISTORY = Record("riwayat", {
    "version": Field(Version(), "Versi.", True),
    "date": Field(Date(), "Tanggal (TAHUN-BULAN-TANGGAL).", True),
    "summary": Field(Text(), "Apa yang berubah.", True),
}, "- version: 0.1.0\n  date: 2026-11-28\n  summary: Draf pertama.")

PROTOCOL = Record("protokol", {
    "title": Field(Text(), "Judul protokol.", True),
    "summary": Field(Text(multiline=True), "Ringkasan untuk petugas.", True),
    "version": Field(Version(), "Versi, misalnya 0.1.0.", True),
    "status": Field(Choice(("draf", "ditinjau", "disahkan")), "Status peninjauan.", True),
    "approved_by": Field(Text(), "Yang mengesahkan (wajib bila status disahkan), misalnya "
                         "jabatan di Dinas P3APPKB."),
    "approved_on": Field(Date(), "Tanggal pengesahan (wajib bila status disahkan)."),
    "reviewed": Field(Date(), "Tanggal terakhir ditinjau.", True),
    "review_due": Field(Date(), "Tanggal paling lambat ditinjau ulang.", True),
    "not_applicable": Field(Record("tidak berlaku", {
        "reason": Field(Text(multiline=True), "Mengapa tahap ini tidak berlaku.", True),
        "sources": Field(CITATIONS, "Dasar hukumnya."),
    }), "Isi bila tahap ini tidak berlaku untuk jenis kekerasan ini."),
    "pause_points": Field(ListOf(PAUSE_POINT, 1), "Hanya bersama not_applicable: titik jeda "
                          "daftar periksa protokol ini, pengganti titik jeda tahap."),
    "red_flags": Field(ListOf(RED_FLAG), "Tanda bahaya khusus jenis ini."),
    "steps": Field(ListOf(PROTOCOL_STEP), "Langkah khusus jenis ini."),
    "skip_steps": Field(ListOf(SKIP_STEP), "Langkah tahap yang tidak berlaku."),
    "change_steps": Field(ListOf(STEP_CHANGE), "Langkah tahap yang diubah."),
    "child": Field(text_list(1), "Yang berubah bila korban anak.", True),
    "referrals": Field(ListOf(Id("service")), "Layanan rujukan (id dari services.yml)."),
    "sources": Field(ListOf(Cite(), 1), "Sumber utama protokol.", True),
    "keywords": Field(text_list(), "Kata yang dipakai orang, untuk pencarian."),
    "history": Field(ListOf(HISTORY, 1), "Riwayat perubahan, terbaru di atas.", True),
    "do_now": Field(DO_NOW, DO_NOW_HELP + " Mengganti daftar tahap."),
}, "title: ...\nsummary: ...\nversion: 0.1.0\nstatus: draf\n...")

STAGE = Record("tahap", {
    "name": Field(Text(), "Nama tahap.", True),
    "order": Field(Number(1), "Urutan tahap (1, 2, ...).", True),
    "purpose": Field(Text(multiline=True), "Tujuan tahap.", True),
    "time_limit": Field(Text(), "Batas waktu, bila ada."),
    "pause_points": Field(ListOf(PAUSE_POINT, 1), "Titik jeda daftar periksa, berurutan.",
                          True),
    "red_flags": Field(ListOf(RED_FLAG), "Tanda bahaya untuk semua jenis."),
    "steps": Field(ListOf(STAGE_STEP, 1), "Langkah untuk semua jenis.", True),
    "child": Field(text_list(), "Panduan umum bila korban anak."),
    "sources": Field(CITATIONS, "Sumber."),
    "keywords": Field(text_list(), "Kata untuk pencarian."),
    "do_now": Field(DO_NOW, DO_NOW_HELP),
})

TYPE = Record("jenis kekerasan", {
    "name": Field(Text(), "Nama jenis kekerasan.", True),
    "short_name": Field(Text(), "Nama pendek untuk tabel.", True),
    "order": Field(Number(1), "Urutan (1, 2, ...).", True),
    "definition": Field(Text(multiline=True), "Pengertian menurut hukum.", True),
    "legal_basis": Field(ListOf(Cite(), 1), "Dasar hukum.", True),
    "indicators": Field(text_list(1), "Tanda yang dapat dikenali petugas.", True),
    "child": Field(text_list(1), "Yang berbeda bila korban anak.", True),
    "school": Field(text_list(1), "Cara TPPK sekolah menyerahkan kasus ke UPTD PPA.", True),
    "keywords": Field(text_list(), "Kata yang dipakai orang, untuk pencarian."),
})

REFERENCE_KINDS = ("undang-undang", "peraturan", "pedoman", "berita", "situs")
REFERENCES = Record("daftar sumber", {
    "references": Field(ListOf(Record("sumber", {
        "id": Field(Id(), "Id sumber.", True),
        "short": Field(Text(), "Sebutan singkat, misalnya 'UU 12/2022 (TPKS)'.", True),
        "title": Field(Text(), "Judul lengkap.", True),
        "kind": Field(Choice(REFERENCE_KINDS), "Jenis sumber.", True),
        "year": Field(Number(1900), "Tahun."),
        "url": Field(Url(), "Alamat (http/https) tempat sumber dibaca."),
        "checked": Field(Flag(), "Sudah dicek dengan naskah resmi?", True),
        "note": Field(Text(multiline=True), "Catatan atau keraguan."),
    }, "- id: uu-12-2022\n  short: UU 12/2022 (TPKS)\n  title: ...\n  kind: undang-undang\n"
       "  checked: false"), 1), "Semua sumber yang dikutip.", True),
})

ROLES = Record("daftar peran", {
    "roles": Field(ListOf(Record("peran", {
        "id": Field(Id(), "Id peran.", True),
        "name": Field(Text(), "Nama peran.", True),
        "description": Field(Text(), "Penjelasan."),
    }, "- id: manajer-kasus\n  name: Manajer kasus"), 1), "Peran petugas.", True),
})

SERVICE_KINDS = ("hotline", "darurat", "uptd-ppa", "polisi", "kesehatan", "sosial", "hukum",
                 "psikologi", "lpsk", "pendidikan", "lainnya")
CONTACT_TYPES = ("telepon", "whatsapp", "situs", "email", "alamat")
SERVICES = Record("daftar layanan", {
    "regions": Field(ListOf(Record("wilayah", {
        "id": Field(Id(), "Id kabupaten/kota.", True),
        "name": Field(Text(), "Nama kabupaten/kota.", True),
    }, "- id: kota-palangka-raya\n  name: Kota Palangka Raya")), "Kabupaten/kota."),
    "services": Field(ListOf(Record("layanan", {
        "id": Field(Id(), "Id layanan.", True),
        "name": Field(Text(), "Nama layanan.", True),
        "kind": Field(Choice(SERVICE_KINDS), "Jenis layanan.", True),
        "area": Field(Choice(("nasional", "provinsi"), registry="region"),
                      "Wilayah: nasional, provinsi, atau id kabupaten/kota.", True),
        "description": Field(Text(multiline=True), "Apa yang dilakukan dan kapan dirujuk."),
        "contacts": Field(ListOf(Record("kontak", {
            "type": Field(Choice(CONTACT_TYPES), "Jenis kontak.", True),
            "value": Field(Text(), "Nomor, alamat atau situs.", True),
            "confirmed": Field(Flag(), "Sudah dikonfirmasi dari sumber yang dapat dipercaya?",
                               True),
            "source": Field(Cite(), "Sumber kontak ini (id dari references.yml).", True),
            "confirmed_by": Field(Text(), "Yang mengonfirmasi (wajib bila confirmed: true): "
                                  "peran atau nama yang benar-benar diketahui."),
            "confirmed_on": Field(Date(), "Tanggal konfirmasi (wajib bila confirmed: true)."),
            "note": Field(Text(), "Catatan."),
        }, "- type: telepon\n  value: \"129\"\n  confirmed: true\n  source: ...")),
            "Kontak; kosongkan bila belum ada yang terkonfirmasi."),
    }, "- id: sapa-129\n  name: ...\n  kind: hotline\n  area: nasional"), 1),
        "Layanan rujukan.", True),
})

GLOSSARY = Record("glosarium", {
    "terms": Field(ListOf(Record("istilah", {
        "term": Field(Text(), "Istilah atau singkatan.", True),
        "full": Field(Text(), "Kepanjangan singkatan."),
        "definition": Field(Text(multiline=True), "Penjelasan sederhana.", True),
        "synonyms": Field(text_list(), "Kata lain yang dipakai orang (juga untuk pencarian)."),
        "sources": Field(CITATIONS, "Sumber."),
    }, "- term: KDRT\n  full: Kekerasan dalam Rumah Tangga\n  definition: ..."), 1),
        "Istilah.", True),
})

LANGUAGE = Record("daftar kata", {
    "words": Field(ListOf(Record("kata", {
        "word": Field(Text(), "Kata atau frasa.", True),
        "reason": Field(Text(), "Mengapa sebaiknya tidak dipakai.", True),
        "instead": Field(Text(), "Kata yang dianjurkan.", True),
    }, "- word: aib\n  reason: ...\n  instead: ..."), 1), "Kata yang diberi peringatan.", True),
    "spellings": Field(ListOf(Record("ejaan", {
        "word": Field(Text(), "Kata baku yang dimaksud (boleh lebih dari satu kata).", True),
        "typed": Field(text_list(), "Cara orang mengetiknya: singkatan chat, ejaan sehari-hari.",
                       True),
        "language": Field(Text(), "Bahasa daerah asal kata, mis. Banjar atau Dayak Ngaju."),
        "source": Field(Text(), "Untuk kata daerah: sumber arti kata atau siapa yang "
                        "memastikannya; tulis 'belum dikonfirmasi' bila belum ada."),
    }, "- word: tidak\n  typed: [ga, gak, nggak, tdk]"), 1),
        "Ejaan sehari-hari dan kata daerah yang dipahami pencarian."),
    "situations": Field(ListOf(Record("situasi", {
        "label": Field(Text(), "Alasan yang ditampilkan di hasil pencarian, mis. "
                       "'Kekerasan seksual · anak'.", True),
        "types": Field(ListOf(Id()), "Jenis kekerasan yang ditunjuk (id di protocols/types)."),
        "stages": Field(ListOf(Id()), "Tahap yang ditunjuk (id di protocols/stages)."),
        "pages": Field(ListOf(PagePath()), "Halaman lain yang ditunjuk, dengan alamatnya: "
                       "halaman tulisan tangan (mis. privasi) atau darurat, layanan, glosarium, "
                       "rujukan, panduan."),
        "cues": Field(text_list(1), "Petunjuk: kata atau frasa; situasi cocok bila semua kata "
                      "salah satu petunjuk ada di pencarian, dalam urutan apa pun. Wajib, "
                      "kecuali ada 'phrases' atau 'alone'."),
        "phrases": Field(text_list(1), "Petunjuk yang kata-katanya harus berdampingan dan "
                         "berurutan seperti ditulis, mis. 'suami kabur' (bukan 'kabur dari "
                         "suami')."),
        "alone": Field(text_list(1), "Frasa yang menunjuk situasi hanya bila diketik "
                       "sendiri, tanpa kata lain, mis. 'suami kabur' (dalam cerita yang lebih "
                       "panjang, suami yang kabur bisa pelaku yang lari setelah memukul)."),
        "urgent": Field(Flag(), "true: situasi ini berarti bertindak sekarang (mis. baru terjadi, "
                        "tanda bahaya bagi nyawa). Bila pencarian menyebut jenis kekerasan dan "
                        "juga menanyakan tahap yang lebih kemudian, halaman tahap situasi ini "
                        "didahulukan."),
    }, "- label: Penelantaran\n  types: [penelantaran]\n  cues: [tidak dinafkahi, minggat]"),
        1), "Situasi yang menunjuk jenis atau tahap (dipakai pencarian)."),
})

GUIDE_ABOUT = ("bahaya", "anak", "kejadian", "waktu", "tempat")
GUIDE = Record("panduan", {
    "title": Field(Text(), "Judul panduan (judul halaman panduan/).", True),
    "intro": Field(Text(), "Satu atau dua kalimat di bawah judul.", True),
    "version": Field(Version(), "Versi panduan, misalnya 0.1.0.", True),
    "reviewed": Field(Date(), "Tanggal terakhir ditinjau.", True),
    "questions": Field(ListOf(Record("pertanyaan", {
        "id": Field(Id(), "Id pertanyaan, unik di panduan.", True),
        "about": Field(Choice(GUIDE_ABOUT), "Yang ditanyakan: bahaya, anak, kejadian, waktu "
                       "atau tempat.", True),
        "ask": Field(Text(), "Pertanyaan dalam bahasa sehari-hari.", True),
        "help": Field(Text(), "Penjelasan singkat di bawah pertanyaan."),
        "answers": Field(ListOf(Record("jawaban", {
            "answer": Field(Text(), "Jawaban, seperti yang diucapkan petugas.", True),
            "next": Field(Id(), "Id pertanyaan berikutnya atau id hasil.", True),
        }, "- answer: Ya, ada bahaya sekarang\n  next: darurat"), 2), "Pilihan jawaban.", True),
        "sources": Field(CITATIONS, "Sumber, wajib bila teks menyebut angka."),
    }, "- id: bahaya\n  about: bahaya\n  ask: ...\n  answers:\n    - answer: ...\n"
       "      next: ..."), 1), "Pertanyaan; yang pertama adalah awal panduan.", True),
    "outcomes": Field(ListOf(Record("hasil", {
        "id": Field(Id(), "Id hasil, unik di panduan.", True),
        "title": Field(Text(), "Judul hasil.", True),
        "first": Field(text_list(1), "Yang dilakukan lebih dulu: satu atau dua kalimat.", True),
        "protocol": Field(PagePath(), "Protokol yang dibuka: JENIS/TAHAP, misalnya "
                          "seksual/penanganan-awal."),
        "page": Field(PagePath(), "Atau halaman lain: darurat, layanan, tahap/TAHAP, "
                      "jenis/JENIS."),
        "services": Field(ListOf(Id("service")), "Id layanan yang nomornya ditampilkan."),
        "sources": Field(CITATIONS, "Sumber, wajib bila teks menyebut angka."),
    }, "- id: darurat\n  title: ...\n  first: [...]\n  page: darurat"), 1),
        "Hasil: ke mana setiap jalur berakhir.", True),
})

# Indonesian words an editor may write for a key, with the key meant.
KEY_ALIASES = {
    "judul": "title", "ringkasan": "summary", "versi": "version", "langkah": "steps",
    "sumber": "sources", "anak": "child", "rujukan": "referrals", "siapa": "who",
    "kapan": "when", "lakukan": "do", "hindari": "avoid", "katakan": "say",
    "tanda_bahaya": "red_flags", "riwayat": "history", "nama": "name", "urutan": "order",
    "tujuan": "purpose", "definisi": "definition", "tanggal": "date",
}

FILE_KINDS = {
    "protocol": PROTOCOL, "stage": STAGE, "type": TYPE, "references": REFERENCES,
    "roles": ROLES, "services": SERVICES, "glossary": GLOSSARY, "language": LANGUAGE,
    "guide": GUIDE,
}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file, descriptions in Indonesian."""
    record = FILE_KINDS[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Berkas {record.name}",
        **record.json(),
    }


def is_id(text: str) -> bool:
    return re.match(ID_PATTERN, text) is not None
