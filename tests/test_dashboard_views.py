"""One dashboard language: every dashboard shows the same three views in the same places.

The views are found from the figure's artists, not from titles or labels:

* **data + current model**: a 2D axes with a scatter of the data (one coordinate of the
  points is ``y``: x against y, or predicted against observed) and a line drawn over it;
* **3D loss surface**: a 3D axes holding a surface (``Poly3DCollection``) and a drawn point or path;
* **loss curve**: a 2D axes with a curve against increasing steps/epochs and a dotted horizontal
  line at the minimum that the curve never goes below.

Places (the shared layout): the data panel is left of the surface in the top row; the loss
curve is under the top row, in the right-most column. Topic panels go where the layout leaves room.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

import linreg_helpers as lh

# Dashboards still without the shared layout (issue 13); remove a name when it gets the three views.
NOT_YET: set[str] = set()


def _drawn_lines(ax) -> list[Line2D]:
    return [ln for ln in ax.lines if ln.get_visible() and len(np.atleast_1d(ln.get_xdata())) > 0]


def fit_axes(dash) -> list:
    """2D axes showing the data (a scatter with ``y`` as one coordinate) and a line over it."""
    y = np.asarray(dash.y, dtype=float)
    found = []
    for ax in dash.figure.axes:
        if ax.name == "3d":
            continue
        for coll in ax.collections:
            if not isinstance(coll, PathCollection):
                continue
            pts = np.asarray(coll.get_offsets(), dtype=float)
            if pts.ndim != 2 or pts.shape[0] != y.size:
                continue
            # the data in their order; a dashboard may move a few of them (the outliers of 02)
            shows_y = any(np.mean(np.isclose(pts[:, k], y)) >= 0.75 for k in (0, 1))
            if shows_y and any(len(ln.get_xdata()) >= 2 for ln in _drawn_lines(ax)):
                found.append(ax)
                break
    return found


def surface_axes(dash) -> list:
    """3D axes with a surface and a drawn point or path on it."""
    return [
        ax
        for ax in dash.figure.axes
        if ax.name == "3d"
        and any(isinstance(c, Poly3DCollection) for c in ax.collections)
        and (_drawn_lines(ax) or any(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection)))
    ]


def _is_minimum_line(ln: Line2D) -> bool:
    ys = np.asarray(ln.get_ydata(), dtype=float)
    return ln.get_linestyle() == ":" and ys.size >= 2 and np.all(ys == ys[0]) and np.isfinite(ys[0])


def curve_axes(dash) -> list:
    """2D axes with a loss curve over increasing steps and a dotted minimum the curve stays above."""
    found = []
    for ax in dash.figure.axes:
        if ax.name == "3d":
            continue
        lines = _drawn_lines(ax)
        minima = [float(ln.get_ydata()[0]) for ln in lines if _is_minimum_line(ln)]
        if not minima:
            continue
        for ln in lines:
            xs, ys = (np.asarray(v, dtype=float) for v in ln.get_data())
            if _is_minimum_line(ln) or xs.size < 2 or not np.all(np.diff(xs) > 0):
                continue
            finite = ys[np.isfinite(ys)]
            if finite.size >= 2 and all(finite.min() >= m - 1e-9 * max(1.0, abs(m)) for m in minima):
                found.append(ax)
                break
    return found


def _centre(ax) -> tuple[float, float]:
    box = ax.get_position()
    return (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="issue 13")) if n in NOT_YET else n
        for n in lh.DASHBOARDS
    ],
)
def test_every_dashboard_shows_fit_surface_and_loss_curve_in_the_same_places(name):
    dash = lh.DASHBOARDS[name]()
    try:
        fits, surfaces, curves = fit_axes(dash), surface_axes(dash), curve_axes(dash)
        assert fits, f"{name}: no panel shows the data with the current model"
        assert surfaces, f"{name}: no 3D loss surface with the current point or path"
        assert curves, f"{name}: no loss curve with a dotted line at the minimum"
        fit, surface, curve = fits[0], surfaces[0], curves[0]
        (fx, fy), (sx, sy), (_, cy) = _centre(fit), _centre(surface), _centre(curve)
        assert fx < sx and abs(fy - sy) < 0.12, f"{name}: the data panel is not left of the surface in the top row"
        assert cy < min(fy, sy) - 0.1, f"{name}: the loss curve is not under the top row"
        right = max(ax.get_position().x1 for ax in dash.figure.axes)
        assert curve.get_position().x1 > right - 0.03, f"{name}: the loss curve is not in the right-most column"
    finally:
        dash.close()
