/* Net Zero Vietnam Digest: copy-the-citation buttons and sortable tables. Pages work without it. */
(function () {
  "use strict";

  function copyCitation(button) {
    var block = button.closest(".nzd-cite-block");
    var text = block.querySelector(".nzd-citation").textContent;
    var status = block.querySelector(".nzd-copy-status");
    var done = function () { status.textContent = button.dataset.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  function sortKey(cell) {
    var key = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    return /^-?\d+(\.\d+)?$/.test(key) ? parseFloat(key) : key.toLocaleLowerCase();
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th[aria-sort]");
    headers.forEach(function (th) {
      var column = Array.prototype.indexOf.call(th.parentNode.children, th);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "nzd-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column]), y = sortKey(b.cells[column]);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function init() {
    document.querySelectorAll(".nzd-copy").forEach(function (button) {
      button.addEventListener("click", function () { copyCitation(button); });
    });
    document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
