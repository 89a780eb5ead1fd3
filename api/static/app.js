// callmine web UI: progressive enhancement only. Every page works without this file;
// it adds drag-and-drop, per-file upload progress, CSV mapping preview, job polling and
// "working..." states on slow forms. Untrusted text is only ever set with textContent.
(function () {
  "use strict";

  // The session's CSRF token (absent in open local mode): every script POST sends it.
  var csrfMeta = document.querySelector("meta[name=csrf-token]");
  var csrf = csrfMeta ? csrfMeta.getAttribute("content") : "";
  function postHeaders(extra) {
    var headers = extra || {};
    if (csrf) headers["X-CSRF-Token"] = csrf;
    return headers;
  }

  // A flash notice arrives as ?msg=…&tone=… after a POST: once shown, take it out of the
  // address so a reload or a bookmark does not show it again.
  (function forgetFlash() {
    var url = new URL(window.location.href);
    if (!url.searchParams.has("msg") || !window.history.replaceState) return;
    url.searchParams.delete("msg");
    url.searchParams.delete("tone");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  })();

  // Filters folded behind a "Filters" disclosure for phones are open from the start on a
  // screen wide enough to show them beside the content.
  if (window.matchMedia && window.matchMedia("(min-width: 641px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Slow forms (generation): disable the button and say what is happening.
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      var status = form.querySelector("[data-busy-status]");
      if (button) { button.setAttribute("aria-disabled", "true"); button.disabled = true; }
      if (status) { status.hidden = false; }
    });
  });

  // Confirm destructive actions.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });

  // Forms whose typing a stray click would lose (the document editor, the product profile):
  // while one holds text not yet saved, leaving the page asks first. Submitting that form is
  // the save, so it does not ask; the page it lands on holds the saved text as its own.
  var keptForms = document.querySelectorAll("form[data-warn-unsaved]");
  var saving = null;
  function unsaved(form) {
    return Array.prototype.some.call(form.elements, function (field) {
      var typed = field.tagName === "TEXTAREA" || (field.tagName === "INPUT" && field.type === "text");
      return typed && field.value !== field.defaultValue;
    });
  }
  keptForms.forEach(function (form) {
    form.addEventListener("submit", function (event) { if (!event.defaultPrevented) saving = form; });
  });
  window.addEventListener("pageshow", function () { saving = null; });
  window.addEventListener("beforeunload", function (event) {
    var losing = Array.prototype.some.call(keptForms, function (form) { return form !== saving && unsaved(form); });
    if (!losing) return;
    event.preventDefault();
    event.returnValue = ""; // older Chromium shows the prompt only with returnValue set
  });

  // A button whose move needs a field filled (a request for changes needs its note): pressed
  // with the field empty, it says so by the field instead of sending (the server says the same).
  document.querySelectorAll("button[data-needs-field]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      var field = document.getElementById(button.getAttribute("data-needs-field"));
      if (!field || field.value.trim()) return;
      event.preventDefault();
      var message = document.getElementById(field.id + "-error");
      if (message) message.hidden = false;
      field.setAttribute("aria-invalid", "true");
      field.focus();
    });
  });

  // "1 call", "2 calls": the pages' counted nouns (the templates' ``plural`` filter, in JS).
  function plural(count, word, many) {
    return count + " " + (count === 1 ? word : (many || word + "s"));
  }

  // What an analysis found, by kind, in a marketer's words ("found_objection" is the result's
  // count of objections); the sentences of no interest ("other") are not counted out.
  var FOUND_WORDS = [
    ["found_objection", "objection"],
    ["found_question", "question"],
    ["found_pain", "pain point"],
    ["found_current_setup", "mention of how they work today", "mentions of how they work today"]
  ];

  function describe(result) {
    if (!result) return "the calls are analysed.";
    var found = FOUND_WORDS.filter(function (w) { return result[w[0]]; }).map(function (w) {
      return plural(result[w[0]], w[1], w[2]);
    });
    var said = found.length > 1 ? found.slice(0, -1).join(", ") + " and " + found[found.length - 1] : found[0];
    var calls = result.calls !== undefined ? plural(result.calls, "call") + " analysed" : "analysed";
    return calls + (said ? ": " + said + " found." : ": no objections, questions or pain points found.");
  }

  // Poll a background job: elements with data-job-url show progress until done; with
  // data-job-reload the page reloads when it ends (the server then says how it ended).
  function pollJob(box) {
    var url = box.getAttribute("data-job-url");
    var bar = box.querySelector("progress");
    var text = box.querySelector("[data-job-message]");
    var done = box.querySelector("[data-job-done]");
    function tick() {
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          // No fraction yet: an indeterminate bar says "working" without pretending.
          if (bar && job.progress > 0) bar.value = Math.round(job.progress * 100);
          else if (bar && job.status !== "done") bar.removeAttribute("value");
          if (text) text.textContent = job.status === "running" ? "Working: " + (job.message || "") : (job.message || job.status);
          if (job.status === "done" || job.status === "failed") {
            if (box.hasAttribute("data-job-reload")) { window.location.reload(); return; }
            if (bar) bar.value = job.status === "done" ? 100 : 0;
            if (text && job.status === "done") text.textContent = "Done: " + describe(job.result);
            if (done) { done.hidden = false; }
            if (job.status === "failed" && text) text.textContent = "Analysis failed: " + (job.message || "unknown error");
            box.setAttribute("data-job-status", job.status);
            return;
          }
          window.setTimeout(tick, 700);
        })
        .catch(function () { window.setTimeout(tick, 1500); });
    }
    tick();
  }
  document.querySelectorAll("[data-job-url]").forEach(pollJob);

  // Review queue: a key per kind answers the sentence on screen (o, p, q, c, x). A number key
  // picks that objection category for the sentence on screen and saves only an "o" waiting for
  // its category; pressed first thing after an objection was saved, it changes that answer's
  // category instead, so "o" then a number never labels the next sentence. A key never moves the
  // focus into the picker; in the picker typing picks, Enter saves, Escape leaves.
  var review = document.querySelector("form[data-review]");
  if (review) {
    var picker = review.querySelector("select[name=category]");
    var needed = review.querySelector("[data-category-needed]");
    var objection = review.querySelector('button[value="objection"]');
    var justSaved = document.querySelector('form[data-review-saved][data-saved-kind="objection"]');
    var byKey = false; // an answer by key leaves the focus where it is
    review.setAttribute("tabindex", "-1");
    var press = function (button) { byKey = true; try { button.click(); } finally { byKey = false; } };
    var relabel = function (option) {
      var form = justSaved;
      justSaved = null;
      form.action = "/review/answer";
      [["kind", "objection"], ["category", option.value]].forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = pair[0];
        input.value = pair[1];
        form.appendChild(input);
      });
      form.submit();
    };
    var pickCategory = function (option) {
      if (!picker || !option) return false;
      if (justSaved) { relabel(option); return true; }
      picker.value = option.value;
      if (needed && !needed.hidden) press(objection); // "o" is waiting for this category
      return true;
    };
    var numbered = function (key) {
      return picker && /^[0-9]$/.test(key) ? picker.querySelector('option[data-key="' + key + '"]') : null;
    };
    review.addEventListener("change", function () { justSaved = null; });
    review.addEventListener("click", function () { justSaved = null; });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      var option = numbered(event.key);
      if (!option) justSaved = null; // any other key: the sentence on screen is the one in hand
      if (target === picker) {
        if (event.key === "Escape") { review.focus(); return; }
        if (event.key === "Enter") { event.preventDefault(); press(objection); return; }
        if (pickCategory(option)) event.preventDefault();
        return;
      }
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
      if (event.key === "Escape" && needed) { needed.hidden = true; return; }
      if (pickCategory(option)) { event.preventDefault(); return; }
      var button = review.querySelector('button[data-key="' + event.key.toLowerCase() + '"]');
      if (!button) return;
      event.preventDefault();
      press(button);
    });
    review.addEventListener("submit", function (event) {
      var kind = event.submitter ? event.submitter.value : "";
      if (kind !== "objection" || !picker || picker.value) return;
      event.preventDefault();
      if (needed) needed.hidden = false;
      if (!byKey) picker.focus(); // a click on the button: the picker is where to go next
    });
  }

  // Upload page.
  var form = document.getElementById("upload-form");
  if (!form) return; // the rest of this file is the upload page's
  var zone = document.getElementById("dropzone");
  var pickedList = document.getElementById("picked-files");
  var fileInputs = form.querySelectorAll("input[type=file]");
  var mappingBox = document.getElementById("csv-mapping");
  var resultsBody = document.getElementById("upload-results-body");
  var resultsBox = document.getElementById("upload-results");
  var progressBox = document.getElementById("analysis-progress");
  var picked = [];

  // "0 bytes", "812 bytes", "14 KB", "2.3 MB": an empty file is never shown as "1 KB".
  function fileSize(bytes) {
    if (bytes < 1024) return plural(bytes, "byte");
    if (bytes < 1024 * 1024) return Math.round(bytes / 1024) + " KB";
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function showPicked() {
    pickedList.textContent = "";
    picked.forEach(function (file) {
      var li = el("li");
      li.appendChild(el("span", {}, file.webkitRelativePath || file.name));
      li.appendChild(el("span", { "class": "muted" }, fileSize(file.size)));
      pickedList.appendChild(li);
    });
    var summary = document.getElementById("picked-summary");
    summary.textContent = picked.length ? plural(picked.length, "file") + " ready to upload" : "";
    var firstCsv = picked.filter(function (f) { return /\.(csv|tsv|xlsx)$/i.test(f.name); })[0];
    if (firstCsv && mappingBox) previewCsv(firstCsv);
  }

  function addFiles(files) {
    Array.prototype.forEach.call(files, function (file) {
      if (file.name.charAt(0) === ".") return; // .DS_Store and friends from folders
      picked.push(file);
    });
    showPicked();
  }

  fileInputs.forEach(function (input) {
    input.addEventListener("change", function () { addFiles(input.files); input.value = ""; });
  });

  function readEntry(entry, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (file) { out.push(file); resolve(); }, function () { resolve(); });
      } else if (entry.isDirectory) {
        var reader = entry.createReader();
        var all = [];
        (function more() {
          reader.readEntries(function (entries) {
            if (!entries.length) {
              Promise.all(all.map(function (e) { return readEntry(e, out); })).then(resolve);
              return;
            }
            all = all.concat(Array.prototype.slice.call(entries));
            more();
          }, function () { resolve(); });
        })();
      } else { resolve(); }
    });
  }

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("is-over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("is-over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    var items = event.dataTransfer.items;
    if (items && items.length && items[0].webkitGetAsEntry) {
      var out = [];
      var entries = Array.prototype.map.call(items, function (i) { return i.webkitGetAsEntry(); });
      Promise.all(entries.filter(Boolean).map(function (e) { return readEntry(e, out); }))
        .then(function () { addFiles(out); });
    } else {
      addFiles(event.dataTransfer.files);
    }
  });

  function previewCsv(file) {
    var data = new FormData();
    data.append("file", file, file.name);
    fetch("/upload/csv-preview", { method: "POST", body: data, headers: postHeaders() })
      .then(function (r) { return r.text(); })
      .then(function (html) { mappingBox.innerHTML = html; mappingBox.hidden = false; }); // server-escaped fragment
  }

  function metadata() {
    var data = new FormData();
    form.querySelectorAll("[data-meta]").forEach(function (field) {
      if (field.value) data.append(field.name, field.value);
    });
    if (mappingBox) {
      mappingBox.querySelectorAll("select").forEach(function (select) {
        if (select.value) data.append(select.name, select.value);
      });
    }
    return data;
  }

  function addResult(result) {
    resultsBox.hidden = false;
    var row = el("tr");
    var name = result.filename || "";
    if (result.index !== null && result.index !== undefined) name += " (row " + (result.index + 1) + ")";
    row.appendChild(el("td", {}, name));
    var status = el("td");
    status.appendChild(el("span", { "class": "badge badge-" + result.status }, result.status));
    row.appendChild(status);
    var detail = el("td");
    if (result.call_id) {
      detail.appendChild(el("a", { href: "/calls/" + result.call_id }, "Call #" + result.call_id));
      if (result.utterances) detail.appendChild(document.createTextNode(" · " + plural(result.utterances, "utterance")));
      if (result.understood) detail.appendChild(el("span", { "class": "muted" }, " (read as " + result.understood + ")"));
    }
    if (result.reason) detail.appendChild(el("span", { "class": "reason" }, result.reason));
    row.appendChild(detail);
    resultsBody.appendChild(row);
  }

  function sendOne(data, label, onProgress) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/upload/file");
      xhr.setRequestHeader("Accept", "application/json");
      if (csrf) xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.upload.addEventListener("progress", function (e) { if (e.lengthComputable) onProgress(e.loaded / e.total); });
      xhr.onload = function () {
        var body;
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
        if (body && body.results && body.results.length) {
          // stored calls whose ambiguous date this upload settled the other way: said, not silent
          var redated = (body.redated || []).map(function (text) { return { filename: "", status: "re-dated", reason: text }; });
          resolve(body.results.concat(redated));
          return;
        }
        var reason = (body && (body.error || body.detail)) || "server error " + xhr.status;
        resolve([{ filename: label, status: "rejected", reason: reason }]);
      };
      xhr.onerror = function () { resolve([{ filename: label, status: "rejected", reason: "network error" }]); };
      xhr.send(data);
    });
  }

  form.addEventListener("submit", function (event) {
    var pasted = form.querySelector("#pasted").value.trim();
    if (!picked.length && !pasted) return; // let the server answer "nothing to upload"
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    resultsBody.textContent = "";
    var bar = document.getElementById("upload-progress");
    var barText = document.getElementById("upload-progress-text");
    bar.parentNode.hidden = false;
    var jobs = picked.slice();
    if (pasted) jobs.push(null);
    var created = [];
    var index = 0;
    function next() {
      if (index >= jobs.length) {
        bar.value = 100;
        barText.textContent = "Uploaded " + plural(jobs.length, "item") + ".";
        picked = []; showPicked(); button.disabled = false;
        showResults();
        if (created.length) startAnalysis(created);
        return;
      }
      var file = jobs[index];
      var data = metadata();
      var label = file ? (file.webkitRelativePath || file.name) : "pasted transcript";
      if (file) data.append("file", file, label); else { data.append("pasted", pasted); data.append("pasted_name", form.querySelector("#pasted_name").value); }
      barText.textContent = "Uploading " + label + " (" + (index + 1) + " of " + jobs.length + ")";
      sendOne(data, label, function (part) { bar.value = Math.round(100 * (index + part) / jobs.length); })
        .then(function (results) {
          results.forEach(function (result) {
            addResult(result);
            if ((result.status === "created" || result.status === "resumed") && result.call_id) created.push(result.call_id);
          });
          index += 1;
          next();
        });
    }
    next();
  });

  // The results sit below the form, out of sight on most screens: take the reader there.
  function showResults() {
    var title = document.getElementById("results-title");
    if (!title) return;
    title.setAttribute("tabindex", "-1");
    title.focus({ preventScroll: true });
    resultsBox.scrollIntoView({ block: "start" });
  }

  function startAnalysis(callIds) {
    var data = new FormData();
    callIds.forEach(function (id) { data.append("call_id", id); });
    fetch("/upload/analyse", { method: "POST", body: data, headers: postHeaders({ Accept: "application/json" }) })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        progressBox.hidden = false;
        progressBox.setAttribute("data-job-url", "/jobs/" + encodeURIComponent(job.job_id));
        pollJob(progressBox);
      });
  }
})();
