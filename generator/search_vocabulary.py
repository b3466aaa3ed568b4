"""What the search reads in a query besides the handbook's words: stop words, the words that
ask for a meaning, the law, a number or what to do now, and the vocabulary editors keep
(glossary synonyms, everyday and regional spellings, situations; protocols/language.yml), as
the roots the browser's worker compares (`web/search-query.js`, `web/situations.js`)."""

from __future__ import annotations

from generator.model import Handbook
from generator.search_words import normalize, query_words, root

# Words of a question that say nothing about what is sought. Only queries drop them; the
# index keeps every word. Function words, question words and fillers of everyday speech
# ("biar", "kayak", "banget"); chat spellings of them are in protocols/language.yml.
STOPWORDS = sorted({
    "yang", "dan", "atau", "di", "ke", "dari", "untuk", "dengan", "pada", "oleh",
    "dalam", "ini", "itu", "tersebut", "ada", "akan", "sudah", "telah", "juga", "saja", "agar",
    "supaya", "karena", "jika", "bila", "kalau", "apa", "apakah", "bagaimana", "berapa",
    "kapan", "siapa", "mana", "dimana", "kenapa", "mengapa", "saya", "aku", "kami", "kita",
    "anda", "dia", "ia", "mereka", "bisa", "harus", "boleh", "cara", "tentang", "sebagai",
    "seperti", "lagi", "masih", "sedang", "para", "si", "sang", "pun", "lah", "nya",
    "setelah", "sesudah", "sebelum", "saat", "ketika", "sejak", "mau", "ingin", "tidak",
    "bukan", "jadi", "lalu", "kemudian", "sama", "sangat", "sekali", "banyak", "semua",
    "sih", "dong", "kok", "ya", "deh", "nih", "tuh", "lho", "kah", "kan", "biar", "gitu",
    "gini", "kayak", "banget", "emang", "pas", "abis", "trus", "lg", "sm", "dr", "contoh",
    "the", "of", "and",
})

# Words that ask what something means: they point to the glossary instead of being searched.
DEFINITION_WORDS = sorted({"arti", "artinya", "pengertian", "maksud", "maksudnya", "definisi",
                           "singkatan", "kepanjangan", "kepanjangannya", "istilah", "bedanya",
                           "perbedaan", "pengertiannya", "apaan"})
# Two words that ask the same at the start of a question: "apa itu delik aduan".
DEFINITION_OPENINGS = ["apa itu", "apakah itu", "apa sih"]
# ... or at its end, after the word asked about: "LPSK itu apa", "visum tu apa" ("tu" is read
# as "itu", protocols/language.yml), "LPSK gunanya apa": what it is for, the glossary says. Not
# "apa tugas ...", "apa gunanya ..." at the start: "apa tugas guru kalau murid cerita dicabuli"
# tells a case (review 9).
DEFINITION_CLOSINGS = ["itu apa", "apa itu", "itu apa sih", "itu apa ya", "gunanya apa",
                       "fungsinya apa"]
# ... and what it is for, at the end, right after a glossary word or phrase only: "visum itu
# buat apa", "LPSK itu untuk apa"; "pelaku rekam itu buat apa" and "lapor polisi itu buat apa
# kalau tidak ditanggapi" ask about what someone did, and "buat apa" alone whether (review 21,
# 22).
DEFINITION_PURPOSES = ["itu buat apa", "itu untuk apa", "gunanya buat apa", "gunanya untuk apa",
                       "fungsinya buat apa", "fungsinya untuk apa"]
# ... or right after a term that opens the query, whatever follows ("visum tu apa jar polisi
# disuruh visum"), unless what follows asks yes or no: "perkosaan itu apa bisa damai" asks
# whether, not what (review 12).
DEFINITION_NOT_BEFORE = sorted({"bisa", "boleh", "wajib", "harus", "perlu", "dapat", "termasuk",
                                "sudah", "ada", "benar", "apakah", "kawa", "mesti"})

# Words that deny a situation's phrase, or a cue of one word, right after them
# (web/situations.js standsTogether, deniedWord): "kada sakulah lagi", "tidak boleh sekolah
# lagi" are no longer at school, not back at school; "tidak pernah ceria lagi" is a sign for
# first response (review 12); "tidak memukul tapi menghina" is no physical violence. Not
# "tidak mau": "tidak mau sekolah lagi" is a child who will not go back, which recovery
# answers. Sent as roots (`denial_roots`).
DENIALS = ["tidak", "tidak boleh", "tidak pernah", "tidak bisa", "bukan", "dilarang"]
# Words that may stand between a situation's phrase's words, as stop words do, though the query
# keeps them for its score: how often it happens ("suami saya sering bicara kasar", "laki ulun
# suka mambuka hp ulun": the phrases "suami bicara kasar", "suami membuka ponsel"). Matched as
# typed, spellings read first (index `phrase_gaps`). Not "terus": in chat it is mostly "then"
# ("saya lapor terus balik ke rumah" is no counter-report; review 18).
PHRASE_GAPS = ["sering", "selalu", "suka"]

# Of several violence types one story tells, the one whose page to act on now leads: sexual
# violence first (its clocks: HIV prevention within 72 hours, emergency contraception within
# 120 hours, protocols/seksual/penanganan-awal.yml), then trafficking and exploitation (a
# victim who may still be held), physical violence (visum, safety), psychological violence,
# neglect (review 12: by urgency, not by how many words a cue has). A type not named: last.
TYPES_FIRST = ["seksual", "perdagangan-orang", "eksploitasi", "fisik", "psikis", "penelantaran"]

# Words that ask for the law behind the handbook ("undang2 TPKS", "dasar hukum penghapusan
# kdrt"): like a question about a word's meaning, a question about a source, not a case to act
# on first; the sources page answers it.
# Matched on the words as typed, not their roots: "mengundang" (invite) is no law.
SOURCE_CUES = ["undang-undang", "undang2", "uu", "dasar hukum", "payung hukum", "sumber hukum",
               "pasal", "regulasi", "permen pppa", "permendikbud", "permendikbudristek",
               "peraturan menteri", "peraturan daerah", "peraturan bupati", "perpres", "perda"]

# Words that ask for a number, an address or where ("nomor sapa 129", "hotline lapor kekerasan
# anak", "alamat UPTD PPA", "psikolog mana"): the emergency numbers and the services pages
# answer it, above the protocols that mention the service. Matched on the words as typed
# (everyday spellings read first: "no", "nmr" -> "nomor"); "dihubungi" is left out: "tidak bisa
# dihubungi" tells a case. A number or a list asked for outright (NUMBER_CUES) puts those pages
# first; "where" (WHERE_CUES) only raises them: "tinggal di mana" asks for a shelter.
# The lead is only for a short question (five ideas at most) that tells no situation and
# names no law ("nomor hp korban disebar", "pelaku blokir nomor korban", "uu no 12 tahun 2022"
# are not asking for a number); an address or a contact may be part of what happened ("pelaku
# tahu alamat rumah aman"): those only raise the pages.
NUMBER_CUES = ["nomor", "hotline", "telepon", "telpon", "call center", "daftar rumah sakit",
               "daftar puskesmas", "daftar layanan", "rumah sakit yang bisa visum",
               "puskesmas yang bisa visum"]
WHERE_CUES = ["kontak", "alamat", "hubungi", "mana", "dimana", "kemana", "terdekat"]
# ... and a call asked for in so many words, even within a told case ("telpon kemana kalo liat
# anak disiksa", "nomor nang kawa ditelpon malam2"): the emergency numbers lead. These words
# must stand together and in this order, as a situation's phrases (`call_phrases`): "siapa
# yang telepon korban" is not one. Banjar "sapa" (siapa) only here, in a whole phrase: alone it
# is also the SAPA 129 hotline.
CALL_CUES = ["telepon kemana", "telepon siapa", "telepon ke mana", "hubungi siapa",
             "nomor yang bisa dihubungi", "nomor yang bisa ditelepon", "nomor minta tolong",
             "nomor telepon minta tolong", "telepon minta tolong", "siapa yang bisa ditelepon",
             "sapa yang bisa ditelepon", "siapa yang bisa dihubungi", "sapa yang bisa dihubungi"]
CONTACT_CUES = NUMBER_CUES + WHERE_CUES

# Asking what to do now: the decision guide answers it, first ("apa yg harus sy lakukan skrg",
# "tolong saya"); each cue is words that must all be typed (everyday spellings read first).
WHAT_TO_DO_CUES = ["harus lakukan", "harus dilakukan", "harus berbuat", "harus bagaimana",
                   "harus apa", "tolong", "bantu saya", "bagaimana ini", "harus ngapain",
                   "bingung harus", "mulai dari mana"]


def synonym_groups(handbook: Handbook) -> list[dict[str, list[str]]]:
    """Each glossary term as root phrases: its names (term, full name) and its synonyms."""
    stop = set(STOPWORDS)

    def phrases(texts) -> list[str]:
        out: list[str] = []
        for text in texts:
            roots = " ".join(root(w) for w in query_words(text) if w not in stop)
            if roots and roots not in out:
                out.append(roots)
        return out

    groups = []
    for term in handbook.glossary:
        names = phrases([term.term, term.full])
        groups.append({"names": names,
                       "synonyms": [p for p in phrases(term.synonyms) if p not in names]})
    return groups


def spellings(handbook: Handbook) -> dict[str, str]:
    """Everyday spellings from protocols/language.yml: {"ga": "tidak", "ortu": "orang tua"}."""
    return {normalize(typed).strip(): " ".join(query_words(s.word))
            for s in handbook.spellings for typed in s.typed}


def cue_roots(cue: str, spelled: dict[str, str]) -> str:
    """A cue as the roots a query would have: spellings and regional words read first ("kada
    dibari duit" -> tidak beri duit); "=dijual" is that form only, not "jualan", "penjual"."""
    out = []
    for part in cue.split():
        if part.startswith("="):
            out.extend(f"{root(w)}={w}" for w in query_words(part[1:]))
            continue
        for word in query_words(part):
            for formal in query_words(spelled.get(word, word)):
                out.append(cue_root(formal))
    return " ".join(out)


def situations(handbook: Handbook) -> list[dict]:
    """language.yml's situations with each cue and phrase (also `alone`) as roots (`cue_roots`)."""
    spelled = spellings(handbook)

    def roots_of(cues) -> list[str]:
        return sorted({cue_roots(c, spelled) for c in cues} - {""})

    return [{"label": s.label, "types": list(s.types), "stages": list(s.stages),
             **({"pages": list(s.pages)} if s.pages else {}),
             "cues": roots_of(s.cues), **({"phrases": roots_of(s.phrases)} if s.phrases else {}),
             **({"alone": roots_of(s.alone)} if s.alone else {}),
             **({"urgent": True} if s.urgent else {})}
            for s in handbook.situations]


def call_phrases(handbook: Handbook) -> list[str]:
    """CALL_CUES as roots, matched like a situation's phrases (words side by side, in order)."""
    spelled = spellings(handbook)
    return sorted({cue_roots(c, spelled) for c in CALL_CUES})


def type_keywords(handbook: Handbook) -> dict[str, list[str]]:
    """Each violence type's keywords as a query's words, spellings read first ("HP diperiksa" ->
    ponsel diperiksa), stop words dropped: a query that is one of them and nothing else tells
    that type ("dijual"), not one sharing its root ("pemulangan")."""
    stop = set(STOPWORDS)
    spelled = spellings(handbook)

    def as_typed(keyword: str) -> str:
        words = (formal for w in query_words(keyword) for formal in query_words(spelled.get(w, w)))
        return " ".join(w for w in words if w not in stop)

    return {t.id: sorted({as_typed(k) for k in t.keywords}) for t in handbook.types}


def denial_roots(handbook: Handbook) -> list[str]:
    """DENIALS as the roots a query's words have ("dilarang" -> larang), read like a cue."""
    spelled = spellings(handbook)
    return [cue_roots(denial, spelled) for denial in DENIALS]


def typed_cues(cues: list[str]) -> list[str]:
    """Cues matched on the words as typed (SOURCE_CUES, CONTACT_CUES, WHAT_TO_DO_CUES), as a
    query's words."""
    return sorted({" ".join(query_words(cue)) for cue in cues})


# Endings that make a new word of a root (cue_root).
MADE_BY_ENDING = ("kan", "i")


def cue_root(word: str) -> str:
    """A cue word's root as a situation matches it. An ending that made a new word keeps it:
    "memulangkan" (to send someone home) is not "pulang" (to go home; "laki kada bulik", the
    husband does not come home), "ditutupi" (covered up) is not "ditutup" (closed), nor
    "kekeluargaan" (settled within the family) "keluarga" (family), so such a
    cue word is "pulang+kan", "tutup+i", and only a typed word with that ending (or the
    everyday -in: "ditutupin") matches it (web/search-query.js cueRoots reads a query alike)."""
    base = root(word)
    if word == f"ke{base}an":
        return f"{base}+kean"  # "kekeluargaan" (settled within the family), not "keluarga"
    for ending in MADE_BY_ENDING:
        if word.endswith(ending) and base != word and not base.endswith(ending):
            return f"{base}+{ending}"
    return base
