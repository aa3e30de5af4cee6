/* Net Zero Vietnam Digest: copy-the-citation buttons and sortable tables. Pages work without it. */
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

  const init = () => {
    document.querySelectorAll(".nzd-copy").forEach((button) => {
      button.addEventListener("click", () => copyCitation(button));
    });
    document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
