"""Convexity explorer (``06_convexity``): chords above convex bowls, and a loss that is not convex."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.transforms import ScaledTranslation

from ..closed_form import _lad_line, fit_closed_form
from ..losses import _huber_terms, _tukey_psi, _tukey_terms
from ..plots import LOSS_LABELS, parameter_grid, style_axes
from ..style import COLORS, sizes
from ..surfaces import loss_surface
from ..training import largest_stable_learning_rate
from . import _lecture
from ._base import Dashboard, code_number, nice_slider
from ._panels import ContourPanel, LossCurvePanel, SurfacePanel, divergence_text, loss_floor
from ._panels_extra import tidy_surface_axes
from .descent import learning_rate_slider, loss_view_toggle
from .losses import _huber_line

LOSS_CHOICES = [("MSE", "mse"), ("MAE", "mae"), ("Huber", "huber"), ("Tukey (non-convex)", "tukey")]
N_SEGMENT = 60


def convexity_data(seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Two groups of points on different lines: 22 on ``y = 2x + 1``, 10 on ``y = −1.5x + 22``.

    Convex losses have one valley between them; Tukey's bounded loss has a
    valley for each group, so where descent ends depends on where it starts.
    """
    rng = np.random.default_rng(seed)
    x1 = rng.uniform(0, 10, 22)
    x2 = rng.uniform(4, 10, 10)
    y1 = 2.0 * x1 + 1.0 + rng.normal(0, 0.8, 22)
    y2 = -1.5 * x2 + 22.0 + rng.normal(0, 0.8, 10)
    return np.concatenate([x1, x2]), np.concatenate([y1, y2])


TUKEY_C = 4.685
"""Tukey's c, as :func:`~linreg_helpers.gradient_descent` and :func:`~linreg_helpers.loss_surface` take it."""


def _tukey_line(
    x: np.ndarray, y: np.ndarray, c: float, w0: float, b0: float, reach: tuple[float, float]
) -> tuple[float, float]:
    """The lowest point of Tukey's loss in the valley holding ``(w0, b0)``, to rounding error (Newton's method).

    The mean Tukey loss ``(1/n) Σ ρ(rᵢ)`` has the gradient ``(1/n) Σ ψ(rᵢ) aᵢ`` and the Hessian
    ``(1/n) Σ ψ'(rᵢ) aᵢaᵢᵀ`` with ``aᵢ = (xᵢ, 1)``, ``ψ'(r) = (1 − u)(1 − 5u)``, ``u = (r/c)²`` inside
    ``[−c, c]`` and 0 outside. Where that Hessian is positive definite the step is Newton's; elsewhere (the
    loss is not convex) a gradient step of ``1/λ_max((1/n) AᵀA)``, a bound on the Hessian (``|ψ'| ≤ 1``).
    No step goes further than ``reach`` (in w, in b: a grid cell, say) and a halving line search keeps every
    step downhill, so the run stays in its valley; it stops when the gradient vanishes or no step goes down.
    """
    A = np.column_stack([x, np.ones_like(x)])
    n = y.shape[0]
    theta = np.array([w0, b0], dtype=float)
    bound = max(float(np.linalg.eigvalsh(A.T @ A / n).max()), 1e-300)

    def value(t):
        return float(_tukey_terms(A @ t - y, c).mean())

    for _ in range(1000):
        r = A @ theta - y
        grad = A.T @ _tukey_psi(r, c) / n
        if np.max(np.abs(grad)) < 1e-13 * max(1.0, c):
            break
        u = (r / c) ** 2
        hess = (A.T * np.where(np.abs(r) <= c, (1.0 - u) * (1.0 - 5.0 * u), 0.0)) @ A / n
        if np.all(np.linalg.eigvalsh(hess) > 0.0):
            step = np.linalg.solve(hess, grad)
        else:
            step = grad / bound
        step = step * min(1.0, *(most / abs(part) for most, part in zip(reach, step, strict=True) if part != 0.0))
        t, f0 = 1.0, value(theta)
        while (f := value(theta - t * step)) > f0 and t > 1e-12:
            t /= 2
        if f > f0:
            break  # no step goes down: the lowest point to rounding
        theta = theta - t * step
    return float(theta[0]), float(theta[1])


class ConvexityExplorer(Dashboard):
    """Is the chord between two points on the loss surface above the surface?

    Controls: ``loss`` (MSE, MAE and Huber are convex; Tukey's loss is not),
    the chord's end points ``w_a``, ``b_a``, ``w_b``, ``b_b``, and
    ``learning_rate``, ``batch_size``, ``epochs`` for a descent run that
    starts at point A. Panels: the 3D surface with the chord, the contour map
    with the segment A–B and the descent path, and the loss along the segment
    against the chord (red where the loss rises above it: not convex). A and B
    are labelled on the map; ★ marks the loss's lowest point.
    """

    name = "convexity"
    title = "Convexity: the chord between any two points lies above a convex loss"
    figsize = (10.5, 6.4)

    default_data_code = (
        "from linreg_helpers.dashboards.convexity import convexity_data\n"
        "X, y = convexity_data()  # two groups of points on different lines"
    )

    def default_data(self):
        return convexity_data()

    def prepare(self) -> None:
        self.lr_max = largest_stable_learning_rate(self.X)
        w_fit, b_fit = fit_closed_form(self.X, self.y)
        pts = [(0.0, 0.0), (2.0, 1.0), (-1.5, 22.0)]
        self.weights, self.biases = parameter_grid(self.X, self.y, pts, n=41, margin=1.15)
        self.surfaces = {}
        self.minima: dict[str, tuple[float, float]] = {}
        self.w_fit, self.b_fit = w_fit, b_fit

    def minimum(self, loss: str) -> tuple[float, float]:
        """The ``(w, b)`` of the loss's lowest point (cached per loss).

        MSE: least squares; MAE: the exact least-absolute-deviations line; Huber (δ = 1): Newton's
        method on its active set, exact to rounding (:func:`~.losses._huber_line`); Tukey: Newton's method
        from the lowest grid point (Tukey's global valley is the one that holds it), :func:`_tukey_line`.
        Each takes under a millisecond (a 5,000-epoch descent took 50–80 ms and stopped short).
        """
        if loss not in self.minima:
            if loss == "mse":
                self.minima[loss] = (float(self.w_fit), float(self.b_fit))
            elif loss == "mae":
                self.minima[loss] = tuple(float(v) for v in _lad_line(self.X, self.y))
            elif loss == "huber":
                self.minima[loss] = _huber_line(self.X, self.y, 1.0)
            else:
                Z = self.surface(loss)
                i, j = np.unravel_index(int(np.argmin(Z)), Z.shape)  # rows: b, columns: w
                cell = (float(self.weights[1] - self.weights[0]), float(self.biases[1] - self.biases[0]))
                start = float(self.weights[j]), float(self.biases[i])
                self.minima[loss] = _tukey_line(self.X, self.y, TUKEY_C, *start, reach=cell)
        return self.minima[loss]

    def surface(self, loss: str) -> np.ndarray:
        """The loss on the grid (cached per loss)."""
        if loss not in self.surfaces:
            self.surfaces[loss] = loss_surface(self.X, self.y, self.weights, self.biases, loss)
        return self.surfaces[loss]

    def make_controls(self):
        w_lo, w_hi = float(self.weights[0]), float(self.weights[-1])
        b_lo, b_hi = float(self.biases[0]), float(self.biases[-1])

        def slider(value, lo, hi, label):
            return nice_slider(float(np.clip(value, lo, hi)), lo, hi, label)

        return {
            "loss": widgets.ToggleButtons(options=LOSS_CHOICES, value="mse", description="loss"),
            "w_a": slider(0.0, w_lo, w_hi, "A: w"),  # the usual start, away from the minimum
            "b_a": slider(0.0, b_lo, b_hi, "A: b"),
            "w_b": slider(-1.3, w_lo, w_hi, "B: w"),
            "b_b": slider(20.0, b_lo, b_hi, "B: b"),
            "learning_rate": learning_rate_slider(self.lr_max, self.lr_max * 0.3, "learning rate η"),
            "batch_size": widgets.IntSlider(value=self.n, min=1, max=self.n, description=f"batch size (n = {self.n})"),
            "epochs": widgets.IntSlider(value=150, min=1, max=600, description="epochs"),
            "loss_view": loss_view_toggle(),
        }

    def build(self) -> None:
        # the dashboards' common places (as in gradient descent's): data and model top left, the 3D surface
        # top right, the loss curve under it; the topic panels: the contour map bottom left, where gradient
        # descent has its own, and the chord test in the middle column
        self.gs = self.figure.add_gridspec(
            2, 3, left=0.06, right=0.95, top=0.94, bottom=0.09, wspace=0.4, hspace=0.5, width_ratios=[1, 0.95, 1.1]
        )
        self._loss = None
        self._draw_static("mse")

    def _show_loss(self, loss: str) -> None:
        """Show another loss in the panels already drawn: its surface, contours, minimum and name."""
        Z, label = self.surface(loss), LOSS_LABELS[loss].split(" (")[0]
        self.surf.set_surface(Z, loss)
        self.contour.set_surface(self.weights, self.biases, Z, optimum=self.minimum(loss))
        self.curve.set_loss(loss)
        self.curve.set_minimum(float(self.loss_along(loss, *(np.array([v]) for v in self.minimum(loss)))[0]))
        legend = self.seg_ax.get_legend()
        if legend is not None:
            self.along.set_label(f"{label} along A→B")
            legend.get_texts()[0].set_text(self.along.get_label())
        # lecture mode: the entry is in the figure's one legend (_lecture.fit_for_lecture), "loss along A→B" for
        # every loss (the panel's y label names it): a figure-level change would cost a full redraw at each toggle
        self.seg_ax.set_ylabel(f"{label}, rescaled to [0, 1]")
        self._loss = loss

    def _draw_static(self, loss: str) -> bool:
        """Draw the panels for ``loss``: new panels the first time, then the same panels showing another loss
        (each changed panel is redrawn alone: Blitter.changed_axes; in lecture mode, the figure, its layout kept
        unless a new label no longer fits (:func:`._lecture.relabelled`), then laid out as at the build). True when
        the panels are new."""
        if self._loss is not None:
            self._show_loss(loss)
            if self.sizes is sizes(True) and _lecture.relabelled(self.figure.axes):
                self.panels_drawn()  # a label no longer fits: lecture mode's layout from scratch, as at the build
            return False
        fig, lec, s = self.figure, self.lecture, self.sizes
        for ax in list(fig.axes):
            ax.remove()
        self.blitter.artists.clear()
        Z = self.surface(loss)
        label = LOSS_LABELS[loss].split(" (")[0]
        self.fit = self.fit_panel(self.gs[0, 0], "Lines A (dashed), B (dotted), descent's end")
        self.fit.add_line("A", COLORS["chord"], "line A", ls="--", lw_scale=0.8)
        self.fit.add_line("B", COLORS["chord"], "line B", ls=":", lw_scale=0.9)
        self.surf = SurfacePanel(
            fig.add_subplot(self.gs[0, 2], projection="3d"),
            self.blitter,
            self.weights,
            self.biases,
            Z,
            loss=loss,
            lecture=lec,
        )
        ax3 = self.surf.ax
        tidy_surface_axes(ax3, lecture=lec)
        (self.chord3,) = ax3.plot([], [], [], color=COLORS["chord"], lw=s.line * 1.4)
        (self.along3,) = ax3.plot([], [], [], color="black", lw=s.line)
        self.blitter.add(self.chord3)
        self.blitter.add(self.along3)
        self.surf.add_path("gd", COLORS["path"])
        self.contour = ContourPanel(
            fig.add_subplot(self.gs[1, 0]),
            self.blitter,
            self.weights,
            self.biases,
            Z,
            optimum=self.minimum(loss),
            lecture=lec,
            title="Segment A–B, descent from A (★ lowest)",
        )
        (self.seg,) = self.contour.ax.plot([], [], color=COLORS["chord"], lw=s.line, marker="o", ms=s.marker)
        self.blitter.add(self.seg)
        self.contour.add_path("gd", COLORS["path"], marker=False)
        # "A" and "B" next to the segment's ends on the map: letter-shaped markers (a path each, drawn about as
        # cheaply as a dot), shifted up and right. (On the surface the chord's ends show them; 3D letters cost
        # a projection per frame and hide behind the surface.)
        shift = self.contour.ax.transData + ScaledTranslation(7 / 72, 7 / 72, fig.dpi_scale_trans)
        letter = dict(ms=s.marker * 1.6, color="black", ls="none", zorder=9)
        self.labels = {
            key: self.blitter.add(self.contour.ax.plot([], [], marker=f"${key}$", transform=shift, **letter)[0])
            for key in ("A", "B")
        }
        self.curve = LossCurvePanel(fig.add_subplot(self.gs[1, 2]), self.blitter, lecture=lec, loss=loss)
        self.curve.add_curve("gd", COLORS["path"])
        self.curve.set_minimum(float(self.loss_along(loss, *(np.array([v]) for v in self.minimum(loss)))[0]))
        self._curve_top = None
        # the middle column: the chord panel, and under it a strip for its legend (inside, it would sit on the
        # curves somewhere for some A and B)
        lecture = s is sizes(True)  # lecture mode gathers the legends above the figure (_lecture.py): no strip
        chord_cell, legend_cell = self.gs[:, 1].subgridspec(2, 1, height_ratios=[5, 1], hspace=0.3)
        ax = self.seg_ax = fig.add_subplot(self.gs[:, 1] if lecture else chord_cell)
        along = "loss" if lecture else label  # (lecture mode: see _show_loss)
        (self.along,) = ax.plot([], [], color="black", lw=s.line, label=f"{along} along A→B")
        (self.chord,) = ax.plot([], [], color=COLORS["chord"], lw=s.line, label="chord")
        self.violation = ax.fill_between(
            [0, 1], [0, 0], [0, 0], color=COLORS["warning"], alpha=0.5, label="loss above chord"
        )
        for a in (self.along, self.chord, self.violation):
            self.blitter.add(a)
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.05, 1.1)
        ax.set_xlabel("t (0 = A, 1 = B)")
        ax.set_ylabel(f"{label}, rescaled to [0, 1]")
        ax.set_title("Loss along A→B vs the chord", fontsize=s.title)
        if lecture:
            ax.legend()
        else:
            box = legend_cell.get_position(fig)
            ax.legend(
                loc="center",
                bbox_to_anchor=(box.x0 + box.width / 2, box.y0 + box.height / 2),
                bbox_transform=fig.transFigure,
                fontsize=s.font - 1,
                frameon=False,
            )
        style_axes(ax, lec)
        self._loss = loss
        return True

    def loss_along(self, loss: str, w: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The loss at the points ``(w[k], b[k])``."""
        R = w[:, None] * self.X[None, :] + b[:, None] - self.y[None, :]
        if loss == "mse":
            return (R * R).mean(1)
        if loss == "mae":
            return np.abs(R).mean(1)
        return (_huber_terms(R, 1.0) if loss == "huber" else _tukey_terms(R, TUKEY_C)).mean(1)

    def presets(self):
        return {
            "MSE: every chord lies above": {"loss": "mse", "w_a": 0.0, "b_a": 0.0, "w_b": -1.3, "b_b": 20.0},
            "MAE: convex but kinked": {"loss": "mae", "w_a": 0.0, "b_a": 0.0, "w_b": -1.3, "b_b": 20.0},
            "Tukey: a chord below the loss": {"loss": "tukey", "w_a": 2.0, "b_a": 1.0, "w_b": -1.5, "b_b": 22.0},
            "Tukey: descent stuck in the other valley": {
                "loss": "tukey",
                "w_a": -1.3,
                "b_a": 20.0,
                "w_b": 2.0,
                "b_b": 1.0,
                "epochs": 300,
            },
        }

    def as_code(self, values) -> str:
        return (
            f"h = lh.gradient_descent(X, y, loss={values['loss']!r}, "
            f"learning_rate={code_number(values['learning_rate'])}, "
            f"epochs={values['epochs']}, batch_size={values['batch_size']}, w0={code_number(values['w_a'], 6)}, "
            f"b0={code_number(values['b_a'], 6)}, seed=0)"
        )

    def render(self, values) -> bool | set:
        loss = values["loss"]
        changed = loss != self._loss
        if changed and self._draw_static(loss):
            self.panels_drawn()  # new panels: lecture mode's rules apply to them too
        t = np.linspace(0, 1, N_SEGMENT)
        wa, ba, wb, bb = values["w_a"], values["b_a"], values["w_b"], values["b_b"]
        w = wa + t * (wb - wa)
        b = ba + t * (bb - ba)
        L = self.loss_along(loss, w, b)
        chord = L[0] + t * (L[-1] - L[0])
        # the 1D panel shows loss and chord rescaled together to [0, 1]: an increasing
        # affine map keeps "above" above, and the panel needs no new limits when A or B move
        lo = min(float(L.min()), float(chord.min()))
        span = max(float(L.max()), float(chord.max())) - lo or 1.0
        zmax = self.surf.zmax
        self.chord3.set_data_3d([wa, wb], [ba, bb], [min(L[0], zmax), min(L[-1], zmax)])
        self.along3.set_data_3d(w, b, np.minimum(L, zmax))
        self.seg.set_data([wa, wb], [ba, bb])
        self.labels["A"].set_data([wa], [ba])
        self.labels["B"].set_data([wb], [bb])
        Ls, chs = (L - lo) / span, (chord - lo) / span
        self.along.set_data(t, Ls)
        self.chord.set_data(t, chs)
        above = L > chord + 1e-9 * max(1.0, float(np.abs(chord).max()))
        upper = np.where(above, Ls, chs)
        verts = np.concatenate([np.column_stack([t, chs]), np.column_stack([t, upper])[::-1]])
        self.violation.set_verts([verts])
        h = self.descend(
            self.X,
            self.y,
            learning_rate=values["learning_rate"],
            epochs=values["epochs"],
            batch_size=values["batch_size"],
            loss=loss,
            w0=wa,
            b0=ba,
            seed=0,
        )
        self.history = h
        self.fit.set(float(h.w[0]), float(h.b))
        self.fit.set_line("A", wa, ba)
        self.fit.set_line("B", wb, bb)
        self.surf.set_path("gd", h.weights[:, 0], h.biases, h.losses)
        # the loss axis changes (a full redraw) only when A's loss leaves the band it was drawn for
        if self._curve_top is None or not self._curve_top / 30 < L[0] < self._curve_top / 1.5:
            self._curve_top = float(L[0]) * 3
        bottom, top = loss_floor(self.curve.minimum, self._curve_top / 3)
        moved = self.curve.set_gap(values["loss_view"] == "gap") | self.curve.set_limits(values["epochs"], bottom, top)
        if moved and not changed:  # new limits: redraw that panel only (Dashboard.update)
            changed = {self.curve.ax}
        self.curve.set_curve("gd", h)
        self.contour.paths["gd"].set(h.weights[:, 0], h.biases)
        gap = float(np.max(L - chord))
        verdict = (
            f"the loss rises {gap:.3g} above the chord: NOT convex along this segment"
            if above.any()
            else "the chord stays on or above the loss along this segment"
        )
        msg = divergence_text(h)
        self.curve.set_message(msg)
        self.show_readout(
            [verdict, f"descent from A ends at w = {h.w[0]:.3f}, b = {h.b:.3f}, loss {h.losses[-1]:.4g}"],
            warning=msg or None,
        )
        return changed


def convexity_explorer(X=None, y=None, **settings) -> ConvexityExplorer:
    """Build the convexity explorer (``06_convexity``).

    Parameters
    ----------
    X, y : array_like, optional
        One-feature data; by default two groups of points on different lines,
        which give Tukey's loss two valleys.
    **settings
        Starting values of the controls or ``lecture=True``.
    """
    return ConvexityExplorer(X, y, **settings)


__all__ = ["ConvexityExplorer", "convexity_data", "convexity_explorer"]
