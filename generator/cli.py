"""The `handbook` command: check, build, serve, new, schema. Messages are in Indonesian."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import time
from pathlib import Path

from generator import schema
from generator.errors import ContentInvalidError, HandbookError, Problem
from generator.text import one_line, terminal

DESCRIPTION = "Membangun buku saku protokol layanan UPTD PPA dari berkas YAML di protocols/."


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian headings and errors."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Pemakaian:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Pemakaian:", 1)

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: perintah tidak lengkap atau salah ({message}). "
                     f"Lihat: {self.prog} --help\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="handbook", description=DESCRIPTION)
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="folder proyek (berisi mkdocs.yml dan protocols/); bawaan: .")
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    commands.required = True
    check = commands.add_parser("check", help="periksa semua protokol dan laporkan setiap "
                                "masalah", description="Memeriksa protocols/ dan melaporkan "
                                "setiap masalah sebagai berkas:baris:kolom: pesan.")
    check.add_argument("--base", metavar="REVISI", default=None,
                       help="revisi git pembanding: protokol yang isinya berubah harus "
                            "menaikkan versinya; bawaan: cabang main (seperti pemeriksaan "
                            "di pull request)")
    check.add_argument("--no-base", action="store_true",
                       help="jangan bandingkan versi dengan revisi git mana pun")
    diff = commands.add_parser("diff", help="tulis setiap perubahan di protocols/ dibanding "
                               "revisi git, kata demi kata, dalam Markdown",
                               description="Membandingkan semua berkas protocols/ pada revisi "
                               "git dengan berkas sekarang: apa yang ditambah, dihapus dan "
                               "diubah, dengan kata lama dan kata baru. Tetap ditulis bila "
                               "pemeriksaan menemukan kesalahan (disebut di bagian atas).")
    diff.add_argument("base", metavar="REVISI", nargs="?", default=None,
                      help="revisi git pembanding, misalnya origin/main; bawaan: main")
    diff.add_argument("--max-chars", type=int, default=0, metavar="N",
                      help="potong hasil pada N karakter (komentar GitHub paling panjang "
                           "65536)")
    build = commands.add_parser("build", help="bangun buku saku ke folder site/",
                                description="Memeriksa protokol lalu membangun situs. Bila "
                                            "gagal, site/ yang lama tetap utuh.")
    build.add_argument("--site", type=Path, default=None,
                       help="folder hasil; bawaan: site/ di folder proyek")
    build.add_argument("--verbose", action="store_true",
                       help="sebut setiap tahap juga di CI (di terminal selalu disebut)")
    serve = commands.add_parser("serve", help="pratinjau di peramban, dibangun ulang saat "
                                "berkas berubah")
    serve.add_argument("--addr", default="127.0.0.1:8000",
                       help="alamat pratinjau; bawaan: 127.0.0.1:8000")
    new = commands.add_parser("new", help="buat kerangka protokol baru",
                              description="Menulis kerangka protokol protocols/JENIS/TAHAP.yml "
                                          "yang valid dan berkomentar.")
    new.add_argument("type", metavar="JENIS", help="id jenis kekerasan, misalnya seksual")
    new.add_argument("stage", metavar="TAHAP", help="id tahap layanan, misalnya pengaduan")
    out = commands.add_parser("schema", help="tulis JSON Schema untuk penyunting YAML")
    out.add_argument("--out", type=Path, default=None,
                     help="folder tujuan; bawaan: schema/ di folder proyek")
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a letter gets \\xe9
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    try:
        _check_environment()
        if args.command == "check":
            return _check(root, args.base, compare=not args.no_base)
        if args.command == "diff":
            return _diff(root, args.base, args.max_chars)
        if args.command == "build":
            return _build(root, args.site or root / "site", verbose=args.verbose)
        if args.command == "serve":
            return _serve(root, args.addr)
        if args.command == "new":
            return _new(root, args.type, args.stage)
        if args.command == "schema":
            return _schema(args.out or root / "schema")
    except ContentInvalidError as exc:
        _print_problems(exc.problems, root)
        print(exc, file=sys.stderr)
        return 1
    except HandbookError as exc:
        print(terminal(str(exc)), file=sys.stderr)
        return 1
    except OSError as exc:  # disk full, read-only folder: the old site/ is left whole
        where = f" ({one_line(str(exc.filename))})" if exc.filename else ""
        print(f"Gagal membaca atau menulis berkas{where}: {exc.strerror or exc}. Folder site/ "
              "yang lama tetap utuh; periksa ruang disk dan izin folder, lalu ulangi.",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Dihentikan. Folder site/ yang lama tetap utuh.", file=sys.stderr)
        return 130
    return 2


def _check_environment() -> None:
    """SOURCE_DATE_EPOCH, when set, must be a date the zip and gzip formats can hold."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and not (value.isascii() and value.isdigit()
                                  and 315532800 <= int(value) <= 4102444800):
        raise HandbookError(f"SOURCE_DATE_EPOCH=\"{one_line(value)}\" bukan waktu yang dapat "
                            "dipakai: tulis detik sejak 1970 sebagai angka (antara tahun 1980 "
                            "dan 2100), atau hapus variabel itu")


def _print_problems(problems: list[Problem], root: Path | None = None) -> None:
    for problem in problems:
        print(terminal(str(problem)), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from generator.annotations import annotations

        for line in annotations(problems, root or Path(".")):
            print(line)  # workflow commands are read from the step's output


def _check(root: Path, base: str | None = None, *, compare: bool = True) -> int:
    from generator.build import generate, site_url

    generated = generate(root, site_url=site_url(root))
    handbook, warnings = generated.handbook, generated.warnings
    chosen = base or (default_base(root) if compare else None)
    if chosen:
        from generator.changes import handbook_at, version_problems

        try:
            problems = version_problems(handbook_at(root, chosen), handbook, root)
        except HandbookError as exc:
            if base:
                raise
            print(f"Catatan: versi tidak dibandingkan: {exc}", file=sys.stderr)
            problems, chosen = [], None
        if problems:
            raise ContentInvalidError([*problems, *warnings])
    _print_problems(warnings, root)
    written = sum(p.written for p in handbook.protocols)
    compared = f" (versi dibandingkan dengan {chosen})" if chosen else ""
    print(f"Baik: {written} protokol, {len(handbook.types)} jenis, {len(handbook.stages)} tahap "
          f"diperiksa{compared}; tidak ada kesalahan, {len(warnings)} peringatan.")
    return 0


def default_base(root: Path) -> str | None:
    """The main branch to compare with, as CI does; None (and a note why) when there is none."""
    import subprocess

    def git(*args: str) -> bool:
        try:
            return subprocess.run(["git", *args], cwd=root, capture_output=True).returncode == 0
        except OSError:
            return False

    if not git("rev-parse", "--is-inside-work-tree"):
        print("Catatan: folder ini bukan salinan git, jadi versi tidak dibandingkan dengan "
              "cabang main (pemeriksaan di pull request tetap membandingkannya).",
              file=sys.stderr)
        return None
    # origin/main first: what the pull request will be compared with, when it was fetched
    for candidate in ("origin/main", "main"):
        if git("rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}"):
            return candidate
    print("Catatan: cabang main tidak ditemukan, jadi versi tidak dibandingkan (pemeriksaan di "
          "pull request tetap membandingkannya). Pakai --base REVISI untuk memilih pembanding.",
          file=sys.stderr)
    return None


def _diff(root: Path, base: str | None, max_chars: int = 0) -> int:
    from generator import review
    from generator.build import generate, site_url
    from generator.changes import handbook_at, version_problems
    from generator.review_pages import changes_outside

    base = base or default_base(root)
    if base is None:
        raise HandbookError("tidak ada revisi pembanding; tulis: handbook diff REVISI")
    old = review.tree_at(root, base)
    errors: list[str] | None = None
    warnings: list[str] = []
    old_handbook = None
    try:  # the same check as `handbook check`, checklists laid out included
        generated = generate(root, site_url=site_url(root))
        new, found = generated.handbook, generated.warnings
    except ContentInvalidError as exc:
        errors = [str(p) for p in exc.problems if not p.warning]
        warnings = [str(p) for p in exc.problems if p.warning]
    else:
        warnings = [str(p) for p in found]
        try:
            old_handbook = handbook_at(root, base)
            problems = version_problems(old_handbook, new, root)
        except HandbookError:
            problems = []  # the base itself is invalid: nothing to compare versions with
        if problems:
            errors = [str(p) for p in problems]
    changes = [*review.compare_trees(old, review.tree_now(root)),
               *changes_outside(root, base)]
    text = review.markdown(changes, base, errors, warnings)
    if max_chars and len(text) > max_chars:
        note = ("\n\n**Ringkasan terpotong karena terlalu panjang untuk satu komentar.** "
                "Lengkapnya ada di halaman ringkasan pemeriksaan (Checks, lalu Summary).\n")
        text = text[:max_chars - len(note)].rsplit("\n", 1)[0] + note
    print(text)
    if old_handbook is not None:
        _print_guide_changes(old_handbook, new)
    return 0


def _print_guide_changes(old, new) -> None:
    from generator.guide import describe_changes

    if lines := describe_changes(old.guide, new.guide):
        print("\n".join(["## Perubahan panduan cepat", "", *lines, ""]))


def _build(root: Path, site: Path, *, verbose: bool = False) -> int:
    from generator.build import build_site, generate, refuse_site_target, site_url

    say = _progress(verbose)
    refuse_site_target(root, site.resolve())  # before anything is written
    say("Memeriksa protokol dan mencetak daftar periksa ...")
    generated = generate(root, site_url=site_url(root), offline_zip=True)
    _print_problems(generated.warnings, root)
    say(f"{len(generated.handbook.protocols)} protokol, {len(generated.pages)} halaman, "
        f"{len(generated.downloads)} berkas PDF")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    build_site(root, site, generated=generated, report=say)
    print(f"Selesai: buku saku ada di {site}/ (buka {site}/index.html, atau jalankan "
          "'handbook serve').")
    return 0


def _progress(verbose: bool):
    """Stage lines with the time since the start, on stderr; in CI only with --verbose."""
    quiet = bool(os.environ.get("CI")) and not verbose
    start = time.perf_counter()

    def say(message: str) -> None:
        if not quiet:
            print(f"[{time.perf_counter() - start:5.1f} dtk] {message}", file=sys.stderr,
                  flush=True)

    return say


def _serve(root: Path, addr: str) -> int:
    from generator.serve import serve

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    for chatty in ("weasyprint", "fontTools"):  # their progress lines drown the editor's
        logging.getLogger(chatty).setLevel(logging.WARNING)
    return serve(root, addr)


def _new(root: Path, type_id: str, stage_id: str) -> int:
    from generator.scaffold import scaffold

    path = scaffold(root, type_id, stage_id)
    print(f"Kerangka ditulis: {path.relative_to(root)}. Lengkapi isinya, lalu jalankan "
          "'handbook check'.")
    return 0


def _schema(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for kind in schema.FILE_KINDS:
        text = json.dumps(schema.json_schema(kind), ensure_ascii=False, indent=2) + "\n"
        (out / f"{kind}.schema.json").write_text(text, encoding="utf-8")
    print(f"JSON Schema ditulis ke {out}/")
    return 0


