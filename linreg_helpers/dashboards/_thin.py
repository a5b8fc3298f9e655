"""Fewer points to draw for very long runs, without changing the picture.

A run with batch size 1 on a few hundred examples takes tens of thousands of steps;
drawn in a panel a few hundred pixels wide, most of its vertices land on the same
pixels, yet Agg still strokes every one (about 0.1 s a frame for 40,000 steps).
Runs of up to :data:`MAX_DRAWN` points are drawn exactly as computed.
"""

from __future__ import annotations

import numpy as np

__all__ = ["MAX_DRAWN", "envelope_indices", "stride_indices"]

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
