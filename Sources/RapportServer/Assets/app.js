// Rapport's pages: tabs, live checking and the levers in the editor, and live run progress.
// Plain JavaScript, no framework, no network access beyond this server.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  function post(url, form) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf },
      body: new URLSearchParams(form),
      credentials: "same-origin",
    }).then(function (r) { return r.json(); });
  }

  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) { if (!window.confirm(f.dataset.confirm)) e.preventDefault(); });
  });

  // ---- Editor ----
  const editor = document.getElementById("editor");
  if (editor) {
    const yaml = document.getElementById("yaml");
    const gutter = document.getElementById("gutter");
    const verdict = document.getElementById("verdict");
    const list = document.getElementById("diagnostics");
    const nameField = editor.querySelector('input[name="name"]');
    let marks = {};
    document.querySelectorAll("[data-nojs]").forEach(function (b) { b.hidden = true; });

    function drawGutter() {
      const lines = yaml.value.split("\n").length;
      gutter.textContent = "";
      for (let i = 1; i <= lines; i++) {
        const span = document.createElement("span");
        span.textContent = String(i);
        if (marks[i]) span.className = marks[i];
        gutter.appendChild(span);
        gutter.appendChild(document.createTextNode("\n"));
      }
      gutter.scrollTop = yaml.scrollTop;
    }

    function goToLine(line) {
      if (!line) return;
      selectTab("yaml");
      const lines = yaml.value.split("\n");
      let start = 0;
      for (let i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
      yaml.focus();
      yaml.setSelectionRange(start, start + (lines[line - 1] || "").length);
      const lineHeight = parseFloat(getComputedStyle(yaml).lineHeight) || 18;
      yaml.scrollTop = Math.max(0, (line - 4) * lineHeight);
    }

    function show(check) {
      verdict.textContent = editor.dataset.file + ": " + check.summary;
      verdict.className = check.ok ? "ok" : "bad";
      list.textContent = "";
      marks = {};
      check.diagnostics.forEach(function (d) {
        const li = document.createElement("li");
        li.className = d.severity;
        li.dataset.line = d.line;
        const pre = document.createElement("pre");
        pre.textContent = d.text;
        li.appendChild(pre);
        li.addEventListener("click", function () { goToLine(d.line); });
        list.appendChild(li);
        if (d.line > 0 && marks[d.line] !== "bad") marks[d.line] = d.severity === "error" ? "bad" : "warn";
      });
      drawGutter();
    }

    list.querySelectorAll("li").forEach(function (li) {
      li.addEventListener("click", function () { goToLine(Number(li.dataset.line)); });
      if (Number(li.dataset.line) > 0) marks[Number(li.dataset.line)] = li.classList.contains("error") ? "bad" : "warn";
    });

    let timer = null, sequence = 0;
    function validateSoon() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        const mine = ++sequence;
        post("/api/validate", { text: yaml.value, name: nameField.value }).then(function (check) {
          if (mine === sequence) show(check);
        }).catch(function () { verdict.textContent = "could not reach the server to check the scenario"; verdict.className = "bad"; });
      }, 250);
    }
    yaml.addEventListener("input", function () { drawGutter(); validateSoon(); });
    yaml.addEventListener("scroll", function () { gutter.scrollTop = yaml.scrollTop; });

    // Levers: every change is written into the YAML by the server, then checked.
    const levers = document.getElementById("tab-levers");
    levers.querySelectorAll("input,select").forEach(function (field) {
      field.addEventListener("change", function () {
        const data = new FormData(editor);
        data.delete("action");
        const mine = ++sequence;
        post("/api/levers", data).then(function (answer) {
          if (mine !== sequence) return;
          yaml.value = answer.text;
          show(answer.check);
        });
      });
    });

    function selectTab(name) {
      document.querySelectorAll("[role=tab]").forEach(function (t) { t.setAttribute("aria-selected", String(t.dataset.tab === name)); });
      document.querySelectorAll("[data-panel]").forEach(function (p) { p.hidden = p.dataset.panel !== name; });
      if (name === "yaml") drawGutter();
    }
    document.querySelectorAll("[role=tab]").forEach(function (t) {
      t.addEventListener("click", function () { selectTab(t.dataset.tab); });
    });
    selectTab(list.querySelector("li.error") ? "yaml" : "levers");
  }

  // ---- Run progress ----
  const progress = document.getElementById("progress");
  if (progress && ["queued", "running"].includes(progress.dataset.status) && window.EventSource) {
    const id = progress.dataset.run;
    const bar = document.getElementById("bar");
    const count = document.getElementById("count");
    const status = document.getElementById("status");
    const source = new EventSource("/runs/" + id + "/events");
    source.addEventListener("progress", function (e) {
      const p = JSON.parse(e.data);
      bar.max = p.total; bar.value = p.done;
      count.textContent = p.done + " of " + p.total;
      status.textContent = p.status; status.className = "status " + p.status;
      progress.dataset.status = p.status;
      if (!["queued", "running"].includes(p.status)) {
        source.close();
        window.location.reload();
      }
    });
    source.onerror = function () { /* the browser reconnects on its own */ };
  }
})();
