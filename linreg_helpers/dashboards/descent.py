"""Gradient-descent dashboard (``04_gradient_descent``): learning rate, epochs, start point."""

from __future__ import annotations

import math

import ipywidgets as widgets

from .._mse_stats import MSEStats
from ..data import make_linear_data
from ..style import COLORS
from ..surfaces import loss_surface
from ..training import largest_stable_learning_rate
from ._base import Dashboard, code_number, nice_slider, zoomed_grid
from ._panels import ContourPanel, LossCurvePanel, SurfacePanel, divergence_text, loss_floor


def loss_view_toggle() -> widgets.ToggleButtons:
    """The loss curve's view: the loss with its minimum dotted, or the gap to the minimum (log scale)."""
    return widgets.ToggleButtons(
        options=[("loss", "loss"), ("gap to minimum", "gap")],
        value="loss",
        description="loss curve shows",
        tooltip="the gap, loss − minimum, on a log scale: converged runs fall along a straight line",
    )


def ratio_text(value: float, reference: float, name: str) -> str:
    """``"0.0022 × η_max"``: a ratio to two significant digits, so small ratios are not shown as 0.00."""
    return f"{value / reference:.2g} × {name}"


def learning_rate_slider(lr_max: float, value: float, description: str = "learning rate η") -> widgets.FloatLogSlider:
    """A log-scale slider from 1/1000 of the largest stable rate (a crawl) to 1.5× it (divergence).

    Its exponents are multiples of the step (0.02): every value it can show is ``10 ** (k / 50)``,
    the same numbers in every notebook, and the grid a browser snaps to is the one Python uses.
    """
    top = round(math.ceil(math.log10(lr_max * 1.5) / 0.02) * 0.02, 2)
    return widgets.FloatLogSlider(
        value=value,
        base=10,
        min=round(top - 3.2, 2),
        max=top,
        step=0.02,
        description=description,
        readout_format=".3g",
        continuous_update=True,
    )


def rate_on_grid(lr_max: float, factor: float, side: str = "nearest") -> float:
    """A learning rate on :func:`learning_rate_slider`'s grid (``10 ** (k / 50)``) near ``factor × lr_max``.

    ``side="below"`` gives the largest grid value at most ``factor × lr_max``, ``"above"`` the
    smallest at least that; so a preset "just below the limit" stays below it once on the grid.
    """
    if side not in ("below", "above", "nearest"):
        raise ValueError(f"side must be 'below', 'above' or 'nearest', got {side!r}.")
    exponent = math.log10(factor * lr_max) / 0.02  # in grid steps
    k = {"below": math.floor(exponent), "above": math.ceil(exponent), "nearest": round(exponent)}[side]
    return float(10 ** round(k * 0.02, 2))


class DescentDashboard(Dashboard):
    """Full-batch (or mini-batch) gradient descent on the MSE from a chosen start point.

    Controls: ``learning_rate`` (log scale, from a crawl to divergence),
    ``epochs``, ``batch_size`` (default n: full batch), ``w0`` and ``b0`` (the
    start), ``loss_view`` (the loss with its minimum dotted, or the gap to the
    minimum). Panels: the fitted line, the 3D MSE surface with the path, the
    contour map with the path (★ on top), and the loss curve (log scale). The
    read-out gives the largest stable learning rate for the data.
    """

    name = "gradient_descent"
    title = "Gradient descent: step against the gradient, again and again"
    figsize = (9.0, 6.2)

    default_data_code = "X, y = lh.make_linear_data(40, weights=2.0, bias=1.0, noise=2.0, seed=4)"

    def default_data(self):
        return make_linear_data(40, weights=2.0, bias=1.0, noise=2.0, seed=4)

    def prepare(self) -> None:
        self.stats = MSEStats(self.X[:, None], self.y)
        self.lr_max = largest_stable_learning_rate(self.X)
        self.w_star, self.b_star = float(self.stats.w_star[0]), self.stats.b_star
        self.start = (0.0, 0.0)  # the usual start: w = b = 0
        # Below the stable limit each step brings (w, b) closer to the minimum, so the whole
        # path stays in the disc around it through the start: the grid is zoomed to that disc.
        self.weights, self.biases = zoomed_grid(self.X, self.y, self.start, n=41, margin=1.25)
        self._curve_top = None

    def make_controls(self):
        w_lo, w_hi = float(self.weights[0]), float(self.weights[-1])
        b_lo, b_hi = float(self.biases[0]), float(self.biases[-1])
        return {
            "learning_rate": learning_rate_slider(self.lr_max, self.lr_max * 0.3),
            "epochs": widgets.IntSlider(value=40, min=1, max=300, description="epochs"),
            "batch_size": widgets.IntSlider(value=self.n, min=1, max=self.n, description=f"batch size (n = {self.n})"),
            "w0": nice_slider(self.start[0], w_lo, w_hi, "start w₀"),
            "b0": nice_slider(self.start[1], b_lo, b_hi, "start b₀"),
            "loss_view": loss_view_toggle(),
        }

    def build(self) -> None:
        fig, lec = self.figure, self.lecture
        gs = fig.add_gridspec(2, 2, left=0.08, right=0.97, top=0.94, bottom=0.08, hspace=0.42, wspace=0.25)
        Z = loss_surface(self.X, self.y, self.weights, self.biases)
        self.fit = self.fit_panel(gs[0, 0], "Data and the current model")
        self.fit.add_line("start", COLORS["start"], "start (w₀, b₀)", ls="--", lw_scale=0.7)
        self.fit.legend()
        self.surface = SurfacePanel(
            fig.add_subplot(gs[0, 1], projection="3d"), self.blitter, self.weights, self.biases, Z, lecture=lec
        )
        self.surface.add_path("gd", COLORS["path"])
        self.contour = ContourPanel(
            fig.add_subplot(gs[1, 0]),
            self.blitter,
            self.weights,
            self.biases,
            Z,
            optimum=(self.w_star, self.b_star),
            lecture=lec,
            title="Path on the contours (★ minimum)",
        )
        self.contour.add_path("gd", COLORS["path"])
        self.curve = LossCurvePanel(fig.add_subplot(gs[1, 1]), self.blitter, lecture=lec)
        self.curve.add_curve("gd", COLORS["path"])
        self.curve.set_minimum(self.stats.min_mse)
        self.history = None

    def run(self, values):
        """The training run the dashboard shows for ``values``."""
        return self.descend(
            self.X,
            self.y,
            learning_rate=values["learning_rate"],
            epochs=values["epochs"],
            batch_size=values["batch_size"],
            w0=values["w0"],
            b0=values["b0"],
            seed=0,
        )

    def presets(self):
        # on the slider's grid, on the named side of the limit: what the browser shows is the preset
        lr = self.lr_max
        common = {"epochs": 40, "batch_size": self.n, "w0": self.start[0], "b0": self.start[1]}
        return {
            "too small a learning rate (crawl)": {**common, "learning_rate": rate_on_grid(lr, 0.005)},
            "just right": {**common, "learning_rate": rate_on_grid(lr, 0.5)},
            "oscillating (just below the limit)": {**common, "learning_rate": rate_on_grid(lr, 0.95, "below")},
            "diverging (just above the limit)": {**common, "learning_rate": rate_on_grid(lr, 1.05, "above")},
            "mini-batches of 8": {
                **common,
                "learning_rate": rate_on_grid(lr, 0.3),
                "batch_size": min(8, self.n),
            },
        }

    def as_code(self, values) -> str:
        return (
            "h = lh.gradient_descent(\n"
            f"    X, y, learning_rate={code_number(values['learning_rate'])}, epochs={values['epochs']}, "
            f"batch_size={values['batch_size']},\n"
            f"    w0={code_number(values['w0'], 6)}, b0={code_number(values['b0'], 6)}, seed=0,\n)\n"
            "h.w, h.b, h.losses[-1], h.diverged"
        )

    def render(self, values) -> set:
        h = self.history = self.run(values)
        w, b, L = h.weights[:, 0], h.biases, h.losses
        self.fit.set(float(w[-1]), float(b[-1]))
        self.fit.set_line("start", values["w0"], values["b0"])
        self.surface.set_path("gd", w, b, L)
        self.contour.paths["gd"].set(w, b)
        # the loss axis reaches a little above the start; it changes (a full redraw) only when
        # the start's loss leaves the band it was drawn for, so most moves stay a cheap blit
        if self._curve_top is None or not self._curve_top / 30 < L[0] < self._curve_top / 1.5:
            self._curve_top = float(L[0]) * 3
        bottom, top = loss_floor(self.stats.min_mse, self._curve_top / 3)
        changed = self.curve.set_gap(values["loss_view"] == "gap")
        changed |= self.curve.set_limits(values["epochs"], bottom, top)
        self.curve.set_curve("gd", h)
        msg = divergence_text(h)
        self.curve.set_message(msg)
        if msg:  # the fitted line has left the data panel too: say so
            msg += " (the fitted line may have left the picture)"
        eta = f"η = {values['learning_rate']:.3g} = {ratio_text(values['learning_rate'], self.lr_max, 'η_max')}"
        facts = [f"w = {w[-1]:.4g}", f"b = {b[-1]:.4g}", f"MSE = {L[-1]:.4g} (minimum {self.stats.min_mse:.4g})"]
        facts.append(f"steps = {h.steps}")
        self.show_readout(
            [*facts, f"{eta}; η_max = {self.lr_max:.4g} (largest stable rate, full batch)"],
            warning=msg or None,
            lecture=[*facts, eta],  # a projector's four lines: without the note on η_max
        )
        return {self.curve.ax} if changed else set()  # only the loss curve's static part changed


def descent_dashboard(X=None, y=None, **settings) -> DescentDashboard:
    """Build the gradient-descent dashboard (``04_gradient_descent``).

    Parameters
    ----------
    X, y : array_like, optional
        One-feature data; a seeded synthetic set by default.
    **settings
        Starting values of the controls, e.g. ``learning_rate=0.01``, or
        ``lecture=True`` for projector sizes.

    Returns
    -------
    DescentDashboard
    """
    return DescentDashboard(X, y, **settings)


__all__ = [
    "DescentDashboard",
    "descent_dashboard",
    "learning_rate_slider",
    "loss_view_toggle",
    "rate_on_grid",
    "ratio_text",
]
