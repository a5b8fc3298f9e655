"""Loss explorer (``02_losses``): MSE vs MAE vs Huber vs RMSE, and what outliers do."""

from __future__ import annotations

from collections import OrderedDict

import ipywidgets as widgets
import numpy as np

from ..closed_form import _lad_line, fit_closed_form
from ..data import make_linear_data
from ..losses import _huber_terms
from ..plots import parameter_grid, style_axes
from ..style import COLORS
from ..surfaces import loss_surface
from ..training import largest_stable_learning_rate
from ._base import Dashboard, _round_sig, code_number, nice_slider
from ._panels import LossCurvePanel, SurfacePanel, add_surface_star, divergence_text, fit_span, static_legend
from .descent import learning_rate_slider

LOSS_CHOICES = [("MSE", "mse"), ("MAE", "mae"), ("Huber", "huber"), ("RMSE", "rmse")]
LOSS_NAMES = {key: name for name, key in LOSS_CHOICES}
N_OUTLIER_CANDIDATES = 4
DEFAULT_RATE = 0.5  # × η_max of the MSE
DEFAULT_EPOCHS = 1000  # enough for every loss to reach its exact line at the default rate (tested)


def step_factor(loss: str, rmse_min: float) -> float:
    """How much larger than the slider's η the step of descent on ``loss`` is.

    The slider's η is measured against η_max, the largest stable rate of the **MSE**
    (``2/λ_max`` of its Hessian ``(2/n)AᵀA``). Each loss gets the step that is equally
    safe for it:

    * Huber: its Hessian is ``(1/n) Σ_{|rᵢ| ≤ δ} aᵢaᵢᵀ ≼ (1/n)AᵀA``, at most **half** the
      MSE's, so ``2η`` is as stable for Huber as ``η`` is for the MSE;
    * MAE: no curvature to be unstable on (``|r|`` is piecewise linear); it takes the same
      ``2η`` as Huber, of which it is the limit ``δ → 0`` (up to the factor δ);
    * RMSE: ``∇²RMSE ≼ ∇²MSE / (2·RMSE)`` (the dropped term is ``−∇MSE∇MSEᵀ/(4·MSE^{3/2})``,
      negative semi-definite), and RMSE ≥ its minimum everywhere, so ``2·RMSE_min·η`` is as
      stable for the RMSE as ``η`` is for the MSE.
    """
    if loss in ("huber", "mae"):
        return 2.0
    if loss == "rmse":
        return 2.0 * max(rmse_min, 1e-12)
    return 1.0


def _huber_line(x: np.ndarray, y: np.ndarray, delta: float) -> tuple[float, float]:
    """The line minimising the mean Huber loss, to rounding error (Newton's method on an active set).

    Huber is convex and piecewise quadratic: on the set of points with ``|rᵢ| ≤ δ`` it is
    quadratic with Hessian ``(1/n) Σ aᵢaᵢᵀ``, so a Newton step from the current line solves
    that piece exactly; a halving line search keeps every step downhill, and the loop stops
    when the gradient ``(1/n) Σ clip(rᵢ, −δ, δ) aᵢ`` vanishes. Starts from the MAE line.
    """
    A = np.column_stack([x, np.ones_like(x)])
    theta = np.array(_lad_line(x, y))

    def value(t):
        return float(_huber_terms(A @ t - y, delta).mean())

    for _ in range(100):
        r = A @ theta - y
        grad = A.T @ np.clip(r, -delta, delta) / len(y)
        if np.max(np.abs(grad)) < 1e-13 * max(1.0, delta):
            break
        inside = np.abs(r) <= delta
        hess = A[inside].T @ A[inside] / len(y) + 1e-9 * np.eye(2)  # ridge: fewer than 2 points inside
        step = np.linalg.solve(hess, grad)
        t, f0 = 1.0, value(theta)
        while value(theta - t * step) > f0 and t > 1e-12:
            t /= 2
        theta = theta - t * step
    return float(theta[0]), float(theta[1])


def exact_line(loss: str, x: np.ndarray, y: np.ndarray, delta: float) -> tuple[float, float]:
    """The exact minimiser ``(w, b)`` of ``loss`` for one feature (RMSE has the MSE's)."""
    if loss == "mae":
        return _lad_line(x, y)
    if loss == "huber":
        return _huber_line(x, y, delta)
    w, b = fit_closed_form(x, y)
    return float(np.ravel(w)[0]), float(b)


def _loss_value(loss: str, r: np.ndarray, delta: float) -> float:
    if loss == "mse":
        return float((r * r).mean())
    if loss == "rmse":
        return float(np.sqrt((r * r).mean()))
    if loss == "mae":
        return float(np.abs(r).mean())
    return float(_huber_terms(r, delta).mean())


class LossExplorer(Dashboard):
    """Which line does each loss prefer, and how hard do outliers pull it?

    Controls: ``loss`` (MSE, MAE, Huber, RMSE: the loss gradient descent
    minimises, RMSE itself included), ``outliers`` (how many points are moved),
    ``outlier_shift`` (how far up, in units of y), ``delta`` (Huber's δ), and
    ``learning_rate``, ``batch_size``, ``epochs`` for the descent run. The
    learning rate is measured against the MSE's η_max; each loss steps with
    ``step_factor(loss) × η``, equally safe for every loss, and the default
    runs reach each loss's exact line (the read-out gives the gap).

    Panels, in the places every dashboard uses: the data with the exact MSE line
    (least squares) and MAE line (least absolute deviations) and where descent on
    the chosen loss ends; the 3D surface of the chosen loss on the data shown (MSE's
    bowl, MAE's facets and creases, Huber's rounded floor) with the path of descent
    and the exact minimum (★); the constant model ``ŷ = b``, whose best ``b`` is the
    mean under MSE and the median under MAE; the loss curve of the chosen loss, with
    its exact minimum dotted.
    """

    name = "losses"
    title = "Loss functions: squares chase outliers, absolute values shrug them off"
    figsize = (9.0, 6.2)

    default_data_code = "X, y = lh.make_linear_data(24, weights=1.5, bias=2.0, noise=1.0, seed=3)"

    def default_data(self):
        return make_linear_data(24, weights=1.5, bias=2.0, noise=1.0, seed=3)

    def prepare(self) -> None:
        order = np.argsort(self.X)
        # the outliers are the points with the largest x: high leverage, the strongest pull
        self.candidates = order[-N_OUTLIER_CANDIDATES:][::-1].copy()
        spread = float(np.ptp(self.y)) or 1.0
        # two significant digits, whatever the scale of y (rounding to 0.1 gave 0 for tiny y ranges)
        self.max_shift = _round_sig(3.0 * spread, 2)
        self.lr_max = largest_stable_learning_rate(self.X)
        y_hi = float(self.y.max()) + self.max_shift
        self.y_span = (min(float(self.y.min()), 0.0), y_hi)
        # the (w, b) grid of the 3D surface: around the least-squares line, reaching the start w = b = 0
        # and the line the outliers pull furthest (all moved by the largest shift); every loss's minimum
        # lies between the MAE line, which barely moves, and that one
        self.y_far = self.y.copy()  # every outlier candidate at the largest shift
        self.y_far[self.candidates] += self.max_shift
        w_far, b_far = fit_closed_form(self.X, self.y_far)
        self.weights, self.biases = parameter_grid(
            self.X, self.y, [(0.0, 0.0), (float(np.ravel(w_far)[0]), float(b_far))], n=41, margin=1.15
        )
        self._surface_key = None
        self._reach: dict = {}  # (loss, δ for Huber) → top of the surface with the outliers furthest out
        # the best lines of the data shown, by (loss, δ for Huber, the targets' bytes): a move of the rate, the
        # epochs or the batch size keeps them (Huber's is iterative, about 3 ms); a few, for a toggle back
        self._best: OrderedDict = OrderedDict()
        self._limits: dict = {}  # loss → the loss curve's axis (_curve_limits)

    def make_controls(self):
        return {
            "loss": widgets.ToggleButtons(
                options=LOSS_CHOICES,
                value="mse",
                description="loss",
                tooltips=[
                    "mean squared error",
                    "mean absolute error",
                    "Huber: squares small errors, absolute value for large",
                    "root mean squared error (same minimiser as MSE)",
                ],
            ),
            "outliers": widgets.IntSlider(value=1, min=0, max=N_OUTLIER_CANDIDATES, description="outliers"),
            "outlier_shift": nice_slider(self.max_shift / 2, 0.0, self.max_shift, "outlier shift", 100),
            "delta": widgets.FloatSlider(value=1.0, min=0.1, max=5.0, step=0.1, description="Huber δ"),
            "learning_rate": learning_rate_slider(self.lr_max, self.lr_max * DEFAULT_RATE),
            "batch_size": widgets.IntSlider(value=self.n, min=1, max=self.n, description=f"batch size (n = {self.n})"),
            "epochs": widgets.IntSlider(value=DEFAULT_EPOCHS, min=1, max=1500, description="epochs"),
        }

    def current_y(self, values) -> np.ndarray:
        """The data's targets with the chosen outliers moved."""
        y = self.y.copy()
        y[self.candidates[: values["outliers"]]] += values["outlier_shift"]
        return y

    def build(self) -> None:
        fig, lec, s = self.figure, self.lecture, self.sizes
        gs = fig.add_gridspec(2, 2, left=0.08, right=0.97, top=0.94, bottom=0.08, hspace=0.42, wspace=0.25)
        span = fit_span(self.y, 0.3, low=self.y_span[0], high=self.y_span[1])  # a band for the legend
        self.fit = self.fit_panel(gs[0, 0], "Best lines under each loss", moving_data=True, y_span=span)
        self.fit.art.line.set_label("MSE line")
        self.fit.add_line("mae", COLORS["mae"], "MAE line")
        self.fit.add_line("gd", COLORS["path"], "descent (chosen loss)", ls="--")
        self.fit.legend(ncol=2)
        static_legend(self.fit.ax)
        y0 = self.current_y(self.defaults)
        self.surface = SurfacePanel(
            fig.add_subplot(gs[0, 1], projection="3d"),
            self.blitter,
            self.weights,
            self.biases,
            loss_surface(self.X, y0, self.weights, self.biases),
            lecture=lec,
        )
        self.surface.add_path("gd", COLORS["path"])
        self.star3d = add_surface_star(self.surface, (np.nan, np.nan), np.nan, lecture=lec)
        ax = fig.add_subplot(gs[1, 0])
        self.b_grid = np.linspace(self.y_span[0] - 1, self.y_span[1] + 1, 300)
        self.const = {}
        # MAE(b) is what this panel is about: thick, above MSE(b); Huber(b), which lies on it for a small δ,
        # thin and dotted on top, so that both stay visible where they coincide
        for key, label, lw, ls, z in (
            ("mse", "MSE(b)", 1.0, "-", 3),
            ("mae", "MAE(b)", 1.8, "-", 4),
            ("huber", "Huber(b)", 0.9, ":", 5),
        ):
            (line,) = ax.plot([], [], color=COLORS[key], lw=s.line * lw, ls=ls, zorder=z, label=label)
            self.const[key] = self.blitter.add(line)
        # the curves reach at most 1 and the vertical lines stop there: the band above holds the legend
        top = 1.45
        self.mean_line, self.median_line = (
            self.blitter.add(ax.axvline(0, ymax=1 / top, color=COLORS[key], ls=ls, lw=s.line, label=label))
            for key, ls, label in (("mse", ":", "mean of y"), ("mae", "--", "median of y"))
        )
        ax.set_xlim(self.b_grid[0], self.b_grid[-1])
        ax.set_ylim(0, top)
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.set_xlabel("b (a constant prediction ŷ = b)")
        ax.set_ylabel("loss ÷ its largest value")
        ax.set_title("Constant model: mean vs median", fontsize=s.title)
        ax.legend(
            loc="upper center",
            fontsize=s.font - 2,
            ncol=3,
            frameon=True,
            framealpha=0.85,
            handlelength=1.4,
            columnspacing=0.8,
            borderpad=0.3,
        )
        static_legend(ax)  # in the band above the curves, which nothing moving enters
        style_axes(ax, lec)
        self.curve_ax = fig.add_subplot(gs[1, 1])
        self.curve = LossCurvePanel(self.curve_ax, self.blitter, lecture=lec, title="Loss curve of the descent")
        self.curve.set_moving_minimum(np.nan)  # drawn under the curve
        self.curve.add_curve("gd", COLORS["path"])

    def _best_line(self, loss: str, y: np.ndarray, delta: float) -> tuple[float, float]:
        """:func:`exact_line` of ``loss`` on the targets ``y``, worked out once for a few recent (loss, δ, y)."""
        loss = "mse" if loss == "rmse" else loss  # (the same minimiser)
        key = (loss, delta if loss == "huber" else None, y.tobytes())
        found = self._best.get(key)
        if found is None:
            found = self._best[key] = exact_line(loss, self.X, y, delta)
            while len(self._best) > 8:
                self._best.popitem(last=False)
        else:
            self._best.move_to_end(key)
        return found

    def _curve_limits(self, loss: str) -> tuple[float, float]:
        """The loss axis for ``loss`` whatever the outliers and δ: no full redraw while they move.

        The top is three times the start's loss (w = b = 0) with every outlier at the largest
        shift and the largest δ; the bottom a fifth of the least-squares line's loss on the data
        without outliers at the smallest δ (each loss grows with the residuals and with δ). Worked out once per loss."""
        if loss not in self._limits:
            deltas = self.controls["delta"]
            top = _loss_value(loss, self.y_far, deltas.max) * 3.0
            w, b = fit_closed_form(self.X, self.y)
            bottom = max(_loss_value(loss, w * self.X + b - self.y, deltas.min) * 0.2, top * 1e-8)
            self._limits[loss] = (bottom, top)
        return self._limits[loss]

    def _surface_reach(self, loss: str, delta: float) -> float:
        """The top of ``loss``'s surface with every outlier at the largest shift (at this δ for Huber), where the
        3D panel's z axis reaches whatever the outliers: moving them raises the surface on fixed axes (the loss
        curve's axis is fixed too, :meth:`_curve_limits`), and the panel's frame is drawn once per loss."""
        key = (loss, delta if loss == "huber" else None)
        if key not in self._reach:
            Z = loss_surface(self.X, self.y_far, self.weights, self.biases, loss, delta=delta)
            self._reach[key] = float(Z.max())
        return self._reach[key]

    def presets(self):
        # every preset sets the rate, the epochs and the batch size, so switching loss afterwards never
        # inherits a rate tuned for another loss (each loss scales the rate by its own step_factor)
        run = {
            "learning_rate": _round_sig(self.lr_max * DEFAULT_RATE, 3),
            "epochs": DEFAULT_EPOCHS,
            "batch_size": self.n,
        }
        far = {"outlier_shift": self.max_shift, **run}
        return {
            "no outliers: MSE and MAE agree": {"loss": "mse", "outliers": 0, "outlier_shift": 0.0, **run},
            "one far outlier pulls the MSE line": {"loss": "mse", "outliers": 1, **far},
            "MAE shrugs the outlier off": {"loss": "mae", "outliers": 1, **far},
            "Huber, small δ = 1: about as robust as MAE": {"loss": "huber", "outliers": 2, "delta": 1.0, **far},
            "Huber, large δ = 5: pulled further than MAE": {"loss": "huber", "outliers": 2, "delta": 5.0, **far},
        }

    def effective_rate(self, values) -> float:
        """The step size descent on the chosen loss uses: the slider's η × :func:`step_factor`."""
        y = self.current_y(values)
        w, b = self._best_line("mse", y, values["delta"])
        rmse_min = float(np.sqrt(np.mean((w * self.X + b - y) ** 2)))
        return values["learning_rate"] * step_factor(values["loss"], rmse_min)

    def as_code(self, values) -> str:
        loss = values["loss"]
        extra = f", delta={code_number(values['delta'], 6)}" if loss == "huber" else ""
        rate = self.effective_rate(values)  # the slider's η scaled for the chosen loss (step_factor)
        k = values["outliers"]
        moved = f"y_moved[{self.candidates[:k].tolist()}] += {code_number(values['outlier_shift'], 6)}"
        return (
            "y_moved = y.copy()\n"
            + (f"{moved}  # the {k} point(s) with the largest x, moved up\n" if k else "")
            + "lh.fit_closed_form(X, y_moved)  # the MSE line\n"
            f"h = lh.gradient_descent(X, y_moved, loss={loss!r}{extra}, learning_rate={code_number(rate)}, "
            f"epochs={values['epochs']}, batch_size={values['batch_size']}, seed=0)"
        )

    def render(self, values) -> set:
        loss, delta = values["loss"], values["delta"]
        y = self.current_y(values)
        self.fit.set_data(y)
        w2, b2 = self._best_line("mse", y, delta)
        w1, b1 = self._best_line("mae", y, delta)
        self.fit.set(w2, b2)
        self.fit.set_line("mae", w1, b1)
        # constant model ŷ = b: each loss as a function of b, scaled to [0, 1]
        R = self.b_grid[:, None] - y[None, :]
        for key, vals in (
            ("mse", (R * R).mean(1)),
            ("mae", np.abs(R).mean(1)),
            ("huber", _huber_terms(R, delta).mean(1)),
        ):
            self.const[key].set_data(self.b_grid, vals / vals.max())
        self.mean_line.set_xdata([y.mean()] * 2)
        self.median_line.set_xdata([np.median(y)] * 2)
        # descent on the chosen loss itself (RMSE included: its gradient is ∇MSE / (2·RMSE))
        rate = self.effective_rate(values)
        h = self.descend(
            self.X,
            y,
            learning_rate=rate,
            epochs=values["epochs"],
            batch_size=values["batch_size"],
            loss=loss,
            delta=delta,
            seed=0,
        )
        self.history = h
        self.fit.set_line("gd", float(h.w[0]), h.b)
        changed = self.curve.set_loss(loss)
        changed |= self.curve.set_limits(values["epochs"], *self._curve_limits(loss))
        stale = {self.curve_ax} if changed else set()  # only the panels whose static part changed are redrawn
        self.curve.set_curve("gd", h)
        we, be = self._best_line(loss, y, delta)
        best = _loss_value(loss, we * self.X + be - y, delta)
        self.curve.set_moving_minimum(best)
        # the 3D surface of the chosen loss on the data shown: a new one when the loss or the data change
        moved = values["outliers"] > 0 and values["outlier_shift"] != 0  # else the shift moves nothing
        key = (loss, values["outliers"] if moved else 0, values["outlier_shift"] if moved else 0.0)
        key += (delta if loss == "huber" else None,)
        if key != self._surface_key:
            self._surface_key = key
            Z = loss_surface(self.X, y, self.weights, self.biases, loss, delta=delta)
            self.surface.set_surface(Z, loss, reach=self._surface_reach(loss, delta))
            stale.add(self.surface.ax)
        self.surface.set_path("gd", h.weights[:, 0], h.biases, h.losses)
        self.star3d.set_data_3d([we], [be], [best])
        msg = divergence_text(h)
        self.curve.set_message(msg)
        r2, r1 = w2 * self.X + b2 - y, w1 * self.X + b1 - y
        name = LOSS_NAMES[loss]
        gap = "" if h.diverged else f" ({_gap_text(h.losses[-1], best, loss, values['batch_size'] >= self.n)})"
        self.show_readout(
            [
                f"MSE line: w = {w2:.3f}, b = {b2:.3f}",
                f"MAE line: w = {w1:.3f}, b = {b1:.3f}",
                f"mean y = {y.mean():.3f}, median y = {np.median(y):.3f}",
                f"{name} of MSE line = {_loss_value(loss, r2, delta):.4g}, "
                f"of MAE line = {_loss_value(loss, r1, delta):.4g}",
                f"descent on the {name} (η = {rate:.3g} = {rate / values['learning_rate']:.3g} × slider, "
                f"batch {values['batch_size']}): w = {float(h.w[0]):.3f}, b = {h.b:.3f}, "
                f"{name} = {h.losses[-1]:.4g} after {h.steps} steps",
                f"exact best line under the {name}: w = {we:.3f}, b = {be:.3f}, {name} = {best:.4g}" + gap,
            ],
            warning=msg or None,
            # on a projector: the numbers the lesson compares (the lines are in the figure)
            lecture=[
                f"mean y = {y.mean():.3f}, median y = {np.median(y):.3f}",
                f"{name}: MSE line {_loss_value(loss, r2, delta):.4g}, MAE line {_loss_value(loss, r1, delta):.4g}",
                f"descent: {name} {h.losses[-1]:.4g} after {h.steps} steps, best {best:.4g}"
                + gap.split(":")[0]
                + (")" if ":" in gap else ""),
            ],
        )
        return stale


def _gap_text(reached: float, best: float, loss: str, full_batch: bool) -> str:
    """How far descent's loss is above the exact minimum, in words."""
    gap = (reached - best) / best if best > 0 else reached
    if gap < 1e-3:
        return "descent has reached it"
    above = f"descent is {100 * gap:.2g}% above it"
    if not full_batch:
        return f"{above}: with batches smaller than n, a fixed step keeps jittering around the minimum"
    if loss == "mae" and gap < 0.01:
        return f"{above}: with a fixed step it jitters around the MAE's kinked minimum"
    return f"{above}: not converged yet"


def loss_explorer(X=None, y=None, **settings) -> LossExplorer:
    """Build the loss explorer (``02_losses``): loss toggle, movable outliers, mean vs median.

    Parameters
    ----------
    X, y : array_like, optional
        One-feature data; a seeded synthetic set by default. The points with
        the largest x are the ones the ``outliers`` control moves.
    **settings
        Starting values of the controls or ``lecture=True``.
    """
    return LossExplorer(X, y, **settings)


__all__ = ["LossExplorer", "exact_line", "loss_explorer", "step_factor"]
