"""The machine a benchmark ran on, without anything that identifies the host."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

from .procs import ENV


# The first value of a `key: value` (or `key=value`) line of a system file.
def _field(path: str, key: str, sep: str = ":") -> str | None:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        name, _, value = line.partition(sep)
        if name.strip() == key:
            return value.strip().strip('"')
    return None


# First line a tool prints for --version, or "not found".
def _tool_version(*args: str) -> str:
    try:
        out = subprocess.run(args, capture_output=True, text=True, env=ENV, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return out.strip().splitlines()[0] if out.strip() else "not found"


def describe(chromium: str | None, node: str | None) -> dict[str, str]:
    """CPU model, cores, RAM, OS and tool versions."""
    mem_kib = _field("/proc/meminfo", "MemTotal")
    ram = f"{int(mem_kib.split()[0]) / 2**20:.1f} GiB" if mem_kib else "unknown"
    return {
        "CPU": _field("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": _field("/etc/os-release", "PRETTY_NAME", "=") or platform.system(),
        "Python": platform.python_version(),
        "MkDocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "Playwright (Python)": version("playwright"),
        "Chromium": _tool_version(chromium, "--version") if chromium else "not found",
        "Node": _tool_version(node, "--version") if node else "not found",
    }


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, a hint of how busy the machine was."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())
