"""Every dashboard: built, driven control by control, checked against the numerics, swept to extremes."""

from __future__ import annotations

import asyncio
import base64
import html
import io
import itertools
import os
import warnings
import zlib
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
from dashboard_presets import all_presets, preset_names
from matplotlib.collections import PathCollection
from matplotlib.text import Text
from PIL import Image

import linreg_helpers as lh
from linreg_helpers import style
from linreg_helpers.closed_form import _lad_line
from linreg_helpers.dashboards import _lecture as lecture_rules
from linreg_helpers.dashboards._base import _is_slider, check_control_value, snap_to_slider
from linreg_helpers.dashboards.losses import exact_line, step_factor

ARTIFACTS = Path(os.environ.get("LINREG_ARTIFACTS", Path(__file__).resolve().parent.parent / "artifacts"))
NAMES = list(lh.DASHBOARDS)
ONE_FEATURE = [n for n in NAMES if n != "many_features"]


@pytest.fixture(scope="module")
def dashboards():
    built = {name: builder() for name, builder in lh.DASHBOARDS.items()}
    yield built
    for dash in built.values():  # released (the widget registry would keep them, slowing later gc-heavy tests)
        dash.close()


def capture(dash):
    """Attach a pretend browser to the dashboard's figure; return the list its frames go to."""
    widget = dash.figure.canvas.widget
    widget.attached = True  # what the front end's "ready" message does
    frames = []
    widget.send = lambda content, buffers=None: frames.append((content, list(buffers or [])))
    return frames


class Screen:
    """What the browser's canvas shows, rebuilt from the frames exactly as ``_figure.js`` does.

    Written from the message format (``frame_update``'s docstring), not with the sender's code:
    a full frame is the RGBA rows; a diff is runs (start, length) of changed pixels and their values.
    """

    def __init__(self) -> None:
        self.pixels = None
        self.count = 0

    def receive(self, content: dict, buffers: list) -> None:
        assert content["type"] == "frame"
        w, h = content["width"], content["height"]
        if content["full"]:
            raw = zlib.decompress(bytes(buffers[0]))
            assert len(raw) == w * h * 4
            self.pixels = np.frombuffer(raw, dtype=np.uint8).reshape(h, w, 4).copy()
        else:
            assert self.pixels is not None and self.pixels.shape == (h, w, 4), "a diff before any full frame"
            runs = np.frombuffer(zlib.decompress(bytes(buffers[0])), dtype="<u4").reshape(-1, 2)
            values = np.frombuffer(zlib.decompress(bytes(buffers[1])), dtype="<u4")
            assert runs.shape[0] == content["runs"] and values.size == content["values"] == runs[:, 1].sum()
            flat = self.pixels.reshape(-1, 4).view("<u4")[:, 0]
            k = 0
            for start, length in runs:
                flat[start : start + length] = values[k : k + length]
                k += length
            row0, row1 = content["rows"]
            assert row0 * w <= runs[0, 0] and runs[-1, 0] + runs[-1, 1] <= row1 * w
        self.count += 1


def test_registry_names():
    assert set(NAMES) == {
        "model",
        "losses",
        "gradients",
        "gradient_descent",
        "batch_size",
        "convexity",
        "many_features",
        "training_in_practice",
    }


@pytest.mark.parametrize("name", NAMES)
def test_builder_contract(dashboards, name):
    d = dashboards[name]
    assert isinstance(d, widgets.Widget)
    assert {"learning_rate", "batch_size"} <= set(d.controls)
    assert all(isinstance(c, widgets.Widget) for c in d.controls.values())
    assert d.figure.canvas.widget in d.children
    assert d.reset_button.description == "Reset"
    assert "w =" in d.readout.value or "MSE" in d.readout.value or "chord" in d.readout.value
    # labels are never cut: every description is shown at its natural width
    for c in d.controls.values():
        assert c.style.description_width == "initial"
        assert c.description


@pytest.mark.parametrize("name", NAMES)
def test_builder_accepts_own_data_and_settings(name):
    weights = [-1.0, 2.0] if name == "many_features" else -1.0
    X, y = lh.make_linear_data(25, weights=weights, bias=3.0, noise=0.5, seed=11)
    d = lh.DASHBOARDS[name](X, y, batch_size=5)
    assert d.n == 25
    assert d.controls["batch_size"].value == 5
    # the training set: all 25, or (training in practice) all but every third example, held out
    assert d.controls["batch_size"].max == (25 - 25 // 3 if name == "training_in_practice" else 25)


@pytest.mark.parametrize("name", ONE_FEATURE)
def test_builder_rejects_bad_input(name):
    builder = lh.DASHBOARDS[name]
    with pytest.raises(ValueError, match="one feature"):
        builder(np.ones((10, 2)), np.ones(10))
    with pytest.raises(ValueError, match="different numbers of examples"):
        builder(np.arange(5.0), np.arange(4.0))
    with pytest.raises(ValueError, match="no control"):
        builder(not_a_control=1)
    with pytest.raises(ValueError, match="outside the slider's range"):
        builder(learning_rate=1e9)
    with pytest.raises(ValueError, match="x values are equal"):
        builder(np.ones(10), np.arange(10.0))


def test_many_features_rejects_bad_input():
    with pytest.raises(ValueError, match="exactly two feature columns"):
        lh.many_features_dashboard(np.ones(10), np.ones(10))
    with pytest.raises(ValueError, match="constant"):
        lh.many_features_dashboard(np.column_stack([np.ones(10), np.arange(10.0)]), np.arange(10.0))


def test_many_features_standardising_converges_in_far_fewer_steps():
    from linreg_helpers.dashboards.features import steps_to_converge

    d = lh.many_features_dashboard(preset="raw features: zig-zag and crawl")
    raw_steps = steps_to_converge(d.history.losses, d.setups["raw"]["stats"].min_mse)
    d.set(preset="standardised: straight to the minimum")
    std_steps = steps_to_converge(d.history.losses, d.setups["standardised"]["stats"].min_mse)
    assert raw_steps is None and std_steps is not None and std_steps <= 20
    # the learning-rate slider follows the scale of the features
    lr = d.controls["learning_rate"]
    assert 10**lr.max > 0.1 and lr.value == pytest.approx(0.268, rel=0.025)  # on the slider's grid
    d.controls["standardise"].value = False
    assert 10**lr.max < 1e-5 and lr.value == pytest.approx(d.setups["raw"]["lr_max"] * 0.5, rel=0.025)
    Xs = (d.X - d.X.mean(0)) / d.X.std(0)
    h = lh.gradient_descent(
        Xs, d.y - d.y.mean(), learning_rate=d.setups["standardised"]["lr_max"] * 0.5, epochs=5, batch_size=d.n
    )
    assert h.losses[-1] < h.losses[0]


def _line_xy(line):
    x, y = line.get_data()
    return np.asarray(x, float), np.asarray(y, float)


def test_gradient_descent_artists_match_numerics():
    d = lh.descent_dashboard()
    for lr_factor, bs, epochs, w0, b0 in [
        (0.05, None, 30, 0.0, 0.0),
        (0.5, 7, 12, 1.0, -2.0),  # the b axis is zoomed to the runs: about ±2.8 around b*
        (1.4, None, 60, 0.0, 0.0),
    ]:
        settings = dict(learning_rate=d.lr_max * lr_factor, batch_size=bs or d.n, epochs=epochs, w0=w0, b0=b0)
        d.set(**settings)
        h = lh.gradient_descent(
            d.X,
            d.y,
            learning_rate=d.values()["learning_rate"],  # the value on the grid, to 4 digits
            epochs=epochs,
            batch_size=settings["batch_size"],
            w0=w0,
            b0=b0,
            seed=0,
        )
        w_path, b_path = _line_xy(d.contour.paths["gd"].line)
        np.testing.assert_array_equal(w_path, h.weights[:, 0])
        np.testing.assert_array_equal(b_path, h.biases)
        xs, losses = _line_xy(d.curve.curves["gd"])
        np.testing.assert_allclose(xs, h.epoch_axis)
        np.testing.assert_array_equal(losses, np.minimum(h.losses, d.curve.limits[2] * 10))
        _, fit_y = _line_xy(d.fit.art.line)
        np.testing.assert_allclose(fit_y, h.w[0] * d.fit.art.x_line + h.b)
        assert d.history.diverged == h.diverged
        if h.diverged:
            assert f"diverged at step {h.diverged_at}" in d.readout.value
            assert d.curve.message.get_visible()
        else:
            assert not d.curve.message.get_visible()
    # the 3D surface is the real loss surface
    Z = lh.loss_surface(d.X, d.y, d.weights, d.biases)
    assert d.surface.zmax == pytest.approx(float(Z.max()))


def test_model_explorer_artists_match_numerics():
    d = lh.model_explorer()
    d.set(w=1.0, b=2.0, residuals=True, epochs=10, learning_rate=d.lr_max * 0.2, batch_size=4)
    _, line_y = _line_xy(d.fit.art.line)
    np.testing.assert_allclose(line_y, 1.0 * d.fit.art.x_line + 2.0)
    segs = d.fit.art.residuals.get_segments()
    assert len(segs) == d.n
    np.testing.assert_allclose([s[1][1] for s in segs], 1.0 * d.X + 2.0)
    lr = d.values()["learning_rate"]
    h = lh.gradient_descent(d.X, d.y, learning_rate=lr, epochs=10, batch_size=4, w0=1.0, b0=2.0)
    np.testing.assert_array_equal(_line_xy(d.contour.paths["gd"].line)[0], h.weights[:, 0])
    assert f"MSE = {lh.mse(d.y, 1.0 * d.X + 2.0):.4g}" in d.readout.value
    d.set(residuals=False, epochs=0)
    assert len(d.fit.art.residuals.get_segments()) == 0
    assert len(_line_xy(d.curve.curves["gd"])[0]) == 0


def test_loss_explorer_matches_numerics():
    d = lh.loss_explorer()
    for loss, k, shift in [("mse", 0, 0.0), ("mae", 2, d.max_shift), ("huber", 4, 10.0), ("rmse", 1, 5.0)]:
        d.set(loss=loss, outliers=k, outlier_shift=shift)
        y = d.y.copy()
        y[d.candidates[:k]] += shift
        np.testing.assert_allclose(d.fit.art.scatter.get_offsets()[:, 1], y)
        w2, b2 = lh.fit_closed_form(d.X, y)
        np.testing.assert_allclose(_line_xy(d.fit.art.line)[1], w2 * d.fit.art.x_line + b2)
        w1, b1 = _lad_line(d.X, y)
        np.testing.assert_allclose(_line_xy(d.fit.extra["mae"])[1], w1 * d.fit.art.x_line + b1)
        assert d.mean_line.get_xdata()[0] == pytest.approx(y.mean())
        assert d.median_line.get_xdata()[0] == pytest.approx(np.median(y))


def test_lad_line_is_the_mae_minimum():
    X, y = lh.make_linear_data(15, noise=2.0, outliers=3, seed=5)
    w1, b1 = _lad_line(X, y)
    best = lh.mae(y, w1 * X + b1)
    W, B = np.meshgrid(np.linspace(w1 - 1, w1 + 1, 81), np.linspace(b1 - 3, b1 + 3, 81))
    grid = np.abs(W[..., None] * X + B[..., None] - y).mean(-1)
    assert best <= grid.min() + 1e-12


def test_gradient_explorer_matches_numerics():
    d = lh.gradient_explorer()
    d.set(w=1.0, b=-1.0, learning_rate=d.lr_max * 0.5)
    gw, gb = lh.mse_gradient(d.X, d.y, 1.0, -1.0)
    (x0, y0), (x1, y1) = d.arrow_full._posA_posB
    assert (x0, y0) == (1.0, -1.0)
    lr = d.values()["learning_rate"]
    assert x1 == pytest.approx(1.0 - lr * gw)
    assert y1 == pytest.approx(-1.0 - lr * gb)
    assert f"∂MSE/∂w = {gw:.4g}" in d.readout.value
    # the tangent on the w-slice has slope ∂MSE/∂w
    _, _, tangent, _ = (None, *d.slices["w"][:3])
    tx, ty = _line_xy(tangent)
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(gw)
    # a batch of all n examples gives the full gradient; a smaller one an estimate
    (_, _), (bx, by) = d.arrow_batch._posA_posB
    assert (bx, by) == pytest.approx((x1, y1))
    d.set(batch_size=3, batch_seed=4)
    idx = d.batch_indices(3, 4)
    r = 1.0 * d.X[idx] - 1.0 - d.y[idx]
    (_, _), (bx, by) = d.arrow_batch._posA_posB
    assert bx == pytest.approx(1.0 - lr * 2 * np.mean(r * d.X[idx]))


def test_batch_size_dashboard_matches_numerics():
    d = lh.batch_size_dashboard()
    d.set(batch_size=20, epochs=3, seed=2, learning_rate=d.lr_max * 0.2)
    for key, size in (("full", d.n), ("mini", 20), ("sgd", 1)):
        lr = d.values()["learning_rate"]
        h = lh.gradient_descent(d.X, d.y, learning_rate=lr, epochs=3, batch_size=size, seed=2)
        np.testing.assert_array_equal(_line_xy(d.contour.paths[key].line)[1], h.biases)
        assert len(_line_xy(d.curve.curves[key])[0]) == 3 * h.steps_per_epoch + 1
    assert f"ceil({d.n}/20) = {-(-d.n // 20)} steps per epoch" in d.readout.value
    d.set(x_axis="steps")
    xs, _ = _line_xy(d.curve.curves["sgd"])
    assert xs[0] == 1 and xs[-1] == 3 * d.n + 1
    assert d.curve_ax.get_xscale() == "log"


def test_convexity_explorer_chord_and_descent():
    d = lh.convexity_explorer()
    for loss in ("mse", "mae", "huber"):
        d.set(loss=loss)
        assert "NOT convex" not in d.readout.value
        assert np.ptp(d.violation.get_paths()[0].vertices[:, 1]) >= 0
    d.set(loss="tukey", w_a=2.0, b_a=1.0, w_b=-1.5, b_b=22.0)
    assert "NOT convex" in d.readout.value
    h = lh.gradient_descent(
        d.X,
        d.y,
        learning_rate=d.values()["learning_rate"],
        epochs=d.values()["epochs"],
        loss="tukey",
        w0=2.0,
        b0=1.0,
    )
    np.testing.assert_array_equal(_line_xy(d.contour.paths["gd"].line)[0], h.weights[:, 0])


def _extremes(control):
    if isinstance(control, widgets.FloatLogSlider):
        return [control.base**control.min, control.base**control.max]
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
        return [control.min, control.max]
    if isinstance(control, widgets.Checkbox):
        return [False, True]
    if isinstance(control, (widgets.ToggleButtons, widgets.Dropdown)):
        return [v for _, v in control.options]
    raise AssertionError(f"untested control type {type(control)}")


@pytest.mark.parametrize("name", NAMES)
def test_sweep_extremes_without_error_or_warning(name):
    """Every control at its extremes, alone and with the learning rate and batch size at theirs."""
    d = lh.DASHBOARDS[name]()
    frames = capture(d)
    lr_max = _extremes(d.controls["learning_rate"])[1]
    for key, control in d.controls.items():
        for value in _extremes(control):
            d.set(**{key: value})
            full = d.controls["batch_size"].max  # n, or the training set's size (training in practice)
            for lr, bs in itertools.product(_extremes(d.controls["learning_rate"]), [1, full]):
                d.set(learning_rate=lr, batch_size=bs)
                v = d.values()
                # (a decaying schedule brings the rate below the limit after an epoch, and heavy-ball
                # momentum μ moves the limit up to 2(1 + μ)/λ_max: neither need diverge)
                plain = v.get("schedule", "constant") == "constant" and v.get("momentum", 0.0) == 0.0
                if lr == lr_max and bs == full and v.get("epochs", 0) >= 20 and v.get("loss", "mse") == "mse" and plain:
                    # the top of the learning-rate slider diverges on the MSE, and says so
                    # (MAE, Huber and RMSE have bounded gradients: their steps cannot blow up;
                    # ‖∇RMSE‖ = ‖Aᵀr‖ / (n·RMSE) ≤ the largest singular value of A / √n)
                    assert "diverged at step" in d.readout.value
        d.reset()
    assert frames, "no frame was sent"
    for ax in d.figure.axes:  # axes stay readable: finite limits
        assert np.all(np.isfinite(ax.get_xlim())) and np.all(np.isfinite(ax.get_ylim()))


@pytest.mark.parametrize("name", NAMES)
def test_reset_restores_defaults(name):
    d = lh.DASHBOARDS[name]()
    before = d.values()
    d.set(learning_rate=_extremes(d.controls["learning_rate"])[0], batch_size=1)
    assert d.values() != before
    d.reset_button.click()
    assert d.values() == before


def test_each_move_sends_one_diff_frame_that_rebuilds_the_kernels_pixels():
    """The browser, applying each frame to what it shows, ends with exactly the kernel's pixels."""
    d = lh.descent_dashboard()
    screen = Screen()
    d.figure.canvas.widget.attached = True
    d.figure.canvas.widget.send = lambda content, buffers=None: screen.receive(content, buffers)
    d.figure.canvas._force_full = True
    d.update()
    assert screen.count == 1
    for v in np.geomspace(d.lr_max * 0.01, d.lr_max * 1.4, 12):
        before = screen.count
        d.controls["learning_rate"].value = v
        assert screen.count == before + 1
        np.testing.assert_array_equal(screen.pixels, np.asarray(d.figure.canvas.get_renderer().buffer_rgba()))
    x_max = d.curve.limits[0]
    d.controls["epochs"].value = 77  # new x-limits (rounded out to 80): the loss curve redrawn, sent as a diff
    np.testing.assert_array_equal(screen.pixels, np.asarray(d.figure.canvas.get_renderer().buffer_rgba()))
    assert d.curve.limits[0] == 80 != x_max
    d.blitter.invalidate()  # and a full redraw too
    d.update()
    np.testing.assert_array_equal(screen.pixels, np.asarray(d.figure.canvas.get_renderer().buffer_rgba()))
    assert d.blitter.full_draws == 2


def test_a_frame_carries_only_the_changed_pixels():
    d = lh.descent_dashboard()
    frames = capture(d)
    d.figure.canvas._force_full = True
    d.update()
    full = frames[-1]
    d.controls["learning_rate"].value *= 1.05
    diff = frames[-1]
    assert full[0]["full"] and not diff[0]["full"]
    w, h = diff[0]["width"], diff[0]["height"]
    assert 0 < diff[0]["values"] < w * h / 4, "a small move should change a small part of the figure"
    assert sum(len(b) for b in diff[1]) < sum(len(b) for b in full[1]) / 5
    before = len(frames)
    d.update()  # nothing changed: nothing is sent
    assert len(frames) == before


def test_blit_is_used_for_learning_rate_moves():
    d = lh.descent_dashboard()
    capture(d)
    full = d.blitter.full_draws
    for v in np.geomspace(d.lr_max * 0.01, d.lr_max, 10):
        d.controls["learning_rate"].value = v
    assert d.blitter.full_draws == full
    assert d.blitter.blits >= 10


def test_rapid_moves_are_coalesced():
    """In a running event loop a burst of 60 changes gives a few frames, the last for the last value."""
    d = lh.descent_dashboard()
    frames = capture(d)
    values = list(np.geomspace(d.lr_max * 0.01, d.lr_max * 0.9, 60))

    async def burst():
        for v in values:
            d.controls["learning_rate"].value = v
            await asyncio.sleep(0)  # the kernel handles one message after another
        await asyncio.sleep(d.min_interval * 3)

    start = len(frames)
    asyncio.run(burst())
    sent = len(frames) - start
    assert 1 <= sent <= 3, f"{sent} frames for a burst of 60 moves"
    assert d.controls["learning_rate"].value == values[-1]
    h = lh.gradient_descent(
        d.X,
        d.y,
        learning_rate=d.values()["learning_rate"],  # the last value, as computed with
        epochs=d.values()["epochs"],
        batch_size=d.n,
        w0=d.values()["w0"],
        b0=d.values()["b0"],
    )
    np.testing.assert_array_equal(_line_xy(d.contour.paths["gd"].line)[0], h.weights[:, 0])


def test_static_image_for_saved_notebooks():
    d = lh.gradient_explorer()
    bundle = d._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    png = base64.b64decode(bundle["image/png"])
    img = Image.open(io.BytesIO(png))
    assert img.size == tuple(round(s * d.figure.dpi) for s in d.figure.get_size_inches())
    assert "run the notebook" in bundle["text/plain"]
    # the moving artists are in the static image: it differs from a figure without them
    pixels = np.asarray(img.convert("RGB")).astype(int)
    assert np.abs(np.diff(pixels, axis=0)).sum() > 0


_REBUILDS_PANELS = {"many_features": {"standardise": True}}
"""The controls that make a dashboard remove its panels and draw new ones (convexity's loss keeps its panels, in
lecture mode too: test_lecture_mode_stays_laid_out_through_every_loss)."""


@pytest.mark.parametrize(
    "name, lecture",
    [pytest.param(n, lec, id=f"{n}-{'lecture' if lec else 'normal'}") for lec in (False, True) for n in NAMES],
)
def test_render_png_artifact(name, lecture):
    """Each dashboard as a learner sees it, saved to artifacts/ for a human to look at."""
    d = lh.DASHBOARDS[name](lecture=lecture)
    png = d.to_png()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"dashboard_{name}{'_lecture' if lecture else ''}.png").write_bytes(png)
    img = Image.open(io.BytesIO(png))
    assert img.size[0] >= 700
    # nothing is cut off at the figure's edges, and 2D panels do not overlap each other
    renderer = d.figure.canvas.get_renderer()
    fig_box = d.figure.bbox
    boxes = []
    for ax in d.figure.axes:
        box = ax.get_tightbbox(renderer)
        assert box.x0 >= fig_box.x0 - 1 and box.x1 <= fig_box.x1 + 1, f"{name}: {ax.get_title()!r} cut off"
        assert box.y0 >= fig_box.y0 - 1 and box.y1 <= fig_box.y1 + 1, f"{name}: {ax.get_title()!r} cut off"
        if ax.name != "3d":
            boxes.append((ax.get_title(), box))
    for (t1, b1), (t2, b2) in itertools.combinations(boxes, 2):
        overlap_w = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
        overlap_h = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
        assert overlap_w <= 2 or overlap_h <= 2, f"{name}: panels {t1!r} and {t2!r} overlap"
    if lecture:  # nothing cut off or overlapping, no legend on a panel's data (lecture mode's own check)
        assert not lecture_rules.layout_problems(d.figure), name
    if lecture:  # readable from the back row: no text in the figure under lecture mode's floor
        shown = [t for t in d.figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
        small = [(t.get_text(), t.get_fontsize()) for t in shown if t.get_fontsize() < lecture_rules.MIN_TEXT_PT]
        assert not small, f"{name}: text under {lecture_rules.MIN_TEXT_PT} pt in lecture mode: {small[:5]}"
        rebuilt = _REBUILDS_PANELS.get(name)
        if rebuilt:  # panels drawn anew after build() follow the same rules (Dashboard.panels_drawn)
            d.set(**rebuilt)
            assert not lecture_rules.layout_problems(d.figure), f"{name} after {rebuilt}"
            shown = [t for t in d.figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
            assert min(t.get_fontsize() for t in shown) >= lecture_rules.MIN_TEXT_PT, f"{name} after {rebuilt}"
            assert len(d.figure.legends) <= 1, f"{name}: the previous panels' figure legend stayed"


@pytest.mark.parametrize("name", ["losses", "convexity"])  # the dashboards with a loss control
def test_lecture_mode_stays_laid_out_through_every_loss(name):
    """A teacher toggles the loss on a projector: each loss's panel titles and labels still fit (constrained layout
    did not give up) and a 3D panel's title keeps to two lines at most."""
    d = lh.DASHBOARDS[name](lecture=True)
    try:
        d.to_png()
        options = [o[1] if isinstance(o, tuple) else o for o in d.controls["loss"].options]
        for loss in options[1:] + options[:1]:  # every other loss, then back to the first
            d.set(loss=loss)
            problems = lecture_rules.layout_problems(d.figure)
            assert not problems, f"{name} with loss={loss!r}: {problems}"
            titles = [ax.get_title() for ax in d.figure.axes if ax.name == "3d"]
            assert all(t.count("\n") <= 1 for t in titles), f"{name} with loss={loss!r}: 3D title {titles}"
        d.set(preset=list(d.presets())[-1])  # a demonstration (another loss, new axes) ...
        d.reset()  # ... then everything back at once
        assert not lecture_rules.layout_problems(d.figure), f"{name} after a preset and Reset"
    finally:
        d.close()


@pytest.mark.parametrize("name", NAMES)
def test_lecture_mode_stays_laid_out_through_every_demonstration(name):
    """A teacher picks each demonstration in turn on a projector: nothing is cut off or overlaps after any of
    them. Found broken: descent's "diverging" (its one-line divergence message ran out of the loss curve over
    the contours), convexity's 300-epoch Tukey run (the loss curve's last tick label "300" hung off the figure),
    and a full redraw's new ticks were never checked. No 3D panel's z tick labels lie on its w or b tick labels."""
    d = lh.DASHBOARDS[name](lecture=True)
    try:
        d.to_png()
        touching = _z_tick_labels_on_other_tick_labels(d)
        assert not touching, f"{name}: z tick labels on the w or b tick labels: {touching}"
        for preset in d.presets():
            d.set(preset=preset)
            problems = lecture_rules.layout_problems(d.figure)
            assert not problems, f"{name} after {preset!r}: {problems}"
            touching = _z_tick_labels_on_other_tick_labels(d)
            assert not touching, f"{name} after {preset!r}: z tick labels on the w or b tick labels: {touching}"
            if d.curve.message.get_visible():  # a divergence message stays inside its panel
                renderer = d.figure.canvas.get_renderer()
                box, panel = d.curve.message.get_window_extent(renderer), d.curve.ax.bbox
                assert panel.x0 <= box.x0 and box.x1 <= panel.x1, f"{name} after {preset!r}: message leaves its panel"
    finally:
        d.close()


def test_lecture_mode_many_features_lays_each_features_panels_out_once():
    """On a projector, "standardise" draws new panels and lays the figure out (about a second); toggled back, the
    panels laid out before are put back as they were: the same panels, the same picture, no layout problem."""
    d = lh.many_features_dashboard(lecture=True)
    try:
        d.to_png()
        d.set(standardise=True)
        first = np.asarray(Image.open(io.BytesIO(d.to_png())))
        standardised = list(d.figure.axes)
        d.set(standardise=False)
        assert not set(map(id, d.figure.axes)) & set(map(id, standardised))
        assert not lecture_rules.layout_problems(d.figure)
        d.set(standardise=True)
        assert d.figure.axes == standardised and len(d.figure.legends) <= 1
        assert not lecture_rules.layout_problems(d.figure)
        np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(d.to_png()))), first)
        d.set(learning_rate=d.controls["learning_rate"].value * 0.5)  # the put-back panels move with the controls
        assert d.curve.ax in d.figure.axes and d.curve.curves["gd"].get_xydata().shape[0] > 1
    finally:
        d.close()


def test_lecture_mode_enlarges():
    normal = lh.descent_dashboard()
    try:
        assert lh.lecture_mode() is True
        big = lh.descent_dashboard()
    finally:
        lh.lecture_mode(False)
    assert big.figure.bbox.width > normal.figure.bbox.width  # pixels: the canvas, and its text, are larger
    assert big.fit.art.line.get_linewidth() > normal.fit.art.line.get_linewidth()
    assert style.sizes().font == style.sizes(False).font


def _z_tick_labels_on_other_tick_labels(d) -> list[tuple[str, str]]:
    """A 3D panel's z tick labels that lie on its w or b tick labels, as drawn now.

    Enlarged, a 3D panel's z label at the floor (0) sat on the b axis's tick labels in every dashboard (the
    classroom review's "nothing overlaps"); lecture mode labels the z ticks above the floor only."""
    d.figure.canvas.draw()
    renderer = d.figure.canvas.get_renderer()
    touching = []
    for ax in (a for a in d.figure.axes if a.name == "3d"):

        def shown(axis):
            lo, hi = sorted(axis.get_view_interval())
            return [
                (tick.label1.get_text(), tick.label1.get_window_extent(renderer))
                for tick, loc in zip(axis.get_major_ticks(), axis.get_majorticklocs(), strict=False)
                if tick.label1.get_visible() and tick.label1.get_text() and lo - 1e-9 <= loc <= hi + 1e-9
            ]

        z, others = shown(ax.zaxis), shown(ax.xaxis) + shown(ax.yaxis)
        assert len(z) >= 1 and len(others) >= 4
        touching += [(a, b) for a, box_a in z for b, box_b in others if box_a.overlaps(box_b)]
    return touching


def test_importing_changes_no_global_state():
    import subprocess
    import sys

    code = (
        "import matplotlib as mpl; before = dict(mpl.rcParams); import linreg_helpers as lh; "
        "lh.descent_dashboard(); after = dict(mpl.rcParams); "
        "import matplotlib.pyplot as plt; assert before == after; assert plt.get_fignums() == []"
    )
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True)


PRESETS = all_presets()


def test_every_dashboard_has_presets():
    assert {name for name, _ in PRESETS} == set(NAMES)
    assert len(PRESETS) >= 4 * len(NAMES)


def _assert_preset_applied(dash, preset: str) -> None:
    for key, value in dash._presets[preset].items():
        got = dash.controls[key].value
        # exactly the preset's value on the slider's grid (a data-derived value such as the best b moves by < step/2)
        assert got == check_control_value(dash.controls[key], key, value), (preset, key, got, value)


@pytest.mark.parametrize("name", NAMES)
def test_every_preset_loads(name):
    """Every demonstration, loaded the three ways a teacher can (the menu, ``.set(preset=...)`` and the builder's
    ``preset=``, all three in the teaching guide), lands exactly, and none of them warns. The menu and ``set`` are
    used on one dashboard, one demonstration after another, as in a lecture: each lands from wherever the one
    before left the dashboard."""
    builder = lh.DASHBOARDS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = builder()
        for preset in preset_names(name):
            _load_preset_three_ways(builder, d, preset)
        d.close()


def _load_preset_three_ways(builder, d, preset: str) -> None:
    name = builder.__name__
    d.controls["preset"].value = preset  # as a teacher picks it from the menu
    assert d.controls["preset"].value == preset
    for key, value in d._presets[preset].items():
        control = d.controls[key]
        # exactly the preset's value put on the slider's grid (what a browser would show)...
        assert control.value == check_control_value(control, key, value), (preset, key)
        assert snap_to_slider(control, control.value) == control.value if _is_slider(control) else True, (preset, key)
        # ...which is the nearest grid value: within half a step (a log slider: in the exponent)
        if isinstance(control, widgets.FloatLogSlider):
            assert abs(np.log10(control.value) - np.log10(value)) <= control.step / 2 + 1e-12, (preset, key)
        elif _is_slider(control):
            assert abs(control.value - value) <= control.step / 2 + 1e-12, (preset, key)
    # the browser sends the snapped value back, with round-off: the preset stays chosen
    lr = d.controls["learning_rate"]
    frames = d.frames
    lr.value = lr.value * (1 + 1e-15)
    assert d.controls["preset"].value == preset and d.frames == frames, preset
    code = d.show_code()
    assert code and code in html.unescape(d.code.value), preset
    d.controls["learning_rate"].value *= 1.01  # a hand move leaves the preset
    assert d.controls["preset"].value == "", preset
    d.set(preset=preset)  # the guide's demonstrations
    _assert_preset_applied(d, preset)
    built = builder(preset=preset)
    _assert_preset_applied(built, preset)
    code = built.show_code()
    png = built.to_png()
    assert "lh." in code, f"'Show as code' of {name} / {preset!r} shows no lh call:\n{code}"
    assert png.startswith(b"\x89PNG")
    assert not _under_legends(built), f"{name} / {preset!r}: a panel's legend lies on {_under_legends(built)}"
    built.close()


@pytest.mark.parametrize("name", NAMES)
def test_a_move_back_to_a_value_chosen_before_a_preset_is_drawn(name):
    """A learner sets the learning rate, a preset (or ``set``) sets another, the learner moves back to the first
    one: that move is drawn and leaves the preset. (The dashboard ignores the browser's echo of a value Python
    set; it used to take the learner's own earlier value for such an echo, and did nothing.)"""
    d = lh.DASHBOARDS[name]()
    lr = d.controls["learning_rate"]
    python_set = lr.value
    mine = check_control_value(lr, "learning_rate", python_set / 2)  # on the slider's grid
    lr.value = mine  # by hand (the browser's value)
    d.set(preset=next(iter(d._presets)), learning_rate=python_set)
    assert lr.value == python_set != mine
    frames = d.frames
    lr.value = mine  # by hand, back
    assert d.controls["preset"].value == "", f"{name}: the move back to {mine} left the preset chosen"
    assert d.frames > frames, f"{name}: the move back to {mine} was not drawn"
    assert d.values()["learning_rate"] == pytest.approx(mine, rel=1e-3)  # the read-out's 4 digits
    d.close()


def _under_legends(d) -> list[str]:
    """What lies under a 2D panel's legend (issue 13: "legends never on data"): its data points, and any line
    of the panel (sampled along its segments, inside the panel), as drawn now."""
    d.figure.draw_without_rendering()
    renderer = d.figure.canvas.get_renderer()
    found = []
    for ax in d.figure.axes:
        legend = ax.get_legend()
        if ax.name == "3d" or legend is None or not legend.get_visible():
            continue
        box, panel = legend.get_window_extent(renderer), ax.bbox

        def under(pts, box=box, panel=panel):
            x, y = pts[np.isfinite(pts).all(axis=1)].T
            shown = (x >= panel.x0) & (x <= panel.x1) & (y >= panel.y0) & (y <= panel.y1)
            return int((shown & (x > box.x0) & (x < box.x1) & (y > box.y0) & (y < box.y1)).sum())

        for points in ax.collections:
            if isinstance(points, PathCollection) and points.get_visible() and len(points.get_offsets()):
                if under(points.get_offset_transform().transform(points.get_offsets())):
                    found.append(f"{ax.get_title()!r}: points {points.get_label()!r}")
        for line in ax.lines:
            xy = line.get_xydata()
            if not line.get_visible() or len(xy) == 0:
                continue
            pts = line.get_transform().transform(xy)
            t = np.linspace(0.0, 1.0, 20)[:, None, None]
            along = (pts[:-1][None] * (1 - t) + pts[1:][None] * t).reshape(-1, 2) if len(pts) > 1 else pts
            if under(along):
                found.append(f"{ax.get_title()!r}: line {line.get_label()!r}")
    return found


def test_preset_as_builder_argument_and_reset():
    d = lh.descent_dashboard(preset="diverging (just above the limit)")
    assert d.history.diverged
    assert "diverged at step" in d.readout.value
    d.set(learning_rate=d.lr_max * 0.1)
    assert not d.history.diverged and d.controls["preset"].value == ""
    d.reset()  # back to the builder's starting point: the preset
    assert d.controls["preset"].value == "diverging (just above the limit)"
    assert d.history.diverged
    with pytest.raises(ValueError, match="Unknown preset"):
        d.set(preset="no such demonstration")


@pytest.mark.parametrize("preset", list(lh.descent_dashboard()._presets))
def test_show_as_code_reproduces_the_run(preset):
    d = lh.descent_dashboard(preset=preset)
    code = d.show_code()
    scope = {"lh": lh, "X": d.X, "y": d.y}
    exec(code.rsplit("\n", 1)[0], scope)  # all but the last, display-only line
    h = scope["h"]
    np.testing.assert_array_equal(h.weights, d.history.weights)
    np.testing.assert_array_equal(h.losses, d.history.losses)


def test_frames_before_a_browser_attaches_are_kept_for_the_first_view():
    """Before a view exists, frames are kept as the widget's snapshot (shown at once when it appears)."""
    d = lh.descent_dashboard()
    widget = d.figure.canvas.widget
    sent = []
    widget.send = lambda content, buffers=None: sent.append(content)
    d.controls["learning_rate"].value *= 1.1  # no browser yet
    assert sent == []
    w, h, _ratio = widget._snapshot_size
    pixels = np.frombuffer(zlib.decompress(widget._snapshot), dtype=np.uint8).reshape(h, w, 4)
    np.testing.assert_array_equal(pixels, np.asarray(d.figure.canvas.get_renderer().buffer_rgba()))
    # the view says it is ready: it gets a full frame, then diffs
    widget._on_message(widget, {"type": "ready"}, [])
    assert sent[-1]["full"]
    d.controls["learning_rate"].value *= 1.1
    assert not sent[-1]["full"]


@pytest.mark.parametrize("name", [n for n in NAMES if n != "many_features"])
def test_dragging_a_3d_panel_redraws_only_that_panel_with_the_same_pixels(name, monkeypatch):
    """A mouse drag on a 3D panel (as the front end sends it) rotates it without a full redraw, not
    even for its first frame (the figure without the panel was kept at the last full draw), and the
    pixels are exactly those of a full redraw of the rotated figure."""
    d = lh.DASHBOARDS[name]()
    frames = capture(d)
    renders = []
    figure_draw = type(d.figure).draw
    monkeypatch.setattr(type(d.figure), "draw", lambda fig, r: (renders.append(1), figure_draw(fig, r))[1])
    canvas, widget = d.figure.canvas, d.figure.canvas.widget
    ax = next(a for a in d.figure.axes if a.name == "3d")
    x0, y0, w, h = ax.bbox.bounds
    H = canvas.get_renderer().height
    cx, cy = x0 + w / 2, H - (y0 + h / 2)  # the front end's pixels: y from the top
    azim, full_draws = ax.azim, d.blitter.full_draws

    def mouse(kind, x, y, buttons):
        event = {"type": kind, "x": x, "y": y, "button": 0, "buttons": buttons, "modifiers": [], "guiEvent": None}
        widget._on_message(widget, event, [])

    mouse("button_press", cx, cy, 1)
    for i in range(1, 6):
        mouse("motion_notify", cx + 12 * i, cy + 3 * i, 1)
    mouse("button_release", cx + 60, cy + 15, 0)
    assert ax.azim != azim, "the drag did not rotate the panel"
    assert d.blitter.full_draws == full_draws, "the drag redrew the whole figure"
    assert not renders, "a frame of the drag rendered the rest of the figure"
    assert frames, "no frame was sent"
    shown = np.asarray(canvas.get_renderer().buffer_rgba()).copy()
    canvas.draw()  # a full redraw of the rotated figure
    np.testing.assert_array_equal(shown, np.asarray(canvas.get_renderer().buffer_rgba()))


PANEL_MOVES = {
    # moves that change one panel's static part: the loss curve's axes, the losses dashboard's surface
    "model": [{"epochs": 60}, {"loss_view": "gap"}, {"epochs": 0}, {"w": 1.0}, {"loss_view": "loss"}],
    "losses": [{"outlier_shift": 3.0}, {"epochs": 300}, {"loss": "huber"}, {"delta": 2.5}, {"outliers": 3}],
    "batch_size": [{"epochs": 30}, {"x_axis": "steps"}, {"loss_view": "gap"}, {"epochs": 9}],
}


@pytest.mark.parametrize("name", sorted(PANEL_MOVES))
def test_a_change_to_one_panel_redraws_only_that_panel_with_the_same_pixels(name):
    """Issue 13: new loss-curve axes or a new loss surface redraw only their panel (no full draw),
    and what the browser shows is exactly a full redraw of the same state."""
    d = lh.DASHBOARDS[name]()
    screen = Screen()
    canvas, widget = d.figure.canvas, d.figure.canvas.widget
    widget.attached = True
    widget.send = lambda content, buffers=None: screen.receive(content, buffers)
    canvas._force_full = True
    d.update()
    full_draws = d.blitter.full_draws
    for move in PANEL_MOVES[name]:
        d.set(**move)
    assert d.blitter.full_draws == full_draws, "a change to one panel redrew the whole figure"
    shown = screen.pixels.copy()
    canvas.draw()  # a full redraw of the same state
    np.testing.assert_array_equal(shown, np.asarray(canvas.get_renderer().buffer_rgba()))


# ------------------------------------------- review of notebooks 04–08: M6, P5, P7 and finding 25 of 00–03

CURVE_DASHBOARDS = ["gradient_descent", "batch_size", "many_features"]


def _min_loss(d):
    if d.name == "many_features":
        return d.setups["raw"]["stats"].min_mse
    return d.stats.min_mse


@pytest.mark.parametrize("name", CURVE_DASHBOARDS)
def test_loss_curve_draws_the_minimum_and_shows_the_gap(name):
    d = lh.DASHBOARDS[name]()
    minimum = _min_loss(d)
    _, y_line = _line_xy(d.curve.min_line)
    np.testing.assert_allclose(y_line, [minimum, minimum])  # the dotted minimum line
    key = next(iter(d.curve.curves))
    _, loss_view = _line_xy(d.curve.curves[key])
    d.set(loss_view="gap")
    _, gap_view = _line_xy(d.curve.curves[key])
    assert d.curve.gap and "gap" in d.curve.ax.get_ylabel()
    bottom, top = d.curve.ax.get_ylim()
    np.testing.assert_allclose(gap_view, np.clip(loss_view - minimum, bottom, top * 10), rtol=1e-12)
    assert _line_xy(d.curve.min_line)[1].size == 0  # no minimum line in the gap view (it is at −∞)
    d.set(loss_view="loss")
    np.testing.assert_array_equal(_line_xy(d.curve.curves[key])[1], loss_view)


EPOCHS_DASHBOARDS = ["model", "losses", "gradient_descent", "batch_size", "convexity", "many_features"]


@pytest.mark.parametrize("name", EPOCHS_DASHBOARDS)
def test_the_whole_loss_curve_stays_inside_its_axes_as_epochs_change(name):
    # the curve's axis limits are rounded out to a few values (the panel's picture is remembered per
    # limits): every epochs value inside one rounded range must still show the whole curve
    d = lh.DASHBOARDS[name]()
    slider = d.controls["epochs"]
    for epochs in np.unique(np.linspace(max(slider.min, 1), slider.max, 9).round().astype(int)):
        d.set(epochs=int(epochs))
        lo, hi = d.curve.ax.get_xlim()
        for key, line in d.curve.curves.items():
            xs, _ = _line_xy(line)
            if xs.size:
                assert lo <= xs.min() and xs.max() <= hi, f"{name}, epochs={epochs}: {key} runs past the x axis"
        assert hi <= 4 / 3 * max(float(epochs), 1) + 1e-9 or d.curve.x != "epochs", f"x axis {hi} far past {epochs}"


def test_gap_view_shows_that_the_default_descent_has_not_converged():
    # review M6: at "just right" the curve looks flat at the minimum while b is still 0.4 away
    d = lh.descent_dashboard(preset="just right", loss_view="gap")
    _, gap = _line_xy(d.curve.curves["gd"])
    bottom, top = d.curve.ax.get_ylim()
    # far above the gap axis' floor, in the upper half of the log axis: visibly not at the minimum
    assert np.log10(gap[-1] / bottom) > 0.5 * np.log10(top / bottom)


def test_batch_size_gap_view_per_step():
    d = lh.batch_size_dashboard(x_axis="steps", loss_view="gap")
    h = d.history["sgd"]
    xs, ys = _line_xy(d.curve.curves["sgd"])
    bottom, top = d.curve.ax.get_ylim()
    keep = np.isin(np.arange(1, h.losses.shape[0] + 1), xs)
    np.testing.assert_allclose(ys, np.clip(h.losses[keep] - d.stats.min_mse, bottom, top * 10))


def _star_and_points(d):
    if d.name == "many_features":
        return d.star, [d.path.point]
    return d.contour.star, [p.point for p in d.contour.paths.values()]


@pytest.mark.parametrize("name", CURVE_DASHBOARDS)
def test_star_is_drawn_above_the_current_points(name):
    d = lh.DASHBOARDS[name]()
    star, points = _star_and_points(d)
    order = d.blitter.artists
    assert all(order.index(star) > order.index(p) for p in points)  # blitted: drawn last
    assert all(star.get_zorder() > p.get_zorder() for p in points)  # to_png / savefig: by zorder


def test_descent_readout_gives_the_rate_ratio_to_two_significant_digits():
    import re

    d = lh.descent_dashboard()
    lr = d.controls["learning_rate"]
    d.set(learning_rate=lr.base**lr.min)  # the slider's low end
    shown = float(re.search(r"= ([0-9.e+-]+) × η_max", d.readout.value).group(1))
    ratio = lr.value / d.lr_max
    assert shown > 0 and shown == pytest.approx(ratio, rel=0.05)
    d.set(learning_rate=d.lr_max * 0.3)
    assert "0.3 × η_max" in d.readout.value


def test_descent_map_is_zoomed_to_where_the_run_goes():
    d = lh.descent_dashboard()
    h = d.history
    b_extent = float(np.ptp(h.biases))
    b_axis = float(d.biases[-1] - d.biases[0])
    assert b_extent > 0.05 * b_axis  # was 0.43 on a 40-wide axis (1 %): a flat line
    w_lo, w_hi = d.contour.ax.get_xlim()
    b_lo, b_hi = d.contour.ax.get_ylim()
    assert w_lo <= h.weights[:, 0].min() and h.weights[:, 0].max() <= w_hi
    assert b_lo <= h.biases.min() and h.biases.max() <= b_hi


def test_zoomed_grid_covers_every_stable_full_batch_path():
    # full-batch descent below η_max never leaves the disc around the minimum through the start
    from linreg_helpers.dashboards._base import zoomed_grid

    for seed in range(5):
        X, y = lh.make_linear_data(30, weights=-3.0 + seed, bias=5.0 - 2 * seed, noise=2.0, seed=seed)
        weights, biases = zoomed_grid(X, y)
        for fraction in (0.1, 0.5, 0.99):
            h = lh.gradient_descent(X, y, learning_rate=fraction * lh.largest_stable_learning_rate(X), epochs=200)
            assert weights[0] <= h.weights[:, 0].min() and h.weights[:, 0].max() <= weights[-1]
            assert biases[0] <= h.biases.min() and h.biases.max() <= biases[-1]


def test_batch_size_end_points_are_told_apart_by_colour():
    d = lh.batch_size_dashboard()
    faces = {p.point.get_markerfacecolor() for p in d.contour.paths.values()}
    assert len(faces) == 3
    assert all(p.point.get_markeredgecolor() == "black" for p in d.contour.paths.values())
    h = d.history["sgd"]  # the map is zoomed to the runs: SGD's cloud is not a speck
    assert np.ptp(h.biases[h.steps_per_epoch :]) > 0.03 * float(d.biases[-1] - d.biases[0])


@pytest.mark.parametrize("name", ["gradient_descent"])
def test_3d_surface_has_a_z_label(name):
    d = lh.DASHBOARDS[name]()
    assert d.surface.ax.get_zlabel() == "MSE"


# ------------------------------------------------------------------ loss, gradient and model explorers (review 00–03)


def _lad_by_lp(x, y):
    """Independent oracle for the MAE line: the linear program min Σ(u + v) s.t. w·x + b + u − v = y."""
    from scipy.optimize import linprog

    n = len(x)
    A = np.column_stack([x, np.ones(n), np.eye(n), -np.eye(n)])
    res = linprog(np.r_[0, 0, np.ones(2 * n)], A_eq=A, b_eq=y, bounds=[(None, None)] * 2 + [(0, None)] * 2 * n)
    return res.x[:2], res.fun / n


def _huber_by_scipy(x, y, delta):
    """Independent oracle for the Huber line: Nelder–Mead on the mean Huber loss (no gradient used)."""
    from scipy.optimize import minimize

    res = minimize(
        lambda p: lh.huber(y, p[0] * x + p[1], delta=delta),
        lh.fit_closed_form(x, y),
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20000},
    )
    return res.x, res.fun


def _loss_explorer_cases():
    d = lh.loss_explorer()
    base = d.values()
    cases = [("default " + loss, {**base, "loss": loss}) for loss in ("mse", "mae", "huber", "rmse")]
    return cases + [(name, {**base, **preset}) for name, preset in d.presets().items()]


@pytest.mark.parametrize(("case", "values"), _loss_explorer_cases(), ids=[c for c, _ in _loss_explorer_cases()])
def test_loss_explorer_default_descent_reaches_the_exact_line(case, values):
    """Finding 1: at the defaults (and every preset) descent on MAE/Huber/RMSE/MSE ends on the exact line."""
    d = lh.loss_explorer()
    d.set(**values)
    values = d.values()  # on the sliders' grid
    x, y, loss = d.X, d.current_y(values), values["loss"]
    h = lh.gradient_descent(
        x,
        y,
        learning_rate=d.effective_rate(values),
        epochs=values["epochs"],
        batch_size=values["batch_size"],
        loss=loss,
        delta=values["delta"],
        seed=0,
    )
    np.testing.assert_allclose(_line_xy(d.fit.extra["gd"])[1], h.w[0] * d.fit.art.x_line + h.b)  # what is drawn
    if loss == "mae":
        (w, b), best = _lad_by_lp(x, y)
        assert h.losses[-1] <= best * 1.005  # a fixed step jitters around the kink, within 0.5 %
        assert abs(h.w[0] - w) < 0.05 and abs(h.b - b) < 0.1
    else:
        if loss == "huber":
            (w, b), best = _huber_by_scipy(x, y, values["delta"])
        else:
            (w, b), *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)
        assert (h.w[0], h.b) == pytest.approx((w, b), abs=5e-3)
    we, be = exact_line(loss, x, y, values["delta"])
    assert (we, be) == pytest.approx((w, b), abs=1e-5 if loss != "mae" else 1e-9)
    assert f"exact best line under the {loss.upper() if loss != 'huber' else 'Huber'}: w = {we:.3f}" in d.readout.value


def test_loss_explorer_rmse_descends_on_the_rmse_and_says_so():
    """Finding 2: picking RMSE runs descent on the RMSE (not the MSE shown as √MSE)."""
    d = lh.loss_explorer()
    d.set(loss="rmse")
    v = d.values()
    y = d.current_y(v)
    h = lh.gradient_descent(d.X, y, learning_rate=d.effective_rate(v), epochs=v["epochs"], loss="rmse", seed=0)
    _, curve = _line_xy(d.curve.curves["gd"])
    np.testing.assert_allclose(curve, np.minimum(h.losses, d.curve.limits[2] * 10))
    assert "descent on the RMSE" in d.readout.value
    assert "loss='rmse'" in d.show_code()
    h_mse = lh.gradient_descent(d.X, y, learning_rate=d.effective_rate(v), epochs=1, loss="mse")
    assert not np.allclose(h.weights[1], h_mse.weights[1])


def test_loss_explorer_step_factors_follow_the_curvature_bounds():
    assert step_factor("mse", 3.0) == 1.0
    assert step_factor("huber", 3.0) == step_factor("mae", 3.0) == 2.0
    assert step_factor("rmse", 3.0) == pytest.approx(6.0)


@pytest.mark.parametrize("delta", [0.3, 1.0, 5.0])
def test_exact_huber_line_matches_scipy(delta):
    X, y = lh.make_linear_data(24, noise=2.0, outliers=3, seed=8)
    (w, b), best = _huber_by_scipy(X, y, delta)
    we, be = exact_line("huber", X, y, delta)
    assert lh.huber(y, we * X + be, delta=delta) <= best + 1e-12
    assert (we, be) == pytest.approx((w, b), abs=1e-5)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_tukey_newton_from_the_lowest_grid_point_reaches_the_lowest_point_of_its_valley(seed):
    """As the convexity dashboard finds Tukey's minimum: from the lowest point of a 41 × 41 grid, Newton's method
    (no step longer than a grid cell) ends where a long descent with small steps from the same start ends (it
    cannot leave the valley), with a loss no higher, and the gradient there vanishes."""
    from linreg_helpers.dashboards.convexity import _tukey_line
    from linreg_helpers.gradients import tukey_gradient
    from linreg_helpers.plots import parameter_grid

    X, y = lh.make_linear_data(30, noise=1.0, outliers=4, seed=seed)
    x = np.ravel(X)
    weights, biases = parameter_grid(X, y, [(0.0, 0.0)], n=41)
    Z = lh.loss_surface(X, y, weights, biases, "tukey")
    i, j = np.unravel_index(int(np.argmin(Z)), Z.shape)
    w0, b0 = float(weights[j]), float(biases[i])
    w, b = _tukey_line(x, y, 4.685, w0, b0, reach=(weights[1] - weights[0], biases[1] - biases[0]))
    rate = 0.5 * lh.largest_stable_learning_rate(X)  # a quarter of the stable step (|ψ'| ≤ 1): small steps
    slow = lh.gradient_descent(X, y, loss="tukey", learning_rate=rate, epochs=40_000, w0=w0, b0=b0)
    assert lh.tukey(y, w * x + b) <= slow.losses[-1] * (1 + 1e-12)
    assert (w, b) == pytest.approx((float(slow.w[0]), slow.b), abs=1e-6)
    assert np.max(np.abs(np.ravel(tukey_gradient(X, y, w, b)))) < 1e-9


def test_loss_explorer_presets_never_make_a_switched_loss_diverge():
    """Finding 7: a preset sets rate and epochs; switching loss afterwards never diverges."""
    d = lh.loss_explorer()
    for name, preset in d.presets().items():
        assert {"learning_rate", "epochs", "batch_size"} <= set(preset), name
        for loss in ("mse", "mae", "huber", "rmse"):
            d.set(preset=name)
            d.set(loss=loss)
            assert "diverged" not in d.readout.value, (name, loss)


def test_loss_explorer_mae_curve_is_drawn_on_top_of_huber():
    """Finding 21: MAE(b) is not hidden under Huber(b)."""
    d = lh.loss_explorer()
    mae, huber = d.const["mae"], d.const["huber"]
    assert mae.get_zorder() > d.const["mse"].get_zorder()
    # Huber(b) may lie on MAE(b): a thin dotted line over a thick one leaves both visible
    assert mae.get_linewidth() >= 1.8 * huber.get_linewidth() and huber.get_linestyle() == ":"


def _arrow_angle_on_png(d, w, b):
    """The on-screen angle between the full-batch arrow (found in the PNG's pixels) and the contour line."""
    d.set(w=w, b=b, learning_rate=d.lr_max * 1.4, batch_size=d.n)
    png = Image.open(io.BytesIO(d.to_png())).convert("RGB")
    fig = d.figure
    scale = png.size[0] / (fig.get_size_inches()[0] * fig.dpi)
    T = d.contour.ax.transData
    start, end = T.transform((w, b)) * scale, T.transform(d.arrow_full._posA_posB[1]) * scale
    pix = np.asarray(png).astype(int)
    blue = np.array([int(style.COLORS["full"][k : k + 2], 16) for k in (1, 3, 5)])
    rows, cols = np.nonzero(np.abs(pix - blue).sum(axis=2) < 40)
    pts = np.column_stack([cols, png.size[1] - rows]).astype(float)  # PNG pixels, y up
    lo, hi = np.minimum(start, end) - 3, np.maximum(start, end) + 3
    pts = pts[np.all((pts >= lo) & (pts <= hi), axis=1)]  # the arrow's own pixels, not the legend's
    assert len(pts) > 30, "the arrow was not found in the PNG"
    direction = np.linalg.svd(pts - pts.mean(0), full_matrices=False)[2][0]
    gw, gb = lh.mse_gradient(d.X, d.y, w, b)
    tangent = T.transform((w + 1e-4 * gb, b - 1e-4 * gw)) - T.transform((w, b))  # along the contour
    cos = abs(direction @ tangent) / np.linalg.norm(tangent)
    return float(np.degrees(np.arccos(cos)))


def test_gradient_explorer_arrow_is_perpendicular_to_the_contour_on_screen():
    """Finding 6: at equal scale the −η∇ arrow meets the contour at a right angle (measured in the PNG)."""
    d = lh.gradient_explorer()
    assert d.contour.ax.get_aspect() == 1.0
    for w, b in [(d.values()["w"], d.values()["b"]), (4.0, 6.0), (-0.5, 8.0), (3.0, -5.0)]:
        assert _arrow_angle_on_png(d, w, b) == pytest.approx(90.0, abs=4.0), (w, b)


def test_gradient_explorer_steps_do_not_share_the_tangent_colours():
    """Finding 24: tangents and steps have distinct colours; the batch step shows under the full one."""
    d = lh.gradient_explorer()
    tangents = {d.tan_w3.get_color(), d.tan_b3.get_color()}
    arrows = {d.arrow_full.get_edgecolor(), d.arrow_batch.get_edgecolor()}
    from matplotlib.colors import to_rgba

    assert not {to_rgba(c) for c in tangents} & {tuple(a) for a in arrows}
    assert d.arrow_batch.get_linewidth() > d.arrow_full.get_linewidth()
    assert d.arrow_batch.get_zorder() < d.arrow_full.get_zorder()


def test_model_explorer_starts_with_descent_off():
    """Finding 17: the learner first fits by hand; the dashed 'after descent' line is not there yet."""
    d = lh.model_explorer()
    assert d.values()["epochs"] == 0
    assert "after" not in d.readout.value
    assert np.all(np.isnan(_line_xy(d.fit.extra["gd"])[1]))


def _mae_minimum_by_lp(x, y):
    from scipy.optimize import linprog

    n = len(x)
    A = np.block([[x[:, None], np.ones((n, 1)), -np.eye(n)], [-x[:, None], -np.ones((n, 1)), -np.eye(n)]])
    res = linprog(np.r_[0, 0, np.ones(n) / n], A_ub=A, b_ub=np.r_[y, -y], bounds=[(None, None)] * 2 + [(0, None)] * n)
    return res.fun


def test_convexity_explorer_labels_a_and_b_and_stars_each_loss_minimum():
    from scipy.optimize import minimize

    d = lh.convexity_explorer()
    a, b = (d.controls["w_a"].value, d.controls["b_a"].value), (d.controls["w_b"].value, d.controls["b_b"].value)
    for key, point in (("A", a), ("B", b)):
        np.testing.assert_allclose(_line_xy(d.labels[key]), np.array(point)[:, None])
    assert np.hypot(a[0] - d.w_fit, a[1] - d.b_fit) > 1.0  # A starts away from the minimum: a visible path
    assert np.ptp(d.contour.paths["gd"].line.get_xdata()) > 0.5
    for loss in ("mse", "mae", "huber", "tukey"):
        d.set(loss=loss)
        w_s, b_s = _line_xy(d.contour.star)
        value = float(d.loss_along(loss, w_s, b_s)[0])
        if loss == "mae":
            oracle = _mae_minimum_by_lp(d.X, d.y)
        elif loss == "tukey":  # global: the best of a fine grid, polished
            W, B = np.meshgrid(np.linspace(-3, 4, 141), np.linspace(-6, 30, 141))
            Z = d.loss_along(loss, W.ravel(), B.ravel())
            k = int(np.argmin(Z))
            oracle = minimize(
                lambda p, loss=loss: d.loss_along(loss, p[:1], p[1:])[0], [W.ravel()[k], B.ravel()[k]]
            ).fun
        else:
            oracle = minimize(
                lambda p, loss=loss: d.loss_along(loss, p[:1], p[1:])[0],
                [0.0, 0.0],
                method="Nelder-Mead",
                options={"xatol": 1e-9, "fatol": 1e-12, "maxiter": 20000},
            ).fun
        assert value == pytest.approx(oracle, rel=1e-5, abs=1e-9), loss
        if loss in ("huber", "tukey"):  # exact (Newton's method): no higher than scipy's best, to rounding
            assert value <= oracle + 1e-12 * abs(oracle), loss
        order = d.blitter.artists
        assert order.index(d.contour.star) > order.index(d.contour.paths["gd"].point)


def test_model_explorer_descent_sliders_switch_descent_on_when_moved_by_hand():
    """With descent off, η and the batch size would do nothing; a learner who moves them gets descent."""
    d = lh.model_explorer()
    d.controls["batch_size"].value = 5  # as a slider drag does
    assert d.values()["epochs"] == 25 and "after 100 steps" in d.readout.value
    d.reset()
    d.set(learning_rate=d.lr_max * 0.1)  # code sets exactly what it says
    assert d.values()["epochs"] == 0


def _guide_data():
    cars, penguins = lh.load_dataset("cars"), lh.load_dataset("penguins")
    return {"default": (), "cars": (cars.X, cars.y), "penguins": (penguins.X, penguins.y)}


@pytest.mark.parametrize("data", ["default", "cars", "penguins"])
def test_descent_presets_show_their_named_behaviour_on_the_grid(data):
    """Issue 14: once on the slider's grid, each preset still shows what its name says."""
    d = lh.descent_dashboard(*_guide_data()[data])
    lr = d.controls["learning_rate"]
    ratio = {}
    for name in d._presets:
        d.controls["preset"].value = name
        assert d.controls["preset"].value == name
        assert snap_to_slider(lr, lr.value) == lr.value
        ratio[name] = lr.value / d.lr_max
        h = d.history
        if name.startswith("diverging"):
            assert 1.0 < ratio[name] <= 1.12 and h.diverged, (ratio[name], h)
            assert "diverged at step" in d.readout.value
        else:
            assert not h.diverged, (name, h)
    assert 0.9 <= ratio["oscillating (just below the limit)"] < 1.0
    # oscillating: the steps in w alternate in direction (a zig-zag) while the loss still falls
    d.controls["preset"].value = "oscillating (just below the limit)"
    steps = np.sign(np.diff(d.history.weights[:, 0]))[1:16]  # the first steps; later the slow valley floor
    assert np.all(steps[1:] != steps[:-1]) and d.history.losses[-1] < d.history.losses[0]
    # the crawl: hardly any progress, and the read-out's ratio is not rounded to 0
    d.controls["preset"].value = "too small a learning rate (crawl)"
    assert "0.005 × η_max" in d.readout.value or "0.0051 × η_max" in d.readout.value
    assert d.history.losses[-1] > 0.3 * d.history.losses[0]


@pytest.mark.parametrize("seed", range(6))
def test_a_diff_frame_rebuilds_any_change_exactly(seed):
    """``frame_update`` on random changes (single pixels, runs across row ends, the first and last pixel,
    whole rows): the browser's copy, rebuilt from the message, is the new picture."""
    from linreg_helpers._canvas import frame_update

    rng = np.random.default_rng(seed)
    h, w = 37, 53
    old = rng.integers(0, 256, (h, w, 4), dtype=np.uint8)
    new = old.copy()
    flat = new.reshape(-1, 4)
    for start in rng.integers(0, h * w, rng.integers(1, 12)):  # runs of random lengths, some across a row's end
        flat[start : start + rng.integers(1, 2 * w)] ^= np.uint8(1 + seed)
    if seed % 2:
        flat[0] ^= 7
        flat[-1] ^= 7
    if seed == 4:
        new[h // 2] ^= 9  # a whole row
    screen = Screen()
    meta, buffers = frame_update(old, None)
    screen.receive({"type": "frame", "width": w, "height": h, **meta}, buffers)
    meta, buffers = frame_update(new, old.view(np.uint32)[:, :, 0].copy())
    screen.receive({"type": "frame", "width": w, "height": h, **meta}, buffers)
    np.testing.assert_array_equal(screen.pixels, new)
    changed = (new != old).any(axis=2)
    assert meta["values"] == int(changed.sum())
    rows = np.flatnonzero(changed.any(axis=1))
    assert meta["rows"] == [int(rows[0]), int(rows[-1]) + 1]
    assert frame_update(new, new.view(np.uint32)[:, :, 0].copy()) is None  # nothing changed: no frame


@pytest.mark.parametrize("lecture", [False, True])
def test_batch_size_steps_axis_keeps_the_panels_ticks(lecture):
    """The per-step view puts the loss curves' x axis on a log scale, which resets matplotlib's tick rules:
    the panel's own come back (plain labels 1, 10, 100, … as on the y axis, not mathtext 10⁰, 10¹ that cost a
    first-time parse each; no minor comb), and in lecture mode its few large ticks, in both views."""
    d = lh.batch_size_dashboard(lecture=lecture, epochs=60)
    try:
        for view in ("steps", "epochs", "steps", "epochs"):
            d.set(x_axis=view)
            d.figure.canvas.draw()  # the ticks as a full draw makes them
            axis = d.curve_ax.xaxis
            lo, hi = d.curve_ax.get_xlim()
            shown = [t for t in axis.get_major_ticks() if lo <= t.get_loc() <= hi and t.label1.get_visible()]
            labels = [t.label1.get_text() for t in shown]
            assert labels and not any("$" in s for s in labels), (view, labels)
            if view == "steps":
                assert labels[0] == "1" and all(s.lstrip("1").strip("0") == "" for s in labels), labels
                assert len(axis.get_minorticklocs()) == 0
            elif lecture:
                assert len(shown) <= lecture_rules.MAX_TICKS, labels
            boxes = [t.label1.get_window_extent() for t in shown]
            assert not any(a.overlaps(b) for a, b in itertools.pairwise(boxes)), (view, labels)
            assert all(b.x1 <= d.figure.bbox.x1 + 1 for b in boxes), (view, labels)
    finally:
        d.close()
