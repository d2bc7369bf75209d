"""Section 4b: Lighthouse scores for each page (mobile profile), driving Debian's Chromium."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from .download import CHROMIUM_ARGS
from .procs import run

CLI = Path(__file__).resolve().parent / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}


@dataclass(frozen=True)
class Scores:
    """Median category scores (0-100) of one page and the audits that cost points (median score)."""

    page: str
    scores: dict[str, int]
    lost: list[str]

    @property
    def ok(self) -> bool:
        """True when every category meets its target."""
        return all(self.scores[c] >= TARGETS[c] for c in CATEGORIES)


def version() -> str:
    """The installed Lighthouse version."""
    return json.loads((CLI.parents[1] / "package.json").read_text(encoding="utf-8"))["version"]


def report(url: str, node: str, chromium: str, out: Path) -> dict:
    """One Lighthouse run of a page (mobile profile): the parsed JSON report."""
    run([node, str(CLI), url, "--quiet", "--form-factor=mobile", f"--output-path={out}", "--output=json",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"],
        env={"CHROME_PATH": chromium})
    return json.loads(out.read_text(encoding="utf-8"))


# Score of every weighted audit of one report, as {"category: audit-id": score}.
def _audit_scores(report: dict) -> dict[str, float]:
    scores = {}
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            score = report["audits"][ref["id"]]["score"]
            if ref["weight"] > 0 and score is not None:
                scores[f"{name}: {ref['id']}"] = score
    return scores


def measure(base: str, page_path: str, node: str, chromium: str, work: Path, runs: int) -> Scores:
    """Median scores of `runs` Lighthouse runs of one page, and the audits whose median is below 1."""
    reports = [report(base + page_path, node, chromium, work / f"lighthouse-{i}.json") for i in range(runs)]
    scores = {c: round(100 * statistics.median(r["categories"][c]["score"] for r in reports)) for c in CATEGORIES}
    audits = [_audit_scores(r) for r in reports]
    medians = {name: statistics.median(a.get(name, 1.0) for a in audits) for name in sorted(set().union(*audits))}
    return Scores("/" + page_path, scores, [f"{name} ({score:.2f})" for name, score in medians.items() if score < 1])
