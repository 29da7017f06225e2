// Progressive enhancement only: every page works without this script.
document.addEventListener("DOMContentLoaded", function () {
  // Apply a domain page's filters as soon as one changes.
  document.querySelectorAll("form.filters select").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });

  // Copy buttons: shown only when the clipboard can be written.
  if (navigator.clipboard && window.isSecureContext !== false) {
    document.querySelectorAll("button.copy").forEach(function (b) {
      b.hidden = false;
      var label = b.textContent;
      b.addEventListener("click", function () {
        var el = document.querySelector(b.getAttribute("data-copy"));
        if (!el) return;
        navigator.clipboard.writeText(el.textContent).then(function () {
          b.textContent = b.getAttribute("data-done") || label;
          setTimeout(function () { b.textContent = label; }, 1500);
        });
      });
    });
  }

  // A decoded result is scrolled into view and focused.
  var result = document.getElementById("decode-result");
  if (result) { result.focus({ preventScroll: true }); result.scrollIntoView({ block: "start" }); }

  // Keyboard shortcuts: "/" search, "g d" domains, "g r" decode, "?" help.
  var keys = document.getElementById("keys");
  var opener = null;
  function openHelp() {
    if (!keys) return;
    opener = document.activeElement;
    keys.hidden = false;
    keys.focus();
  }
  function closeHelp() {
    if (!keys || keys.hidden) return;
    keys.hidden = true;
    if (opener && opener.focus) opener.focus();
  }
  document.querySelectorAll(".keys-open").forEach(function (a) {
    a.addEventListener("click", function (ev) { ev.preventDefault(); openHelp(); });
  });
  if (keys) {
    keys.querySelector(".keys-close").addEventListener("click", closeHelp);
    keys.addEventListener("click", function (ev) { if (ev.target === keys) closeHelp(); });
  }
  var pendingG = 0;
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { closeHelp(); return; }
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
    if (pendingG && Date.now() - pendingG < 1500) {
      pendingG = 0;
      if (ev.key === "d") { ev.preventDefault(); location.href = "/#domains"; return; }
      if (ev.key === "r") { ev.preventDefault(); location.href = "/decode"; return; }
    }
    pendingG = 0;
    if (ev.key === "/") {
      var q = document.getElementById("q") || document.getElementById("q-top");
      if (q) { ev.preventDefault(); closeHelp(); q.focus(); }
    } else if (ev.key === "?") {
      ev.preventDefault();
      if (keys && !keys.hidden) closeHelp(); else openHelp();
    } else if (ev.key === "g") {
      pendingG = Date.now();
    }
  });
});
