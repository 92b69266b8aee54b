// Logging on the session page that never loses or doubles a set, on any Wi-Fi.
//
// Every change to a set (a row added, a set ticked) is put in a queue kept in localStorage,
// one queue per session, before it is sent, and leaves the queue only once the server has
// answered. A new row gets its id here, so an add sent twice (its answer lost on the way
// back) finds the set already made instead of making a second one; saving a set twice is
// harmless anyway. A failed send (no network, a timeout, a 5xx) stays queued: the row says
// "Not saved yet — will retry" and the queue is sent again when the connection returns (the
// `online` event, and a back-off timer). A service worker (/sw.js) keeps the page, so a
// reload offline shows it, and the queued changes are put back into their rows.
//
// Without JavaScript every row is a plain form and all of this is skipped.
(() => {
  "use strict";
  const header = document.querySelector("[data-session-id]");
  if (!header) return;

  const KEY = "liftlog:queue:" + header.dataset.sessionId;
  const CACHE = header.dataset.offlineCache;
  const NEW_ROW_ID = "00000000-0000-0000-0000-000000000000"; // selectors.NEW_ROW_ID
  const NEW_BLOCK_ID = "00000000-0000-0000-0000-000000000001"; // selectors.NEW_BLOCK_ID
  const NEW_ROW_NUMBER = "__N__"; // selectors.NEW_ROW_NUMBER
  const TYPES = ["normal", "warmup", "drop", "failure"];
  const LETTERS = { warmup: "W", drop: "D", failure: "F" };
  const LABELS = { normal: "normal", warmup: "warm-up", drop: "drop set", failure: "to failure" };
  const VALUE_FIELDS = ["weight", "reps", "distance_km", "duration"];
  const PENDING = "Not saved yet — will retry";
  const SIGNED_OUT = "Not saved yet — reload this page once signed in, and it will be sent";
  const TIMEOUT_MS = 15000;
  const MAX_DELAY_MS = 60000;

  let flushing = null; // the send in progress (a promise)
  let failures = 0;
  let retryTimer = null;
  let snapshotTimer = null;
  let memory = []; // when localStorage is unavailable (private mode, full)

  // --- The queue -----------------------------------------------------------------------

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY) || "[]");
    } catch (error) {
      return memory;
    }
  }

  function store(ops) {
    memory = ops;
    try {
      if (ops.length) window.localStorage.setItem(KEY, JSON.stringify(ops));
      else window.localStorage.removeItem(KEY);
    } catch (error) {
      // Kept in memory only: still sent while the page stays open.
    }
  }

  function enqueue(op) {
    let ops = load();
    // Only the latest values of a set matter: a newer save replaces a queued one.
    if (op.kind === "save") ops = ops.filter((o) => !(o.kind === "save" && o.setId === op.setId));
    op.id = newId();
    ops.push(op);
    store(ops);
    const row = rowOf(op.setId);
    if (row) row.classList.add("is-pending");
  }

  function dequeue(id) {
    store(load().filter((o) => o.id !== id));
  }

  function queuedFor(setId) {
    return load().some((o) => o.setId === setId);
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // crypto.randomUUID needs a secure context; a phone on http://<lan address> has not one.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // --- Sending -------------------------------------------------------------------------

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  async function send(op) {
    const body = new URLSearchParams(op.fields);
    body.set("csrfmiddlewaretoken", csrfToken());
    const controller = new AbortController();
    const timer = window.setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(op.url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "HX-Request": "true", "X-CSRFToken": csrfToken() },
        signal: controller.signal,
      });
      return { response, text: await response.text() };
    } finally {
      window.clearTimeout(timer);
    }
  }

  // One send of the queue at a time; callers may wait for it (Finish does).
  function flush() {
    if (!flushing) flushing = drain().finally(() => { flushing = null; });
    return flushing;
  }

  async function drain() {
    window.clearTimeout(retryTimer);
    for (;;) {
      const op = load()[0];
      if (!op) break;
      let answer;
      try {
        answer = await send(op);
      } catch (error) {
        retryLater(PENDING); // offline, timed out, or the connection dropped mid-answer
        return;
      }
      const { response, text } = answer;
      if (response.status >= 500 || response.status === 408 || response.status === 429) {
        retryLater(PENDING);
        return;
      }
      if (response.redirected || response.status === 403) {
        retryLater(SIGNED_OUT); // the sign-in page, or a CSRF refusal after signing out
        return;
      }
      failures = 0;
      dequeue(op.id);
      settle(op, response, text);
    }
    showState();
    snapshot();
  }

  function retryLater(message) {
    failures += 1;
    const delay = Math.min(MAX_DELAY_MS, 2000 * 2 ** (failures - 1));
    retryTimer = window.setTimeout(flush, delay);
    markPending(message);
    showState();
  }

  // The answer to one queued change: the server's row replaces ours, unless the member is
  // typing in it (their values would be lost) or more changes to it are still queued.
  function settle(op, response, text) {
    const row = rowOf(op.setId);
    if (!row || queuedFor(op.setId)) return;
    row.classList.remove("is-pending");
    status(row, "");
    if (!response.ok) {
      status(row, response.status === 404
        ? "Not saved: this set or workout no longer exists"
        : "Not saved: the server refused it");
      row.classList.add("has-errors");
      return;
    }
    const fresh = parseRow(text);
    if (!fresh) return;
    const typing = row.contains(document.activeElement) && document.activeElement.matches("input, select");
    // A refusal (values the server cannot take) always shows; otherwise typing wins.
    if (!fresh.classList.contains("has-errors") && (typing || isEdited(row))) return;
    const focused = row.contains(document.activeElement) ? document.activeElement : null;
    row.replaceWith(fresh);
    if (window.htmx) window.htmx.process(fresh);
    if (focused) {
      // Keep the member's place (the ✓ just tapped, or the box being typed in).
      const twin = focused.id ? fresh.querySelector("#" + CSS.escape(focused.id)) : fresh.querySelector("button.set-done");
      if (twin) twin.focus({ preventScroll: true });
    }
  }

  // --- Rows ----------------------------------------------------------------------------

  function setIdOf(row) {
    return row.id.slice("set-".length);
  }

  function rowOf(setId) {
    return document.getElementById("set-" + setId);
  }

  function status(row, message) {
    const box = row.querySelector("[data-set-status]");
    if (box) box.textContent = message;
  }

  function parseRow(html) {
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    return holder.content.querySelector("form.set-row");
  }

  function isEdited(row) {
    return Array.from(row.querySelectorAll("input[type=number], input[type=text]")).some(
      (input) => input.value !== input.defaultValue
    );
  }

  // Set values as attributes too, so that the page kept for offline shows them.
  function fill(row, values) {
    Object.entries(values).forEach(([name, value]) => {
      const field = row.elements.namedItem(name);
      if (!field || field instanceof RadioNodeList) return;
      if (field.tagName === "SELECT") {
        Array.from(field.options).forEach((option) => {
          option.selected = option.value === value;
          option.toggleAttribute("selected", option.value === value);
        });
      } else if (field.type !== "checkbox") {
        field.value = value;
        field.setAttribute("value", value);
      }
    });
    showType(row);
  }

  function fieldsOf(form) {
    return Array.from(new FormData(form)).filter(([name]) => name !== "csrfmiddlewaretoken");
  }

  function markDone(row) {
    row.classList.remove("is-planned", "has-errors");
    row.classList.add("is-done");
    const button = row.querySelector("button.set-done");
    if (button) {
      button.setAttribute("aria-label", "Save set " + row.dataset.setNumber);
      button.title = "Logged — tap to save changes";
    }
  }

  function markPending(message) {
    load().forEach((op) => {
      const row = rowOf(op.setId);
      if (!row) return;
      row.classList.add("is-pending");
      status(row, message);
    });
  }

  function showState() {
    const banner = document.querySelector("[data-offline-banner]");
    const count = new Set(load().map((op) => op.setId)).size;
    const failing = failures > 0 || !navigator.onLine;
    if (!banner) return;
    banner.hidden = !(count && failing);
    banner.textContent = count && failing
      ? `Offline: ${count} set${count === 1 ? "" : "s"} not saved yet. They are kept on this phone and sent when the connection returns.`
      : "";
  }

  // --- Adding a set --------------------------------------------------------------------

  function rowsOf(block) {
    return block.querySelectorAll(".sets form.set-row");
  }

  // What the server fills a new set with: the same set last time, else the set before it.
  function prefill(block, number) {
    let lastSets = [];
    try {
      lastSets = JSON.parse(block.dataset.lastSets || "[]");
    } catch (error) {
      lastSets = [];
    }
    const same = lastSets.find((s) => s.number === number);
    const values = { set_type: same ? same.set_type : "normal" };
    const rows = rowsOf(block);
    const before = rows[rows.length - 1];
    VALUE_FIELDS.forEach((name) => {
      const field = before && before.elements.namedItem(name);
      const value = same ? same[name] : field && field.value;
      if (value !== undefined && value !== null) values[name] = value;
    });
    return { values, last: same ? same.text : "" };
  }

  function makeRow(block, setId, values, last) {
    const blank = document.querySelector(`template.new-set-row[data-kind="${block.dataset.kind}"]`);
    if (!blank) return null;
    const number = rowsOf(block).length + 1;
    const html = blank.innerHTML
      .split(NEW_ROW_ID).join(setId)
      .split(NEW_BLOCK_ID).join(block.dataset.sessionExerciseId)
      .split(NEW_ROW_NUMBER).join(String(number));
    const row = parseRow(html);
    if (!row) return null;
    fill(row, values);
    if (last) {
      // The same markup as SetRow.last_html, after the inputs.
      const box = document.createElement("p");
      box.className = "set-last small muted";
      box.dataset.setLast = "";
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = `Set ${number} `;
      box.append(hidden, `last ${last}`);
      row.querySelector("[data-set-status]").before(box);
    }
    block.querySelector(".sets").appendChild(row);
    const head = block.querySelector(".set-head");
    if (head) head.hidden = false;
    if (window.htmx) window.htmx.process(row);
    return row;
  }

  function addSet(form) {
    const block = form.closest(".exercise-block");
    const setId = newId();
    const { values, last } = prefill(block, rowsOf(block).length + 1);
    if (!makeRow(block, setId, values, last)) return;
    enqueue({
      kind: "add",
      setId,
      seId: block.dataset.sessionExerciseId,
      url: form.action,
      fields: [["set_id", setId], ["fragment", "row"]],
      values,
      last,
    });
    flush();
  }

  // --- Ticking a set -------------------------------------------------------------------

  function tick(row) {
    const block = row.closest(".exercise-block");
    const firstTime = row.classList.contains("is-planned");
    const fields = fieldsOf(row);
    enqueue({ kind: "save", setId: setIdOf(row), seId: block.dataset.sessionExerciseId, url: row.action, fields });
    fill(row, Object.fromEntries(fields));
    markDone(row);
    if (firstTime) {
      // The rest timer listens for this; it fires whether the set is saved yet or queued.
      row.dispatchEvent(new CustomEvent("liftlog:set-done", {
        bubbles: true,
        detail: { sessionExerciseId: block.dataset.sessionExerciseId, setId: setIdOf(row) },
      }));
      nextTurn(block);
    }
    flush();
  }

  // Supersets are done in turns: after a set of one exercise, the next exercise of the
  // superset that still has a set to do.
  function nextTurn(block) {
    const group = block.dataset.supersetGroup;
    if (!group) return;
    const blocks = Array.from(document.querySelectorAll(`.exercise-block[data-superset-group="${group}"]`));
    const start = blocks.indexOf(block);
    for (let step = 1; step <= blocks.length; step += 1) {
      const row = blocks[(start + step) % blocks.length].querySelector(".sets form.set-row.is-planned");
      if (row) {
        row.scrollIntoView({ block: "center", behavior: "smooth" });
        const input = row.querySelector("input[type=number]");
        if (input) input.focus({ preventScroll: true });
        return;
      }
    }
  }

  // --- Set types -----------------------------------------------------------------------

  function showType(row) {
    const select = row.querySelector("select[name=set_type]");
    const button = row.querySelector("[data-set-type-button]");
    if (!select || !button) return;
    const type = select.value;
    const number = row.dataset.setNumber;
    button.textContent = LETTERS[type] || number;
    button.setAttribute("aria-label", `Set ${number}, ${LABELS[type]}: change set type`);
    TYPES.forEach((t) => button.classList.toggle("set-type-" + t, t === type));
  }

  function cycleType(row) {
    const select = row.querySelector("select[name=set_type]");
    const next = TYPES[(TYPES.indexOf(select.value) + 1) % TYPES.length];
    fill(row, { set_type: next });
    if (row.classList.contains("is-done")) {
      enqueue({ kind: "save", setId: setIdOf(row), seId: row.closest(".exercise-block").dataset.sessionExerciseId, url: row.action, fields: fieldsOf(row) });
      flush();
    }
  }

  // --- The page kept for offline -------------------------------------------------------

  // The page as it stands (rows saved since it loaded included) replaces the kept copy, so a
  // reload offline shows what the member saw; no extra request to the server.
  function snapshot() {
    if (!CACHE || !("caches" in window)) return;
    window.clearTimeout(snapshotTimer);
    snapshotTimer = window.setTimeout(() => {
      const copy = document.documentElement.cloneNode(true);
      copy.querySelectorAll("[data-set-status]").forEach((box) => { box.textContent = ""; });
      copy.querySelectorAll(".is-pending").forEach((row) => row.classList.remove("is-pending"));
      const banner = copy.querySelector("[data-offline-banner]");
      if (banner) banner.hidden = true;
      const html = "<!doctype html>\n" + copy.outerHTML;
      caches.open(CACHE)
        .then((cache) => cache.put(window.location.pathname, new Response(html, {
          headers: { "Content-Type": "text/html; charset=utf-8" },
        })))
        .catch(() => {});
    }, 300);
  }

  function keepStaticFiles() {
    if (!CACHE || !("caches" in window)) return;
    const urls = performance.getEntriesByType("resource")
      .filter((entry) => ["script", "link", "css", "img"].includes(entry.initiatorType))
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === window.location.origin)
      .map((url) => url.pathname + url.search);
    caches.open(CACHE)
      .then((cache) => Promise.all(urls.map((url) => cache.add(url).catch(() => {}))))
      .catch(() => {});
  }

  function registerWorker() {
    const url = header.dataset.serviceWorker;
    if (!url || !("serviceWorker" in navigator)) return; // plain http on a LAN address: no worker
    navigator.serviceWorker.register(url, { scope: "/" })
      .then(() => {
        // A page the worker did not serve yet: keep its files now (it keeps later ones itself).
        if (!navigator.serviceWorker.controller) keepStaticFiles();
      })
      .catch(() => {});
  }

  // --- Queued changes put back into the page -------------------------------------------

  function restore() {
    load().forEach((op) => {
      let row = rowOf(op.setId);
      if (!row && op.kind === "add") {
        const block = document.getElementById("se-" + op.seId);
        if (block) row = makeRow(block, op.setId, op.values || {}, op.last || "");
      }
      if (!row) return;
      row.classList.add("is-pending");
      if (op.kind === "save") {
        fill(row, Object.fromEntries(op.fields));
        markDone(row);
      }
      if (failures > 0 || !navigator.onLine) status(row, PENDING);
    });
    showState();
  }

  // --- Wiring --------------------------------------------------------------------------

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.matches("form.set-row")) {
      // Delete (a button with its own formaction) is htmx's, or a plain post.
      if (event.submitter && event.submitter.hasAttribute("formaction")) return;
      event.preventDefault();
      tick(form);
    } else if (form.matches("form[data-add-set]")) {
      event.preventDefault();
      addSet(form);
    } else if (form.matches("form[data-finish]") && load().length) {
      // Finishing drops the sets the server has not seen ticked: send the queue first.
      event.preventDefault();
      finishWhenSaved(form);
    }
  });

  async function finishWhenSaved(form) {
    await flush();
    if (!load().length) {
      form.submit();
      return;
    }
    const banner = document.querySelector("[data-offline-banner]");
    if (banner) {
      banner.hidden = false;
      banner.textContent = "Not finished yet: some sets are not saved. Finish once they are (they are sent when the connection returns).";
      banner.scrollIntoView({ block: "center" });
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-set-type-button]");
    if (button) cycleType(button.closest("form.set-row"));
  });

  document.addEventListener("change", (event) => {
    if (event.target.matches("form.set-row select[name=set_type]")) {
      showType(event.target.closest("form.set-row"));
    }
  });

  // htmx re-renders blocks (delete a set, move or add an exercise): put queued rows back.
  document.addEventListener("htmx:afterSwap", () => {
    restore();
    snapshot();
  });

  window.addEventListener("online", () => {
    failures = 0;
    flush();
  });
  window.addEventListener("offline", () => {
    markPending(PENDING);
    showState();
  });

  const start = () => {
    restore();
    registerWorker();
    snapshot();
    flush();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
