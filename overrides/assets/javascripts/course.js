/* Course-site behaviour on top of Material, no libraries: marks each timeline's dates
   past / next / later for the visitor's today (in the course's time zone) and says how
   far away the coming ones are; after each course time adds the visitor's own time when
   their UTC offset differs at that instant. Without JavaScript the build-time marks and
   only the course times stay. Also: the colour toggle works from the keyboard as its name
   says, and a table that scrolls sideways can be focused to scroll. */
(function () {
  "use strict";

  // Today's date as YYYY-MM-DD in the given IANA time zone.
  function todayIn(zone) {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
    }).formatToParts(new Date());
    const part = (type) => parts.find((p) => p.type === type).value;
    return part("year") + "-" + part("month") + "-" + part("day");
  }

  // Whole days from one YYYY-MM-DD date to another.
  function daysBetween(from, to) {
    return Math.round((Date.parse(to) - Date.parse(from)) / 86400000);
  }

  // "today", "tomorrow" or "in N days" from the timeline's labels.
  function relative(labels, days) {
    if (days <= 0) return labels.labelToday;
    if (days === 1) return labels.labelTomorrow;
    return labels.labelDays.replace("{n}", String(days));
  }

  // Re-mark one timeline's items and fill in their distance from today.
  function update(timeline) {
    const labels = timeline.dataset;
    const today = todayIn(labels.zone);
    let seenNext = false;
    timeline.querySelectorAll(".cg-tl__item").forEach(function (item) {
      let state = "past";
      if (item.dataset.last >= today) {
        state = seenNext ? "later" : "next";
        seenNext = true;
      }
      item.dataset.state = state;
      item.querySelector(".cg-tl__state").textContent = labels["label" + state[0].toUpperCase() + state.slice(1)];
      item.querySelector("[data-cg-relative]").textContent =
        state === "past" ? "" : relative(labels, daysBetween(today, item.dataset.first));
    });
  }

  // The course zone's UTC offset in minutes, from a datetime such as 2026-10-20T10:00:00+02:00.
  function courseOffset(iso) {
    const match = /([+-])(\d\d):(\d\d)$/.exec(iso);
    return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  }

  // The visitor's date of an instant as YYYY-MM-DD.
  function localDay(moment) {
    const pad = (n) => String(n).padStart(2, "0");
    return moment.getFullYear() + "-" + pad(moment.getMonth() + 1) + "-" + pad(moment.getDate());
  }

  // One instant in the visitor's zone: the time, with their date where it is not the course's.
  function localTime(time, clock, withZone) {
    const moment = new Date(time.dateTime);
    const options = { hour: "2-digit", minute: "2-digit" };
    if (localDay(moment) !== time.dateTime.slice(0, 10)) {
      Object.assign(options, { weekday: "short", day: "numeric", month: "short" });
    }
    if (withZone) options.timeZoneName = "short";
    return new Intl.DateTimeFormat(clock.locale, options).format(moment);
  }

  // After one group of course times, the visitor's times, unless their offsets are the course's.
  function addLocal(group, clock) {
    const times = Array.from(group.querySelectorAll("time[datetime*='T']"));
    const differs = times.some((t) => -new Date(t.dateTime).getTimezoneOffset() !== courseOffset(t.dateTime));
    if (!times.length || !differs || group.querySelector(".cg-local")) return;
    const note = document.createElement("span");
    const local = document.createElement("span");
    const [before, after] = clock.label.split("{time}");
    note.className = "cg-local";
    local.className = "cg-local__time";
    local.textContent = times.map((t, i) => localTime(t, clock, i === times.length - 1)).join(clock.to);
    note.append(" " + before, local, after ?? "");
    group.append(note);
  }

  // The label, separator and locale of the page's visitor times (a hidden [data-cg-clock]), if any.
  function clockLabels() {
    const element = document.querySelector("[data-cg-clock]");
    if (!element) return null;
    return element.dataset;
  }

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

  // Material swaps pages without reloading when instant loading is on; document$ covers both.
  function run() {
    document.querySelectorAll("[data-cg-timeline]").forEach(update);
    const clock = clockLabels();
    if (clock) document.querySelectorAll(".cg-when").forEach((group) => addLocal(group, clock));
    checkShownScheme();
    focusScrollingTables();
  }
  document.addEventListener("keydown", spaceSwitchesScheme);
  window.addEventListener("resize", focusScrollingTables);
  if (window.document$) {
    window.document$.subscribe(run);
  } else {
    run();
  }
})();
