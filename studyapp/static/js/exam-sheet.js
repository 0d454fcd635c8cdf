// The answer sheet (答题卡) of a paper: one cell per question showing answered / unanswered /
// marked, jump to any; marks kept in this browser per attempt; keys A–E / 1–5, ← →, Enter, M, S;
// an in-page submit dialog listing what is unanswered or marked. A change updates one cell only.
(function () {
  "use strict";
  const root = document.getElementById("exam");
  if (!root || !window.examPaper) return;
  const paper = window.examPaper;
  const fieldsets = Array.from(root.querySelectorAll("fieldset.question"));
  const sheet = root.querySelector(".answer-sheet");
  const toggle = root.querySelector(".sheet-toggle");
  const dialog = root.querySelector(".submit-dialog");
  const counter = root.querySelector(".answered-number");
  const cells = new Map(Array.from(sheet.querySelectorAll(".cell[data-question]")).map((c) => [c.dataset.question, c]));
  const storeKey = "exam-marks:" + root.dataset.attempt;
  const marks = new Set(readMarks());
  let current = 0;

  function readMarks() {
    try { return JSON.parse(window.localStorage.getItem(storeKey) || "[]"); } catch (error) { return []; }
  }
  function writeMarks() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(Array.from(marks))); } catch (error) { /* private mode */ }
  }
  const answered = (fieldset) => {
    const answer = paper.answerOf(fieldset);
    return answer !== null && answer !== undefined;
  };

  function paint(fieldset) {
    const id = fieldset.dataset.question, cell = cells.get(id);
    const isAnswered = answered(fieldset), isMarked = marks.has(id);
    cell.classList.toggle("answered", isAnswered);
    cell.classList.toggle("marked", isMarked);
    const states = [isAnswered ? root.dataset.msgAnswered : root.dataset.msgUnansweredState];
    if (isMarked) states.push(root.dataset.msgMarkedState);
    cell.setAttribute("aria-label", root.dataset.msgCell.replace("NUMBER", fieldset.dataset.number) + " " + states.join(" "));
    const button = fieldset.querySelector(".mark");
    button.setAttribute("aria-pressed", String(isMarked));
    fieldset.classList.toggle("is-marked", isMarked);
  }
  function count() {
    counter.textContent = String(fieldsets.filter(answered).length);
  }

  function setCurrent(index, scroll) {
    current = Math.max(0, Math.min(fieldsets.length - 1, index));
    const fieldset = fieldsets[current];
    cells.forEach((cell) => cell.removeAttribute("aria-current"));
    cells.get(fieldset.dataset.question).setAttribute("aria-current", "step");
    if (scroll) {
      const bar = root.querySelector(".exam-bar").getBoundingClientRect().bottom;
      window.scrollTo({ top: window.scrollY + fieldset.getBoundingClientRect().top - bar - 8 });
      fieldset.focus({ preventScroll: true });
    }
  }

  function openSheet(open) {
    sheet.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", String(open));
    if (open) (sheet.querySelector(".cell[aria-current]") || sheet.querySelector(".cell")).focus();
    else if (sheet.contains(document.activeElement)) fieldsets[current].focus({ preventScroll: true });
  }

  function toggleMark(fieldset) {
    const id = fieldset.dataset.question;
    if (marks.has(id)) marks.delete(id); else marks.add(id);
    writeMarks();
    paint(fieldset);
  }

  function pick(fieldset, index) {
    const inputs = Array.from(fieldset.querySelectorAll("input[type=radio], input[type=checkbox]"));
    const input = inputs[index];
    if (!input) return;
    input.checked = input.type === "checkbox" ? !input.checked : true;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function jumpList(list, ids) {
    list.replaceChildren(...ids.map((id) => {
      const fieldset = document.getElementById("q-" + id);
      const link = document.createElement("a");
      link.href = "#q-" + id;
      link.className = "cell";
      link.textContent = fieldset.dataset.number;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        dialog.close();
        setCurrent(fieldsets.indexOf(fieldset), true);
      });
      const item = document.createElement("li");
      item.append(link);
      return item;
    }));
    list.parentElement.hidden = ids.length === 0;
  }

  function confirmSubmit() {
    const unanswered = fieldsets.filter((f) => !answered(f)).map((f) => f.dataset.question);
    const marked = fieldsets.filter((f) => marks.has(f.dataset.question)).map((f) => f.dataset.question);
    const summary = root.dataset.msgSummary
      .replace("TOTAL", fieldsets.length).replace("UNANSWERED", unanswered.length)
      .replace("ANSWERED", fieldsets.length - unanswered.length).replace("MARKED", marked.length);
    dialog.querySelector(".dialog-summary").textContent = summary;
    jumpList(dialog.querySelector(".dialog-unanswered .jump-list"), unanswered);
    jumpList(dialog.querySelector(".dialog-marked .jump-list"), marked);
    openSheet(false);
    dialog.showModal();
    dialog.querySelector(".dialog-cancel").focus();
  }

  fieldsets.forEach((fieldset, index) => {
    fieldset.tabIndex = -1;
    paint(fieldset);
    fieldset.addEventListener("change", () => { paint(fieldset); count(); });
    fieldset.addEventListener("input", () => { paint(fieldset); count(); });
    fieldset.addEventListener("focusin", () => setCurrent(index, false));
    fieldset.querySelector(".mark").addEventListener("click", () => toggleMark(fieldset));
  });
  count();
  setCurrent(0, false);

  // Keys act on the question in view: after a scroll (wheel, touch, page keys) that took the
  // current one out of sight, the first question showing below the bar becomes current.
  let scrollQueued = false;
  window.addEventListener("scroll", () => {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      const top = root.querySelector(".exam-bar").getBoundingClientRect().bottom;
      const inView = (f) => { const r = f.getBoundingClientRect(); return r.bottom > top + 24 && r.top < window.innerHeight - 24; };
      if (inView(fieldsets[current])) return;
      const starts = (f) => { const r = f.getBoundingClientRect(); return r.top >= top - 8 && r.top < window.innerHeight - 80; };
      let index = fieldsets.findIndex(starts);
      if (index < 0) index = fieldsets.findIndex(inView);
      if (index >= 0) setCurrent(index, false);
    });
  }, { passive: true });

  sheet.addEventListener("click", (event) => {
    const cell = event.target.closest(".cell[data-question]");
    if (!cell) return;
    event.preventDefault();
    openSheet(false);
    setCurrent(fieldsets.findIndex((f) => f.dataset.question === cell.dataset.question), true);
  });
  toggle.addEventListener("click", () => openSheet(!sheet.classList.contains("open")));
  sheet.querySelector(".sheet-close").addEventListener("click", () => { openSheet(false); toggle.focus(); });
  root.querySelectorAll(".submit-exam").forEach((button) => button.addEventListener("click", (event) => {
    event.preventDefault();
    confirmSubmit();
  }));
  dialog.querySelector(".dialog-cancel").addEventListener("click", () => dialog.close());
  dialog.querySelector(".dialog-confirm").addEventListener("click", async () => {
    dialog.close();
    if (await paper.submit()) {
      try { window.localStorage.removeItem(storeKey); } catch (error) { /* private mode */ }
    }
  });

  const LETTERS = "abcde";
  document.addEventListener("keydown", (event) => {
    if (window.studyKeys.ignore(event)) return;
    const key = event.key.toLowerCase(), fieldset = fieldsets[current];
    const onControl = event.target instanceof Element && event.target.matches("button, a, summary");
    let handled = true;
    if (LETTERS.includes(key) && key.length === 1) pick(fieldset, LETTERS.indexOf(key));
    else if (/^[1-5]$/.test(key)) pick(fieldset, Number(key) - 1);
    else if (key === "arrowright" || (key === "enter" && !onControl)) setCurrent(current + 1, true);
    else if (key === "arrowleft") setCurrent(current - 1, true);
    else if (key === "m") toggleMark(fieldset);
    else if (key === "s") openSheet(!sheet.classList.contains("open"));
    else if (key === "escape" && sheet.classList.contains("open")) openSheet(false);
    else handled = false;
    if (handled) event.preventDefault();
  });
})();
