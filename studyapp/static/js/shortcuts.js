// The keyboard help overlay: "?" or the button opens it; Esc or the button closes it.
// Other scripts ask window.studyKeys.ignore(event) whether a key press is theirs to handle.
(function () {
  "use strict";
  const help = document.querySelector("dialog.shortcuts-help");
  const typing = (target) =>
    target instanceof Element && target.matches("input[type=text], input[type=search], textarea, select, [contenteditable]");
  window.studyKeys = {
    ignore(event) {
      return event.ctrlKey || event.metaKey || event.altKey || typing(event.target) ||
        Boolean(document.querySelector("dialog[open]"));
    },
  };
  if (!help) return;
  const opener = document.querySelector(".shortcuts-open");
  const open = () => { if (!help.open) help.showModal(); };
  opener.addEventListener("click", open);
  help.querySelector(".shortcuts-close").addEventListener("click", () => help.close());
  help.addEventListener("close", () => opener.focus({ preventScroll: true }));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    event.preventDefault();
    if (help.open) help.close(); else open();
  });
})();
