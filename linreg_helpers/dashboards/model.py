"""Model explorer (``01_model``): choose w and b by hand, see residuals and the loss."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..data import make_linear_data
from ..style import COLORS
from ..surfaces import loss_surface
from ._base import Dashboard, _round_sig, code_number, nice_slider
from ._panels import (
    ContourPanel,
    LossCurvePanel,
    SurfacePanel,
    add_surface_star,
    divergence_text,
    fit_span,
    loss_floor,
    static_legend,
)
from .descent import learning_rate_slider, loss_view_toggle

DESCENT_EPOCHS = 25  # what moving η or the batch size by hand switches descent on with
MAX_TRIES = 1000  # the loss curve of the learner's own moves keeps the last ones


class ModelExplorer(Dashboard):
    """Move the line by hand; then let gradient descent continue from there.

    Controls: ``w`` and ``b`` (the model ``ŷ = w·x + b``), ``residuals``
    (show ``ŷᵢ − yᵢ``), and ``learning_rate``, ``batch_size``, ``epochs`` for a
    descent run that starts from the chosen ``(w, b)`` (``epochs = 0`` by default: off, so a
    learner first fits the line by hand; moving η or the batch size by hand while it is off
    switches descent on, with 25 epochs, since those sliders only steer descent), ``loss_view`` (the loss
    with its minimum dotted, or the gap to the minimum). Panels, in the places every dashboard uses: the data
    with the chosen line (and where descent ends), the 3D MSE surface with the chosen point and the path
    (★ minimum), the contour map with the same, and the loss curve: of the descent run, or, while descent
    is off, of the learner's own moves of w and b (each line's MSE, in the order tried).
    """

    name = "model"
    title = "The model ŷ = w·x + b: pick w and b, watch the residuals and the MSE"
    figsize = (9.0, 6.2)

    default_data_code = "X, y = lh.make_linear_data(20, weights=1.5, bias=2.0, noise=1.5, seed=1)"

    def default_data(self):
        return make_linear_data(20, weights=1.5, bias=2.0, noise=1.5, seed=1)

    def make_controls(self):
        w_lo, w_hi = float(self.weights[0]), float(self.weights[-1])
        b_lo, b_hi = float(self.biases[0]), float(self.biases[-1])
        return {
            "w": nice_slider(0.0, w_lo, w_hi, "weight w (slope)", steps=400),
            "b": nice_slider(0.0, b_lo, b_hi, "bias b (intercept)", steps=400),
            "residuals": widgets.Checkbox(value=True, description="show residuals ŷᵢ − yᵢ", indent=False),
            "learning_rate": learning_rate_slider(self.lr_max, self.lr_max * 0.3),
            "batch_size": widgets.IntSlider(value=self.n, min=1, max=self.n, description=f"batch size (n = {self.n})"),
            "epochs": widgets.IntSlider(value=0, min=0, max=200, description="descent epochs (0 = off)"),
            "loss_view": loss_view_toggle(),
        }

    def build(self) -> None:
        fig, lec = self.figure, self.lecture
        gs = fig.add_gridspec(2, 2, left=0.08, right=0.97, top=0.94, bottom=0.08, hspace=0.42, wspace=0.25)
        self.fit = self.fit_panel(gs[0, 0], "Data, model and residuals", y_span=fit_span(self.y, 0.35), residuals=True)
        self.fit.art.line.set_label("your line")
        self.fit.add_line("gd", COLORS["path"], "after descent", ls="--")
        self.fit.legend(ncol=2)
        static_legend(self.fit.ax)
        Z = loss_surface(self.X, self.y, self.weights, self.biases)
        self.zmax = float(Z.max())
        optimum = (float(self.stats.w_star[0]), self.stats.b_star)
        self.surface = SurfacePanel(
            fig.add_subplot(gs[0, 1], projection="3d"), self.blitter, self.weights, self.biases, Z, lecture=lec
        )
        self.surface.add_path("gd", COLORS["path"])
        self.surface.add_path("you", COLORS["fit"])
        self.star3d = add_surface_star(self.surface, optimum, self.stats.min_mse, lecture=lec)
        self.contour = ContourPanel(
            fig.add_subplot(gs[1, 0]),
            self.blitter,
            self.weights,
            self.biases,
            Z,
            optimum=optimum,
            lecture=lec,
            title="MSE contours, top view (★ minimum)",
        )
        self.contour.add_path("gd", COLORS["path"])
        self.contour.add_path("you", COLORS["fit"], marker=False)
        self.curve = LossCurvePanel(
            fig.add_subplot(gs[1, 1]), self.blitter, lecture=lec, title="Loss curve of the descent"
        )
        self.curve.add_curve("gd", COLORS["path"])
        self.curve.add_curve("you", COLORS["fit"]).set_drawstyle("steps-post")
        self.curve.set_minimum(self.stats.min_mse)
        self.tries: list[tuple[float, float, float]] = []  # (w, b, MSE) of each line the learner tried
        self._by_hand = False
        for key in ("learning_rate", "batch_size"):
            self.controls[key].observe(self._switch_descent_on, "value")

    def _switch_descent_on(self, change: dict) -> None:
        """A learner who moves η or the batch size while descent is off wants to see descent: switch it on."""
        key = getattr(change.get("owner"), "_lh_key", None)
        echo = key is not None and self._is_echo(key, change["new"])  # the browser's snap, not a learner
        if not self._suspend and not echo and self.controls["epochs"].value == 0:
            self.controls["epochs"].value = DESCENT_EPOCHS

    def presets(self):
        lr = _round_sig(self.lr_max, 3)
        w, b = float(self.stats.w_star[0]), self.stats.b_star
        return {
            "start: w = b = 0": {"w": 0.0, "b": 0.0, "epochs": 0},
            "the best line (least squares)": {"w": w, "b": b, "epochs": 0},
            "right slope, wrong intercept": {"w": w, "b": b + 3.0 * float(self.y.std()) / 2, "epochs": 0},
            "descent from w = b = 0": {
                "w": 0.0,
                "b": 0.0,
                "epochs": 25,
                "learning_rate": lr * 0.5,
                "batch_size": self.n,
            },
        }

    def as_code(self, values) -> str:
        code = (
            f"w, b = {code_number(values['w'], 6)}, {code_number(values['b'], 6)}\n"
            "y_hat = lh.predict(X, w, b)\nlh.mse(y, y_hat)"
        )
        if values["epochs"] > 0:
            code += (
                f"\nh = lh.gradient_descent(X, y, learning_rate={code_number(values['learning_rate'])}, "
                f"epochs={values['epochs']}, batch_size={values['batch_size']}, w0=w, b0=b, seed=0)"
            )
        return code

    def _note_try(self, w: float, b: float, mse: float) -> None:
        """Add the line ``(w, b)`` to the learner's tries (a move of another control adds nothing)."""
        if not self.tries or self.tries[-1][:2] != (w, b):
            self.tries = [*self.tries[-(MAX_TRIES - 1) :], (w, b, mse)]

    def reset(self) -> None:
        """Back to the defaults, with the tries forgotten."""
        self.tries = []
        super().reset()

    def render(self, values) -> set:
        w, b = values["w"], values["b"]
        y_hat = w * self.X + b
        mse_here = float(((y_hat - self.y) ** 2).mean())
        self._note_try(w, b, mse_here)
        self.fit.set(w, b, values["residuals"])
        self.contour.paths["you"].set([w], [b])
        self.surface.set_path("you", np.array([w]), np.array([b]), np.array([mse_here]))
        epochs = values["epochs"]
        bottom, top = loss_floor(self.stats.min_mse, self.zmax)
        by_hand = epochs == 0
        changed = self.curve.set_gap(values["loss_view"] == "gap")
        x_max = _tries_axis(len(self.tries)) if by_hand else epochs
        changed |= self.curve.set_limits(x_max, bottom, top)
        if by_hand != self._by_hand:  # the loss curve of your tries, or of descent from your line
            self._by_hand = by_hand
            self.curve.ax.set_xlabel("your moves of w or b" if by_hand else "epoch")
            self.curve.ax.set_title(
                "Loss of your moves" if by_hand else "Loss curve of the descent",
                fontsize=self.sizes.title,
            )
            changed = True
        stale = {self.curve.ax} if changed else set()  # new axes: only the loss curve is redrawn
        parts = [f"w = {w:.3f}", f"b = {b:.3f}", f"MSE = {mse_here:.4g}", f"(minimum {self.stats.min_mse:.4g})"]
        msg = ""
        self.history = None  # no descent shown (epochs = 0)
        if not by_hand:
            h = self.descend(
                self.X,
                self.y,
                learning_rate=values["learning_rate"],
                epochs=epochs,
                batch_size=values["batch_size"],
                w0=w,
                b0=b,
                seed=0,
            )
            self.history = h
            self.fit.set_line("gd", float(h.w[0]), h.b)
            self.contour.paths["gd"].set(h.weights[:, 0], h.biases)
            self.surface.set_path("gd", h.weights[:, 0], h.biases, h.losses)
            self.curve.set_curve("gd", h)
            self.curve.curves["you"].set_data([], [])
            msg = divergence_text(h)
            parts.append(f"after {h.steps} steps: w = {h.w[0]:.3f}, b = {h.b:.3f}, MSE = {h.losses[-1]:.4g}")
        else:
            self.fit.extra["gd"].set_ydata([float("nan")] * 2)
            self.contour.paths["gd"].set([], [])
            self.surface.paths["gd"].set(np.empty(0), np.empty(0), np.empty(0))
            self.curve.curves["gd"].set_data([], [])
            # each try's MSE held until the next move: a step curve that ends at the line shown now
            losses = np.array([t[2] for t in self.tries])
            self.curve.set_xy("you", np.arange(losses.shape[0] + 1), np.append(losses, losses[-1]))
        self.curve.set_message(msg)
        self.show_readout(parts, warning=msg or None)
        return stale


def _tries_axis(count: int) -> int:
    """The x-axis end for ``count`` tries: the next of 10, 20, 50, 100, … (it changes rarely: few redraws)."""
    top = 10
    while top < count:
        top = top * 5 // 2 if str(top)[0] == "2" else top * 2
    return top


def model_explorer(X=None, y=None, **settings) -> ModelExplorer:
    """Build the model explorer (``01_model``): w and b sliders, residuals, MSE read-out.

    Parameters
    ----------
    X, y : array_like, optional
        One-feature data; a seeded synthetic set by default.
    **settings
        Starting values of the controls (``w``, ``b``, ``residuals``,
        ``learning_rate``, ``batch_size``, ``epochs``) or ``lecture=True``.
    """
    return ModelExplorer(X, y, **settings)


__all__ = ["ModelExplorer", "model_explorer"]
