"""Figures with their targets, as Markdown tables, and the RESULTS.md file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Splits RESULTS.md: above it, what each run writes; below it, the analysis written by hand.
MARK = "<!-- Above: written by `python -m bench` on each run. Below: kept as written. -->"


@dataclass(frozen=True)
class Figure:
    """One measured figure, its target and whether it meets it (None: no target)."""

    section: str
    measure: str
    value: str
    target: str = "—"
    ok: bool | None = None

    @property
    def verdict(self) -> str:
        """pass, fail or — for a figure without a target."""
        return "—" if self.ok is None else ("pass" if self.ok else "**fail**")


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def figures_table(figures: list[Figure]) -> str:
    """The summary table: every figure with target and verdict."""
    return table(["#", "measure", "value", "target", "result"],
                 [[f.section, f.measure, f.value, f.target, f.verdict] for f in figures])


def seconds(value: float) -> str:
    """A duration in ms below one second, else in s."""
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def document(title: str, sections: list[tuple[str, str]]) -> str:
    """A Markdown document from (heading, body) pairs."""
    parts = [f"# {title}"] + [f"## {heading}\n\n{body.strip()}" for heading, body in sections]
    return "\n\n".join(parts) + "\n"


def write_results(path: Path, measured: str) -> None:
    """Replace the measured part of the results file; keep the written part below MARK."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    kept = old[old.index(MARK):] if MARK in old else MARK + "\n"
    path.write_text(measured + "\n" + kept, encoding="utf-8")


def replace_section(path: Path, name: str, text: str) -> None:
    """Put `text` between the file's `<!-- name: begin -->` and `<!-- name: end -->` marks, below MARK
    (so that `python -m bench` keeps it); the first time, at the end of the file."""
    begin, end = f"<!-- {name}: begin -->", f"<!-- {name}: end -->"
    old = path.read_text(encoding="utf-8") if path.is_file() else MARK + "\n"
    section = f"{begin}\n{text.strip()}\n{end}"
    if begin in old and end in old:
        new = old[:old.index(begin)] + section + old[old.index(end) + len(end):]
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(new, encoding="utf-8")
