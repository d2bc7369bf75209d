"""Section 4: per page, what a visitor downloads and how Lighthouse scores it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import download, lighthouse
from .gzserve import serving
from .report import Figure, table

PAGE_LIMIT_KB = 300


@dataclass(frozen=True)
class Page:
    """Download figures and Lighthouse scores of one page."""

    download: download.Download
    scores: lighthouse.Scores

    @property
    def kb(self) -> float:
        """Compressed bytes transferred, in KB (1,000 bytes)."""
        return self.download.transferred / 1000

    @property
    def ok(self) -> bool:
        """True when the page meets the size and every score target."""
        return self.kb < PAGE_LIMIT_KB and self.scores.ok and not self.download.failed


def measure(site: Path, node: str, chromium: str, work: Path, runs: int) -> list[Page]:
    """Serve the built site with gzip; load and score every page."""
    paths = download.pages(site)
    with serving(site) as base:
        downloads = download.measure(base, paths, chromium)
        scores = [lighthouse.measure(base, path, node, chromium, work, runs) for path in paths]
    return [Page(d, s) for d, s in zip(downloads, scores, strict=True)]


def page_table(pages: list[Page]) -> str:
    """One row per page: requests, bytes, the four scores and the verdict."""
    rows = [[f"`{p.download.page}`", str(p.download.requests), f"{p.kb:.1f}", f"{p.download.uncompressed / 1000:.1f}",
             *(str(p.scores.scores[c]) for c in lighthouse.CATEGORIES), "pass" if p.ok else "**fail**"]
            for p in pages]
    return table(["page", "requests", "KB transferred (gzip)", "KB uncompressed", "performance",
                  "accessibility", "best practices", "SEO", "result"], rows)


def lost_points(pages: list[Page]) -> str:
    """The Lighthouse audits that cost points, per page (or a line saying there are none)."""
    lines = [f"- `{p.download.page}`: {'; '.join(p.scores.lost)}" for p in pages if p.scores.lost]
    return "\n".join(lines) or "No weighted audit scored below 1 on any page."


def figures(pages: list[Page]) -> list[Figure]:
    """The worst page for each target, and whether it meets it."""
    heaviest = max(pages, key=lambda p: p.kb)
    found = [Figure("4", f"heaviest page download, first visit ({len(pages)} pages)",
                    f"{heaviest.kb:.1f} KB in {heaviest.download.requests} requests (`{heaviest.download.page}`)",
                    f"< {PAGE_LIMIT_KB} KB", heaviest.kb < PAGE_LIMIT_KB)]
    for category in lighthouse.CATEGORIES:
        worst = min(pages, key=lambda p: p.scores.scores[category])
        score, target = worst.scores.scores[category], lighthouse.TARGETS[category]
        found.append(Figure("4", f"lowest Lighthouse {category} score (mobile)", f"{score} (`{worst.scores.page}`)",
                            f">= {target}", score >= target))
    return found
