"""Thin MkDocs glue: the generated pages, checklists and downloads go in, the rest is MkDocs'.

`mkdocs build` and `mkdocs serve` from the project root give the same site as `handbook build`
and `handbook serve`. All logic lives in the pipeline modules, which the tests call directly.
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from generator import preview
from generator.build import Generated, generate, source_date_epoch
from generator.download import build_offline_zip, remove_unused
from generator.errors import ContentInvalidError, Problem
from generator.pages import OFFLINE_ZIP
from generator.search import ThemeChangedError, point_theme_to_worker, rewrite_index, site_scripts
from generator.security import UnsafePageError, allowed_hashes, protect
from generator.text import one_line, outside_link
from generator.webapp import write_web_app

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class PluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Settings for the printable checklists
    checklists = c.Type(bool, default=True)
    # Settings for offline use
    offline_zip = c.Type(bool, default=True)
    variant = c.Choice(("online", "offline"), default="online")


class HandbookPlugin(BasePlugin[PluginConfig]):
    # No on_startup/on_shutdown here: MkDocs would then reuse one instance for the inner build
    # of the offline download, and the two builds would share their settings.
    generated: Generated | None = None
    problems: tuple[Problem, ...] = ()  # the preview's errors, shown on every page

    # Before the other plugins: the offline download's inner build shares MkDocs' cached
    # plugin instances (the search index among them), so it must be over before they start.
    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.root = Path(config.config_file_path).parent
        offline = self.config.variant == "offline"
        config.extra["handbook_variant"] = self.config.variant
        downloads = {}
        in_preview = preview.active()
        # The download is a second build; the preview (`handbook serve`) leaves it out.
        if not offline and self.config.offline_zip and not in_preview:
            downloads[OFFLINE_ZIP] = build_offline_zip(Path(config.config_file_path))
        try:
            self.generated = generate(self.root, site_url=config.site_url or "",
                                      checklists=self.config.checklists,
                                      extra_downloads=downloads)
        except ContentInvalidError as exc:
            if not in_preview:
                raise PluginError("\n".join([*map(str, exc.problems), str(exc)])) from None
            # The preview keeps serving the last good pages with the problems on top.
            self.problems = tuple(exc.problems)
            self.generated = preview.last_good(str(self.root))
            for problem in exc.problems:
                (log.warning if problem.warning else log.error)(str(problem))
            log.error(str(exc))
        else:
            if in_preview:
                preview.remember(str(self.root), self.generated)
            for warning in self.generated.warnings:
                log.info(str(warning))
        # Same content, same bytes: MkDocs dates the sitemap from SOURCE_DATE_EPOCH.
        self._epoch_before = os.environ.get("SOURCE_DATE_EPOCH")
        if self._epoch_before is None and self.generated is not None:
            os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(self.generated.handbook)
        docs_dir = Path(config.docs_dir) if offline else None
        self.hashes = allowed_hashes(root_path=urlsplit(config.site_url or "").path or "/",
                                     docs_dir=docs_dir)
        if self.generated is None:  # a preview whose first build already has errors
            return config
        # The one place where titles cross into MkDocs, which prints every title as HTML:
        # each navigation title is escaped here (the page titles in on_page_markdown).
        config.nav = escape_nav([*self.generated.nav, *(config.nav or [])])
        return config

    def on_page_markdown(self, markdown, page, config, files):
        # Templates and hand-written pages give plain text in front matter; the theme prints
        # `title` and `description` as HTML, in <title>, <meta> and the navigation.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = html.escape(page.meta[key])
        return markdown

    def on_page_content(self, page_html, page, config, files):
        # A page without a front-matter title is named by its first heading, which MkDocs
        # hands to the theme as unescaped text: it gets the same escaping as above.
        if "title" not in page.meta and page.title is not None:
            page.meta["title"] = html.escape(page.title)
        return page_html

    def on_files(self, files, config):
        if self.generated is None:
            if self.problems and files.get_file_from_path(preview.ERRORS_PAGE) is None:
                files.append(File.generated(config, preview.ERRORS_PAGE,
                                            content=preview.errors_page()))
            return files
        refuse_unsafe_sources(files, Path(config.docs_dir), self.root)
        for path, content in [*self.generated.pages.items(),
                              *self.generated.downloads.items(), *site_scripts()]:
            files.append(File.generated(config, path, content=content))
        return files

    def on_post_page(self, output, page, config):
        return self._finish_html(output, page.file.src_uri)

    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return self._finish_html(output_content, template_name)

    def _finish_html(self, page_html, where):
        if self.generated is not None:
            try:
                page_html = point_theme_to_worker(page_html)
            except ThemeChangedError as exc:
                raise PluginError(str(exc)) from None
        if self.problems:
            page_html = preview.with_banner(page_html, self.problems)
        try:
            # The preview server adds its own inline reload script to every page it serves.
            return protect(page_html, self.hashes, live_reload=preview.active())
        except UnsafePageError as exc:
            raise PluginError(f"{where}: halaman berisi skrip atau unsur yang tidak dibuat oleh "
                              f"buku saku ({exc}); situs tidak dibangun") from None

    # After the search plugin has written its index, before the offline plugin inlines it.
    @event_priority(-50)
    def on_post_build(self, config):
        if self.generated is not None:
            rewrite_index(Path(config.site_dir), self.generated.handbook,
                          directory_urls=config.use_directory_urls)
        if self.generated is not None and self.config.variant == "online":
            remove_unused(Path(config.site_dir))
        if preview.active():
            preview.write_service_worker(Path(config.site_dir))
        elif self.generated is not None and self.config.variant == "online":
            write_web_app(Path(config.site_dir))
        if self.generated is not None and getattr(self, "_epoch_before", "") is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)

    def on_serve(self, server, config, builder):
        server.watch(str(self.root / "protocols"))  # a saved YAML file rebuilds the preview
        return server


def escape_nav(nav: list) -> list:
    """A navigation in MkDocs' `nav` form with every title HTML-escaped (paths kept)."""
    out: list = []
    for entry in nav:
        if isinstance(entry, dict):
            out.append({html.escape(str(title)): (escape_nav(value) if isinstance(value, list)
                                                  else value)
                        for title, value in entry.items()})
        else:
            out.append(entry)
    return out


def refuse_unsafe_sources(files, docs: Path, root: Path) -> None:
    """Hand-written pages and files: nothing from outside the repository, no file name a
    Windows unzip tool would read as a path."""
    for file in files:
        if not file.abs_src_path or not Path(file.abs_src_path).is_relative_to(docs):
            continue  # the theme's own files
        path = Path(file.abs_src_path)
        shown = os.path.relpath(path, root)
        if re.search(r"[\\:\x00-\x1f\x7f]", file.src_uri):
            raise PluginError(f"{one_line(shown)}: nama berkas berisi '\\', ':' atau karakter "
                              "kendali; ganti namanya (huruf, angka, '-')")
        if problem := outside_link(path, root, shown):
            raise PluginError(str(problem))
