"""Gradient explorer (``03_gradients``): partial derivatives as tangent slopes, the gradient as a step."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import FancyArrowPatch

from ..data import make_linear_data
from ..plots import style_axes
from ..style import COLORS
from ..surfaces import loss_surface
from ._base import Dashboard, nice_slider
from ._panels import ContourPanel, SurfacePanel
from .descent import learning_rate_slider


def _batch_gradient(x, y, w, b, idx):
    r = w * x[idx] + b - y[idx]
    return float(2.0 * (r * x[idx]).mean()), float(2.0 * r.mean())


class GradientExplorer(Dashboard):
    """The gradient of the MSE at a point you choose, and the step it suggests.

    Controls: ``w``, ``b`` (the point), ``learning_rate`` (the step is
    ``−η ∇MSE``), ``batch_size`` (the gradient estimated from a random batch
    of that many examples, as SGD does) and ``batch_seed`` (which batch).

    Panels: the 3D surface with the two tangent lines whose slopes are the
    partial derivatives; the contour map with the full-gradient step and the
    batch-gradient step; the two slices ``MSE(w, b fixed)`` and
    ``MSE(w fixed, b)`` with their tangents.
    """

    name = "gradients"
    title = "Gradients: the slopes of the MSE along w and along b"
    figsize = (10.5, 4.0)

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
        }

    def build(self) -> None:
        fig, lec, s = self.figure, self.lecture, self.sizes
        gs = fig.add_gridspec(
            2, 3, left=0.04, right=0.98, top=0.88, bottom=0.13, wspace=0.3, hspace=0.75, width_ratios=[1.15, 1, 1]
        )
        Z = loss_surface(self.X, self.y, self.weights, self.biases)
        self.zmax = float(Z.max())
        self.surface = SurfacePanel(
            fig.add_subplot(gs[:, 0], projection="3d"),
            self.blitter,
            self.weights,
            self.biases,
            Z,
            lecture=lec,
            title="Tangents on the MSE surface",
        )
        ax3 = self.surface.ax
        (self.tan_w3,) = ax3.plot([], [], [], color=COLORS["fit"], lw=s.line * 1.3)
        (self.tan_b3,) = ax3.plot([], [], [], color=COLORS["mae"], lw=s.line * 1.3)
        (self.pt3,) = ax3.plot([], [], [], "o", color="black", ms=s.marker * 1.2)
        for a in (self.tan_w3, self.tan_b3, self.pt3):
            self.blitter.add(a)
        self.contour = ContourPanel(
            fig.add_subplot(gs[:, 1]),
            self.blitter,
            self.weights,
            self.biases,
            Z,
            optimum=(float(self.stats.w_star[0]), self.stats.b_star),
            lecture=lec,
            title="Steps −η∇MSE on the contours",
        )
        axc = self.contour.ax
        self.arrow_full = self._arrow(axc, COLORS["fit"], "full-batch step")
        self.arrow_batch = self._arrow(axc, COLORS["path"], "batch step")
        (self.ptc,) = axc.plot([], [], "o", color="black", ms=s.marker * 1.2, label="(w, b)")
        self.blitter.add(self.ptc)
        axc.legend(
            handles=[self.ptc, self.arrow_full, self.arrow_batch],
            loc="upper right",
            fontsize=s.font - 1,
            framealpha=0.85,
        )
        self.slices = {}
        for row, (key, grid, label, color) in enumerate(
            (("w", self.weights, "w (b fixed)", COLORS["fit"]), ("b", self.biases, "b (w fixed)", COLORS["mae"]))
        ):
            ax = fig.add_subplot(gs[row, 2])
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

    def _arrow(self, ax, color, label):
        arrow = FancyArrowPatch(
            (0, 0),
            (0, 0),
            arrowstyle="-|>",
            mutation_scale=12 * self.sizes.scale,
            color=color,
            lw=self.sizes.line,
            label=label,
            zorder=8,
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
            f"dw, db = lh.mse_gradient(X, y, w={values['w']!r}, b={values['b']!r})\n"
            f"step = (-{values['learning_rate']!r} * dw, -{values['learning_rate']!r} * db)"
        )

    def render(self, values) -> bool:
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
        self.show_readout(
            [
                f"MSE = {L:.4g}",
                f"∂MSE/∂w = {gw:.4g}",
                f"∂MSE/∂b = {gb:.4g}",
                f"|∇MSE| = {np.hypot(gw, gb):.4g}",
                f"batch of {idx.size}: ({bw:.4g}, {bb:.4g})",
                f"step −η∇ = ({-lr * gw:.3g}, {-lr * gb:.3g})",
            ]
        )
        return False


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
