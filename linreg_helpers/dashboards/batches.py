"""Batch-size dashboard (``05_batch_sizes``): full batch vs mini-batch vs SGD, by step and by epoch."""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np

from .._mse_stats import MSEStats
from ..data import make_linear_data
from ..style import COLORS
from ..surfaces import loss_surface
from ..training import largest_stable_learning_rate
from ._base import Dashboard, _round_sig, code_number, zoomed_grid
from ._panels import ContourPanel, LossCurvePanel, SurfacePanel, add_surface_star, fit_span, loss_floor, static_legend
from .descent import learning_rate_slider, loss_view_toggle

RUNS = (("full", "full batch"), ("mini", "mini-batch"), ("sgd", "SGD (batch 1)"))
SHORT = {"full": "full batch", "mini": "mini-batch", "sgd": "SGD"}


class BatchSizeDashboard(Dashboard):
    """Three runs side by side: full batch (n), mini-batch (your size) and SGD (1).

    Controls: ``learning_rate`` (shared by the three runs), ``batch_size``
    (of the mini-batch run), ``epochs``, ``x_axis`` (loss curves against
    epochs, i.e. passes over the data, or against steps, i.e. updates) and
    ``seed`` (the shuffling), ``loss_view`` (the loss with its minimum dotted,
    or the gap to the minimum). Panels, in the places every dashboard uses: the
    three fitted lines, the three paths on the 3D MSE surface (★ minimum), the
    three paths on the contour map, both zoomed to where the runs go (SGD's noise
    is visible; each run's end point in its colour, ringed in black), the three
    loss curves.
    """

    name = "batch_size"
    title = "Batch size: full batch, mini-batch and SGD on the same data"
    figsize = (9.0, 6.2)

    default_data_code = "X, y = lh.make_linear_data(150, weights=2.0, bias=1.0, noise=2.0, x_range=(0, 4), seed=5)"

    def default_data(self):
        return make_linear_data(150, weights=2.0, bias=1.0, noise=2.0, x_range=(0, 4), seed=5)

    def prepare(self) -> None:
        self.stats = MSEStats(self.X[:, None], self.y)
        self.lr_max = largest_stable_learning_rate(self.X)
        self.weights, self.biases = zoomed_grid(self.X, self.y, (0.0, 0.0), n=41, margin=1.4)

    def make_controls(self):
        return {
            "learning_rate": learning_rate_slider(self.lr_max, self.lr_max * 0.1),
            "batch_size": widgets.IntSlider(
                value=min(16, self.n), min=1, max=self.n, description=f"mini-batch size (n = {self.n})"
            ),
            "epochs": widgets.IntSlider(value=6, min=1, max=60, description="epochs"),
            "x_axis": widgets.ToggleButtons(
                options=[("per epoch", "epochs"), ("per step", "steps")],
                value="epochs",
                description="loss curve x-axis",
            ),
            "seed": widgets.IntSlider(value=0, min=0, max=20, description="shuffle seed"),
            "loss_view": loss_view_toggle(),
        }

    def build(self) -> None:
        fig, lec = self.figure, self.lecture
        gs = fig.add_gridspec(2, 2, left=0.08, right=0.97, top=0.94, bottom=0.08, hspace=0.42, wspace=0.25)
        self.fit = self.fit_panel(gs[0, 0], "Fitted lines after training", y_span=fit_span(self.y, 0.3))
        self.fit.art.line.set_visible(False)
        self.fit.art.line.set_label("_nolegend_")
        self.fit.art.scatter.set_alpha(0.35)
        Z = loss_surface(self.X, self.y, self.weights, self.biases)
        self.zmax = float(Z.max())
        optimum = (float(self.stats.w_star[0]), self.stats.b_star)
        self.surface = SurfacePanel(
            fig.add_subplot(gs[0, 1], projection="3d"), self.blitter, self.weights, self.biases, Z, lecture=lec
        )
        self.contour = ContourPanel(
            fig.add_subplot(gs[1, 0]),
            self.blitter,
            self.weights,
            self.biases,
            Z,
            optimum=optimum,
            lecture=lec,
            title="Paths on the MSE contours (★ minimum)",
        )
        self.curve_ax = fig.add_subplot(gs[1, 1])
        self.curve = LossCurvePanel(self.curve_ax, self.blitter, lecture=lec, title="Loss curves (colours as above)")
        self.curve.set_minimum(self.stats.min_mse)
        for key, label in RUNS:
            self.fit.add_line(key, COLORS[key], label, lw_scale=0.9)
            path = self.contour.add_path(key, COLORS[key], label=label, marker=False)
            path3d = self.surface.add_path(key, COLORS[key])
            curve = self.curve.add_curve(key, COLORS[key], label, lw_scale=0.8)
            for p in (path, path3d):
                p.point.set_markeredgecolor("black")  # three end points: told apart by their colours
            if key == "sgd":  # the noisiest run underneath, a little transparent, so the others show
                for artist in (path.line, path3d.line, curve):
                    artist.set_zorder(3)
                    artist.set_alpha(0.75)
                # under the other loss curves (2) too: drawn first in every panel, its thousands of points are
                # put back from a checkpoint, not stroked again, while only the mini-batch run moves
                curve.set_zorder(1.9)
                for p in (path, path3d):
                    p.line.set_linewidth(p.line.get_linewidth() * 0.7)
        self.star3d = add_surface_star(self.surface, optimum, self.stats.min_mse, lecture=lec)
        self.fit.legend(ncol=3)
        static_legend(self.fit.ax)  # the three runs' colours, for every panel: no legend over the curves
        self.start_loss = float(((self.y) ** 2).mean())  # every run starts at w = b = 0
        self._x_axis = "epochs"

    def runs(self, values):
        """The three training runs for ``values``, by key ``full``, ``mini``, ``sgd``."""
        common = dict(learning_rate=values["learning_rate"], epochs=values["epochs"], seed=values["seed"])
        sizes = {"full": self.n, "mini": values["batch_size"], "sgd": 1}
        return {k: self.descend(self.X, self.y, batch_size=sizes[k], **common) for k, _ in RUNS}

    def presets(self):
        lr = _round_sig(self.lr_max, 3)
        return {
            "SGD noise": {"learning_rate": lr * 0.15, "batch_size": 1, "epochs": 6, "x_axis": "epochs"},
            "mini-batch sweet spot": {"learning_rate": lr * 0.15, "batch_size": min(16, self.n), "epochs": 6},
            "same epochs, very different step counts": {
                "learning_rate": lr * 0.1,
                "batch_size": min(16, self.n),
                "epochs": 6,
                "x_axis": "steps",
            },
            "too fast for SGD, fine for full batch": {
                "learning_rate": lr * 0.8,
                "batch_size": min(16, self.n),
                "epochs": 6,
            },
        }

    def as_code(self, values) -> str:
        runs = "\n".join(
            f"{key} = lh.gradient_descent(X, y, learning_rate={code_number(values['learning_rate'])}, "
            f"epochs={values['epochs']}, batch_size={size}, seed={values['seed']})"
            for key, size in (("full", self.n), ("mini", values["batch_size"]), ("sgd", 1))
        )
        return runs + "\nlh.plot_loss_curve(sgd, x=" + repr(values["x_axis"]) + ")"

    def render(self, values) -> set:
        runs = self.history = self.runs(values)
        x_axis = values["x_axis"]
        changed = self.curve.set_gap(values["loss_view"] == "gap")
        if x_axis != self._x_axis:
            self._x_axis = x_axis
            self.curve.x = x_axis
            self.curve.set_x_scale(x_axis == "steps")
            self.curve_ax.set_xlabel("step (iteration), log scale" if x_axis == "steps" else "epoch")
            self.curve.limits = None
            changed = True
        bottom, top = loss_floor(self.stats.min_mse, self.start_loss)
        if x_axis == "steps":
            x_max = values["epochs"] * self.n
            changed |= self.curve.set_limits(x_max, bottom, top)
        else:
            changed |= self.curve.set_limits(values["epochs"], bottom, top)
        stale = {self.curve_ax} if changed else set()  # new axes: only the loss curves are redrawn
        parts, warnings, diverged = [], [], []
        for key, label in RUNS:
            h = runs[key]
            self.fit.set_line(key, float(h.w[0]), h.b)
            self.contour.paths[key].set(h.weights[:, 0], h.biases)
            self.surface.set_path(key, h.weights[:, 0], h.biases, h.losses)
            if x_axis == "steps":
                self.curve.set_xy(key, np.arange(1, h.losses.shape[0] + 1), h.losses)
            else:
                self.curve.set_curve(key, h)
            if h.diverged:
                warnings.append(f"{label} diverged at step {h.diverged_at}")
                diverged.append(SHORT[key])
            parts.append(f"{label}: {h.steps_per_epoch} step(s)/epoch, {h.steps} steps, MSE {h.losses[-1]:.4g}")
        msg = "; ".join(warnings) + (": lower the learning rate" if warnings else "")
        # In the figure, a short message that fits the panel (the read-out gives the steps): text is
        # drawn glyph by glyph on every frame, so a long message would cost more than the curves.
        self.curve.set_message(f"{', '.join(diverged)} diverged:\nlower the learning rate" if diverged else "")
        bs = values["batch_size"]
        runs = list(parts)
        parts.append(f"mini-batch: ceil({self.n}/{bs}) = {math.ceil(self.n / bs)} steps per epoch")
        self.show_readout(parts, warning=msg or None, lecture=runs)  # a projector's four lines: the runs
        return stale


def batch_size_dashboard(X=None, y=None, **settings) -> BatchSizeDashboard:
    """Build the batch-size dashboard (``05_batch_sizes``).

    Parameters
    ----------
    X, y : array_like, optional
        One-feature data; a seeded synthetic set of 150 points by default.
    **settings
        Starting values of the controls or ``lecture=True``.
    """
    return BatchSizeDashboard(X, y, **settings)


__all__ = ["BatchSizeDashboard", "batch_size_dashboard"]
