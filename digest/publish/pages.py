"""MkDocs pages whose Markdown is converted by one Python-Markdown instance per build, reset between pages.

MkDocs' `Page.render` makes a new `markdown.Markdown` for every page: it builds the parser and registers
every extension again, then adds its own four per-page processors. `ReusedMarkdownPage.render` does the same
with one instance per configuration, reset (`Markdown.reset`, which resets each extension that keeps state)
and given MkDocs' per-page processors afresh under the same names, so they replace the last page's. Its front
matter is read without PyYAML when it has the generator's plain shape (digest/publish/front_matter.py).

The hook's `on_files` (after mkdocs-static-i18n's) makes the pages (`make_pages`): MkDocs 1.6 uses a page a
plugin has set on `File.page`. Files the `nav` configuration names are left to MkDocs, which gives them the
nav's titles.
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.structure.nav import _AbsoluteLinksValidationValue
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
    log,
)
from mkdocs.structure.toc import get_toc

from digest.publish import front_matter, plain_markdown

#: The Markdown instance of each configuration: id → (configuration, extensions, their settings, instance).
_instances: dict[int, tuple] = {}


def shared_markdown(config) -> markdown.Markdown:
    """The configuration's one Markdown instance, reset; a new one if the extensions or their settings changed."""
    extensions, configs = config["markdown_extensions"], config["mdx_configs"] or {}
    kept = _instances.get(id(config))
    if kept is not None and kept[0] is config and kept[1] == extensions and kept[2] == configs:
        return kept[3].reset()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    _instances[id(config)] = (config, list(extensions), dict(configs), md)
    return md


class ReusedMarkdownPage(Page):
    """A page converted by the configuration's shared Markdown instance (see the module's docstring), its
    front matter read by `front_matter.get_data`."""

    def read_source(self, config) -> None:
        """`Page.read_source` (MkDocs 1.6.1, copied) with `front_matter.get_data` for MkDocs' `get_data`."""
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            try:
                source = self.file.content_string
            except OSError:
                log.error(f'File not found: {self.file.src_path}')
                raise
            except ValueError:
                log.error(f'Encoding error reading file: {self.file.src_path}')
                raise

        self.markdown, self.meta = front_matter.get_data(source)

    def render(self, config, files) -> None:
        """`Page.render` (MkDocs 1.6.1, copied) with `shared_markdown(config)` for the new instance it makes; a
        plain page (digest/publish/plain_markdown.py) is written without it."""
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")

        md = shared_markdown(config)
        if plain_markdown.supported(md):
            relative_path_ext = _RelativePathTreeprocessor(self.file, files, config)
            done = plain_markdown.convert(md, self.markdown, relative_path_ext)
            if done is not None:
                self.content, self.toc = done.content, get_toc(done.toc_tokens)
                self._title_from_render = None  # such a page starts with a raw block, not a heading
                self.present_anchor_ids = done.anchor_ids
                if log.getEffectiveLevel() > logging.DEBUG:
                    self.links_to_anchors = done.links_to_anchors
                return
        try:
            raw_html_ext = _RawHTMLPreprocessor()
            raw_html_ext._register(md)

            extract_anchors_ext = _ExtractAnchorsTreeprocessor(self.file, files, config)
            extract_anchors_ext._register(md)

            relative_path_ext = _RelativePathTreeprocessor(self.file, files, config)
            relative_path_ext._register(md)

            extract_title_ext = _ExtractTitleTreeprocessor()
            extract_title_ext._register(md)

            self.content = md.convert(self.markdown)
        except BaseException:
            _instances.pop(id(config), None)  # a conversion cut short may leave state behind
            raise
        self.toc = get_toc(getattr(md, 'toc_tokens', []))
        self._title_from_render = extract_title_ext.title
        self.present_anchor_ids = (
            extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        )
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative_path_ext.links_to_anchors


def _nav_paths(data) -> list[str]:
    """Every path the `nav` configuration names, as MkDocs' `_data_to_navigation` reads them."""
    if isinstance(data, dict):
        return [path for key, value in data.items() for path in (_nav_paths(value) if not isinstance(value, str) else [value])]
    if isinstance(data, list):
        return [path for item in data for path in _nav_paths(item)]
    return [data] if isinstance(data, str) else []


def make_pages(files, config) -> int:
    """Give each documentation file with no page yet, and not named by the nav, a `ReusedMarkdownPage`; return how many."""
    named = set()
    for path in _nav_paths(config["nav"] or []):
        if path.startswith("/") and config.validation.nav.absolute_links is _AbsoluteLinksValidationValue.RELATIVE_TO_DOCS:
            path = path.lstrip("/")
        if (file := files.get_file_from_path(path)) is not None:
            named.add(file.src_uri)
    made = 0
    for file in files.documentation_pages():
        if file.page is None and file.src_uri not in named:
            ReusedMarkdownPage(None, file, config)
            made += 1
    return made
