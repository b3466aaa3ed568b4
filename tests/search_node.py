"""The handbook's search worker run under Node (`tests/node/search.cjs`), and ways to read its
answers: the first result, the first pages, with the decision guide's offer set aside."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator import search, search_words

RUNNER = Path(__file__).resolve().parent / "node" / "search.cjs"


GUIDE = "panduan/"  # the decision guide, offered first when a query reads like a situation


def run_node(worker: Path, index, **request) -> dict:
    payload = json.dumps({"worker": str(worker), "index": index, **request})
    done = subprocess.run(["node", str(RUNNER)], input=payload, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def worker_of(site: Path) -> Path:
    return site / search.worker_script()[0]


def answers(real, queries: list[str]) -> list[tuple[str, list]]:
    """(query, the worker's answer) for each query, from the real handbook's index."""
    worker, index_path, _ = real
    return list(zip(queries, run_node(worker, index_path, search=queries)["search"],
                    strict=True))


def first_result(answer: list) -> dict:
    """The first result group's page entry; the decision guide offered above it is not one."""
    return answer[1 if answer[0][0]["location"] == GUIDE else 0][0]


def reasons(answer: list) -> list[str]:
    """The situations shown as the reason on the results ("Sesuai situasi: Penelantaran")."""
    return [tag for group in answer for tag in group[0].get("tags", [])
            if tag.startswith("Sesuai situasi")]


def first_pages(answer: list, n: int = 3) -> list[str]:
    """The first `n` pages found; the decision guide offered above them is not one of them."""
    if answer and answer[0][0]["location"] == GUIDE:
        answer = answer[1:]
    return [group[0]["location"] for group in answer[:n]]


def stemmed_differently(worker: Path, index_path: str, words: list[str], **dictionary) -> list:
    """(word, browser's root, build's root) for every word the two Sastrawis disagree on."""
    stems = run_node(worker, index_path, stem=words, **dictionary)["stem"]
    return [(w, s, search_words.sastrawi_root(w)) for w, s in zip(words, stems)
            if s != search_words.sastrawi_root(w)]


FIRST_CONTACT = r"protokol/{}/(pengaduan|penanganan-awal)/"
