"""Thin MkDocs glue: the generated pages, checklists and downloads go in, the rest is MkDocs'.

`mkdocs build` and `mkdocs serve` from the project root give the same site as `handbook build`
and `handbook serve`. All logic lives in the pipeline modules, which the tests call directly.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from generator.build import Generated, generate, source_date_epoch
from generator.download import build_offline_zip
from generator.errors import ContentInvalidError
from generator.pages import OFFLINE_ZIP
from generator.search import ThemeChangedError, point_theme_to_worker, rewrite_index, site_scripts
from generator.security import protect
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
        # The download is a second build (`handbook serve` turns it off to stay quick).
        if not offline and self.config.offline_zip:
            downloads[OFFLINE_ZIP] = build_offline_zip(Path(config.config_file_path))
        try:
            self.generated = generate(self.root, site_url=config.site_url or "",
                                      checklists=self.config.checklists,
                                      extra_downloads=downloads)
        except ContentInvalidError as exc:
            raise PluginError("\n".join([*map(str, exc.problems), str(exc)])) from None
        for warning in self.generated.warnings:
            log.info(str(warning))
        # Same content, same bytes: MkDocs dates the sitemap from SOURCE_DATE_EPOCH.
        self._epoch_before = os.environ.get("SOURCE_DATE_EPOCH")
        if self._epoch_before is None:
            os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(self.generated.handbook)
        config.nav = [*self.generated.nav, *(config.nav or [])]
        return config

    def on_files(self, files, config):
        if self.generated is None:
            return files
        for path, content in [*self.generated.pages.items(),
                              *self.generated.downloads.items(), *site_scripts()]:
            files.append(File.generated(config, path, content=content))
        return files

    def on_post_page(self, output, page, config):
        return self._finish_html(output)

    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return self._finish_html(output_content)

    def _finish_html(self, html):
        if self.generated is not None:
            try:
                html = point_theme_to_worker(html)
            except ThemeChangedError as exc:
                raise PluginError(str(exc)) from None
        return protect(html, allow_inline=self.config.variant == "offline")

    # After the search plugin has written its index, before the offline plugin inlines it.
    @event_priority(-50)
    def on_post_build(self, config):
        if self.generated is not None:
            rewrite_index(Path(config.site_dir), self.generated.handbook,
                          directory_urls=config.use_directory_urls)
        if self.generated is not None and self.config.variant == "online":
            write_web_app(Path(config.site_dir))
        if self.generated is not None and self._epoch_before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)

    def on_serve(self, server, config, builder):
        server.watch(str(self.root / "protocols"))  # a saved YAML file rebuilds the preview
        return server
