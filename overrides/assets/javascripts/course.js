/* Course-site behaviour on top of Material, no libraries: the copy buttons (the calendar page's
   feed address, each paper's BibTeX), the colour toggle works from the keyboard as its name says,
   and a table that scrolls sideways can be focused to scroll. (What depends on now is now.js,
   which runs before the first paint.) Loaded async, not deferred: a deferred script holds back
   DOMContentLoaded, and with it Material's own setup of the page (the wrappers of tables, which
   move what follows them), until it arrives. Whether it runs before or after the page is first
   drawn, the controls it works (class cg-scripted) show from the first paint where scripts run. */
(function () {
  "use strict";

  // The radio buttons of Material's colour toggle, one per scheme.
  function paletteOptions() {
    return Array.from(document.querySelectorAll("[data-md-component=palette] .md-option"));
  }

  // Material leaves every button of its colour toggle unchecked, so Tab reached the first one
  // (named for switching to dark) in either scheme, its focus ring sat on a hidden icon, and
  // Space checked the scheme already shown. Check the button of the scheme shown (the one
  // whose icon Material shows): Tab lands on it, named for what pressing it does.
  function checkShownScheme() {
    const shown = paletteOptions().find((option) => option.nextElementSibling?.hidden === false);
    if (shown) shown.checked = true;
  }

  // Space switches the scheme as Enter does in Material: to the next one, keeping the focus.
  function spaceSwitchesScheme(event) {
    if (event.key !== " " || !event.target.matches?.(".md-option")) return;
    event.preventDefault();
    const options = paletteOptions();
    const next = options[(options.indexOf(event.target) + 1) % options.length];
    next.click();
    next.focus();
  }

  // A table wider than the screen scrolls inside Material's wrapper: only then can the wrapper
  // be focused, so that it scrolls from the keyboard too.
  function focusScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.tabIndex = 0;
      } else {
        wrap.removeAttribute("tabindex");
      }
    });
  }

  // ---- Copy buttons ----------------------------------------------------------------------
  // A button and its status line sit in a box that shows only where scripts run (cg-scripted):
  // without them the calendar page shows the address as links, and the BibTeX is text to select.

  // Fill an empty address field from its link, resolved against this page's address.
  function fillAddress(field) {
    const link = document.getElementById(field.dataset.cgFrom);
    if (!field.value && link) {
      field.value = link.href;
    }
  }

  // Make a field as tall as its wrapped text, so that the whole address shows on a phone (where
  // the browser cannot do it: field-sizing in the stylesheet).
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

  // Wire each copy button to its source; without a configured site address, make the webcal://
  // and Google Calendar links from this page's own address.
  function setUpCopying() {
    const sized = typeof CSS !== "undefined" && CSS.supports("field-sizing", "content");
    for (const button of document.querySelectorAll("[data-cg-copy]")) {
      const source = document.getElementById(button.dataset.cgCopy);
      const status = button.parentElement.querySelector("[role=status]");
      if (!source || !status) continue;
      if (source.dataset.cgFrom) fillAddress(source);
      if (source instanceof HTMLTextAreaElement && !sized) {
        fitHeight(source);
        window.addEventListener("resize", () => fitHeight(source));
      }
      button.addEventListener("click", () => copyText(button, source, status));
    }
    for (const link of document.querySelectorAll("a[data-cg-webcal]")) {
      link.href = link.href.replace(/^https?:/, "webcal:");
    }
    for (const link of document.querySelectorAll("a[data-cg-google]")) {
      link.href = link.dataset.cgGoogle + encodeURIComponent(link.href.replace(/^https?:/, "webcal:"));
      delete link.dataset.cgGoogle;
    }
  }

  // ---- What is yours: the calendar page's choice of tracks -----------------------------------
  // The choice (the talk given, the talk reviewed, a group: one track per choice) stays in this
  // browser's localStorage under the course's key; nothing is sent anywhere. The head's cgMine
  // hides the other tracks of each choice made, before the first paint and on every change.

  // Keep (or, when nothing is chosen, forget) the choice, and show it.
  function keepChoice(key, choice) {
    try {
      if (Object.keys(choice).length) {
        localStorage.setItem(key, JSON.stringify(choice));
      } else {
        localStorage.removeItem(key);
      }
    } catch (error) {
      // Storage off (a private window, say): the choice holds for this page only.
    }
    if (window.cgMine) window.cgMine(choice);
  }

  // The form's controls (a select per choice, a checkbox per talk reviewed: a student may review
  // several) show the stored choice; a change keeps it, "show all" forgets it. A stored track the
  // course no longer has is forgotten.
  function setUpMine() {
    const form = document.querySelector("form[data-cg-mine]");
    if (!form || form.dataset.cgReady) return;
    form.dataset.cgReady = "1";
    const key = form.dataset.cgMine;
    const controls = Array.from(form.querySelectorAll("[data-cg-choice]"));
    const choice = window.cgChoice ? window.cgChoice() : {};
    for (const control of controls) {
      const wanted = [].concat(choice[control.dataset.cgChoice] || []);
      if (control.type === "checkbox") {
        control.checked = wanted.includes(control.value);
      } else {
        const option = Array.from(control.options).find((o) => o.value && wanted.includes(o.value));
        control.value = option ? option.value : "";
      }
    }
    const current = function () {
      const found = {};
      for (const control of controls) {
        const value = control.type === "checkbox" && !control.checked ? "" : control.value;
        if (value) (found[control.dataset.cgChoice] = found[control.dataset.cgChoice] || []).push(value);
      }
      return found;
    };
    if (Object.keys(choice).length) keepChoice(key, current());
    form.addEventListener("change", () => keepChoice(key, current()));
    form.querySelector("[data-cg-mine-clear]").addEventListener("click", function () {
      for (const control of controls) {
        if (control.type === "checkbox") control.checked = false; else control.value = "";
      }
      keepChoice(key, {});
    });
  }

  // "Show all" beside "next for you": forget the choice, and choose again for everyone.
  function setUpShowing() {
    const button = document.querySelector(".cg-showing [data-cg-mine-clear]");
    if (!button || button.dataset.cgReady) return;
    button.dataset.cgReady = "1";
    button.addEventListener("click", function () {
      keepChoice(window.cgMineKey, {});
      if (window.cgShowNow) window.cgShowNow();
    });
  }

  // The box that shows only the visitor's own items on the dates, schedule and sessions pages:
  // kept in localStorage beside the choice; the page head's cgMine hides the others.
  function setUpOnlyMine() {
    const key = window.cgMineKey + ":only";
    for (const box of document.querySelectorAll("input[data-cg-only-mine]")) {
      if (box.dataset.cgReady) continue;
      box.dataset.cgReady = "1";
      try {
        box.checked = localStorage.getItem(key) === "1";
      } catch (error) {
        box.checked = false;
      }
      box.addEventListener("change", function () {
        try {
          if (box.checked) localStorage.setItem(key, "1"); else localStorage.removeItem(key);
        } catch (error) {
          // Storage off: the box holds for this page only.
        }
        if (window.cgMine) window.cgMine(window.cgChoice ? window.cgChoice() : {}, box.checked);
      });
    }
  }

  // Material swaps pages without reloading when instant loading is on; document$ covers both.
  function run() {
    if (window.cgShowNow) window.cgShowNow();
    setUpCopying();
    setUpMine();
    setUpShowing();
    setUpOnlyMine();
    checkShownScheme();
    focusScrollingTables();
  }
  // Once the page is parsed (and Material's script has run): through document$ where there is one.
  function start() {
    if (window.document$) {
      window.document$.subscribe(run);
    } else {
      run();
    }
  }

  document.addEventListener("keydown", spaceSwitchesScheme);
  window.addEventListener("resize", focusScrollingTables);
  // Loaded async, this may run before the page is parsed, or after.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
