"""Parsed content files kept between reloads."""

from __future__ import annotations

from pathlib import Path


class ParseCache:
    """Parsed files keyed by path and modification stamp, so a reload re-reads only what changed."""

    def __init__(self) -> None:
        self.results: dict[Path, tuple[tuple[int, int], object]] = {}
        self.misses = 0

    def get(self, path: Path, parse):
        """``parse()`` of ``path``, from the cache while the file is unchanged."""
        try:
            info = path.stat()
        except OSError:
            return parse()
        stamp = (info.st_mtime_ns, info.st_size)
        cached = self.results.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        self.misses += 1
        result = parse()
        self.results[path] = (stamp, result)
        return result
