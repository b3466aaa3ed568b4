"""The offline download: the whole handbook as a zip that works opened straight from disk.

A second MkDocs build of the same `mkdocs.yml` with Material's `offline` plugin (no directory
URLs, the search index inlined as a script) and the vendored iframe-worker shim listed under
`extra.polyfills`, so the plugin does not load it from a CDN and search works with no network.
The zip leaves out what the download does not need (source maps, search languages the index
does not use, the web app files) and is written with fixed dates, so it is deterministic.
"""

from __future__ import annotations

import io
import logging
import tempfile
import zipfile
from pathlib import Path

import yaml

SHIM = "javascripts/vendor/iframe-worker-shim.js"
FOLDER = "buku-saku"  # the folder the zip unpacks into
SKIP_SUFFIXES = (".map",)
# Material's own search worker and lunr: the handbook's worker (generator/search.py) replaces them
SKIP_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "sitemap.xml",
                 "sw.js", "manifest.webmanifest")

# The theme's own search (lunr, its languages and workers) and source maps: never used, since
# the handbook's worker replaces them; left out of the site too, with their extra licences.
UNUSED_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def remove_unused(site: Path) -> None:
    """Delete the theme files the handbook never loads from a built site."""
    for path in sorted(site.rglob("*"), reverse=True):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and (rel.endswith(SKIP_SUFFIXES) or rel.startswith(UNUSED_PREFIXES)):
            path.unlink()
        elif path.is_dir() and (rel + "/").startswith(UNUSED_PREFIXES) and not any(
                path.iterdir()):
            path.rmdir()


def plugin_overrides(config_file: Path, handbook: dict, *more: str) -> list[dict]:
    """The project's plugin list with some options of the handbook plugin changed."""
    raw = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    plugins = []
    for entry in raw.get("plugins") or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        options = {} if isinstance(entry, str) else dict(entry[name] or {})
        if name == "handbook":
            options.update(handbook)
        plugins.append({name: options})
    return [*plugins, *({name: {}} for name in more)]


def offline_config_overrides(config_file: Path) -> dict:
    """The settings that turn the project's `mkdocs.yml` into the offline variant."""
    raw = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    extra = dict(raw.get("extra") or {})
    extra["polyfills"] = [SHIM]
    return {"plugins": plugin_overrides(config_file, {"variant": "offline"}, "offline"),
            "extra": extra, "use_directory_urls": False}


def build_offline_zip(config_file: Path) -> bytes:
    """Build the offline variant into a temporary folder and zip it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory(prefix="handbook-offline-") as tmp:
        config = load_config(str(config_file), site_dir=tmp,
                             **offline_config_overrides(config_file))
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return zip_folder(Path(tmp))


def zip_folder(folder: Path) -> bytes:
    """Deterministic zip of `folder` under FOLDER/, without what the download does not need."""
    stamp = (1980, 1, 1, 0, 0, 0)  # the zip format's first date: no build time in the bytes
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            if rel.endswith(SKIP_SUFFIXES) or rel.startswith(SKIP_PREFIXES):
                continue
            info = zipfile.ZipInfo(f"{FOLDER}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return out.getvalue()
