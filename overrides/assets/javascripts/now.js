/* What depends on now and where the visitor is, for the visitor's now: the home page's "next for
   you" and timeline, the past/next marks of the dates, schedule and sessions pages, the sessions
   page's link to this week, chosen again by the rules of the engine's agenda/now.py from the
   candidates each page carries as data-cg-* attributes; and after each course time, the visitor's
   own time when their UTC offset differs at that instant. The hook writes it, minified, into each
   page that has such content, after the content and before Material's script: it runs while the
   page is parsed, before the page is first drawn, so nothing moves for any visitor on any day.
   Without JavaScript the build day's state stays, with its "as of" line. In Node (no document) it
   exports its rules, which tests/cases/now.yml checks against the engine's. */
(function () {
  "use strict";
  // ---- The rules of what depends on now (agenda/now.py) ---------------------------------

  // Still to come at `now` (milliseconds since 1970): not over yet.
  function toCome(item, now) {
    return now < item.end;
  }

  // The first `limit` items still to come, in their order, one per group: a cancelled item is
  // shown, but its group's next item still comes after it.
  function coming(items, now, limit) {
    const chosen = [];
    const groups = new Set();
    for (const item of items) {
      if (chosen.length === limit) break;
      if (groups.has(item.group) || !toCome(item, now)) continue;
      chosen.push(item);
      if (item.live) groups.add(item.group);
    }
    return chosen;
  }

  // The coming items, else (for "next for you") the first of the dates still to be decided.
  function choose(items, fallback, now, limit) {
    const found = coming(items, now, limit);
    return found.length ? found : fallback.slice(0, limit);
  }

  // past, next or later for each item in page order: past once over, next for the first one
  // that takes place and is still to come.
  function marks(items, now) {
    let seenNext = false;
    return items.map(function (item) {
      if (!toCome(item, now)) return "past";
      if (item.live && !seenNext) {
        seenNext = true;
        return "next";
      }
      return "later";
    });
  }

  // The tracks chosen for one choice ({choice id: [track ids]}, from the calendar page).
  function chosen(choice, ident) {
    return [].concat(choice[ident] || []);
  }

  // What is a student's own, given their choice: everyone's items, and of each choice made only
  // the chosen tracks' (tracks.py).
  function mine(items, choice) {
    return items.filter(function (item) {
      const wanted = chosen(choice, item.choice);
      return !item.track || !wanted.length || wanted.includes(item.track);
    });
  }

  // The week (of {number, monday, sunday}, days as YYYY-MM-DD) that holds `day`; the first one
  // before the term, none after it.
  function weekOf(weeks, day) {
    if (weeks.length && day < weeks[0].monday) return weeks[0];
    return weeks.find((week) => week.monday <= day && day <= week.sunday) || null;
  }

  if (typeof document === "undefined") {
    module.exports = { toCome, coming, choose, marks, weekOf, mine };
    return;
  }

  // ---- The page ------------------------------------------------------------------------

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

  // "today", "tomorrow" or "in N days".
  function relative(words, days) {
    if (days <= 0) return words.today;
    if (days === 1) return words.tomorrow;
    return words.days.replace("{n}", String(days));
  }

  // An element's candidate data (data-cg-key, -start, -end, -group, -live, and -choice and -track
  // for a track's own item), with the element.
  function item(element) {
    const data = element.dataset;
    return { key: data.cgKey, start: Number(data.cgStart), end: Number(data.cgEnd), group: data.cgGroup,
      live: data.cgLive === "1", choice: data.cgChoice, track: data.cgTrack, element: element };
  }

  // The visitor's choice of tracks, as the page head reads it (cgChoice): {choice id: [track ids]}.
  function storedChoice() {
    return window.cgChoice ? window.cgChoice() : {};
  }

  // The elements a <template> of a list holds.
  function templateItems(list, name) {
    const template = list.querySelector("template[" + name + "]");
    return template ? Array.from(template.content.children) : [];
  }

  // One list of coming items ("next for you", the timeline): chosen again for `now` from its
  // candidates, each timeline item with its mark and distance from today.
  function showComing(list, now, words, choice) {
    const candidates = mine(templateItems(list, "data-cg-candidates").map(item), choice);
    const fallback = templateItems(list, "data-cg-fallback").map((element) => ({ element: element }));
    const chosen = choose(candidates, fallback, now, Number(list.dataset.cgLimit));
    const shown = list.querySelector("[data-cg-list]");
    const states = marks(chosen.filter((found) => found.key), now);
    const today = list.dataset.zone ? todayIn(list.dataset.zone) : null;
    shown.replaceChildren(...chosen.map(function (found, index) {
      const element = found.element.cloneNode(true);
      const state = element.querySelector(".cg-tl__state");
      if (state) {
        element.dataset.state = states[index];
        state.textContent = words[states[index]];
        element.querySelector("[data-cg-relative]").textContent =
          found.live ? relative(words, daysBetween(today, element.dataset.first)) : "";
      }
      return element;
    }));
    shown.hidden = chosen.length === 0;
    list.querySelector("[data-cg-empty]").hidden = chosen.length > 0;
  }

  // Whether an element is of a track the visitor chose: its own (data-cg-choice and -track), or,
  // for what is everyone's but part of tracks (a talk), one of those (data-cg-for).
  function isMine(data, choice) {
    if (data.cgTrack) return chosen(choice, data.cgChoice).includes(data.cgTrack);
    const picked = Object.keys(choice).flatMap((ident) => chosen(choice, ident));
    return (data.cgFor || "").split(" ").some((track) => track && picked.includes(track));
  }

  // The past/next marks of the dated rows of a page, for `now`; a row or a talk's date of a track
  // the visitor chose is marked theirs (data-mine, for the stylesheet).
  function markRows(now, words, choice) {
    const rows = Array.from(document.querySelectorAll(".cg-mark")).map(item);
    marks(rows, now).forEach(function (state, index) {
      const row = rows[index];
      row.element.dataset.state = state;
      row.element.textContent = state === "later" ? "" : words[state];
    });
    document.querySelectorAll(".cg-mark, .cg-talk-date[data-cg-track]").forEach(function (element) {
      if (isMine(element.dataset, choice)) {
        element.dataset.mine = "";
      } else {
        delete element.dataset.mine;
      }
    });
  }

  // The sessions page's link to this week: the week of today in the course's zone.
  function linkThisWeek(words) {
    const link = document.querySelector("[data-cg-this-week]");
    if (!link) return;
    const headings = Array.from(document.querySelectorAll("[data-cg-monday]"));
    const weeks = headings.map((h) => ({ number: h.id, monday: h.dataset.cgMonday, sunday: h.dataset.cgSunday, heading: h }));
    const week = weekOf(weeks, todayIn(link.dataset.zone));
    link.hidden = !week;
    if (!week) return;
    const label = week.monday > todayIn(link.dataset.zone) ? link.dataset.labelFirst : link.dataset.labelThis;
    link.href = "#" + week.number;
    link.textContent = label.replace("{week}", week.heading.firstChild.textContent.trim());
  }

  // Whose "next for you" is: the names of the tracks the visitor chose, or nothing shown.
  function showChoice(choice) {
    const tracks = Object.keys(choice).flatMap((ident) => chosen(choice, ident));
    document.querySelectorAll("[data-cg-showing]").forEach(function (line) {
      const names = templateItems(line.parentElement, "data-cg-track-names")
        .filter((name) => tracks.includes(name.dataset.cgTrack));
      // Copies of the names, each paper's title keeping its language.
      line.querySelector("[data-cg-showing-list]").replaceChildren(...names.flatMap((name, index) =>
        [...(index ? [", "] : []), ...Array.from(name.childNodes, (node) => node.cloneNode(true))]));
      line.hidden = names.length === 0;
    });
  }

  // Everything that depends on now, for the visitor's now; the build day's "as of" lines go.
  function showNow(words) {
    const now = Date.now();
    const choice = storedChoice();
    showChoice(choice);
    document.querySelectorAll("[data-cg-coming]").forEach((list) => showComing(list, now, words, choice));
    markRows(now, words, choice);
    linkThisWeek(words);
    document.querySelectorAll("[data-cg-asof]").forEach(function (line) {
      line.hidden = true;
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

  // The visitor's formats of a time, made once each (making one is costly, and a page has a time
  // for every session). They are the visitor's own: their browser's language and clock ("1:00 AM"
  // in the US, "01:00" in Germany), whatever the course's language. The time is the locale's short
  // time (timeStyle), which allows neither a date nor a zone beside it: those are formats of their own.
  const formats = new Map();
  function localFormat(kind) {
    if (!formats.has(kind)) {
      const options = { time: { timeStyle: "short" }, date: { weekday: "short", day: "numeric", month: "short" },
        zone: { hour: "numeric", timeZoneName: "short" } }[kind];
      formats.set(kind, new Intl.DateTimeFormat(undefined, options));
    }
    return formats.get(kind);
  }

  // One instant in the visitor's zone: the time, with their date where it is not the course's (and
  // not the day of the time before it in the group, `previous`), and with the zone's short name
  // ("PDT", "GMT+5:30") after the last time of a group.
  function localTime(time, withZone, previous) {
    const moment = new Date(time.dateTime);
    const day = localDay(moment);
    let text = localFormat("time").format(moment);
    if (day !== time.dateTime.slice(0, 10) && !(previous && localDay(previous) === day)) {
      text = localFormat("date").format(moment) + ", " + text;
    }
    if (withZone) {
      const zone = localFormat("zone").formatToParts(moment).find((part) => part.type === "timeZoneName");
      if (zone) text += " " + zone.value;
    }
    return text;
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
    // Each time whole; a narrow screen breaks the line between them.
    times.forEach(function (t, i) {
      const at = document.createElement("span");
      at.className = "cg-local__at";
      at.textContent = localTime(t, i === times.length - 1, i ? new Date(times[i - 1].dateTime) : null);
      local.append(...(i ? [clock.to] : []), at);
    });
    note.append(" " + before, local, after ?? "");
    group.append(note);
  }

  // The page's words for the script (a hidden [data-cg-clock]: the visitor-time label and
  // separator, the marks, today/tomorrow/in N days), if any.
  function clockLabels() {
    const element = document.querySelector("[data-cg-clock]");
    if (!element) return null;
    return element.dataset;
  }

  // All of it, for the page as it is; again for each page Material swaps in with instant
  // loading (course.js calls it then), which leaves what was done as it is.
  function showAll() {
    const words = clockLabels();
    if (words) {
      showNow(words);
      document.querySelectorAll(".cg-when").forEach((group) => addLocal(group, words));
    }
  }

  window.cgShowNow = showAll;
  showAll();
})();
