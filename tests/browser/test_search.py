"""Site search (Pagefind + overrides/assets/javascripts/search.js) in a real browser, both languages.

The session's built site (tests/conftest.py `site`: generator → MkDocs → digest/publish/search_index.py),
served over HTTP on 127.0.0.1 (tests/browser/conftest.py `base_url`). The index read as files:
tests/site/test_search_built.py. Latency budgets are not asserted here: `make bench` prints them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

# tools/ (tests/conftest.py puts it on sys.path)
from search_probe import probe
from static_server import serve

from digest.fold import STROKE, fold
from digest.publish.search_index import EXCLUDE, index_site, prepare

HP = "events/2024-01-17-hai-phong-net-zero-workshop/"
BD = "events/2024-01-18-binh-duong-net-zero-workshop/"
BRVT = "events/2024-07-25-ba-ria-vung-tau-sakai-carbon-neutrality/"
PHRASE_EN = "green production"


# ---------------------------------------------------------------- fixtures

@pytest.fixture
def page(desktop_page):
    """A desktop-sized tab on the served site (tests/browser/conftest.py: fails on a JavaScript error)."""
    return desktop_page()


def search(page, query: str) -> list[dict]:
    """Type a query in the search field and return the results shown, in order."""
    page.fill("[data-nzd-search-input]", "")
    page.wait_for_function("() => document.querySelector('[data-nzd-search]').dataset.nzdState === 'idle'")
    page.fill("[data-nzd-search-input]", query)
    page.wait_for_function(
        """q => { const root = document.querySelector('[data-nzd-search]');
                  return ['results', 'empty'].includes(root.dataset.nzdState)
                         && root.querySelector('[data-nzd-search-status]').textContent.includes(q); }""",
        arg=query.strip(),
    )
    return results(page)


def results(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(item => ({
            href: new URL(item.querySelector('a').href).pathname,
            title: item.querySelector('.nzd-search-result__title').textContent,
            excerpt: item.querySelector('.nzd-search-result__excerpt').textContent,
            marks: [...item.querySelectorAll('mark')].map(m => m.textContent),
        }))""",
    )


def hrefs(found: list[dict]) -> list[str]:
    return [r["href"] for r in found]


def status(page) -> str:
    return page.text_content("[data-nzd-search-status]").strip()


def wait_until_settled(page, selector: str) -> None:
    """Wait until no CSS transition runs and the first `selector` element's box is the same in two frames in a row."""
    page.wait_for_function(
        """sel => { const el = document.querySelector(sel);
                    if (!el) return false;
                    const r = el.getBoundingClientRect(), box = [r.x, r.y, r.width, r.height].join();
                    const moving = document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running');
                    const boxes = (window.__testBoxes ??= new WeakMap()), same = boxes.get(el) === box;
                    boxes.set(el, box);
                    return same && !moving; }""",
        arg=selector, polling="raf")


def all_results(page) -> list[dict]:
    """Every result of the current query (clicks "more" until all are shown)."""
    more = page.locator("[data-nzd-search-more]")
    while more.is_visible():
        before = page.locator(".md-search-result__item").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n", arg=before)
    return results(page)


# ---------------------------------------------------------------- browser

@pytest.mark.parametrize(
    ("plain", "marked", "expected"),
    [
        ("hai phong", "Hải Phòng", HP),
        ("binh duong", "Bình Dương", BD),
        ("ba ria vung tau", "Bà Rịa Vũng Tàu", BRVT),
        ("khu cong nghiep sinh thai", "khu công nghiệp sinh thái", HP),
    ],
)
def test_vietnamese_with_or_without_marks(page, plain: str, marked: str, expected: str) -> None:
    page.goto("/")
    search(page, plain)
    without = all_results(page)
    search(page, marked)
    with_marks = all_results(page)
    assert "/" + expected in hrefs(without)
    assert sorted(hrefs(without)) == sorted(hrefs(with_marks)), "with and without tone marks must find the same pages"


def test_d_with_stroke(page) -> None:
    """đ folds to d: "pham quoc dang" finds Phạm Quốc Đăng, "dai bieu" finds "đại biểu" (no alias
    holds that word), and results show đ, never the index's d + U+0335."""
    page.goto("/")
    plain = search(page, "pham quoc dang")
    assert "/" + BRVT in hrefs(plain)
    assert sorted(hrefs(plain)) == sorted(hrefs(search(page, "Phạm Quốc Đăng")))
    # No alias helps here: "dang" alone finds words written with đ in the text.
    assert any("đang" in [m.lower().strip(".,;:") for m in r["marks"]] for r in search(page, "dang"))
    found = search(page, "dai bieu")
    assert "/" + BD in hrefs(found)
    marks = [m for r in found for m in r["marks"]]
    assert any(fold(m).startswith("dai") and m.lower().startswith("đại") for m in marks), marks
    shown = page.text_content("[data-nzd-search-results]")
    assert STROKE not in shown and "Đ" in shown + page.text_content("[data-nzd-search-results]").upper()


@pytest.mark.parametrize("query", ["Đăng", "đang"])
def test_exact_marks_rank_first(page, query: str) -> None:
    """"dang", "Đăng" and "đang" fold alike; the page matching the marks as typed comes first."""
    page.goto("/")
    found = search(page, query)
    assert len(found) >= 2
    assert query.lower() in [m.lower().strip(".,;:") for m in found[0]["marks"]], found[0]


@pytest.mark.parametrize("query", ["Hai Phong", "Haiphong", "Hải Phòng"])
def test_english_finds_hai_phong_however_spelled(page, query: str) -> None:
    page.goto("/en/")
    assert "/en/" + HP in hrefs(search(page, query))


@pytest.mark.parametrize("query", ["Ba Ria - Vung Tau", "Bà Rịa – Vũng Tàu", "BRVT", "Vung Tau"])
def test_english_finds_ba_ria_vung_tau_however_spelled(page, query: str) -> None:
    page.goto("/en/")
    assert "/en/" + BRVT in hrefs(search(page, query))


def test_aliases_come_from_data(page, root: Path) -> None:
    """Every alias of the organisations and people of the Hải Phòng event finds it (aliases are data)."""
    orgs = {o["id"]: o for o in yaml.safe_load((root / "data" / "organisations.yaml").read_text(encoding="utf-8"))}
    people = {p["id"]: p for p in yaml.safe_load((root / "data" / "people.yaml").read_text(encoding="utf-8"))}
    aliases = orgs["hai-phong-economic-zone-authority"]["aliases"] + people["hoang-minh-cuong"]["aliases"]
    page.goto("/en/")
    for alias in aliases:
        assert "/en/" + HP in hrefs(search(page, alias)), alias


@pytest.mark.parametrize(("lang_path", "query"), [("/", "chuyen doi xanh"), ("/", "chuyển đổi xanh"), ("/en/", PHRASE_EN)])
def test_phrase_ranks_first(page, site: Path, lang_path: str, query: str) -> None:
    """Pages holding the whole phrase come before pages holding its words apart (first page of results)."""
    page.goto(lang_path)
    found = search(page, query)
    phrase = fold(query)

    def holds_phrase(href: str) -> bool:
        # The text the index holds for the page: its data-pagefind-body, less what is marked
        # data-pagefind-ignore and the indexer's EXCLUDE selectors (digest/publish/search_index.py).
        html = BeautifulSoup(prepare((site / href.lstrip("/") / "index.html").read_text(encoding="utf-8")), "html.parser")
        body = html.select_one("[data-pagefind-body]")
        for element in body.select(", ".join(["[data-pagefind-ignore]", *EXCLUDE])):
            element.decompose()
        words = re.findall(r"\w+", fold(body.get_text(" ").replace(STROKE, "")))
        return f" {phrase} " in f" {' '.join(words)} "

    flags = [holds_phrase(r["href"]) for r in found]
    assert True in flags and False in flags, (query, flags)
    assert flags == sorted(flags, reverse=True), f"phrase pages must come first: {list(zip(hrefs(found), flags, strict=True))}"


@pytest.mark.parametrize(("lang_path", "query"), [("/", "Net Zero"), ("/en/", "Net Zero"), ("/", "Sakai"), ("/en/", "Sakai")])
def test_language_scoping(page, lang_path: str, query: str) -> None:
    page.goto(lang_path)
    found = search(page, query)
    assert found
    if lang_path == "/en/":
        assert all(h.startswith("/en/") for h in hrefs(found)), hrefs(found)
    else:
        assert not any(h.startswith("/en/") for h in hrefs(found)), hrefs(found)


def test_people_figures_quotations_searchable(page) -> None:
    page.goto("/")
    assert "/" + HP in hrefs(search(page, "Marc E. Knapper"))          # person
    assert "/" + HP in hrefs(search(page, "Shinec"))                   # organisation
    assert "/" + HP in hrefs(search(page, "thập kỷ hành động"))        # quotation
    page.goto("/en/")
    assert "/en/" + HP in hrefs(search(page, "decade of action"))      # quotation, translated


@pytest.mark.parametrize(
    ("lang_path", "query", "expected"),
    [
        ("/", "khuyến khích áp dụng", BD),
        ("/", "khuyen khich ap dung", BD),
        ("/en/", "Fourth Industrial Revolution", BD),
        ("/", "Scotland", HP),
        ("/en/", "Scotland", HP),
    ],
)
def test_summary_text_searchable(page, lang_path: str, query: str, expected: str) -> None:
    """Words found only in an event's summary paragraphs (not its lead, key points or lists) find it, first."""
    page.goto(lang_path)
    assert hrefs(search(page, query))[0] == lang_path + expected


def test_result_shows_title_and_highlighted_snippet(page) -> None:
    page.goto("/en/")
    found = search(page, "Sakai")
    top = found[0]
    assert top["title"].strip() and "¶" not in top["title"]
    assert top["marks"] and all(fold(m).startswith("sakai") for m in top["marks"])
    assert re.fullmatch(r"\d+ results? for “Sakai”", status(page))


@pytest.mark.parametrize(("lang_path", "text"), [("/", "Không tìm thấy kết quả nào cho “xyzzyq”."), ("/en/", "No results for “xyzzyq”.")])
def test_no_results_in_page_language(page, lang_path: str, text: str) -> None:
    page.goto(lang_path)
    assert search(page, "xyzzyq") == []
    assert status(page) == text
    assert page.get_attribute("[data-nzd-search-status]", "role") == "status"


@pytest.mark.parametrize(("lang_path", "expected"), [("/?q=sakai", "/" + BRVT), ("/en/?q=sakai", "/en/" + BRVT), ("/en/about/?q=Haiphong", "/en/" + HP)])
def test_linked_search(page, lang_path: str, expected: str) -> None:
    page.goto(lang_path)
    page.wait_for_function("() => document.querySelector('[data-nzd-search]').dataset.nzdState === 'results'")
    assert page.is_checked("#__search")
    assert page.input_value("[data-nzd-search-input]") == urlsplit(lang_path).query.split("=", 1)[1]
    assert expected in hrefs(results(page))
    assert page.locator(".md-search-result__item").first.is_visible()


def test_url_follows_query(page) -> None:
    page.goto("/en/")
    search(page, "energy efficiency")
    assert urlsplit(page.url).query == "q=energy+efficiency"
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    assert urlsplit(page.url).query == ""


def test_keyboard(page) -> None:
    page.goto("/en/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('[data-nzd-search-input]')")
    page.keyboard.type("sakai")
    page.wait_for_function("() => document.querySelector('[data-nzd-search]').dataset.nzdState === 'results'")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and page.evaluate("document.activeElement.matches('.md-search-result__link')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('[data-nzd-search-input]')")
    page.keyboard.press("Enter")  # opens the first result
    page.wait_for_url(re.compile(re.escape(first.split("#")[0]) + r"$") if first.startswith("/") else re.compile(".*/en/.+"))
    assert urlsplit(page.url).path != "/en/"


def test_accessible_names(page) -> None:
    page.goto("/")
    assert page.get_attribute("[data-nzd-search-input]", "aria-label") == "Tìm kiếm"
    assert page.get_attribute("[data-nzd-search-open]", "aria-label") == "Tìm kiếm"
    page.goto("/en/")
    assert page.get_attribute("[data-nzd-search-input]", "aria-label") == "Search"
    assert page.locator("[role=search]").count() == 1


def test_phone_width(new_page) -> None:
    page = new_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page.goto("/")
    field = page.locator("[data-nzd-search-input]")
    assert page.locator(".md-search__inner").bounding_box()["width"] < 1  # closed: no field in the header
    page.click("[data-nzd-search-open]")
    assert page.get_attribute("[data-nzd-search-open]", "aria-expanded") == "true"
    assert field.is_visible() and field.bounding_box()["width"] > 200
    assert page.evaluate("document.activeElement.matches('[data-nzd-search-input]')")
    found = search(page, "hai phong")
    assert "/" + HP in hrefs(found)
    wait_until_settled(page, ".md-search-result__item")  # Material slides the search panel in (0.25 s transitions)
    box = page.locator(".md-search-result__item").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_same_origin_only_and_budget(browser, base_url) -> None:
    """No request to another origin; first-query bytes within budget (small corpus). The latency
    (`ms`) is not asserted: a wall-clock budget fails on a busy machine; `make bench` prints it."""
    for lang_path, query in (("/", "hai phong"), ("/en/", "sakai")):
        result = probe(base_url, lang_path, query, browser=browser, repeats=3)
        assert result["foreign"] == []
        assert result["count"] > 0
        assert 0 < result["bytes"] <= 300_000, result


# ---------------------------------------------------------------- phrase first beyond the first page

#: Made-up words, so the crafted pages are the only ones that hold them.
PHRASE_WORDS = ("zorbex", "quilfan")


@pytest.fixture(scope="module")
def phrase_site(site: Path, root: Path, tmp_path_factory) -> Path:
    """The built site plus 24 Vietnamese pages holding PHRASE_WORDS: 23 short ones holding them
    often but apart (Pagefind ranks them high), and one long page holding them once, side by
    side (Pagefind ranks it last), then indexed as `make site` does."""
    crafted = tmp_path_factory.mktemp("phrase") / "site"
    shutil.copytree(site, crafted, ignore=shutil.ignore_patterns("pagefind"))
    template = (crafted / HP / "index.html").read_text(encoding="utf-8")
    start = template.index('<article class="md-content__inner md-typeset">')
    end = template.index("</article>", start)
    one, two = PHRASE_WORDS

    def write(name: str, title: str, body: str) -> None:
        html = template[:start] + f'<article class="md-content__inner md-typeset"><div data-pagefind-body><h1>{title}</h1><p>{body}</p></div>' + template[end:]
        (crafted / "thu-cum-tu" / name).mkdir(parents=True)
        (crafted / "thu-cum-tu" / name / "index.html").write_text(html, encoding="utf-8")

    for n in range(23):
        write(f"rai-rac-{n}", f"Rải rác {n}", " ".join([one, "và", two, "cùng", one, "với", two, "rồi"] * 3))
    write("cum-tu", "Cụm từ", " ".join(["hội thảo về chuyển đổi xanh"] * 60) + f" {one} {two} " + " ".join(["năng lượng tái tạo"] * 60))
    index_site(crafted)
    return crafted


@pytest.fixture(scope="module")
def phrase_url(phrase_site: Path):
    """phrase_site over HTTP (its own server, for as long as the module's tests run)."""
    with serve(phrase_site) as url:
        yield url


def test_phrase_first_beyond_first_page(desktop_page, phrase_url: str) -> None:
    """The one page holding the phrase comes first although Pagefind ranks it below the first page of results."""
    page = desktop_page(base_url=phrase_url)
    page.goto("/")
    engine_order = page.evaluate(
        """async (q) => { const m = await import('/pagefind/pagefind.js'); await m.options({ baseUrl: '/' });
                           const r = await m.search(q); return (await Promise.all(r.results.map(x => x.data()))).map(d => d.url); }""",
        " ".join(PHRASE_WORDS))
    assert len(engine_order) == 24 and engine_order.index("/thu-cum-tu/cum-tu/") >= 10, engine_order
    found = search(page, " ".join(PHRASE_WORDS))
    assert hrefs(found)[0] == "/thu-cum-tu/cum-tu/", hrefs(found)
