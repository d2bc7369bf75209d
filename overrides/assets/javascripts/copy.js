// Copy buttons: the calendar page's feed address and each paper's BibTeX. A button and its
// status line sit in a box that stays hidden without scripts: then the calendar page shows
// the address as links, and the BibTeX is text to select.

// Fill an empty address field from its link, resolved against this page's address.
function fillAddress(field) {
  const link = document.getElementById(field.dataset.cgFrom);
  if (!field.value && link) {
    field.value = link.href;
  }
}

// Make a field as tall as its wrapped text, so that the whole address shows on a phone.
function fitHeight(field) {
  field.style.height = "auto";
  field.style.height = `${field.scrollHeight + field.offsetHeight - field.clientHeight}px`;
}

// Select what a button copies: a field's value, or an element's text.
function selectSource(source) {
  if (source instanceof HTMLTextAreaElement || source instanceof HTMLInputElement) {
    source.focus();
    source.setSelectionRange(0, source.value.length);
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(source);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}

// Copy the source's text; if the clipboard is unavailable, select it and say how to copy.
async function copyText(button, source, status) {
  const text = "value" in source ? source.value : source.textContent;
  status.textContent = "";
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = button.dataset.cgCopied;
  } catch {
    selectSource(source);
    status.textContent = button.dataset.cgManual;
  }
}

for (const button of document.querySelectorAll("[data-cg-copy]")) {
  const source = document.getElementById(button.dataset.cgCopy);
  const box = button.parentElement;
  const status = box.querySelector("[role=status]");
  if (source && status) {
    if (source.dataset.cgFrom) {
      fillAddress(source);
    }
    box.hidden = false;
    if (source instanceof HTMLTextAreaElement) {
      fitHeight(source);
      addEventListener("resize", () => fitHeight(source));
    }
    button.addEventListener("click", () => copyText(button, source, status));
  }
}

// Without a configured site address, make the webcal:// link from this page's own address.
for (const link of document.querySelectorAll("a[data-cg-webcal]")) {
  link.href = link.href.replace(/^https?:/, "webcal:");
  link.hidden = false;
}
