"""`python -m bench.paint`: first paint of the course site against plain Material, side by side.

The example course (tests/example) is built with the hook, and the same Markdown (the files the
hook generates, written out as plain files) is built with plain Material: the same site name,
navigation, language and Markdown extensions, no theme overrides, features or palette. Both are
served by bench/gzserve.py; Lighthouse (mobile) loads every page of both in turn, ours then
plain, for N rounds. The table shows medians with min–max and whether the goal of issue 23
holds. With --features it also builds ours without each Material feature we enable and without
the palette, and compares their main-thread work on a few pages, interleaved the same way.
The last results are written into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils import yaml_load

from . import lighthouse, machine
from .download import pages
from .gzserve import serving
from .procs import build
from .project import ROOT, copy_project, static_twin
from .report import replace_section, table

HERE = Path(__file__).resolve().parent
EXAMPLE = ROOT / "tests" / "example"
# What each run reports besides the category scores, by Lighthouse audit id.
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
           "CLS": "cumulative-layout-shift", "bytes": "total-byte-weight", "main thread": "mainthread-work-breakdown"}
# The goal: ours at least this performance score, and at most this much later first paint and
# this many more requests than plain Material.
MIN_PERFORMANCE, FCP_MARGIN_MS, EXTRA_REQUESTS = 95, 100, 1
# What --features leaves out of ours, one at a time: a Material feature, or the palette.
WITHOUT = ("navigation.top", "toc.follow", "palette")
FEATURE_PAGES = ("", "schedule/")


@dataclass(frozen=True)
class Run:
    """The figures of one Lighthouse run of one page."""

    scores: dict[str, int]
    metrics: dict[str, float]
    requests: int
    style_layout: float  # main-thread milliseconds of style and layout


# ---- The sites -------------------------------------------------------------------------


def example_project(dest: Path, change: Callable[[dict[str, Any]], None] | None = None) -> Path:
    """A copy of the course project with the example course's course.yml and docs/, its
    mkdocs.yml changed by `change` if given."""
    project = copy_project(dest, (EXAMPLE / "course.yml").read_text(encoding="utf-8"))
    shutil.rmtree(project / "docs")
    shutil.copytree(EXAMPLE / "docs", project / "docs")
    if change is not None:
        config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        change(config)
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                            encoding="utf-8")
    return project


def plain_twin(project: Path, dest: Path) -> Path:
    """The project's generated Markdown as plain files, built by plain Material (no overrides)."""
    twin = static_twin(project, dest)
    config = yaml.safe_load((twin / "mkdocs.yml").read_text(encoding="utf-8"))
    language = config["theme"].get("language", "en")
    config["theme"] = {"name": "material", "language": language, "font": False}  # no Google Fonts either
    config.get("extra", {}).pop("course", None)
    shutil.rmtree(twin / "overrides", ignore_errors=True)
    (twin / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return twin


def side_by_side_sites(work: Path) -> dict[str, Path]:
    """Both sites, built: {"ours": site folder, "plain": site folder}."""
    project = example_project(work / "example")
    twin = plain_twin(project, work / "example-plain")
    sites = {"ours": work / "site-ours", "plain": work / "site-plain"}
    build(project, sites["ours"])
    build(twin, sites["plain"])
    return sites


# A change to mkdocs.yml that leaves out one feature, or the palette.
def _without(name: str) -> Callable[[dict[str, Any]], None]:
    def change(config: dict[str, Any]) -> None:
        if name == "palette":
            config["theme"].pop("palette", None)
        else:
            config["theme"]["features"] = [f for f in config["theme"]["features"] if f != name]
    return change


def feature_sites(work: Path) -> dict[str, Path]:
    """Ours as configured and without each of WITHOUT, built: {"all": ..., "without palette": ...}."""
    sites = {"all": work / "site-ours"}
    if not sites["all"].is_dir():
        build(example_project(work / "example"), sites["all"])
    for name in WITHOUT:
        label = f"without {name}"
        sites[label] = work / f"site-without-{name}"
        build(example_project(work / f"example-without-{name}", _without(name)), sites[label])
    return sites


# ---- Lighthouse ------------------------------------------------------------------------


# One Lighthouse run of a page: its scores, metrics and request count. A run that fails (Chromium
# now and then does not start on a busy machine) is tried once more.
def _lighthouse(url: str, node: str, chromium: str, out: Path) -> Run:
    try:
        report = lighthouse.report(url, node, chromium, out)
    except RuntimeError:
        report = lighthouse.report(url, node, chromium, out)
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in lighthouse.CATEGORIES}
    metrics = {name: float(report["audits"][audit]["numericValue"]) for name, audit in METRICS.items()}
    requests = len(report["audits"]["network-requests"]["details"]["items"])
    groups = report["audits"]["mainthread-work-breakdown"]["details"]["items"]
    style_layout = sum(item["duration"] for item in groups if item["group"] == "styleLayout")
    return Run(scores, metrics, requests, style_layout)


def measure(sites: dict[str, Path], paths: list[str], node: str, chromium: str, work: Path, rounds: int,
            say: Callable[[str], None]) -> dict[str, dict[str, list[Run]]]:
    """Lighthouse runs of the pages of every site, interleaved (each round visits each page on
    each site in turn): {"/page/": {site: [runs]}}."""
    runs: dict[str, dict[str, list[Run]]] = {"/" + p: {name: [] for name in sites} for p in paths}
    with ExitStack() as servers:
        bases = {name: servers.enter_context(serving(site)) for name, site in sites.items()}
        for number in range(rounds):
            say(f"round {number + 1} of {rounds}: {len(paths)} pages on {len(sites)} sites")
            for path in paths:
                for name in sites:
                    runs["/" + path][name].append(_lighthouse(bases[name] + path, node, chromium,
                                                              work / "lighthouse.json"))
    return runs


# ---- The tables ------------------------------------------------------------------------


# "median (min–max)" of some values, each formatted by `shown`.
def _spread(values: list[float], shown: Callable[[float], str]) -> str:
    low, high = min(values), max(values)
    middle = shown(statistics.median(values))
    return middle if low == high else f"{middle} ({shown(low)}–{shown(high)})"


def _figures(runs: list[Run]) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {c: [r.scores[c] for r in runs] for c in lighthouse.CATEGORIES}
    found.update({name: [r.metrics[name] for r in runs] for name in METRICS})
    found["requests"] = [r.requests for r in runs]
    found["style and layout"] = [r.style_layout for r in runs]
    return found


def _whole(value: float) -> str:
    return f"{value:.0f}"


SIDE_BY_SIDE: dict[str, tuple[str, Callable[[float], str]]] = {
    "performance": ("perf", _whole), "FCP": ("FCP ms", _whole), "LCP": ("LCP ms", _whole),
    "TBT": ("TBT ms", _whole), "CLS": ("CLS", lambda v: f"{v:.3f}"), "requests": ("requests", _whole),
    "bytes": ("KB", lambda v: f"{v / 1000:.1f}"), "accessibility": ("a11y", _whole),
    "best-practices": ("BP", _whole), "seo": ("SEO", _whole),
}
FEATURES: dict[str, tuple[str, Callable[[float], str]]] = {
    "performance": ("perf", _whole), "FCP": ("FCP ms", _whole), "TBT": ("TBT ms", _whole),
    "main thread": ("main thread ms", _whole), "style and layout": ("style and layout ms", _whole),
    "CLS": ("CLS", lambda v: f"{v:.3f}"), "accessibility": ("a11y", _whole),
}


def misses(ours: list[Run], plain: list[Run]) -> list[str]:
    """What of the goal one page misses (nothing: it holds)."""
    mine, theirs = _figures(ours), _figures(plain)
    med = {k: statistics.median(v) for k, v in mine.items()}
    base = {k: statistics.median(v) for k, v in theirs.items()}
    checks = [
        (med["performance"] >= max(base["performance"], MIN_PERFORMANCE),
         f"perf {med['performance']:.0f} < max(plain {base['performance']:.0f}, {MIN_PERFORMANCE})"),
        (med["FCP"] <= base["FCP"] + FCP_MARGIN_MS,
         f"FCP {med['FCP']:.0f} > plain {base['FCP']:.0f} + {FCP_MARGIN_MS}"),
        (max(mine["CLS"]) == 0, f"CLS up to {max(mine['CLS']):.3f}"),
        (med["requests"] <= base["requests"] + EXTRA_REQUESTS,
         f"requests {med['requests']:.0f} > plain {base['requests']:.0f} + {EXTRA_REQUESTS}"),
        *((min(mine[c]) == 100, f"{c} {min(mine[c]):.0f}") for c in ("accessibility", "best-practices", "seo")),
    ]
    return [message for ok, message in checks if not ok]


# One row per page and site, the page named on its first row; `last` fills the last column.
def _rows(runs: dict[str, dict[str, list[Run]]], columns: dict[str, tuple[str, Callable[[float], str]]],
          last: Callable[[str, str], str]) -> list[list[str]]:
    rows = []
    for page, by_site in runs.items():
        for index, (name, site_runs) in enumerate(by_site.items()):
            figures = _figures(site_runs)
            rows.append([f"`{page}`" if index == 0 else "", name,
                         *(_spread(figures[key], shown) for key, (_, shown) in columns.items()), last(page, name)])
    return rows


def side_by_side(runs: dict[str, dict[str, list[Run]]]) -> str:
    """Ours and plain Material per page: medians (min–max), and whether the goal holds for the page."""
    def verdict(page: str, name: str) -> str:
        if name != "ours":
            return ""
        missed = misses(runs[page]["ours"], runs[page]["plain"])
        return "holds" if not missed else "**misses**: " + "; ".join(missed)
    return table(["page", "site", *(title for title, _ in SIDE_BY_SIDE.values()), "goal"],
                 _rows(runs, SIDE_BY_SIDE, verdict))


def features(runs: dict[str, dict[str, list[Run]]]) -> str:
    """Ours as configured and without each feature, per page: medians (min–max) and what leaving
    the feature out saves in main-thread work (median against median)."""
    def saving(page: str, name: str) -> str:
        if name == "all":
            return ""
        with_it = statistics.median(r.metrics["main thread"] for r in runs[page]["all"])
        without = statistics.median(r.metrics["main thread"] for r in runs[page][name])
        return f"{with_it - without:+.0f} ms"
    return table(["page", "site", *(title for title, _ in FEATURES.values()), "main thread saved"],
                 _rows(runs, FEATURES, saving))


# ---- Command line ----------------------------------------------------------------------


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.paint", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="Lighthouse runs per page and site, interleaved")
    parser.add_argument("--features", action="store_true",
                        help=f"also compare ours without each of {', '.join(WITHOUT)} on {len(FEATURE_PAGES)} pages")
    parser.add_argument("--only-features", action="store_true", help="the feature comparison alone")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="the Markdown file to write into")
    return parser.parse_args()


def _say(text: str) -> None:
    print(f"[bench.paint] {text}", file=sys.stderr, flush=True)


def _tools() -> tuple[str, str]:
    chromium, node = shutil.which("chromium"), shutil.which("node")
    if not (chromium and node and lighthouse.CLI.is_file()):
        sys.exit("bench.paint needs Debian's chromium, Node and Lighthouse (`npm ci` in bench/)")
    return chromium, node


# When and how a section was measured.
def _conditions(started: dt.datetime, load_before: str, command: str) -> str:
    return (f"Measured {started:%Y-%m-%d %H:%M} UTC with `{command}` (Lighthouse {lighthouse.version()}, "
            f"mobile: simulated slow 4G, 4x CPU slowdown); load average (1/5/15 min) {load_before} before, "
            f"{machine.load_average()} after. Medians of the runs, min–max in brackets; KB = bytes "
            f"transferred (1,000 bytes).")


def main() -> None:
    """Build the sites, run Lighthouse interleaved, print the tables and write them into RESULTS.md."""
    options = _options()
    chromium, node = _tools()
    with tempfile.TemporaryDirectory(prefix="coursegen-paint-") as tmp:
        work = Path(tmp)
        if not options.only_features:
            started, load = dt.datetime.now(dt.UTC), machine.load_average()
            _say("building the example course with the hook and with plain Material")
            sites = side_by_side_sites(work)
            runs = measure(sites, pages(sites["ours"]), node, chromium, work, options.rounds, _say)
            body = side_by_side(runs)
            print(body)
            text = _conditions(started, load, f"python -m bench.paint --rounds {options.rounds}")
            replace_section(options.out, "paint", f"## First paint against plain Material\n\n{text}\n\n{body}\n")
        if options.features or options.only_features:
            started, load = dt.datetime.now(dt.UTC), machine.load_average()
            _say(f"building ours without each of {', '.join(WITHOUT)}")
            sites = feature_sites(work)
            runs = measure(sites, list(FEATURE_PAGES), node, chromium, work, options.rounds, _say)
            body = features(runs)
            print(body)
            text = _conditions(started, load, f"python -m bench.paint --only-features --rounds {options.rounds}")
            replace_section(options.out, "features", f"## Material's features: main-thread cost\n\n{text}\n\n{body}\n")
    _say(f"wrote {options.out.name}")


if __name__ == "__main__":
    main()
