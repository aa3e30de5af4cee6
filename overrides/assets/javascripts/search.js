/*
 * Net Zero Vietnam Digest: site search.
 *
 * Drives the search control of partials/nzd-search.html with Pagefind's JavaScript API
 * (pagefind/pagefind.js, written by digest/publish/search_index.py). Pagefind picks the index of
 * the page's <html lang>, so a Vietnamese page searches Vietnamese pages only and an
 * English page English pages only, and downloads only the index chunks a query needs.
 *
 * - đ/Đ: the index holds them as d/D + U+0335 (digest/fold.py, mark_stroke) so that
 *   Pagefind's mark folding turns them into d; `markStroke` writes the query the same
 *   way and `unmarkStroke` restores đ in titles and excerpts.
 * - Indexes: the pages of the kind listed first (digest/site.py SEARCH_FIRST: events) are indexed apart, in shards, from the other pages
 *   (digest/publish/search_index.py); pagefind/nzd-indexes.json lists each language's indexes
 *   and their group. The primary index is loaded as Pagefind's own, the others with
 *   `mergeIndex`, so one search reads them all and returns one list in Pagefind's order.
 * - Ranking (ARCHITECTURE.md, "Search ranking"): results come in two groups, event pages
 *   first, then every other page. The indexes of the first group are merged with the weight
 *   FIRST_WEIGHT, which Pagefind multiplies their scores by: its merged list holds them first,
 *   and a result's group is known from its score before its fragment loads, so the whole list
 *   is ordered before paging. Within a group: Pagefind's order (BM25; exact tone marks weigh
 *   more than folded matches; event shards merged by score), pages
 *   whose matched words may hold the whole phrase moved ahead (`phraseFirst`), then the
 *   first page of results (the ones loaded) is ordered by `rerank`: pages holding the whole
 *   phrase first, then pages matching the tone marks as typed. (Pagefind's own quoted
 *   phrase search was not used: it missed phrases on long pages and doubled the query time.)
 * - Each result says what it is, in the page's language: its kind's word (`kinds` in the
 *   words, templates/labels.yaml; Pagefind metadata `kind`) and, for an event, its date and
 *   place as the page gives them, inferred parts marked (metadata `event_date`, `event_place`).
 * - `?q=…` in the URL opens the search with that query; the URL follows the query.
 * - When results are shown, the document receives a `nzd-search:done` event whose
 *   detail is {query, count, ms} (ms: from the input to the results in the page); the
 *   benchmark probe (tools/search_probe.py) and the tests listen for it.
 * - States (`data-nzd-state` on the search root): idle, searching, results, empty, error.
 *   When Pagefind cannot be loaded, or rejects during a query or "more" (an index file
 *   or a result's fragment fails to load), the status line says so (`error`), the state
 *   is "error", the results are cleared and no `nzd-search:done` event is sent.
 * - Keyboard: `/`, `s` or `f` opens the search (not while typing in a field, nor with
 *   Ctrl, Alt or Meta); ↓/↑ move between the field and the results; Esc closes it;
 *   Enter in the field opens the first result, Enter on a result opens that result.
 * No request leaves the site's origin.
 */
(() => {
  "use strict";

  const PAGE_SIZE = 10;
  const STROKE = "\u0335";
  /**
   * The weight of the indexes listed first, and the score that separates the groups. A match scores
   * above 1e-5 (BM25 of one word on every page of a shard, in the hidden block of half weight) and
   * far below 1e5 (a score is a sum of a few terms per query word), so every weighted first-group
   * score is above FIRST_SCORE and every other score below it.
   */
  const FIRST_WEIGHT = 2 ** 40;
  const FIRST_SCORE = 2 ** 20;

  const root = document.querySelector("[data-nzd-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;

  const words = JSON.parse(root.dataset.nzdWords);
  const input = root.querySelector("[data-nzd-search-input]");
  const form = root.querySelector("[data-nzd-search-form]");
  const status = root.querySelector("[data-nzd-search-status]");
  const list = root.querySelector("[data-nzd-search-results]");
  const more = root.querySelector("[data-nzd-search-more]");
  const openButton = document.querySelector("[data-nzd-search-open]");
  const siteRoot = new URL(root.dataset.nzdRoot, document.baseURI);
  root.dataset.nzdState = "idle";

  /** Normalise a query the way the index was written: NFC, đ/Đ as d/D + U+0335. */
  const markStroke = (text) => text.normalize("NFC").replace(/đ/g, "d" + STROKE).replace(/Đ/g, "D" + STROKE);
  /** Restore đ/Đ in text that comes from the index. */
  const unmarkStroke = (text) => text.replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");
  const say = (key, values = {}) => words[key].replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");

  let pagefind = null;
  /**
   * Load Pagefind once, lazily (first focus or first query): its script and the list of indexes,
   * then the primary index and every other index of the page's language, each weighted by group.
   */
  const load = () => {
    if (!pagefind) {
      const indexes = fetch(new URL("pagefind/nzd-indexes.json", siteRoot)).then((response) => {
        if (!response.ok) throw new Error(`indexes: ${response.status}`);
        return response.json();
      });
      pagefind = Promise.all([import(new URL("pagefind/pagefind.js", siteRoot).href), indexes]).then(async ([module, all]) => {
        const lang = (document.documentElement.lang || "unknown").toLowerCase();
        const mine = all[lang] || [["", 1]];
        const options = (group) => ({ baseUrl: siteRoot.pathname, excerptLength: 30, indexWeight: group === 0 ? FIRST_WEIGHT : 1 });
        await module.options(options(mine.find(([folder]) => folder === "")[1]));
        await module.init();
        await Promise.all(mine.filter(([folder]) => folder !== "")
          .map(([folder, group]) => module.mergeIndex(new URL(`pagefind/${folder}`, siteRoot).pathname, options(group))));
        return module;
      });
      pagefind.catch(() => { pagefind = null; });
    }
    return pagefind;
  };

  /** 0 for a page listed first (its index's weight lifts its score over FIRST_SCORE), 1 for any other. */
  const groupOf = (result) => (result.score >= FIRST_SCORE ? 0 : 1);

  /** The pages listed first, then the others, each group in the order given. */
  const byGroup = (results) => [
    ...results.filter((result) => groupOf(result) === 0),
    ...results.filter((result) => groupOf(result) === 1),
  ];

  /** What a result is, in the page's language: "Sự kiện · 17/01/2024 · Hải Phòng", "Địa phương". */
  const kindLine = (data) => {
    const kind = data.meta.kind;
    if (!kind || !words.kinds[kind]) return "";
    return [words.kinds[kind], data.meta.event_date, data.meta.event_place].filter(Boolean).map(unmarkStroke).join(" · ");
  };

  /** Excerpt HTML from Pagefind → DOM nodes: text and <mark> only, nothing else survives. */
  const excerptNodes = (html) => {
    const template = document.createElement("template");
    template.innerHTML = unmarkStroke(html);
    const out = document.createDocumentFragment();
    const walk = (node, into) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) into.append(child.textContent);
        else if (child.nodeName === "MARK") { const mark = document.createElement("mark"); walk(child, mark); into.append(mark); }
        else walk(child, into);
      }
    };
    walk(template.content, out);
    return out;
  };

  const resultItem = (data) => {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h2");
    title.className = "nzd-search-result__title";
    title.textContent = unmarkStroke(data.meta.title || data.url);
    article.append(title);
    const kind = kindLine(data);
    if (kind) {
      const line = document.createElement("p");
      line.className = "nzd-search-result__kind";
      line.textContent = kind;
      article.append(line);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "nzd-search-result__excerpt";
    excerpt.append(excerptNodes(data.excerpt || ""));
    article.append(excerpt);
    link.append(article);
    item.append(link);
    return item;
  };

  let sequence = 0;
  let ordered = [];
  let shown = 0;
  let currentQuery = "";

  /** The engine failed (query `id`): say so, drop the results, state "error". Ignored if a newer query started. */
  const fail = (id) => {
    if (id !== sequence) return;
    ordered = [];
    shown = 0;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = say("error");
    root.dataset.nzdState = "error";
  };

  /** Show the next page of results of query `id`; false if it failed or a newer query started. */
  const showMore = async (id) => {
    const slice = ordered.slice(shown, shown + PAGE_SIZE);
    let data;
    try {
      data = await Promise.all(slice.map((result) => result.data()));
    } catch {
      fail(id);
      return false;
    }
    if (id !== sequence) return false;
    for (const item of data) list.append(resultItem(item));
    shown += slice.length;
    more.hidden = shown >= ordered.length;
    return true;
  };

  const clear = (message) => {
    sequence += 1;
    ordered = [];
    shown = 0;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = message;
    root.dataset.nzdState = "idle";
  };

  /** Words of a text for exact comparison: NFC, lower case, đ restored. */
  const wordsOf = (text) => unmarkStroke(text).normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const strip = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");

  /**
   * Order the loaded results (first page) within their groups (`group[i]` is the group of
   * `data[i]`: 0 listed first, 1 the others): pages holding the whole phrase first (folded
   * comparison: Pagefind's own quoted search misses phrases on some long pages), then, for a
   * query typed with marks, pages holding its words with exactly those marks; the order so
   * far otherwise.
   */
  const rerank = (data, group, query, isPhrase) => {
    const queryWords = wordsOf(query);
    const phrase = ` ${strip(queryWords.join(" "))} `;
    const hasMarks = /[^\u0000-\u007f]/.test(query);
    const keyed = data.map((item, index) => {
      const words = wordsOf(item.content || "");
      const holdsPhrase = isPhrase && ` ${strip(words.join(" "))} `.includes(phrase);
      const exact = hasMarks && queryWords.every((word) => words.includes(word));
      return { item, index, key: group[index] * 4 + (holdsPhrase ? 0 : 2) + (exact ? 0 : 1) };
    });
    keyed.sort((a, b) => a.key - b.key || a.index - b.index);
    return keyed.map((entry) => entry.item);
  };

  /**
   * Whether a result's matched word positions (Pagefind's `words`, known before its
   * fragment loads) hold `length` consecutive words. A page holding the whole phrase always
   * does, so these pages are moved ahead of all others before the first page is loaded, and
   * `rerank` then checks the phrase on their text.
   */
  const hasRun = (positions, length) => {
    const sorted = [...new Set(positions)].sort((a, b) => a - b);
    let run = 1;
    for (let i = 1; i < sorted.length && run < length; i += 1) {
      run = sorted[i] === sorted[i - 1] + 1 ? run + 1 : 1;
    }
    return sorted.length > 0 && run >= length;
  };

  /** Pagefind's results with the possible phrase holders first, each group in Pagefind's order. */
  const phraseFirst = (results, length) => {
    if (length < 2) return results;
    const holds = results.map((result) => hasRun(result.words || [], length));
    return [...results.filter((_, i) => holds[i]), ...results.filter((_, i) => !holds[i])];
  };

  /** Run a query; results replace the list unless a newer query started meanwhile. */
  const search = async (raw) => {
    const started = performance.now();
    const query = raw.trim().replace(/\s+/g, " ");
    currentQuery = query;
    syncUrl(query);
    if (!query) { clear(say("hint")); return; }
    const id = ++sequence;
    root.dataset.nzdState = "searching";
    const marked = markStroke(query);
    const terms = marked.replace(/"/g, " ").trim().split(/\s+/).filter(Boolean);
    let found;
    let data;
    try {
      const engine = await load();
      const loose = await engine.search(marked);
      if (id !== sequence) return;
      found = byGroup(phraseFirst(loose ? loose.results : [], terms.length));
      data = await Promise.all(found.slice(0, PAGE_SIZE).map((result) => result.data()));
    } catch {
      fail(id);
      return;
    }
    if (id !== sequence) return;
    ordered = found;
    const fresh = document.createDocumentFragment();
    const firstPage = ordered.slice(0, PAGE_SIZE);
    data = rerank(data, firstPage.map(groupOf), query, terms.length > 1);
    for (const item of data) fresh.append(resultItem(item));
    list.replaceChildren(fresh);
    shown = firstPage.length;
    more.hidden = shown >= ordered.length;
    const count = ordered.length;
    status.textContent = count === 0 ? say("none", { q: query }) : say(count === 1 ? "one" : "other", { n: count, q: query });
    root.dataset.nzdState = count ? "results" : "empty";
    const ms = performance.now() - started;
    document.dispatchEvent(new CustomEvent("nzd-search:done", { detail: { query, count, ms } }));
  };

  /** Keep `?q=` in the address while the search is open, so a search can be linked. */
  const syncUrl = (query) => {
    const url = new URL(location.href);
    if (query && toggle.checked) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    if (url.href !== location.href) history.replaceState(history.state, "", url);
  };

  const open = (focus = true) => {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    if (focus) input.focus();
  };
  const close = () => {
    if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
  };

  toggle.addEventListener("change", () => {
    root.classList.toggle("nzd-search--open", toggle.checked);
    if (openButton) openButton.setAttribute("aria-expanded", String(toggle.checked));
    if (toggle.checked) { load().catch(() => {}); input.focus(); syncUrl(currentQuery); }
    else { syncUrl(""); if (document.activeElement && root.contains(document.activeElement)) document.activeElement.blur(); }
  });

  if (openButton) openButton.addEventListener("click", () => open());
  root.querySelectorAll("[data-nzd-search-close]").forEach((element) => element.addEventListener("click", () => close()));
  input.addEventListener("focus", () => open(false));
  input.addEventListener("input", () => { search(input.value); });
  form.addEventListener("reset", () => { setTimeout(() => { search(""); input.focus(); }); });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const firstLink = list.querySelector("a");
    if (firstLink) firstLink.click();
  });
  more.addEventListener("click", async () => {
    const before = shown;
    if (await showMore(sequence)) {
      const next = list.children[before];
      if (next) next.querySelector("a").focus();
    }
  });

  /**
   * Keyboard: `/`, `s` or `f` opens the search (outside fields, without Ctrl/Alt/Meta); while it
   * is open, ↓/↑ move between the field and the results and Esc closes it. Enter is not handled
   * here: in the field it submits the form (first result), on a result it follows the link.
   */
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!toggle.checked) {
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      if (openButton && getComputedStyle(openButton).display !== "none") openButton.focus();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll("a")];
    if (!links.length) return;
    const index = links.indexOf(document.activeElement);
    if (target !== input && index < 0) return;
    event.preventDefault();
    if (event.key === "ArrowDown") (links[index + 1] || links[links.length - 1]).focus();
    else if (index <= 0) input.focus();
    else links[index - 1].focus();
  });

  /** A linked search: ?q=… opens the search with that query. */
  const linked = new URLSearchParams(location.search).get("q");
  if (linked) {
    input.value = linked;
    open();
    search(linked);
  }
})();
