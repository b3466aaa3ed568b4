"""Thin MkDocs glue: the same pipeline steps `handbook build` runs, called from plugin events.

`handbook build` generates the pages before the engine and finishes the site after it
(`generator.build.build_site`); there the plugin runs with `generate: false` and only escapes
the titles the engine prints as HTML. `mkdocs build` and `mkdocs serve` from the project root
run it in full: `generate` in `on_config`, the pages handed over in memory in `on_files`, and
`finish_site` in `on_post_build`, so they give the same site.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, file_sort_key

from generator import preview
from generator.build import CACHE, Generated, generate, source_date_epoch
from generator.errors import ContentInvalidError, HandbookError, Problem
from generator.stage import (TEMPLATE_CACHE, generated_files, navigation,
                             refuse_unsafe_sources)

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class PluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # False when the pages are already in docs_dir (`handbook build` wrote them there)
    generate = c.Type(bool, default=True)
    # Settings for the printable checklists
    checklists = c.Type(bool, default=True)
    # Settings for offline use
    offline_zip = c.Type(bool, default=True)
    # Where the theme's compiled templates are kept between builds (`handbook build` sets it;
    # else the project's .handbook-cache/jinja)
    template_cache = c.Optional(c.Type(str))


class HandbookPlugin(BasePlugin[PluginConfig]):
    generated: Generated | None = None
    problems: tuple[Problem, ...] = ()  # the preview's errors, shown on every page

    @property
    def full(self) -> bool:
        return self.config.enabled and self.config.generate

    def on_config(self, config):
        if not self.full:
            return config
        self.root = Path(config.config_file_path).parent
        in_preview = preview.active()
        self.offline_zip = self.config.offline_zip and not in_preview  # the preview skips it
        try:
            self.generated = generate(self.root, site_url=config.site_url or "",
                                      checklists=self.config.checklists,
                                      offline_zip=self.offline_zip)
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
            self.problems = ()
            if in_preview:
                preview.remember(str(self.root), self.generated)
            for warning in self.generated.warnings:
                log.info(str(warning))
        # Same content, same bytes: MkDocs dates the sitemap from SOURCE_DATE_EPOCH.
        self._epoch_before = os.environ.get("SOURCE_DATE_EPOCH")
        if self._epoch_before is None and self.generated is not None:
            os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(self.generated.handbook)
        if self.generated is not None:
            config.nav = navigation(self.generated, config.nav)
        return config

    def on_env(self, env, config, files):
        # The theme's ~50 templates are compiled on every build (a quarter of a preview
        # rebuild): keep the compiled form, checked against each template's source.
        folder = self.config.template_cache or str(
            Path(config.config_file_path).parent / CACHE / TEMPLATE_CACHE)
        os.makedirs(folder, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(folder)
        return env

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
        # A title the navigation gave (set on the page itself) is escaped already
        # (`stage.escape_nav`): escaped again, the reader would see "&amp;".
        if "title" not in page.meta and page.title is not None:
            from_nav = "title" in vars(page)
            page.meta["title"] = page.title if from_nav else html.escape(page.title)
        return page_html

    def on_files(self, files, config):
        if not self.full:
            return files
        if self.generated is None:
            if self.problems and files.get_file_from_path(preview.ERRORS_PAGE) is None:
                files.append(File.generated(config, preview.ERRORS_PAGE,
                                            content=preview.errors_page()))
            return files
        try:
            refuse_unsafe_sources(Path(config.docs_dir), self.root)
        except HandbookError as exc:
            raise PluginError(str(exc)) from None
        for path, content in generated_files(self.root, self.generated):
            files.append(File.generated(config, path, content=content))
        # In the order the engine reads a folder holding them all (`handbook build`): the
        # search index lists pages in this order.
        return Files(sorted(files, key=file_sort_key))

    def on_post_build(self, config):
        if not self.full:
            return
        from generator.finish import finish_site

        try:
            if self.generated is not None:
                finish_site(Path(config.site_dir), self.generated,
                            docs_dir=Path(config.docs_dir), site_url=config.site_url or "",
                            offline_zip=self.offline_zip, problems=self.problems,
                            in_preview=preview.active(), cache_dir=self.root / CACHE)
            elif self.problems:  # a preview whose first build already has errors
                _banner_only(Path(config.site_dir), self.problems)
        except HandbookError as exc:
            raise PluginError(str(exc)) from None
        finally:
            if self._epoch_before is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)

    def on_serve(self, server, config, builder):
        server.watch(str(self.root / "protocols"))  # a saved YAML file rebuilds the preview
        return server


def _banner_only(site: Path, problems) -> None:
    """The preview with no good build yet: the problems on its pages, nothing else."""
    from generator.finish import finish_page
    from generator.security import allowed_hashes

    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        text = finish_page(path.read_text(encoding="utf-8"), rel, site, allowed_hashes(),
                           problems=problems, live_reload=True)
        path.write_text(text, encoding="utf-8")
    preview.write_service_worker(site)
