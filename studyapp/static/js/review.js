// The flashcard review page: show, reveal (space / tap), rate (1–4), undo (u).
// Every rating is sent at once and acknowledged by the server before the next card counts it.
(function () {
  "use strict";
  const root = document.getElementById("review");
  if (!root) return;
  const $ = (selector) => root.querySelector(selector);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const text = (name, values) => {
    let message = root.dataset[name] || "";
    for (const [key, value] of Object.entries(values || {})) message = message.replace(key, value);
    return message;
  };

  const card = $(".flashcard"), front = $(".card-front"), back = $(".card-back");
  const meta = $(".card-meta"), source = $(".card-source");
  const revealButton = $(".reveal"), ratings = $(".ratings"), status = $(".review-status");
  const finished = $(".finished"), againNote = $(".again-note"), comingBack = $(".coming-back");
  const returning = new Map(); // card id → when (this device's clock) a learning card is due again
  let returnTimer = null;
  let queue = [], current = null, revealed = false, shownAt = 0, busy = false, sinceFetch = 0;

  function setStatus(message, isError) {
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  // The server's own message for a refused request, else a generic one.
  function errorMessage(result) {
    return (result.body && result.body.error && result.body.error.message) || text("msgFailed");
  }

  let countsAsked = 0; // only the answer to the latest request is shown
  function setCounts(counts, doneToday) {
    if (!counts) return;
    $(".count-learning").textContent = counts.learning;
    $(".count-review").textContent = counts.review;
    $(".count-new").textContent = counts.new;
    if (doneToday) $(".done-today").textContent = text("msgDone", { COUNT: doneToday.reviews + doneToday.new });
  }

  // After every rating: the server's counts and today's total, without touching the queue.
  async function refreshCounts() {
    const asked = ++countsAsked;
    const separator = root.dataset.dueUrl.includes("?") ? "&" : "?";
    try {
      const result = await request(root.dataset.dueUrl + separator + "limit=1", { method: "GET" });
      if (result.ok && asked === countsAsked) setCounts(result.body.counts, result.body.done_today);
    } catch (error) { /* the next rating or queue fetch brings them */ }
  }

  async function request(url, options) {
    const response = await fetch(url, Object.assign({
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
    }, options || {}));
    let body = null;
    try { body = await response.json(); } catch (error) { body = null; }
    return { ok: response.ok, status: response.status, body };
  }

  async function fetchQueue(preferId) {
    const separator = root.dataset.dueUrl.includes("?") ? "&" : "?";
    const result = await request(root.dataset.dueUrl + separator + "limit=50", { method: "GET" });
    if (!result.ok) { setStatus(text("msgFailed"), true); return; }
    queue = result.body.cards;
    if (preferId) {
      const index = queue.findIndex((c) => c.card_id === preferId);
      if (index > 0) queue.unshift(queue.splice(index, 1)[0]);
    }
    countsAsked += 1;
    setCounts(result.body.counts, result.body.done_today);
    sinceFetch = 0;
    next();
  }

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function renderCloze(target, segments, showAnswers) {
    target.replaceChildren();
    const paragraph = element("p", "cloze");
    for (const segment of segments) {
      if (segment.text !== undefined) paragraph.append(segment.text);
      else if (showAnswers) paragraph.append(element("mark", "cloze-answer", segment.answer));
      else paragraph.append(element("span", "cloze-blank", segment.hint ? "[" + segment.hint + "]" : "[…]"));
    }
    target.append(paragraph);
  }

  function renderList(target, content) {
    target.replaceChildren();
    const list = element(content.ordered ? "ol" : "ul", "recall-list");
    content.items.forEach((item, index) => {
      const label = element("label");
      const box = element("input");
      box.type = "checkbox";
      box.dataset.index = String(index);
      box.addEventListener("change", suggest);
      label.append(box, " ", item);
      const li = element("li");
      li.append(label);
      list.append(li);
    });
    target.append(list, element("p", "muted small recalled"));
  }

  function suggest() {
    const boxes = back.querySelectorAll("input[type=checkbox]");
    const done = Array.from(boxes).filter((box) => box.checked).length;
    back.querySelector(".recalled").textContent = text("msgRecalled", { DONE: done, TOTAL: boxes.length });
    const share = boxes.length ? done / boxes.length : 0;
    const suggested = share === 1 ? 3 : share >= 0.7 ? 2 : 1;
    ratings.querySelectorAll(".rate").forEach((button) => {
      button.classList.toggle("suggested", Number(button.dataset.rating) === suggested);
    });
  }

  function show(entry) {
    current = entry;
    revealed = false;
    card.hidden = false;
    finished.hidden = true;
    back.hidden = true;
    source.hidden = true;
    ratings.hidden = true;
    revealButton.hidden = false;
    meta.textContent = entry.chapter.title;
    const content = entry.content;
    if (entry.type === "basic") {
      front.replaceChildren(element("p", "prompt", content.front));
      back.replaceChildren(element("p", "answer", content.back));
    } else if (entry.type === "cloze") {
      renderCloze(front, content.segments, false);
      renderCloze(back, content.segments, true);
    } else {
      const prompt = element("p", "prompt", content.prompt);
      const hint = text("msgItems", { COUNT: content.items.length }) + (content.ordered ? " · " + text("msgOrdered") : "");
      front.replaceChildren(prompt, element("p", "muted small", hint));
      renderList(back, content);
    }
    const link = element("a", null, entry.lesson.title);
    link.href = entry.lesson.url;
    source.replaceChildren(link, " · " + entry.source);
    ratings.querySelectorAll(".rate").forEach((button) => {
      const interval = entry.intervals[button.dataset.rating];
      button.querySelector("small").textContent = interval ? interval.label : "";
      button.classList.remove("suggested");
    });
    const again = entry.intervals["1"];
    againNote.textContent = again ? text("msgAgain", { INTERVAL: again.label }) : "";
    shownAt = performance.now();
    revealButton.focus({ preventScroll: true });
  }

  function reveal() {
    if (!current || revealed) return;
    revealed = true;
    back.hidden = false;
    source.hidden = false;
    revealButton.hidden = true;
    ratings.hidden = false;
    if (current.type === "cloze") front.hidden = true;
    if (current.type === "list") suggest();
  }

  function next() {
    front.hidden = false;
    if (queue.length === 0) {
      current = null;
      card.hidden = true;
      revealButton.hidden = true;
      ratings.hidden = true;
      finished.hidden = false;
      waitForReturning();
      return;
    }
    show(queue.shift());
  }

  // Cards rated 忘记 (or still in their learning steps) come back later today: say when, and
  // fetch the queue again once the first is due instead of declaring the day done.
  function waitForReturning() {
    clearTimeout(returnTimer);
    const now = Date.now();
    const dues = Array.from(returning.values()).filter((due) => due > now - 60000);
    const waiting = dues.length > 0;
    finished.querySelector(".done-heading").hidden = waiting;
    comingBack.hidden = !waiting;
    if (!waiting) return;
    const first = Math.min(...dues);
    const minutes = Math.max(1, Math.ceil((first - now) / 60000));
    comingBack.textContent = text("msgComingBack", { COUNT: dues.length, MINUTES: minutes });
    returnTimer = setTimeout(() => fetchQueue(), Math.max(1000, first - now + 1500));
  }

  async function rate(rating) {
    if (!current || !revealed || busy) return;
    busy = true;
    const entry = current;
    const duration = Math.min(3600000, Math.round(performance.now() - shownAt));
    const url = root.dataset.reviewUrl.replace("CARD_ID", encodeURIComponent(entry.card_id));
    try {
      const result = await request(url, {
        method: "POST",
        body: JSON.stringify({ rating, duration_ms: duration, revision: entry.revision }),
      });
      if (result.ok) {
        setStatus(text("msgSaved", { TIME: new Date().toLocaleTimeString() }));
        const interval = entry.intervals[String(rating)];
        if (["learning", "relearning"].includes(result.body.state) && interval) {
          returning.set(entry.card_id, Date.now() + interval.seconds * 1000);
        } else {
          returning.delete(entry.card_id);
        }
        sinceFetch += 1;
        if (queue.length === 0 || sinceFetch >= 10) await fetchQueue();
        else { next(); refreshCounts(); }
      } else if (result.status === 409) {
        setStatus(text("msgConflict"), true);
        await fetchQueue();
      } else {
        setStatus(errorMessage(result), true);
      }
    } catch (error) {
      setStatus(text("msgFailed"), true);
    } finally {
      busy = false;
    }
  }

  async function undo() {
    if (busy) return;
    busy = true;
    try {
      const result = await request(root.dataset.undoUrl, { method: "POST", body: "{}" });
      if (result.ok) {
        setStatus(text("msgUndone"));
        returning.delete(result.body.card_id);
        await fetchQueue(result.body.card_id);
      } else if (result.status === 404) {
        setStatus(text("msgNothingToUndo"), true);
      } else {
        setStatus(errorMessage(result), true);
      }
    } catch (error) {
      setStatus(text("msgFailed"), true);
    } finally {
      busy = false;
    }
  }

  revealButton.addEventListener("click", reveal);
  card.addEventListener("click", (event) => {
    if (!revealed && !event.target.closest("a")) reveal();
  });
  ratings.addEventListener("click", (event) => {
    const button = event.target.closest(".rate");
    if (button) rate(Number(button.dataset.rating));
  });
  $(".undo").addEventListener("click", undo);
  document.addEventListener("keydown", (event) => {
    if (window.studyKeys.ignore(event)) return;
    if (event.key === " " || event.key === "Enter") {
      if (!revealed && current) { event.preventDefault(); reveal(); }
    } else if (["1", "2", "3", "4"].includes(event.key)) {
      event.preventDefault();
      rate(Number(event.key));
    } else if (event.key === "u" || event.key === "U") {
      event.preventDefault();
      undo();
    }
  });
  fetchQueue();
})();
