// Plate calculator on the session page: a "Plates" button on each weight exercise opens a
// panel with the plates per side for the weight being typed (20 kg bar or 45 lb bar, in the
// member's unit). The panel follows the weight field last focused or typed in that block.
(function () {
  "use strict";

  const BARS = {
    kg: { bar: 20, plates: [25, 20, 15, 10, 5, 2.5, 1.25] },
    lb: { bar: 45, plates: [45, 35, 25, 10, 5, 2.5] },
  };

  // Plates per side, heaviest first; work in hundredths so 1.25 never drifts.
  function platesPerSide(weight, unit) {
    const setup = BARS[unit] || BARS.kg;
    const total = Math.round(weight * 100);
    const bar = setup.bar * 100;
    if (!Number.isFinite(total) || total < bar) return { exact: false, plates: [], bar: setup.bar };
    let side = (total - bar) / 2;
    const plates = [];
    for (const plate of setup.plates) {
      const p = Math.round(plate * 100);
      while (side >= p) {
        plates.push(plate);
        side -= p;
      }
    }
    return { exact: side === 0, plates: plates, bar: setup.bar, loaded: total - side * 2 };
  }

  function describe(weight, unit) {
    const setup = BARS[unit] || BARS.kg;
    if (!(weight > 0)) return "Type a weight to see the plates per side.";
    const result = platesPerSide(weight, unit);
    if (weight * 100 < setup.bar * 100) {
      return weight + " " + unit + ": lighter than the " + setup.bar + " " + unit + " bar.";
    }
    if (!result.plates.length && result.exact) {
      return weight + " " + unit + ": just the " + setup.bar + " " + unit + " bar.";
    }
    const counted = [];
    result.plates.forEach((plate) => {
      const last = counted[counted.length - 1];
      if (last && last.plate === plate) last.count += 1;
      else counted.push({ plate: plate, count: 1 });
    });
    const list = counted.map((c) => (c.count > 1 ? c.count + " × " : "") + c.plate).join(" + ");
    if (!result.exact) {
      return (
        weight + " " + unit + " is not loadable exactly with these plates; closest below: " +
        result.loaded / 100 + " " + unit + (list ? " (" + list + " per side)." : " (the bar).")
      );
    }
    return (
      "Per side: " + list + " " + unit + " (on a " + setup.bar + " " + unit + " bar, " +
      weight + " " + unit + " in all)."
    );
  }

  function weightOf(block) {
    const field =
      block.querySelector("input[name=weight][data-plates-source]") ||
      block.querySelector(".set-row.is-planned input[name=weight]") ||
      block.querySelector("input[name=weight]");
    return field ? parseFloat(field.value) : NaN;
  }

  function update(block) {
    const panel = block.querySelector(".plates-panel");
    if (!panel || panel.hidden) return;
    panel.querySelector(".plates-text").textContent = describe(
      weightOf(block),
      block.dataset.unit || "kg"
    );
  }

  function setup(root) {
    const scope = root && root.querySelectorAll ? root : document;
    const blocks = Array.from(scope.querySelectorAll("[data-session-exercise-id]"));
    if (scope.matches && scope.matches("[data-session-exercise-id]")) blocks.push(scope);
    blocks.forEach((block) => {
      if (block.querySelector(".plates-toggle") || !block.querySelector("input[name=weight]")) {
        return;
      }
      const head = block.querySelector(".block-title");
      if (!head) return;
      const id = "plates-" + block.dataset.sessionExerciseId;
      const name = head.querySelector("h2");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "plates-toggle button-small";
      button.textContent = "Plates";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", id);
      if (name) button.setAttribute("aria-label", "Plates per side for " + name.textContent.trim());
      const panel = document.createElement("div");
      panel.className = "plates-panel";
      panel.id = id;
      panel.hidden = true;
      panel.innerHTML = '<p class="plates-text" aria-live="polite"></p>';
      head.appendChild(button);
      block.querySelector(".block-head").after(panel);
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".plates-toggle");
    if (!button) return;
    const block = button.closest("[data-session-exercise-id]");
    const panel = block && block.querySelector(".plates-panel");
    if (!panel) return;
    panel.hidden = !panel.hidden;
    button.setAttribute("aria-expanded", String(!panel.hidden));
    update(block);
  });

  // The panel follows the weight field the member is on.
  function follow(event) {
    const field = event.target;
    if (!field.matches || !field.matches("input[name=weight]")) return;
    const block = field.closest("[data-session-exercise-id]");
    if (!block) return;
    block.querySelectorAll("input[data-plates-source]").forEach((f) => {
      delete f.dataset.platesSource;
    });
    field.dataset.platesSource = "";
    update(block);
  }
  document.addEventListener("focusin", follow);
  document.addEventListener("input", follow);

  document.addEventListener("htmx:load", (event) => setup(event.detail.elt));
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => setup(document));
  } else {
    setup(document);
  }

  window.liftlogPlates = { platesPerSide: platesPerSide, describe: describe };
})();
