// Copy buttons for feed addresses (the calendar page). Without scripts the button
// stays hidden and the address is selectable text in a read-only field.

// Fill an empty address field from its link, resolved against this page's address,
// and show its box (hidden while it has no address to show).
function fillAddress(field) {
  const link = document.getElementById(field.dataset.cgFrom);
  if (!field.value && link) {
    field.value = link.href;
  }
  field.parentElement.hidden = false;
}

// Copy the field's text; if the clipboard is unavailable, select it and say how to copy.
async function copyAddress(button, field, status) {
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = button.dataset.cgCopied;
  } catch {
    status.textContent = button.dataset.cgManual;
  }
}

for (const button of document.querySelectorAll("[data-cg-copy]")) {
  const field = document.getElementById(button.dataset.cgCopy);
  const status = button.parentElement.querySelector("[role=status]");
  if (field && status) {
    fillAddress(field);
    button.hidden = false;
    button.addEventListener("click", () => copyAddress(button, field, status));
  }
}

// Without a configured site address, make the webcal:// link from this page's own address.
for (const link of document.querySelectorAll("a[data-cg-webcal]")) {
  link.href = link.href.replace(/^https?:/, "webcal:");
  link.hidden = false;
}
