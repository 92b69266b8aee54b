// Calendar feed card: a Copy button (shown only when the clipboard is available) and
// select-all on focus, so the feed address is easy to copy on a phone.
(() => {
  const init = () => {
    document.querySelectorAll("[data-copy-target]").forEach((button) => {
      const input = document.getElementById(button.dataset.copyTarget);
      if (!input) return;
      input.addEventListener("focus", () => input.select());
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(input.value);
          button.textContent = "Copied";
        } catch {
          input.select();
          button.textContent = "Press Ctrl+C";
        }
        setTimeout(() => { button.textContent = "Copy"; }, 2500);
      });
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
