"""Live panels for the dashboards of notebooks 03, 06 and 07 (added to the shared ones in ``_panels``).

Like the panels in :mod:`._panels`, each draws its static part once and registers its moving
artists with the dashboard's :class:`~linreg_helpers._canvas.Blitter`; its ``set_*`` methods only
change artist data.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from .._canvas import Blitter
from ..plots import style_axes
from ..style import COLORS, sizes

__all__: list[str] = []


class PredictedObservedPanel:
    """Predicted against observed targets, with the diagonal ``ŷ = y`` where a perfect model's points lie.

    The model with several features cannot be drawn as one line over one x axis; this panel
    shows what it predicts for every example instead. At the start (all weights 0) every
    prediction is the mean, a horizontal row of points; as the model learns, the points
    turn towards the diagonal.

    Parameters
    ----------
    ax : Axes
    blit : Blitter
    y : ndarray, shape (n,)
        The observed targets (the x coordinates of the points).
    lecture : bool or None
        Projector sizes.
    name : str
        What ``y`` is (``"mpg"``), for the axis labels.
    title : str
    """

    def __init__(self, ax, blit: Blitter, y: np.ndarray, *, lecture=None, name: str = "y", title: str = ""):
        s = sizes(lecture)
        self.ax, self.y = ax, np.asarray(y, dtype=float)
        lo, hi = float(self.y.min()), float(self.y.max())
        pad = 0.08 * ((hi - lo) or 1.0)
        lo, hi = lo - pad, hi + pad
        ax.plot([lo, hi], [lo, hi], color="black", ls="--", lw=max(1.0, s.line * 0.6), zorder=2)
        self.points = blit.add(
            ax.scatter(
                self.y, np.full_like(self.y, np.nan), s=s.marker * 2.5, color=COLORS["data"], alpha=0.6, zorder=3
            )
        )
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        self._cap = (lo - 10 * (hi - lo), hi + 10 * (hi - lo))  # a diverged run's points: off the panel, finite
        ax.set_aspect("equal", adjustable="box")  # the diagonal at 45°: above it over-, below it under-predicted
        ax.set_xlabel(f"observed {name}")
        ax.set_ylabel(f"predicted {name}")
        ax.set_title(title or "Predicted vs observed (dashed: perfect)", fontsize=s.title)
        style_axes(ax, lecture)

    def set(self, predicted: np.ndarray) -> None:
        """Show the predictions ``predicted`` (shape (n,)) against the observed targets."""
        shown = np.clip(np.nan_to_num(np.asarray(predicted, dtype=float), nan=self._cap[1]), *self._cap)
        self.points.set_offsets(np.column_stack([self.y, shown]))


def tidy_surface_axes(ax, *, ticks: int = 4, lecture=None) -> None:
    """Fewer ticks on a small 3D panel, so its tick labels and the z label never run into each other.

    Parameters
    ----------
    ax : Axes3D
    ticks : int
        At most this many ticks on the w and b axes (3 on the z axis).
    lecture : bool or None
        Projector sizes: larger text, so the z label stands further off.
    """
    s = sizes(lecture)
    ax.xaxis.set_major_locator(MaxNLocator(ticks))
    ax.yaxis.set_major_locator(MaxNLocator(ticks))
    ax.zaxis.set_major_locator(MaxNLocator(3))
    ax.zaxis.labelpad = 6 * s.scale
