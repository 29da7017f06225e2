// Client-side search over window.errcatIndex (loaded from search-index.js
// by a plain <script> tag, so it works when the site is opened from file://).
// Every whitespace-separated term must occur in the code, domain or a
// message; matching is case-insensitive substring matching, which also
// finds Chinese words of any length.
(function () {
  "use strict";
  var index = window.errcatIndex || [];
  var q = document.getElementById("q");
  var list = document.getElementById("results");
  var count = document.getElementById("count");
  var limit = 100;
  var hay = index.map(function (it) {
    return (it.code + "\n" + it.domain + "\n" + it.text).toLowerCase();
  });
  function render() {
    var terms = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (terms.length === 0) {
      count.textContent = "";
      return;
    }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var h = hay[i];
      if (terms.every(function (t) { return h.indexOf(t) >= 0; })) {
        hits.push(index[i]);
      }
    }
    var zh = /^zh\b/i.test(document.documentElement.lang);
    count.textContent = zh ? hits.length + " 个结果" : hits.length + (hits.length === 1 ? " match" : " matches");
    hits.slice(0, limit).forEach(function (it) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = it.href;
      a.textContent = it.code;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" " + it.domain + (it.status ? " · " + it.status : "") + " — " + it.message));
      list.appendChild(li);
    });
  }
  q.addEventListener("input", render);
  var p = new URLSearchParams(window.location.search).get("q");
  if (p) {
    q.value = p;
  }
  render();
})();
