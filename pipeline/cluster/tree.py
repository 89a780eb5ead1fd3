"""The hierarchy a clustering was cut from: enough to give fewer or more themes without
re-embedding or rebuilding anything (the "fewer / more themes" control)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

Linkage = npt.NDArray[np.float64]

# Each "fewer" / "more" step divides / multiplies the number of themes by about this.
GRAIN_STEP = 1.5
# At the finest grain a theme still holds this many of the sample's rows on average.
FINEST_THEME_ROWS = 3


@dataclass
class ThemeTree:
    """The Ward linkage of a stable sample (``keys`` name its rows, e.g. mention ids), the score
    curves over the candidate k, and the k chosen from them (``k``, the automatic grain)."""

    linkage: Linkage
    keys: list[int]
    k: int
    grid: list[int] = field(default_factory=list)
    silhouette: list[float] = field(default_factory=list)
    modularity: list[float] = field(default_factory=list)
    k_silhouette: int = 1
    k_modularity: int = 1
    min_theme: int = 0

    @property
    def finest(self) -> int:
        """The most themes a recut may give."""
        return max(self.k, len(self.keys) // FINEST_THEME_ROWS, 1)

    def k_at(self, scale: float) -> int:
        """The number of themes at ``scale`` times the automatic grain (at least 1)."""
        return int(min(max(round(self.k * scale), 1), self.finest))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready copy (the linkage is (sample - 1) x 4 numbers)."""
        return {
            "linkage": np.round(self.linkage, 9).tolist(),
            "keys": [int(k) for k in self.keys],
            "k": self.k,
            "grid": self.grid,
            "silhouette": [round(v, 6) for v in self.silhouette],
            "modularity": [round(v, 6) for v in self.modularity],
            "k_silhouette": self.k_silhouette,
            "k_modularity": self.k_modularity,
            "min_theme": self.min_theme,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ThemeTree:
        linkage = np.asarray(data["linkage"], dtype=np.float64).reshape(-1, 4)
        return cls(
            linkage=linkage,
            keys=[int(k) for k in data["keys"]],
            k=int(data["k"]),
            grid=[int(k) for k in data.get("grid", [])],
            silhouette=[float(v) for v in data.get("silhouette", [])],
            modularity=[float(v) for v in data.get("modularity", [])],
            k_silhouette=int(data.get("k_silhouette", 1)),
            k_modularity=int(data.get("k_modularity", 1)),
            min_theme=int(data.get("min_theme", 0)),
        )
