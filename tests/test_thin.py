"""Thinning very long runs for drawing (``linreg_helpers.dashboards._thin``): fewer points, same picture."""

from __future__ import annotations

import io
import itertools

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

import linreg_helpers as lh
from linreg_helpers.dashboards._thin import MAX_DRAWN, envelope_indices, stride_indices


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
