"""Text to words and roots, the same way in the build and in the browser (`web/text.js`,
`web/sastrawi.js`): lower case without accents, words (a hyphenated word also as its parts),
and each word's root by PySastrawi with the handbook's corrections (ROOT_FIXES)."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lower case without accents, one character for one (like `normalize` in web/text.js)."""
    return text.translate(_PLAIN)


class _PlainCharacters(dict):
    """`str.translate`'s table, each character worked out the first time it is met."""

    def __missing__(self, code: int) -> str:
        plain = "".join(ch for ch in unicodedata.normalize("NFKD", chr(code))
                        if not unicodedata.category(ch).startswith("M")).lower()
        self[code] = plain if len(plain) == 1 else " "
        return self[code]


_PLAIN = _PlainCharacters()


def words(text: str) -> list[str]:
    """The words of a text; a hyphenated word also gives its parts ("laki-laki", "laki")."""
    return list(_words(text))


@functools.lru_cache(maxsize=8192)  # the preview indexes the same texts after every save
def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in _TOKEN.findall(normalize(text)):
        parts = word.split("-") if "-" in word else ()
        out.extend(w for w in (word, *parts) if len(w) > 1 or w.isdigit())
    return tuple(out)


@functools.cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    factory = StemmerFactory()
    return factory.create_stemmer(), frozenset(factory.get_words_from_file())


# Sastrawi's slips on words of this handbook, with the right root: without them "menemani"
# (tani) never meets "temani" (teman), nor "penyidikan" (sidi) "penyidik" (sidik). Both sides
# use this list: the build for the handbook's words, the worker for what is typed.
ROOT_FIXES = {
    "ditemani": "teman", "menemani": "teman", "memarahi": "marah", "dimarahi": "marah",
    "memasuki": "masuk", "menelan": "telan", "pengesahan": "sah", "penyidikan": "sidik",
    "relawan": "rela", "berikan": "beri", "memediasinya": "mediasi", "didiversi": "diversi",
    "dikenali": "kenal", "dikuasai": "kuasa", "disepakati": "sepakat", "mengekang": "kekang",
    "pengekangan": "kekang", "mengawinkan": "kawin", "menikah": "nikah",
}


def sastrawi_dictionary() -> frozenset[str]:
    """The words of the Sastrawi dictionary (the browser's stemmer gets those the handbook
    needs)."""
    return _stemmer()[1]


def stem_cache() -> dict[str, str]:
    """Sastrawi's own table of the words it has stemmed (word -> root), which the build keeps
    between runs (`generator.finish`): stemming every word again is most of the index's cost."""
    return _stemmer()[0].get_cache().data


def sastrawi_root(word: str) -> str:
    """The word's root by Sastrawi itself: "pemerkosaan" -> "perkosa", "dimaki-maki" -> "maki"."""
    if _PLAIN_WORD.fullmatch(word) and (known := stem_cache().get(word)):
        return known  # what Sastrawi's stem() returns, without normalising the word again
    return _stemmer()[0].stem(word) or word


_PLAIN_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # as Sastrawi's own normaliser leaves it


def root(word: str) -> str:
    """The word's root for search: Sastrawi's, or the right one where Sastrawi slips."""
    return ROOT_FIXES.get(word) or sastrawi_root(word)


@functools.lru_cache(maxsize=8192)
def plain_text(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def query_words(text: str) -> list[str]:
    """Words as a query reads them: a hyphenated word once, as itself."""
    return [w for w in _TOKEN.findall(normalize(text))
            if len(w) > 1 or any(ch.isdigit() for ch in w)]
