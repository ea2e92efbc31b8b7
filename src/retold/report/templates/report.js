(function () {
  "use strict";
  // Only moves highlights: every fact shown was rendered by the server; this reads ids from a JSON block.
  var el = document.getElementById("retold-data");
  var data = el ? JSON.parse(el.textContent) : { partners: {}, matches: [] };
  var lit = [];
  var cur = -1;
  var pos = document.getElementById("pos");

  function clear() {
    lit.forEach(function (e) { e.classList.remove("hl", "hl-self"); });
    lit = [];
  }
  function select(sid) {
    clear();
    var group = data.partners[sid] || [sid];
    group.forEach(function (id) {
      var e = document.getElementById(id);
      if (e) { e.classList.add(id === sid ? "hl-self" : "hl"); lit.push(e); }
    });
    var k = data.matches.indexOf(matchOf(sid));
    if (k >= 0) { show(k); }
  }
  function matchOf(sid) {
    var e = document.getElementById(sid);
    var row = e ? e.closest("tr.row") : null;
    return row && row.id ? row.id : null;
  }
  function show(k) {
    cur = k;
    if (pos) { pos.textContent = "match " + (k + 1) + " of " + data.matches.length; }
  }
  function go(step) {
    var n = data.matches.length;
    var k = cur < 0 ? (step > 0 ? -1 : n) : cur;
    for (var tries = 0; tries < n; tries++) {  // the next match a filter does not hide
      k = (k + step + n) % n;
      var row = document.getElementById(data.matches[k]);
      if (row && row.offsetParent !== null) {
        var first = row.querySelector(".s");
        if (first) { select(first.id); }
        show(k);
        row.scrollIntoView({ block: "center" });
        return;
      }
    }
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!t || !t.closest || t.closest("a, button, form")) { return; }
    var s = t.closest(".s");
    var cell = s ? null : t.closest("td.side");  // between the lines of a sentence: its cell's first
    if (cell) { s = cell.querySelector(".s"); }
    if (s) { select(s.id); }
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (t && (t.tagName === "TEXTAREA" || t.tagName === "INPUT")) { return; }
    if (ev.key === "Enter" && t && t.classList && t.classList.contains("s")) { select(t.id); }
    else if (ev.key === "j") { go(1); }
    else if (ev.key === "k") { go(-1); }
  });
  var hovered = [];
  document.addEventListener("mouseover", function (ev) {
    var s = ev.target && ev.target.closest ? ev.target.closest(".s") : null;
    hovered.forEach(function (e) { e.classList.remove("hv"); });
    hovered = [];
    if (!s) { return; }
    (data.partners[s.id] || [s.id]).forEach(function (id) {
      var e = document.getElementById(id);
      if (e) { e.classList.add("hv"); hovered.push(e); }
    });
  });
  // filters: a checkbox puts its class on <body>; the CSS hides the rows the server tagged. The state
  // is written back into the markup (defaultChecked), so "download HTML" saves the view as shown.
  function filter(box) {
    document.body.classList.toggle(box.getAttribute("data-hide"), box.checked);
    box.defaultChecked = box.checked;
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-hide]"), function (box) {
    box.addEventListener("change", function () { filter(box); });
    filter(box);
  });
  // the group chooser: only the rows of the chosen group stay (the server put each row's group in its class)
  var chooser = document.getElementById("group");
  function choose() {
    (chooser.getAttribute("data-groups") || "").split(" ").forEach(function (k) {
      if (k) { document.body.classList.toggle("only-" + k, chooser.value === k); }
    });
    Array.prototype.forEach.call(chooser.options, function (o) { o.defaultSelected = o.selected; });
  }
  if (chooser) { chooser.addEventListener("change", choose); choose(); }
  // export: files made here from what the page holds (no request); the JSON is the server's, as rendered
  function save(name, type, text) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function shown() {
    return data.matches.filter(function (rid) {
      var row = document.getElementById(rid);
      return row && row.offsetParent !== null;
    }).map(function (rid) { return Number(rid.slice(rid.lastIndexOf("-") + 1)); });
  }
  function unpack(b64) {  // base64 of UTF-8 JSON (article text never sits in a script as words)
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return JSON.parse(new TextDecoder("utf-8").decode(bytes));
  }
  var toJson = document.getElementById("export-json");
  var toHtml = document.getElementById("export-html");
  if (toJson && data.export) {
    toJson.addEventListener("click", function () {
      var boxes = {};
      Array.prototype.forEach.call(document.querySelectorAll("input[data-hide]"), function (b) {
        boxes[b.getAttribute("data-hide").replace("-", "_")] = b.checked;
      });
      var saved = unpack(data.export);
      var out = { schema: "retold.view/1", comparison: saved.comparison, groups: saved.groups,
        view: { hide_short: !!boxes.hide_short, hide_quotes: !!boxes.hide_quotes,
          group: chooser && chooser.value ? chooser.value : null, shown_matches: shown() } };
      save("retold-comparison.json", "application/json", JSON.stringify(out, null, 2));
    });
  }
  if (toHtml) {
    toHtml.addEventListener("click", function () {
      clear();
      hovered.forEach(function (e) { e.classList.remove("hv"); });
      save("retold-report.html", "text/html", "<!doctype html>\n" + document.documentElement.outerHTML);
    });
  }
  // sources page: ticking a source off re-posts the form, and the server recomputes the figures
  Array.prototype.forEach.call(document.querySelectorAll("input[data-submit]"), function (box) {
    box.addEventListener("change", function () {
      var f = document.getElementById(box.getAttribute("data-submit"));
      if (f) { f.submit(); }
    });
  });
  var next = document.getElementById("next");
  var prev = document.getElementById("prev");
  if (next) { next.addEventListener("click", function () { go(1); }); }
  if (prev) { prev.addEventListener("click", function () { go(-1); }); }
  if (pos && data.matches.length) { pos.textContent = data.matches.length + " matches"; }
})();
