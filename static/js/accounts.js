// Sign-up: pre-fill the hidden time zone field from the browser (UTC otherwise).
document.addEventListener("DOMContentLoaded", () => {
  const field = document.querySelector("input[name=timezone]");
  if (!field || field.value) return;
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    field.value = "";
  }
});

// Account page: select an invite link's text on focus, ready to copy.
document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches("input.invite-link")) {
    event.target.select();
  }
});
