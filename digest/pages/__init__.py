"""Pages stage: a validated `Catalogue` → {path under docs/: text} for every language.

`plan.py` lists the pages (path, template, context); this module renders them, one language
per worker process when the archive is large enough to be worth it.
"""

from __future__ import annotations

from digest import site
from digest.load import Catalogue
from digest.pages.browse import build_browse
from digest.pages.helpers import PageHelpers
from digest.pages.plan import PageSpec, language_pages, open_data_files
from digest.pages.templating import GENERATED_MARK, load_labels, make_environment
from digest.parallel import MIN_EVENTS, parallel_map

__all__ = ["GENERATED_MARK", "PageSpec", "render_site"]


def render_site(catalogue: Catalogue) -> dict[str, str]:
    """Every generated file, keyed by its path under docs/ (e.g. 'vi/events/x.md'), sorted."""
    parts = parallel_map(_render_language, list(site.LANGUAGES), catalogue, worth_it=len(catalogue.events) >= MIN_EVENTS)
    pages = {path: text for part in parts for path, text in part.items()}
    return dict(sorted(pages.items()))


def _render_language(lang: str, catalogue: Catalogue) -> dict[str, str]:
    """The generated files of one language; the open data goes with the default language."""
    env = make_environment()
    browse = build_browse(catalogue)
    labels = load_labels()[lang]
    helpers = PageHelpers(catalogue, lang, labels, browse)
    common = {"page": helpers, "t": labels, "lang": lang, "catalogue": catalogue, "browse": browse}
    specs = list(language_pages(catalogue, browse, lang, helpers))
    if lang == site.DEFAULT_LANGUAGE:
        specs += open_data_files(catalogue)
    return {spec.path: render(env, spec, common) for spec in specs}


def render(env, spec: PageSpec, common: dict) -> str:
    """One page's text."""
    if spec.make is not None:
        return spec.make()
    return env.get_template(spec.template).render(**common, **spec.context)
