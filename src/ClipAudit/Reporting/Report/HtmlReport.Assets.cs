namespace ClipAudit.Reporting.Report;

/// <summary>report.html's inline style and script: no fonts, images or code are fetched when the file is opened.</summary>
internal static partial class HtmlReport
{
    private const string Style = """
        :root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --head: #dde6f0; --zebra: #f6f8fa; --accent: #0b5cad; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 1.7em; margin: 0.2em 0 0.4em; }
        h2 { font-size: 1.35em; margin: 1.6em 0 0.5em; padding-top: 0.4em; border-top: 2px solid var(--line); }
        h3 { font-size: 1.1em; margin: 1.4em 0 0.4em; }
        p.note, p.caption, figcaption { color: var(--muted); font-size: 0.9em; }
        p.caption { font-weight: bold; color: var(--ink); margin-bottom: 0.3em; }
        p.synthetic { border-left: 4px solid #c0392b; padding: 6px 10px; background: #fdf0ef; }
        nav { margin: 1em 0; font-size: 0.92em; }
        nav a { color: var(--accent); }
        dl.details { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0.6em 0; }
        dl.details dt { font-weight: bold; }
        dl.details dd { margin: 0; overflow-wrap: anywhere; }
        .table { margin: 1em 0 1.4em; overflow-x: auto; }
        .tools { margin: 0.2em 0 0.4em; font-size: 0.9em; }
        .tools input { font: inherit; padding: 2px 6px; min-width: 16em; }
        .tools .count { color: var(--muted); margin-left: 0.6em; }
        table.data { border-collapse: collapse; font-size: 0.88em; width: 100%; }
        table.data th, table.data td { border: 1px solid var(--line); padding: 3px 7px; vertical-align: top; }
        table.data thead th { background: var(--head); text-align: left; }
        table.data tbody tr:nth-child(even) { background: var(--zebra); }
        table.data .num { text-align: right; white-space: nowrap; }
        table.data th.num { text-align: right; }
        button.sort { font: inherit; font-weight: bold; border: 0; background: none; padding: 0; cursor: pointer; text-align: inherit; color: inherit; }
        th[aria-sort="ascending"] button.sort::after { content: " ▲"; }
        th[aria-sort="descending"] button.sort::after { content: " ▼"; }
        figure { margin: 1em 0 1.4em; }
        figure svg { width: 100%; height: auto; display: block; }
        footer { max-width: 1100px; margin: 0 auto; padding: 12px 28px 28px; color: var(--muted); font-size: 0.85em; border-top: 1px solid var(--line); }
        @media print {
          body { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          nav, .tools { display: none; }
          tbody tr[hidden] { display: table-row; }
          h2 { break-before: page; border-top: 0; }
          figure, tr { break-inside: avoid; }
          .table { overflow: visible; }
        }
        """;

    private const string Script = """
        (function () {
          "use strict";
          function key(cell) {
            var text = cell.textContent.trim();
            var number = text.replace(/\u2212/g, "-").replace(/,/g, "").replace(/^[<>=]\s*/, "").match(/^[+-]?\d+(\.\d+)?/);
            return number ? parseFloat(number[0]) : text.toLowerCase();
          }
          function compare(a, b) {
            var na = typeof a === "number", nb = typeof b === "number";
            if (na && nb) { return a - b; }
            if (na !== nb) { return na ? -1 : 1; }
            return a < b ? -1 : a > b ? 1 : 0;
          }
          document.querySelectorAll("div.table").forEach(function (wrap) {
            var table = wrap.querySelector("table.data");
            var input = wrap.querySelector("input.filter");
            var count = wrap.querySelector(".count");
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            function update() {
              var query = input.value.trim().toLowerCase();
              var shown = 0;
              rows.forEach(function (row) {
                var visible = query === "" || row.textContent.toLowerCase().indexOf(query) >= 0;
                row.hidden = !visible;
                if (visible) { shown++; }
              });
              count.textContent = shown + " of " + rows.length + " rows";
            }
            input.addEventListener("input", update);
            var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
            headers.forEach(function (th, index) {
              th.querySelector("button.sort").addEventListener("click", function () {
                var direction = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
                headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
                th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
                var order = rows.map(function (row, position) { return { row: row, key: key(row.cells[index]), position: position }; });
                order.sort(function (a, b) { return direction * compare(a.key, b.key) || a.position - b.position; });
                order.forEach(function (item) { body.appendChild(item.row); });
              });
            });
            update();
          });
        })();
        """;
}
