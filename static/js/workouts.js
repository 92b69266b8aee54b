// Live elapsed time on the session page. Without JavaScript the page shows the start time
// and the minutes elapsed when it was rendered.
(function () {
  function pad(n) { return String(n).padStart(2, "0"); }
  function format(seconds) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return (h ? h + ":" + pad(m) : m) + ":" + pad(s);
  }
  function tick() {
    document.querySelectorAll("[data-elapsed-since]").forEach((el) => {
      const start = Date.parse(el.dataset.elapsedSince);
      if (Number.isNaN(start)) return;
      const seconds = Math.max(0, Math.floor((Date.now() - start) / 1000));
      el.textContent = format(seconds) + " elapsed";
    });
  }
  document.addEventListener("DOMContentLoaded", () => {
    if (!document.querySelector("[data-elapsed-since]")) return;
    tick();
    window.setInterval(tick, 1000);
  });
})();
