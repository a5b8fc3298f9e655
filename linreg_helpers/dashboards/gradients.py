"""Gradient explorer (``03_gradients``): partial derivatives as tangent slopes, the gradient as a step."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import FancyArrowPatch
from matplotlib.ticker import MaxNLocator

from ..data import make_linear_data
from ..plots import style_axes
from ..style import COLORS
from ..surfaces import loss_surface
from ._base import Dashboard, code_number, nice_slider
from ._panels import ContourPanel, LossCurvePanel, SurfacePanel, divergence_text, loss_floor
from ._panels_extra import tidy_surface_axes
from .descent import learning_rate_slider, loss_view_toggle

REPEATS = 20
"""Steps in the loss-curve panel: the step shown by the arrows, taken again and again from (w, b)."""


def _batch_gradient(x, y, w, b, idx):
    r = w * x[idx] + b - y[idx]
    return float(2.0 * (r * x[idx]).mean()), float(2.0 * r.mean())


class GradientExplorer(Dashboard):
    """The gradient of the MSE at a point you choose, and the step it suggests.

    Controls: ``w``, ``b`` (the point), ``learning_rate`` (the step is
    ``−η ∇MSE``), ``batch_size`` (the gradient estimated from a random batch
    of that many examples, as SGD does) and ``batch_seed`` (which batch).

    Panels: the 3D surface with the two tangent lines whose slopes are the
    partial derivatives; the contour map, drawn to **equal scale** on both axes
    (so the step −η∇MSE is at right angles to the contour line through the
    point, as it is mathematically), with labelled levels, the full-gradient
    step and the batch-gradient step; the two slices ``MSE(w, b fixed)`` and
    ``MSE(w fixed, b)`` with their tangents.

    Colours by role: the ∂/∂w tangent vermillion, the ∂/∂b tangent green (in
    the 3D panel and the slices); the steps blue (full batch) and reddish
    purple (batch, drawn wider underneath, so both show when they coincide).
    """

    name = "gradients"
    title = "Gradients: the slopes of the MSE along w and along b"
    figsize = (10.5, 6.4)

    default_data_code = "X, y = lh.make_linear_data(30, weights=2.0, bias=1.0, noise=2.0, x_range=(-3, 5), seed=2)"

    def default_data(self):
        return make_linear_data(30, weights=2.0, bias=1.0, noise=2.0, x_range=(-3, 5), seed=2)

    def prepare(self) -> None:
        super().prepare()
        self.rng_orders = {}

    def make_controls(self):
        w_lo, w_hi = float(self.weights[0]), float(self.weights[-1])
        b_lo, b_hi = float(self.biases[0]), float(self.biases[-1])
        return {
            "w": nice_slider(w_lo + 0.2 * (w_hi - w_lo), w_lo, w_hi, "w", steps=400),
            "b": nice_slider(b_lo + 0.25 * (b_hi - b_lo), b_lo, b_hi, "b", steps=400),
            "learning_rate": learning_rate_slider(self.lr_max, self.lr_max * 0.3, "learning rate η"),
            "batch_size": widgets.IntSlider(value=self.n, min=1, max=self.n, description=f"batch size (n = {self.n})"),
            "batch_seed": widgets.IntSlider(value=0, min=0, max=20, description="which random batch (seed)"),
            "loss_view": loss_view_toggle(),
        }

    def build(self) -> None:
        fig, lec, s = self.figure, self.lecture, self.sizes
        # the dashboards' common places (as in gradient descent's): data and model top left, the 3D surface
        # top right, the loss curve under it; the topic panels: the contour map bottom left, where gradient
        # descent has its own, and the two slices in the middle column
        gs = fig.add_gridspec(
            2,
            3,
            left=0.06,
            right=0.95,
            top=0.94,
            bottom=0.12,
            wspace=0.32,
            hspace=0.55,
            width_ratios=[1, 0.9, 1.1],
        )
        Z = loss_surface(self.X, self.y, self.weights, self.biases)
        self.zmax = float(Z.max())
        self.fit = self.fit_panel(gs[0, 0], "The line at (w, b); dashed: one step later", residuals=True)
        self.fit.add_line("step", COLORS["full"], "after one full-batch step", ls="--", lw_scale=0.8)
        self.surface = SurfacePanel(
            fig.add_subplot(gs[0, 2], projection="3d"),
            self.blitter,
            self.weights,
            self.biases,
            Z,
            lecture=lec,
            title="Tangents on the MSE surface",
        )
        ax3 = self.surface.ax
        tidy_surface_axes(ax3, lecture=lec)
        self.surface.add_path("steps", COLORS["full"])
        (self.tan_w3,) = ax3.plot([], [], [], color=COLORS["fit"], lw=s.line * 1.3)
        (self.tan_b3,) = ax3.plot([], [], [], color=COLORS["mae"], lw=s.line * 1.3)
        (self.pt3,) = ax3.plot([], [], [], "o", color="black", mec="white", ms=s.marker * 1.4, zorder=12)
        ax3.computed_zorder = False  # keep the point and tangents in front of the surface (also in a PNG)
        for a in (self.tan_w3, self.tan_b3, self.pt3):
            self.blitter.add(a)
        self.curve = LossCurvePanel(
            fig.add_subplot(gs[1, 2]), self.blitter, lecture=lec, x="steps", title=f"The step, repeated {REPEATS}×"
        )
        self.curve.ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole steps
        self.curve.add_curve("batch", COLORS["huber"], lw_scale=2.2)  # wider underneath, as the arrows
        self.curve.add_curve("full", COLORS["full"])
        self.curve.set_minimum(self.stats.min_mse)
        self._curve_top = None
        ax_c = fig.add_subplot(gs[1, 0])
        self.contour_weights = self._equal_scale_weights(ax_c)
        Zc = loss_surface(self.X, self.y, self.contour_weights, self.biases)
        self.contour = ContourPanel(
            ax_c,
            self.blitter,
            self.contour_weights,
            self.biases,
            Zc,
            optimum=(float(self.stats.w_star[0]), self.stats.b_star),
            lecture=lec,
            title="Steps −η∇MSE on the contours",
        )
        axc = self.contour.ax
        # equal scale: one unit of b as long on screen as one unit of w, or right angles are not right angles
        axc.set_aspect("equal", adjustable="box")
        self._label_levels(axc, Zc)
        self.arrow_batch = self._arrow(axc, COLORS["huber"], "batch step", width=2.4, zorder=7)
        self.arrow_full = self._arrow(axc, COLORS["full"], "full-batch step", width=1.0, zorder=8)
        (self.ptc,) = axc.plot([], [], "o", color="black", ms=s.marker * 1.2, label="(w, b)")
        self.blitter.add(self.ptc)
        star = self.contour.star  # the ★ stays on top of the point and the arrows: last drawn, highest zorder
        self.blitter.artists.remove(star)
        self.blitter.add(star)
        star.set_zorder(9)
        axc.legend(
            handles=[self.ptc, self.arrow_full, self.arrow_batch],
            loc="upper center",  # under the map, where no point or arrow can hide behind it
            bbox_to_anchor=(0.5, -0.2),
            ncol=3,
            fontsize=s.font - 2,
            frameon=False,
            handlelength=1.2,
            columnspacing=0.8,
        )
        self.slices = {}
        for row, (key, grid, label, color) in enumerate(
            (("w", self.weights, "w (b fixed)", COLORS["fit"]), ("b", self.biases, "b (w fixed)", COLORS["mae"]))
        ):
            ax = fig.add_subplot(gs[row, 1])
            (curve,) = ax.plot([], [], color="black", lw=s.line * 0.8)
            (tangent,) = ax.plot([], [], color=color, lw=s.line)
            (pt,) = ax.plot([], [], "o", color="black", ms=s.marker)
            for a in (curve, tangent, pt):
                self.blitter.add(a)
            ax.set_xlim(grid[0], grid[-1])
            ax.set_ylim(0, self.zmax * 1.05)
            ax.set_xlabel(label)
            ax.set_ylabel("MSE")
            ax.set_title(f"slice: slope = ∂MSE/∂{key}", fontsize=s.title)
            style_axes(ax, lec)
            self.slices[key] = (curve, tangent, pt, grid)

    def _equal_scale_weights(self, ax) -> np.ndarray:
        """A w grid for the contour panel, widened so that at equal scale the map fills the panel's box.

        The b range stays the sliders' range; w gets the span the box's width-to-height ratio
        allows (never less than the sliders' range), centred on the sliders' range.
        """
        fig_w, fig_h = self.figure.get_size_inches()
        pos = ax.get_position()
        ratio = (pos.width * fig_w) / (pos.height * fig_h)
        lo, hi = float(self.weights[0]), float(self.weights[-1])
        span = max(hi - lo, ratio * float(self.biases[-1] - self.biases[0]))
        mid = (lo + hi) / 2
        return np.linspace(mid - span / 2, mid + span / 2, self.weights.shape[0])

    def _label_levels(self, ax, Z) -> None:
        """A few contour lines with their MSE written on them, so "same loss along a contour" can be read."""
        zmin = float(Z.min())
        levels = np.unique(zmin + (float(Z.max()) - zmin) * np.array([0.02, 0.08, 0.2, 0.45]))
        lines = ax.contour(self.weights, self.biases, Z, levels=levels, colors="black", linewidths=0.6, alpha=0.7)
        for text in ax.clabel(lines, fmt="%.3g", fontsize=self.sizes.font - 3, inline=True):
            # under the moving steps and arrows (zorder 2 and up), like the lines they label: part of the cached
            # background, not four texts redrawn with every frame (Blitter.lift_static_above)
            text.set_zorder(1.9)

    def _arrow(self, ax, color, label, *, width: float, zorder: int):
        arrow = FancyArrowPatch(
            (0, 0),
            (0, 0),
            arrowstyle="-|>",
            mutation_scale=12 * self.sizes.scale * max(1.0, width * 0.7),
            color=color,
            lw=self.sizes.line * width,
            label=label,
            zorder=zorder,
        )
        ax.add_patch(arrow)
        return self.blitter.add(arrow)

    def batch_indices(self, batch_size: int, seed: int) -> np.ndarray:
        """The examples in the batch chosen by ``seed`` (all of them when ``batch_size == n``)."""
        if batch_size >= self.n:
            return np.arange(self.n)
        if seed not in self.rng_orders:
            self.rng_orders[seed] = np.random.default_rng(seed).permutation(self.n)
        return self.rng_orders[seed][:batch_size]

    def presets(self):
        w, b = float(self.stats.w_star[0]), self.stats.b_star
        w_lo, b_lo = float(self.weights[0]), float(self.biases[0])
        return {
            "far from the minimum: steep": {
                "w": w_lo + 0.1 * (w - w_lo),
                "b": b_lo + 0.1 * (b - b_lo),
                "batch_size": self.n,
            },
            "at the minimum: gradient 0": {"w": w, "b": b, "batch_size": self.n},
            "SGD: one example's gradient": {"batch_size": 1, "batch_seed": 3},
            "mini-batch of 8 vs full batch": {"batch_size": min(8, self.n), "batch_seed": 3},
        }

    def as_code(self, values) -> str:
        return (
            f"dw, db = lh.mse_gradient(X, y, w={code_number(values['w'], 6)}, b={code_number(values['b'], 6)})\n"
            f"step = (-{code_number(values['learning_rate'])} * dw, -{code_number(values['learning_rate'])} * db)"
        )

    def render(self, values) -> bool | set:
        w, b, lr = values["w"], values["b"], values["learning_rate"]
        x, y = self.X, self.y
        r = w * x + b - y
        L = float((r * r).mean())
        gw, gb = float(2 * (r * x).mean()), float(2 * r.mean())
        idx = self.batch_indices(values["batch_size"], values["batch_seed"])
        bw, bb = _batch_gradient(x, y, w, b, idx)
        dw = 0.18 * (self.weights[-1] - self.weights[0])
        db = 0.18 * (self.biases[-1] - self.biases[0])
        self.tan_w3.set_data_3d([w - dw, w + dw], [b, b], [L - gw * dw, L + gw * dw])
        self.tan_b3.set_data_3d([w, w], [b - db, b + db], [L - gb * db, L + gb * db])
        self.pt3.set_data_3d([w], [b], [L])
        self.ptc.set_data([w], [b])
        self.arrow_full.set_positions((w, b), (w - lr * gw, b - lr * gb))
        self.arrow_batch.set_positions((w, b), (w - lr * bw, b - lr * bb))
        for key, (curve, tangent, pt, grid) in self.slices.items():
            if key == "w":
                rr = grid[:, None] * x[None, :] + b - y
                g, at, step = gw, w, dw
            else:
                rr = w * x[None, :] + grid[:, None] - y
                g, at, step = gb, b, db
            curve.set_data(grid, (rr * rr).mean(1))
            tangent.set_data([at - step, at + step], [L - g * step, L + g * step])
            pt.set_data([at], [L])
        full, batch = self.repeated(values)
        self.fit.set(w, b, residuals=True)
        self.fit.set_line("step", w - lr * gw, b - lr * gb)
        self.surface.set_path("steps", full.weights[:, 0], full.biases, full.losses)
        # the loss axis changes (a full redraw) only when the point's loss leaves the band it was drawn for
        if self._curve_top is None or not self._curve_top / 30 < L < self._curve_top / 1.5:
            self._curve_top = L * 3
        bottom, top = loss_floor(self.stats.min_mse, self._curve_top / 3)
        moved = self.curve.set_gap(values["loss_view"] == "gap") | self.curve.set_limits(REPEATS, bottom, top)
        changed = {self.curve.ax} if moved else False  # new limits: redraw that panel only (Dashboard.update)
        for key, run in (("full", full), ("batch", batch)):
            losses = run.losses[: REPEATS + 1]  # a diverged run stops early: fewer points
            self.curve.set_xy(key, np.arange(losses.shape[0]), losses)
        msg = divergence_text(full, "full batch") or divergence_text(batch, f"batch of {idx.size}")
        self.curve.set_message(msg)
        self.show_readout(
            [
                f"MSE = {L:.4g}",
                f"∂MSE/∂w = {gw:.4g}",
                f"∂MSE/∂b = {gb:.4g}",
                f"|∇MSE| = {np.hypot(gw, gb):.4g}",
                f"batch of {idx.size}: ({bw:.4g}, {bb:.4g})",
                f"step −η∇ = ({-lr * gw:.3g}, {-lr * gb:.3g})",
                f"after {REPEATS} full-batch steps MSE = {full.losses[-1]:.4g} (minimum {self.stats.min_mse:.4g})",
            ],
            warning=msg or None,
        )
        return changed

    def repeated(self, values):
        """The arrows' steps taken :data:`REPEATS` times from ``(w, b)``: full batch, and with the batches of
        ``batch_seed`` (the first is the batch the arrow shows; ``gradient_descent`` draws it the same way).

        Returns
        -------
        full, batch : History
            The batch run may hold a few steps more (whole epochs); the panel shows the first ``REPEATS``.
        """
        common = dict(learning_rate=values["learning_rate"], w0=values["w"], b0=values["b"])
        full = self.descend(self.X, self.y, epochs=REPEATS, **common)
        per_epoch = -(-self.n // values["batch_size"])
        batch = self.descend(
            self.X,
            self.y,
            epochs=-(-REPEATS // per_epoch),
            batch_size=values["batch_size"],
            seed=values["batch_seed"],
            **common,
        )
        return full, batch


def gradient_explorer(X=None, y=None, **settings) -> GradientExplorer:
    """Build the gradient explorer (``03_gradients``): tangents, gradient vector, batch estimates.

    Parameters
    ----------
    X, y : array_like, optional
        One-feature data; a seeded synthetic set by default.
    **settings
        Starting values of the controls or ``lecture=True``.
    """
    return GradientExplorer(X, y, **settings)


__all__ = ["GradientExplorer", "gradient_explorer"]
