"""The `handbook` command: check, build, serve, new, schema. Messages are in Indonesian."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from generator import schema
from generator.errors import ContentInvalidError, HandbookError, Problem

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
                       help="revisi git pembanding (misalnya origin/main): protokol yang isinya "
                            "berubah harus menaikkan versinya")
    diff = commands.add_parser("diff", help="tulis perubahan protokol dibanding revisi git, "
                               "dalam Markdown", description="Membandingkan protokol pada "
                               "revisi git dengan berkas sekarang: langkah dan butir daftar "
                               "periksa yang bertambah, hilang atau berubah, serta versi dan "
                               "status.")
    diff.add_argument("base", metavar="REVISI", help="revisi git pembanding, misalnya origin/main")
    build = commands.add_parser("build", help="bangun buku saku ke folder site/",
                                description="Memeriksa protokol lalu membangun situs. Bila "
                                            "gagal, site/ yang lama tetap utuh.")
    build.add_argument("--site", type=Path, default=None,
                       help="folder hasil; bawaan: site/ di folder proyek")
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
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "check":
            return _check(root, args.base)
        if args.command == "diff":
            return _diff(root, args.base)
        if args.command == "build":
            return _build(root, args.site or root / "site")
        if args.command == "serve":
            return _serve(root, args.addr)
        if args.command == "new":
            return _new(root, args.type, args.stage)
        if args.command == "schema":
            return _schema(args.out or root / "schema")
    except ContentInvalidError as exc:
        _print_problems(exc.problems)
        print(exc, file=sys.stderr)
        return 1
    except HandbookError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Dihentikan. Folder site/ yang lama tetap utuh.", file=sys.stderr)
        return 130
    return 2


def _print_problems(problems: list[Problem]) -> None:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem, file=sys.stderr)
        if annotate:
            level = "warning" if problem.warning else "error"
            message = f"{problem.message} [{problem.code}]".replace("%", "%25").replace(
                "\r", "%0D").replace("\n", "%0A")
            print(f"::{level} file={problem.path},line={problem.line},col={problem.col}"
                  f"::{message}")


def _check(root: Path, base: str | None = None) -> int:
    from generator.build import generate, site_url

    generated = generate(root, site_url=site_url(root))
    handbook, warnings = generated.handbook, generated.warnings
    if base:
        from generator.changes import handbook_at, version_problems

        problems = version_problems(handbook_at(root, base), handbook)
        if problems:
            raise ContentInvalidError([*problems, *warnings])
    _print_problems(warnings)
    written = sum(p.written for p in handbook.protocols)
    print(f"Baik: {written} protokol, {len(handbook.types)} jenis, {len(handbook.stages)} tahap "
          f"diperiksa; tidak ada kesalahan, {len(warnings)} peringatan.")
    return 0


def _diff(root: Path, base: str) -> int:
    from generator.changes import compare, handbook_at, markdown
    from generator.validate import load_handbook

    new, _ = load_handbook(root)
    old = handbook_at(root, base)
    print(markdown(compare(old, new), new, base))
    _print_guide_changes(old, new)
    return 0


def _print_guide_changes(old, new) -> None:
    from generator.guide import describe_changes

    if lines := describe_changes(old.guide, new.guide):
        print("\n".join(["## Perubahan panduan cepat", "", *lines, ""]))


def _build(root: Path, site: Path) -> int:
    from generator.build import build_site, generate, site_url

    print("Memeriksa protokol dan daftar periksa ...", file=sys.stderr)
    _print_problems(generate(root, site_url=site_url(root)).warnings)
    print("Membangun situs ...", file=sys.stderr)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    build_site(root, site)
    print(f"Selesai: buku saku ada di {site}/ (buka {site}/index.html, atau jalankan "
          "'handbook serve').")
    return 0


def _serve(root: Path, addr: str) -> int:
    from mkdocs.commands.serve import serve

    from generator.download import plugin_overrides

    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    for chatty in ("weasyprint", "fontTools"):  # their progress lines drown the editor's
        logging.getLogger(chatty).setLevel(logging.WARNING)
    print(f"Pratinjau di http://{addr}/ (hentikan dengan Ctrl+C)", file=sys.stderr)
    config_file = root / "mkdocs.yml"
    # The preview leaves out the offline download (a second build) to stay quick.
    serve(config_file=str(config_file), dev_addr=addr, livereload=True,
          plugins=plugin_overrides(config_file, {"offline_zip": False}))
    return 0


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


