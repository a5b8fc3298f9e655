"""Thinning very long runs for drawing (``linreg_helpers.dashboards._thin``): fewer points, same picture."""

from __future__ import annotations

import io
import itertools

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image

import linreg_helpers as lh
from linreg_helpers.dashboards._thin import MAX_DRAWN, ColumnLine, column_indices, envelope_indices, stride_indices


@pytest.mark.parametrize("n", [1, 2, MAX_DRAWN])
def test_short_runs_are_drawn_point_for_point(n):
    assert stride_indices(n) == slice(None)
    assert envelope_indices(np.arange(float(n))) == slice(None)


@pytest.mark.parametrize("n", [MAX_DRAWN + 1, 3 * MAX_DRAWN + 7, 196_001])
def test_stride_keeps_ends_and_even_spacing(n):
    idx = stride_indices(n)
    assert len(idx) <= MAX_DRAWN
    assert idx[0] == 0 and idx[-1] == n - 1
    gaps = np.diff(idx)
    assert gaps.min() >= 1 and gaps[:-1].min() == gaps[:-1].max()  # evenly spaced but the last


def _bucket_extremes(y, edges):
    return [(np.nanmin(y[a:b]), np.nanmax(y[a:b])) for a, b in itertools.pairwise(edges)]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_envelope_keeps_every_buckets_lowest_and_highest_point(seed):
    rng = np.random.default_rng(seed)
    y = np.exp(np.cumsum(rng.normal(size=50_000)) * 0.01) + rng.random(50_000)  # a noisy loss curve
    idx = envelope_indices(y)
    assert len(idx) <= MAX_DRAWN and idx[0] == 0 and idx[-1] == len(y) - 1
    assert np.all(np.diff(idx) > 0)  # in order: the line still runs left to right
    edges = np.linspace(0, len(y), MAX_DRAWN // 2).astype(int)
    kept = np.full(len(y), np.nan)
    kept[idx] = y[idx]
    assert _bucket_extremes(kept, edges) == _bucket_extremes(y, edges)


def test_envelope_keeps_a_gap():
    y = np.linspace(1.0, 2.0, 20_000)
    y[5000:5100] = np.nan
    idx = envelope_indices(y)
    assert np.isnan(y[idx]).any(), "a NaN gap in the curve must stay a gap"


def _png(x, y, *, log=True) -> np.ndarray:
    fig = Figure(figsize=(4.0, 3.0), dpi=72)
    ax = fig.add_subplot()
    ax.plot(x, y, lw=1.5)
    if log:
        ax.set_yscale("log")
    ax.set_xlim(0, x[-1])
    ax.set_ylim(np.nanmin(y) * 0.9, np.nanmax(y) * 1.1)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return np.asarray(Image.open(buf).convert("L"), dtype=int)


def test_a_thinned_loss_curve_looks_the_same():
    # the many-features dashboard's wildest curve: batch size 1 on raw features
    d = lh.many_features_dashboard(batch_size=1)
    y = d.history.losses
    x = d.history.epoch_axis
    assert len(y) > 5 * MAX_DRAWN
    idx = envelope_indices(y)
    full, thin = _png(x, y), _png(x[idx], y[idx])
    differ = np.abs(full - thin) > 64
    assert differ.mean() < 0.005, f"{differ.mean():.2%} of the pixels differ"


def test_dashboard_draws_a_long_run_thinned_and_ends_on_the_last_step():
    d = lh.many_features_dashboard(batch_size=1)
    h = d.history
    w1, w2 = (np.asarray(a) for a in d.path.line.get_data())
    assert len(w1) <= MAX_DRAWN < h.weights.shape[0]
    assert (w1[0], w2[0]) == (h.weights[0, 0], h.weights[0, 1])
    assert (w1[-1], w2[-1]) == (h.weights[-1, 0], h.weights[-1, 1])
    px, py = (np.asarray(a) for a in d.path.point.get_data())
    assert (px[0], py[0]) == (h.weights[-1, 0], h.weights[-1, 1])
    xs, losses = (np.asarray(a) for a in d.curve.curves["gd"].get_data())
    assert len(xs) <= MAX_DRAWN
    capped = np.minimum(h.losses, d.curve.limits[2] * 10)
    assert losses.min() == capped.min() and losses.max() == capped.max()


# ------------------------------------------------------------------ per pixel column, at draw time
def _noisy_curve(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 5.0 + np.exp(-np.arange(n) / (n / 8)) * 40.0 + rng.gamma(0.7, 2.0, n)  # an SGD loss curve


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_columns_keep_each_columns_first_lowest_highest_and_last_point(seed):
    n = 20_000
    x = np.sort(np.random.default_rng(seed).uniform(0.0, 300.0, n))  # 300 pixel columns, uneven
    y = _noisy_curve(n, seed)
    idx = column_indices(x, y)
    assert idx is not None and np.all(np.diff(idx) > 0)  # in order
    assert len(idx) <= 4 * 300
    kept = np.zeros(n, dtype=bool)
    kept[idx] = True
    column = np.floor(x)
    for c in np.unique(column):
        members = np.flatnonzero(column == c)
        assert kept[members[0]] and kept[members[-1]]
        assert y[members][kept[members]].min() == y[members].min()
        assert y[members][kept[members]].max() == y[members].max()


def test_columns_keep_a_gap_and_its_ends():
    x = np.linspace(0.0, 99.0, 10_000)
    y = _noisy_curve(10_000, 0)
    y[4000:4100] = np.nan
    idx = column_indices(x, y)
    assert {3999, 4000, 4099, 4100} <= set(idx.tolist())


def test_columns_leave_short_curves_and_a_backward_x_alone():
    assert column_indices(np.linspace(0.0, 99.0, 400), np.ones(400)) is None  # four a column: no gain
    x = np.linspace(0.0, 99.0, 10_000)
    x[5000] = 3.0
    assert column_indices(x, np.ones(10_000)) is None
    assert column_indices(np.array([]), np.array([])) is None


def _draw(line_type, x, y, *, lw: float = 1.4) -> tuple[np.ndarray, Line2D]:
    fig = Figure(figsize=(4.0, 2.5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    line = ax.add_line(line_type(x, y, lw=lw, color="#B07000"))
    ax.set_xlim(-10, x[-1])
    ax.set_ylim(0.0, 50.0)
    ax.set_axis_off()
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[:, :, :3].astype(int), line


@pytest.mark.parametrize("seed", [0, 1])
def test_a_column_line_covers_the_pixels_of_the_whole_line(seed):
    n = 5000
    x, y = np.arange(n, dtype=float), _noisy_curve(n, seed)
    whole, _ = _draw(Line2D, x, y)
    thin, line = _draw(ColumnLine, x, y)
    assert line.stroked < n / 3  # it did thin: about four points in each of ~300 columns
    ink_whole, ink_thin = (img.min(axis=2) < 200 for img in (whole, thin))

    def reach(ink, c):  # the highest and lowest inked row of column c and its neighbours
        rows = np.flatnonzero(ink[:, c - 1 : c + 2].any(axis=1))
        return rows[0], rows[-1]

    # A spike may sit a fraction of a pixel further left or right (the column's highest point is kept,
    # not the others), so its stroke's edge may fall in the next column: each column's ink must reach
    # as high and as low as the whole line's, give or take a pixel, counting its neighbours.
    for c in np.flatnonzero(ink_whole.any(axis=0))[1:-1]:
        whole_rows = np.flatnonzero(ink_whole[:, c])
        top, bottom = reach(ink_thin, c)
        assert top <= whole_rows[0] + 1 and bottom >= whole_rows[-1] - 1, f"column {c}"
        thin_rows = np.flatnonzero(ink_thin[:, c])
        top, bottom = reach(ink_whole, c)
        assert top <= thin_rows[0] + 1 and bottom >= thin_rows[-1] - 1, f"column {c}"
    differ = np.abs(whole - thin).max(axis=2) > 96
    assert differ.sum() <= 0.03 * ink_whole.sum(), f"{differ.sum()} of {ink_whole.sum()} ink pixels differ"


def test_a_column_line_with_markers_or_dashes_draws_every_point():
    x, y = np.arange(5000.0), _noisy_curve(5000, 0)
    for style in ({"ls": "--"}, {"marker": "o"}, {"drawstyle": "steps-post"}):
        fig = Figure(figsize=(4.0, 2.5), dpi=100)
        FigureCanvasAgg(fig)
        line = fig.add_subplot().add_line(ColumnLine(x, y, **style))
        fig.canvas.draw()
        assert line.stroked == 5000, style


def test_dashboard_loss_curves_stroke_a_long_run_per_pixel_column():
    d = lh.batch_size_dashboard(epochs=60)
    try:
        curve = d.curve.curves["sgd"]
        assert isinstance(curve, ColumnLine)
        assert len(curve.get_xdata()) > 4000  # every point is still the line's data
        assert curve.stroked <= 4 * d.curve.ax.bbox.width + 8
    finally:
        d.close()
