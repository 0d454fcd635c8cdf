// Practice: single and true/false answers are sent on tap, multiple choice with one confirm
// (button or Enter); A–E / 1–5 pick, Enter or → (or a swipe) moves on, ← goes back, F bookmarks
// without leaving the page (the feedback stays).
(function () {
  "use strict";
  const root = document.getElementById("practice");
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const form = root.querySelector("form.practice-form");
  const next = document.querySelector(".practice-pager [data-next]");
  const prev = document.querySelector(".practice-pager [rel=prev]");
  const bookmarkForm = document.querySelector(".bookmark-form");
  let sent = false;

  function send() {
    if (!form || sent) return;
    sent = true;
    form.requestSubmit();
  }
  const go = (link) => { if (link) window.location.assign(link.href); };

  if (form && root.dataset.tap) {
    const submit = form.querySelector(".submit-answer");
    submit.hidden = true;
    form.querySelector(".tap-hint").hidden = false;
    // Arrow keys move through a radio group, checking as they go: that is browsing, not an
    // answer, so it waits for Enter or the button.
    let browsing = false;
    form.addEventListener("keydown", (event) => { browsing = event.key.startsWith("Arrow"); });
    form.addEventListener("pointerdown", () => { browsing = false; });
    form.addEventListener("change", (event) => {
      if (event.target.type !== "radio") return;
      if (browsing) submit.hidden = false;
      else send();
    });
  }

  function pick(index) {
    if (!form) return;
    const inputs = Array.from(form.querySelectorAll("ul.options input[name=answer]"));
    const input = inputs[index];
    if (!input) return;
    input.checked = input.type === "checkbox" ? !input.checked : true;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  async function toggleBookmark() {
    const button = bookmarkForm.querySelector(".bookmark");
    const response = await fetch(bookmarkForm.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf },
      body: new FormData(bookmarkForm),
    });
    if (!response.ok) return;
    const body = await response.json();
    button.textContent = body.bookmarked ? button.dataset.on : button.dataset.off;
  }
  bookmarkForm.addEventListener("submit", (event) => {
    event.preventDefault();
    toggleBookmark();
  });

  document.addEventListener("keydown", (event) => {
    if (window.studyKeys.ignore(event)) return;
    const key = event.key.toLowerCase();
    const onControl = event.target instanceof Element && event.target.matches("button, a, summary");
    let handled = true;
    if (key.length === 1 && "abcde".includes(key)) pick("abcde".indexOf(key));
    else if (/^[1-5]$/.test(key)) pick(Number(key) - 1);
    else if (key === "enter" && !onControl) { if (form) send(); else go(next); }
    else if (key === "arrowright") go(next);
    else if (key === "arrowleft") go(prev);
    else if (key === "f") toggleBookmark();
    else handled = false;
    if (handled) event.preventDefault();
  });

  let startX = null, startY = null;
  document.addEventListener("touchstart", (event) => {
    if (event.touches.length !== 1) { startX = null; return; }
    startX = event.touches[0].clientX;
    startY = event.touches[0].clientY;
  }, { passive: true });
  document.addEventListener("touchend", (event) => {
    if (startX === null) return;
    const dx = event.changedTouches[0].clientX - startX, dy = event.changedTouches[0].clientY - startY;
    startX = null;
    if (Math.abs(dx) < 60 || Math.abs(dy) > Math.abs(dx) / 2) return;
    go(dx < 0 ? next : prev);
  }, { passive: true });
})();
