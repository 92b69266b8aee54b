// Rest timer on the session page. Ticking a set (the `liftlog:set-done` event, bubbling from
// the set row) starts a countdown from the exercise block's data-rest-seconds; a bar fixed at
// the bottom shows the time left with −15 s / +15 s / Skip. The end time lives in
// localStorage, so the countdown survives htmx swaps and reloads; an adjusted rest is posted
// to the block's data-rest-url, so it becomes the member's "last used" rest. No inline script
// or style: the bar is built here and styled by app.css (.rest-bar).
(function () {
  "use strict";

  const KEY = "liftlog.restTimer";
  const STEP = 15;
  const MIN_REST = 15;
  const MAX_REST = 3600;
  let bar = null;
  let interval = null;
  let audio = null;
  let saveTimer = null;

  function load() {
    try {
      const state = JSON.parse(window.localStorage.getItem(KEY) || "null");
      return state && typeof state.end === "number" ? state : null;
    } catch (error) {
      return null;
    }
  }

  function store(state) {
    try {
      if (state) window.localStorage.setItem(KEY, JSON.stringify(state));
      else window.localStorage.removeItem(KEY);
    } catch (error) {
      // Private mode or a full storage: the timer still runs until the page is left.
    }
  }

  function format(seconds) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return m + ":" + String(s).padStart(2, "0");
  }

  function remaining(state) {
    return Math.max(0, Math.ceil((state.end - Date.now()) / 1000));
  }

  function build() {
    if (bar) return bar;
    bar = document.createElement("section");
    bar.className = "rest-bar";
    bar.hidden = true;
    bar.setAttribute("aria-label", "Rest timer");
    bar.innerHTML =
      '<div class="rest-info">' +
      '<span class="rest-label">Rest</span>' +
      '<span class="rest-time" role="timer" aria-atomic="true">0:00</span>' +
      '<span class="rest-name"></span>' +
      '<progress class="rest-progress" max="1" value="0"></progress>' +
      "</div>" +
      '<div class="rest-actions">' +
      '<button type="button" class="rest-minus" aria-label="15 seconds less rest">−15</button>' +
      '<button type="button" class="rest-plus" aria-label="15 seconds more rest">+15</button>' +
      '<button type="button" class="rest-skip">Skip</button>' +
      "</div>" +
      '<p class="rest-status visually-hidden" role="status"></p>';
    document.body.appendChild(bar);
    bar.querySelector(".rest-minus").addEventListener("click", () => adjust(-STEP));
    bar.querySelector(".rest-plus").addEventListener("click", () => adjust(STEP));
    bar.querySelector(".rest-skip").addEventListener("click", () => stop(""));
    return bar;
  }

  function render() {
    const state = load();
    if (!state) return stop("");
    const left = remaining(state);
    build();
    bar.hidden = false;
    document.body.classList.add("rest-running");
    bar.classList.remove("is-over");
    bar.querySelector(".rest-time").textContent = format(left);
    bar.querySelector(".rest-name").textContent = state.name || "";
    const progress = bar.querySelector(".rest-progress");
    progress.max = Math.max(1, state.rest);
    progress.value = Math.max(0, state.rest - left);
    if (left <= 0) finish();
  }

  function tickEvery() {
    if (interval === null) interval = window.setInterval(render, 250);
  }

  function stop(message) {
    store(null);
    if (interval !== null) window.clearInterval(interval);
    interval = null;
    document.body.classList.remove("rest-running");
    if (!bar) return;
    bar.querySelector(".rest-status").textContent = message;
    bar.hidden = true;
  }

  function finish() {
    stop("Rest over");
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
    beep();
  }

  // A short tone from an oscillator (no sound file). Browsers allow audio only after a tap,
  // so the context is made on the tap that starts or adjusts the timer.
  function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      if (!audio) audio = new Context();
      if (audio.state === "suspended") audio.resume();
    } catch (error) {
      audio = null;
    }
  }

  function beep() {
    if (!audio) return;
    try {
      const now = audio.currentTime;
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = "sine";
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.3, now + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.45);
      tone.connect(gain).connect(audio.destination);
      tone.start(now);
      tone.stop(now + 0.5);
    } catch (error) {
      // No sound is fine: the bar and the vibration still tell the rest is over.
    }
  }

  function blockOf(sessionExerciseId) {
    return document.querySelector(
      '[data-session-exercise-id="' + CSS.escape(String(sessionExerciseId)) + '"]'
    );
  }

  function start(sessionExerciseId) {
    const block = blockOf(sessionExerciseId);
    if (!block) return;
    const rest = parseInt(block.dataset.restSeconds, 10);
    const seconds = Number.isFinite(rest) && rest > 0 ? rest : 90;
    const heading = block.querySelector("h2");
    store({
      end: Date.now() + seconds * 1000,
      rest: seconds,
      sessionExerciseId: String(sessionExerciseId),
      url: block.dataset.restUrl || "",
      name: heading ? heading.textContent.trim() : "",
      page: window.location.pathname,
    });
    unlockAudio();
    render();
    tickEvery();
  }

  function adjust(delta) {
    const state = load();
    if (!state) return;
    unlockAudio();
    const rest = Math.min(MAX_REST, Math.max(MIN_REST, state.rest + delta));
    state.end += (rest - state.rest) * 1000;
    state.rest = rest;
    store(state);
    const block = blockOf(state.sessionExerciseId);
    if (block) block.dataset.restSeconds = String(rest);
    render();
    // One request after the last tap of a burst, not one per tap.
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => save(state.url, rest), 600);
  }

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function save(url, rest) {
    if (!url) return;
    const body = new URLSearchParams({ rest_seconds: String(rest) });
    window
      .fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      })
      .catch(() => {
        // Offline: the timer is adjusted anyway; the default comes back next session.
      });
  }

  document.addEventListener("liftlog:set-done", (event) => {
    const detail = event.detail || {};
    if (detail.sessionExerciseId) start(detail.sessionExerciseId);
  });

  // The tick path of today's set rows: an htmx save of a planned row that comes back logged
  // (no errors) is a set done. The event is the contract; other save paths dispatch it too.
  const pending = new Set();
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt;
    if (form && form.matches && form.matches("form.set-row.is-planned")) pending.add(form.id);
  });
  document.addEventListener("htmx:load", (event) => {
    const row = event.detail.elt;
    if (!row || !row.matches || !row.matches("form.set-row") || !pending.has(row.id)) return;
    pending.delete(row.id);
    if (!row.classList.contains("is-done") || row.classList.contains("has-errors")) return;
    const block = row.closest("[data-session-exercise-id]");
    if (!block) return;
    row.dispatchEvent(
      new CustomEvent("liftlog:set-done", {
        bubbles: true,
        detail: {
          sessionExerciseId: block.dataset.sessionExerciseId,
          setId: row.id.replace(/^set-/, ""),
        },
      })
    );
  });

  // Finishing or discarding the workout ends its rest too.
  document.addEventListener("submit", (event) => {
    const action = event.target.getAttribute("action") || "";
    if (/\/(finish|discard)\/$/.test(action)) stop("");
  });

  function resume() {
    const state = load();
    if (!state) return;
    // Only on the session page it was started from, and only while it still runs.
    if (state.page !== window.location.pathname || remaining(state) <= 0) {
      if (remaining(state) <= 0) store(null);
      return;
    }
    render();
    tickEvery();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resume);
  else resume();
})();
