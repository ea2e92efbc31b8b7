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
  // compare page: a chosen text file fills its textarea (read here, nothing is sent until submit)
  Array.prototype.forEach.call(document.querySelectorAll("input[type=file][data-into]"), function (inp) {
    inp.addEventListener("change", function () {
      var f = inp.files && inp.files[0];
      var into = document.getElementById(inp.getAttribute("data-into"));
      if (f && into) { f.text().then(function (t) { into.value = t; }); }
    });
  });
  // filters: a checkbox puts its class on <body>; the CSS hides the rows the server tagged
  Array.prototype.forEach.call(document.querySelectorAll("input[data-hide]"), function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle(box.getAttribute("data-hide"), box.checked);
    });
  });
  var next = document.getElementById("next");
  var prev = document.getElementById("prev");
  if (next) { next.addEventListener("click", function () { go(1); }); }
  if (prev) { prev.addEventListener("click", function () { go(-1); }); }
  if (pos && data.matches.length) { pos.textContent = data.matches.length + " matches"; }
})();
