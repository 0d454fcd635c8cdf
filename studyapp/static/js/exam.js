// A timed paper: every answer is sent the moment it changes and counts as saved only when the
// server says so; failures are shown at once and retried. The countdown runs from the time
// the server reported, not the device clock.
(function () {
  "use strict";
  const root = document.getElementById("exam");
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const statusLine = root.querySelector(".save-status");
  const alertBox = root.querySelector(".save-alert");
  const clock = root.querySelector(".clock");
  const text = (name, values) => {
    let message = root.dataset[name] || "";
    for (const [key, value] of Object.entries(values || {})) message = message.replace(key, value);
    return message;
  };
  const pending = new Map(); // question id → timer for a retry or a debounced text save
  let closed = false;

  // Each question type names the shape of its answer (QuestionType.answer_shape); a new type
  // with a known shape needs nothing here.
  function answerOf(fieldset) {
    const shape = fieldset.dataset.shape;
    if (shape === "letters") {
      const letters = Array.from(fieldset.querySelectorAll("input:checked")).map((i) => i.value);
      return letters.length ? letters : null;
    }
    if (shape === "text") {
      const value = fieldset.querySelector("textarea").value;
      return value.trim() ? value : null;
    }
    if (shape === "order") {
      const selects = Array.from(fieldset.querySelectorAll("select"));
      const chosen = selects
        .filter((select) => select.value)
        .map((select) => [Number(select.value), select.name.slice(-1)]);
      if (!chosen.length) return null;
      if (chosen.length < selects.length) return undefined; // not every step placed yet
      chosen.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
      return chosen.map((pair) => pair[1]);
    }
    const checked = fieldset.querySelector("input:checked");
    if (!checked) return null;
    if (shape === "truth") return checked.value === "true";
    return checked.value;
  }

  async function send(url, method, body) {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let payload = null;
    try { payload = await response.json(); } catch (error) { payload = null; }
    return { ok: response.ok, status: response.status, body: payload };
  }

  function failed(message) {
    alertBox.textContent = message || text("msgFailed");
    alertBox.hidden = false;
  }

  async function save(fieldset, attempt) {
    if (closed) return;
    const id = fieldset.dataset.question;
    const itemStatus = fieldset.querySelector(".item-status");
    const answer = answerOf(fieldset);
    if (answer === undefined) {
      itemStatus.textContent = text("msgIncomplete");
      return;
    }
    itemStatus.textContent = text("msgSaving");
    const url = root.dataset.saveUrl.replace("QUESTION_ID", encodeURIComponent(id));
    try {
      const result = await send(url, "PUT", { answer });
      if (result.ok) {
        const time = new Date().toLocaleTimeString();
        itemStatus.textContent = text("msgSaved", { TIME: time });
        statusLine.textContent = text("msgSaved", { TIME: time });
        if (!Array.from(pending.keys()).some((key) => key !== id)) alertBox.hidden = true;
        pending.delete(id);
        if (typeof result.body.remaining_seconds === "number") startClock(result.body.remaining_seconds);
        return;
      }
      if (result.status === 409) {
        closed = true;
        failed(result.body && result.body.error ? result.body.error.message : text("msgClosed"));
        setTimeout(() => window.location.assign(root.dataset.resultUrl), 2500);
        return;
      }
      itemStatus.textContent = "";
      failed(result.body && result.body.error ? result.body.error.message : text("msgFailed"));
      if (result.status >= 500 || result.status === 429) retry(fieldset, attempt);
    } catch (error) {
      itemStatus.textContent = "";
      failed();
      retry(fieldset, attempt);
    }
  }

  function retry(fieldset, attempt) {
    const id = fieldset.dataset.question;
    clearTimeout(pending.get(id));
    const delay = Math.min(30000, 1000 * 2 ** Math.min(attempt || 0, 5));
    pending.set(id, setTimeout(() => save(fieldset, (attempt || 0) + 1), delay));
  }

  root.querySelectorAll("fieldset.question").forEach((fieldset) => {
    fieldset.addEventListener("change", () => save(fieldset, 0));
    const area = fieldset.querySelector("textarea");
    if (area) {
      area.addEventListener("input", () => {
        const id = fieldset.dataset.question;
        clearTimeout(pending.get(id));
        pending.set(id, setTimeout(() => save(fieldset, 0), 800));
      });
    }
  });

  async function submitPaper() {
    closed = true;
    const result = await send(root.dataset.submitUrl, "POST", {});
    if (result.ok || result.status === 409) {
      window.location.assign(root.dataset.resultUrl);
      return true;
    }
    closed = false;
    failed();
    return false;
  }

  // The answer sheet, marks, keys and the submit dialog live in exam-sheet.js.
  window.examPaper = { answerOf, submit: submitPaper };

  let deadline = null, ticker = null;
  function startClock(seconds) {
    if (!clock) return;
    deadline = Date.now() + seconds * 1000;
    if (!ticker) ticker = setInterval(tick, 1000);
    tick();
  }
  function tick() {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    clock.classList.toggle("urgent", left <= 300);
    if (left === 0 && !closed) { clearInterval(ticker); submitPaper(); }
  }
  if (root.dataset.remaining !== "") startClock(Number(root.dataset.remaining));
  window.addEventListener("beforeunload", (event) => {
    if (pending.size && !closed) { event.preventDefault(); event.returnValue = ""; }
  });
})();
