/* Net Zero Vietnam Digest: copy-the-citation buttons, sortable tables, and the evidence behind source markers.
   Pages work without it (a marker then links to its source). */
(() => {
  "use strict";

  /** Copy by selecting a hidden text area: for pages without the Clipboard API (plain HTTP) or when it refuses. */
  const fallbackCopy = (text) => {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch { /* nothing more to try */ }
    document.body.removeChild(area);
  };

  const copyCitation = (button) => {
    const block = button.closest(".nzd-cite-block");
    const text = block.querySelector(".nzd-citation").textContent;
    const status = block.querySelector(".nzd-copy-status");
    const done = () => { status.textContent = button.dataset.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  };

  /** A cell's sort key: its data-sort, else its text; numbers compare as numbers, text case-insensitively. */
  const sortKey = (cell) => {
    const key = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    return /^-?\d+(\.\d+)?$/.test(key) ? parseFloat(key) : key.toLocaleLowerCase();
  };

  const makeSortable = (table) => {
    const headers = table.querySelectorAll("thead th[aria-sort]");
    headers.forEach((th) => {
      const column = [...th.parentNode.children].indexOf(th);
      const button = document.createElement("button");
      button.type = "button";
      button.className = "nzd-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach((other) => other.setAttribute("aria-sort", "none"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const rows = [...body.rows];
        rows.sort((a, b) => {
          const x = sortKey(a.cells[column]);
          const y = sortKey(b.cells[column]);
          const order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach((row) => body.appendChild(row));
      });
    });
  };

  /** A node of the event's JSON at a dotted path ("key_points.3", "discrepancies.0.versions.1"). */
  const at = (json, path) => path.split(".").reduce((node, key) => (node == null ? node : node[key]), json);

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /**
   * Evidence: each source marker of a statement (a[data-ev]) opens, below the statement (or below its table
   * row), the passage of that source that supports it, read from the event's JSON (fetched once). The
   * passage keeps its Vietnamese (lang="vi"); an English page adds the translation, marked as such.
   * Enter or a click toggles it; the marker says so to screen readers (aria-expanded, aria-describedby).
   */
  const evidence = () => {
    const config = document.getElementById("nzd-ev");
    if (!config) return;
    let loading = null;
    let serial = 0;
    const load = () => {
      loading = loading || fetch(config.dataset.json).then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      });
      return loading;
    };
    const sourceLink = (marker, name) => {
      const link = element("a", "nzd-ev__source", `— ${name}`);
      link.href = marker.getAttribute("href");
      return link;
    };
    const fill = (box, json, marker) => {
      const id = decodeURIComponent(marker.hash.slice("#source-".length));
      const item = at(json, marker.dataset.ev) || {};
      const source = (json.sources || []).find((s) => s.id === id) || {};
      box.replaceChildren();
      (item.evidence || []).filter((passage) => passage.source === id).forEach((passage) => {
        const quote = element("q", "nzd-ev__text", passage.text);
        quote.lang = "vi";
        box.append(quote);
        if (config.dataset.lang === "en" && passage.en) {
          const translation = element("span", "nzd-ev__translation");
          translation.lang = "en";
          translation.append(element("span", "nzd-translation__label", `${config.dataset.translation}:`), ` “${passage.en}”`);
          box.append(translation);
        }
      });
      const title = source.publisher || source.headline;
      box.append(sourceLink(marker, `${config.dataset.source} ${marker.textContent}${title ? `: ${title}` : ""}`));
    };
    const open = (marker) => {
      const box = element("span", "nzd-ev__box");
      box.id = `nzd-ev-${++serial}`;
      const cell = marker.closest("td");
      let holder = box;
      if (cell) {
        // In a table the passage takes the row's whole width, in a row of its own.
        holder = element("tr", "nzd-ev-row");
        const wide = element("td");
        wide.colSpan = cell.parentElement.cells.length;
        wide.append(box);
        holder.append(wide);
        cell.parentElement.after(holder);
      } else {
        marker.closest(".nzd-cite").after(box);
      }
      marker.nzdHolder = holder;
      marker.setAttribute("aria-controls", box.id);
      box.textContent = "…";
      load().then((json) => fill(box, json, marker), () => {
        box.replaceChildren(`${config.dataset.failed} `, sourceLink(marker, `${config.dataset.source} ${marker.textContent}`));
      });
    };
    document.addEventListener("click", (event) => {
      const marker = event.target.closest && event.target.closest("a[data-ev]");
      if (!marker || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (!marker.nzdHolder) {
        open(marker);
      } else {
        marker.nzdHolder.hidden = !marker.nzdHolder.hidden;
      }
      marker.setAttribute("aria-expanded", String(!marker.nzdHolder.hidden));
    });
    document.querySelectorAll("a[data-ev]").forEach((marker) => {
      marker.setAttribute("aria-expanded", "false");
      marker.setAttribute("aria-describedby", "nzd-ev");
    });
  };

  const init = () => {
    document.querySelectorAll(".nzd-copy").forEach((button) => {
      button.addEventListener("click", () => copyCitation(button));
    });
    document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
    evidence();
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
