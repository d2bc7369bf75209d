/* Course-site behaviour on top of Material, no libraries: marks each timeline's dates
   past / next / later for the visitor's today (in the course's time zone) and says how
   far away the coming ones are. Without JavaScript the build-time marks stay. */
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

  // Material swaps pages without reloading when instant loading is on; document$ covers both.
  function run() {
    document.querySelectorAll("[data-cg-timeline]").forEach(update);
  }
  if (window.document$) {
    window.document$.subscribe(run);
  } else {
    run();
  }
})();
