"""What the reviewer's diff calls each part of each kind of content file, in Indonesian.

A `Fields` maps a YAML key to its label (a text, a list of texts, or a flag), to a `Fields`
(a nested section), or to an `Items` (a list of sections matched by `key`, or by `title` and
position when they have no id). Keys not named here are still compared, under their own name,
so a new key is never silently left out of the review.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fields:
    labels: dict  # key -> label (str) | Fields | Items


@dataclass(frozen=True)
class Items:
    name: str  # one item, e.g. "langkah"
    title: str  # the key whose value names an item for the reviewer
    fields: Fields
    key: str = ""  # the key that identifies an item; "" = match by `title`, then by position


SOURCES = "sumber"

RED_FLAGS = Items("tanda bahaya", "sign", Fields({
    "sign": "tanda", "urgency": "tingkat", "action": "yang dilakukan",
    "services": "layanan yang ditampilkan", "sources": SOURCES}))

STEP_LABELS = {
    "id": "id", "title": "judul", "who": "pelaksana", "when": "waktu", "pause": "titik jeda",
    "do": "yang dilakukan", "avoid": "yang dihindari", "say": "contoh kalimat",
    "child": "bila korban anak", "checklist": "butir daftar periksa", "sources": SOURCES,
    "unconfirmed": "belum dikonfirmasi", "after": "sesudah langkah", "before": "sebelum langkah"}
STEPS = Items("langkah", "title", Fields(STEP_LABELS), key="id")

CHANGE_STEPS = Items("perubahan langkah tahap", "step", Fields({
    "step": "langkah tahap",
    **{k: f"{v} (mengganti)" for k, v in STEP_LABELS.items() if k not in ("id", "after",
                                                                         "before")},
    **{f"add_{k}": f"{STEP_LABELS[k]} (tambahan)" for k in ("do", "avoid", "say", "child",
                                                             "sources")}}), key="step")

DO_NOW = Items("butir 'Lakukan sekarang'", "step", Fields({
    "step": "langkah", "call": "tombol telepon layanan"}), key="step")

PROTOCOL = Fields({
    "title": "judul", "summary": "ringkasan", "version": "versi", "status": "status",
    "approved_by": "disahkan oleh", "approved_on": "tanggal pengesahan",
    "reviewed": "tanggal tinjau", "review_due": "tinjau ulang paling lambat",
    "not_applicable": Fields({"reason": "tahap tidak berlaku, alasannya",
                              "sources": "tahap tidak berlaku, dasar hukumnya"}),
    "red_flags": RED_FLAGS, "steps": STEPS,
    "skip_steps": Items("langkah tahap yang dilewati", "step", Fields({
        "step": "langkah tahap", "reason": "alasan"}), key="step"),
    "change_steps": CHANGE_STEPS,
    "child": "panduan bila korban anak", "referrals": "layanan rujukan", "sources": SOURCES,
    "keywords": "kata pencarian",
    "history": Items("catatan riwayat", "summary", Fields({
        "version": "versi", "date": "tanggal", "summary": "isi"}), key="version"),
    "do_now": DO_NOW,
})

STAGE = Fields({
    "name": "nama", "order": "urutan", "purpose": "tujuan", "time_limit": "batas waktu",
    "pause_points": Items("titik jeda", "title", Fields({"id": "id", "title": "judul"}),
                          key="id"),
    "red_flags": RED_FLAGS, "steps": STEPS, "child": "panduan umum bila korban anak",
    "sources": SOURCES, "keywords": "kata pencarian", "do_now": DO_NOW,
})

TYPE = Fields({
    "name": "nama", "short_name": "nama pendek", "order": "urutan", "definition": "pengertian",
    "legal_basis": "dasar hukum", "indicators": "tanda yang dapat dikenali",
    "child": "bila korban anak", "school": "panduan sekolah (TPPK)",
    "keywords": "kata pencarian",
})

CONTACT = Fields({
    "type": "jenis kontak", "value": "isi kontak", "confirmed": "sudah dikonfirmasi",
    "confirmed_by": "dikonfirmasi oleh", "confirmed_on": "tanggal konfirmasi",
    "source": SOURCES, "note": "catatan"})

SERVICES = Fields({
    "regions": Items("kabupaten/kota", "name", Fields({"id": "id", "name": "nama"}), key="id"),
    "services": Items("layanan", "name", Fields({
        "id": "id", "name": "nama", "kind": "jenis layanan", "area": "wilayah",
        "description": "keterangan",
        "contacts": Items("kontak", "type", CONTACT)}), key="id"),
})

REFERENCES = Fields({"references": Items("sumber", "short", Fields({
    "id": "id", "short": "sebutan singkat", "title": "judul lengkap", "kind": "jenis sumber",
    "year": "tahun", "url": "alamat", "checked": "sudah dicek dengan naskah resmi",
    "note": "catatan"}), key="id")})

ROLES = Fields({"roles": Items("peran", "name", Fields({
    "id": "id", "name": "nama", "description": "penjelasan"}), key="id")})

GLOSSARY = Fields({"terms": Items("istilah", "term", Fields({
    "term": "istilah", "full": "kepanjangan", "definition": "penjelasan",
    "synonyms": "kata lain", "sources": SOURCES}), key="term")})

LANGUAGE = Fields({
    "words": Items("kata yang diberi peringatan", "word", Fields({
        "word": "kata", "reason": "alasan", "instead": "anjuran"}), key="word"),
    "spellings": Items("ejaan sehari-hari", "word", Fields({
        "word": "kata baku", "typed": "cara mengetik"}), key="word"),
})

GUIDE = Fields({
    "title": "judul", "intro": "pengantar", "version": "versi", "reviewed": "tanggal tinjau",
    "questions": Items("pertanyaan", "ask", Fields({
        "id": "id", "about": "tentang", "ask": "pertanyaan", "help": "penjelasan",
        "answers": Items("jawaban", "answer", Fields({"answer": "jawaban", "next": "menuju"})),
        "sources": SOURCES}), key="id"),
    "outcomes": Items("hasil", "title", Fields({
        "id": "id", "title": "judul", "first": "langkah pertama", "page": "halaman",
        "protocol": "protokol", "services": "layanan yang ditampilkan", "sources": SOURCES}),
        key="id"),
})

TOP_FILES = {"services.yml": ("Layanan dan kontak", SERVICES),
             "references.yml": ("Daftar sumber", REFERENCES),
             "roles.yml": ("Peran petugas", ROLES),
             "glossary.yml": ("Glosarium", GLOSSARY),
             "language.yml": ("Bahasa dan ejaan", LANGUAGE),
             "guide.yml": ("Panduan cepat", GUIDE)}


def spec_for(rel: str) -> tuple[str, Fields] | None:
    """The heading kind and spec of a file under protocols/ (`rel` is relative to it)."""
    parts = rel.split("/")
    if len(parts) == 1:
        return TOP_FILES.get(parts[0])
    if parts[0] == "stages":
        return ("Tahap", STAGE)
    if parts[0] == "types":
        return ("Jenis kekerasan", TYPE)
    return ("Protokol", PROTOCOL) if len(parts) == 2 else None
