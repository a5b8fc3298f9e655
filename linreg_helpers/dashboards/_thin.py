"""Fewer points to draw for very long runs, without changing the picture.

A run with batch size 1 on a few hundred examples takes tens of thousands of steps;
drawn in a panel a few hundred pixels wide, most of its vertices land on the same
pixels, yet Agg still strokes every one (about 0.1 s a frame for 40,000 steps).
Runs of up to :data:`MAX_DRAWN` points are drawn exactly as computed.

A loss curve is thinned again when drawn (:class:`ColumnLine`): of the points that fall in one
pixel column it strokes the first, the lowest, the highest and the last (the "M4" aggregation),
so the line covers the same pixels of each column; a few edge pixels are shaded differently.
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.path import Path
from matplotlib.transforms import TransformedPath

__all__ = ["MAX_DRAWN", "ColumnLine", "column_indices", "envelope_indices", "stride_indices"]

MAX_DRAWN = 5000
"""Longest line drawn point for point (more than ten vertices per pixel of a wide panel)."""


def stride_indices(n: int, max_points: int | None = None) -> slice | np.ndarray:
    """Indices of an evenly spaced subset of ``n`` path points, first and last included.

    Parameters
    ----------
    n : int
        Number of points in the path.
    max_points : int, optional
        Most points to keep (at least 2); :data:`MAX_DRAWN` by default (read at each call).

    Returns
    -------
    slice or ndarray of int
        ``slice(None)`` (every point) when ``n <= max_points``.
    """
    max_points = MAX_DRAWN if max_points is None else max_points
    if n <= max_points:
        return slice(None)
    step = -(-(n - 1) // (max_points - 1))  # ceil: at most max_points - 1 intervals
    idx = np.arange(0, n, step)
    return idx if idx[-1] == n - 1 else np.append(idx, n - 1)


def envelope_indices(y: np.ndarray, max_points: int | None = None) -> slice | np.ndarray:
    """Indices of a curve's points that keep its envelope: the lowest and highest point of each of
    ``max_points // 2`` consecutive buckets, in order, plus the first and last point.

    For a curve over a monotone x (a loss per step), the thinned line covers the same pixels
    as the full one: in each bucket it still reaches the bucket's minimum and maximum.

    Parameters
    ----------
    y : ndarray, shape (n,)
        The curve's values (NaN allowed: a bucket's NaN is kept, so a gap stays a gap).
    max_points : int, optional
        Most points to keep, about; :data:`MAX_DRAWN` by default (read at each call).

    Returns
    -------
    slice or ndarray of int
        ``slice(None)`` (every point) when ``n <= max_points``.
    """
    n = y.shape[0]
    max_points = MAX_DRAWN if max_points is None else max_points
    if n <= max_points:
        return slice(None)
    buckets = max(max_points // 2 - 1, 1)
    edges = np.linspace(0, n, buckets + 1).astype(int)
    starts, sizes, index = edges[:-1], np.diff(edges), np.arange(n)
    keep = [np.array([0, n - 1])]
    for extreme in (np.minimum, np.maximum):
        target = np.repeat(extreme.reduceat(y, starts), sizes)  # each point's bucket extreme (NaN if any)
        hit = (y == target) | (np.isnan(y) & np.isnan(target))
        # An index in each bucket where the curve reaches that extreme (NaN: one of its NaNs).
        at = np.maximum.reduceat(np.where(hit, index, -1), starts)
        keep.append(at[at >= 0])
    return np.unique(np.concatenate(keep))


def column_indices(x: np.ndarray, y: np.ndarray) -> np.ndarray | None:
    """Indices of a curve's points that draw like all of them: in each pixel column, the first, the
    lowest, the highest and the last point ("M4"), in order; every NaN and its neighbours (a gap
    stays a gap with the same ends).

    Parameters
    ----------
    x, y : ndarray, shape (n,)
        The points in display coordinates (pixels); ``x`` non-decreasing.

    Returns
    -------
    ndarray of int, or None
        None when thinning would not pay (at most four points a column on average), or ``x`` is not
        non-decreasing (then every point is drawn).
    """
    n = x.shape[0]
    column = np.floor(x)
    if n == 0 or not np.all(column[1:] >= column[:-1]):  # (False for a NaN x as well)
        return None
    starts = np.flatnonzero(np.concatenate(([True], column[1:] != column[:-1])))
    if 4 * starts.size >= n:
        return None
    sizes, index = np.diff(np.append(starts, n)), np.arange(n)
    keep = [starts, np.append(starts[1:] - 1, n - 1)]
    for extreme in (np.fmin, np.fmax):  # each column's extreme, ignoring NaNs (NaN if all are)
        target = np.repeat(extreme.reduceat(y, starts), sizes)
        at = np.maximum.reduceat(np.where(y == target, index, -1), starts)
        keep.append(at[at >= 0])
    gaps = np.flatnonzero(np.isnan(y))
    if gaps.size:
        keep.append(np.clip(np.concatenate((gaps - 1, gaps, gaps + 1)), 0, n - 1))
    return np.unique(np.concatenate(keep))


class ColumnLine(Line2D):
    """A solid line over a non-decreasing x (a loss curve) that strokes at most four points per pixel
    column (:func:`column_indices`), worked out for the axes' limits and size at each draw.

    A run of 5,000 steps in a panel 300 pixels wide is about 1,100 points to stroke instead of
    5,000: 2-5x less time in Agg. Markers, dashes, steps and path effects are drawn point for point.
    The data (``get_data``) are all the points.
    """

    stroked: int = 0
    """How many points the last draw stroked."""

    def draw(self, renderer) -> None:
        if self._invalidy or self._invalidx:
            self.recache()
        keep = None
        xy = self._xy
        plain = (
            self.get_drawstyle() == "default"
            and not self.is_dashed()
            and self.get_marker() in (None, "None", "", " ")
            and not self.get_path_effects()
        )
        if plain and self.axes is not None and xy.shape[0] > 4 * self.axes.bbox.width:
            shown = self.get_transform().transform(xy)
            keep = column_indices(shown[:, 0], shown[:, 1])
        self.stroked = xy.shape[0] if keep is None else keep.size  # points stroked by the last draw
        if keep is None:
            super().draw(renderer)
            return
        subslice, self._subslice = self._subslice, False  # (Line2D's own cut to the x-limits)
        self._transformed_path = TransformedPath(Path(xy[keep]), self.get_transform())
        try:
            super().draw(renderer)
        finally:
            self._subslice = subslice
            self._transformed_path = None  # the whole line again for anything else (contains, extents)
