"""Many-features dashboard (``07_many_features``): two weights, feature scaling, zig-zag descent."""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import _validation as v
from .._mse_stats import MSEStats
from ..data import load_dataset
from ..style import COLORS, sizes
from ..training import largest_stable_learning_rate
from ._base import Dashboard, _round_sig, code_number, snap_to_slider
from ._panels import ContourPanel, LossCurvePanel, SurfacePanel, divergence_text, loss_floor
from ._panels_extra import PredictedObservedPanel, tidy_surface_axes
from .descent import loss_view_toggle

FRACTIONS = (-3.0, math.log10(1.5))  # the learning-rate slider spans η_max·10⁻³ … 1.5·η_max


def standardise(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(X − mean) / std`` per column, with the means and standard deviations used."""
    mean, std = X.mean(axis=0), X.std(axis=0)
    return (X - mean) / std, mean, std


def steps_to_converge(losses: np.ndarray, min_loss: float, tol: float = 0.01) -> int | None:
    """First step whose loss is within ``tol`` (relative) of the minimum, or None."""
    ok = np.flatnonzero(losses <= min_loss * (1 + tol) + 1e-12)
    return int(ok[0]) if ok.size else None


class ManyFeaturesDashboard(Dashboard):
    """Gradient descent with two features, on raw or standardised features.

    Controls: ``standardise`` (z-score the features first), ``learning_rate``
    (its range follows the largest stable rate of the features in use),
    ``batch_size``, ``epochs``, ``loss_view`` (the loss with its minimum
    dotted, or the gap to the minimum). Panels, in the places every dashboard
    uses: the model's predictions against the observed targets (top left), the
    3D MSE surface over the two weights with the descent path (top right; the
    bias at its best value for each pair: a ravine for raw features, a bowl for
    standardised ones), the same surface as contours at equal scale (bottom
    left) and the loss curve (bottom right); the read-out counts the steps to
    get within 1% of the minimum.
    """

    name = "many_features"
    title = "Two features: why scaling the features makes descent fast"
    figsize = (9.0, 6.2)

    feature_names = ("feature 1", "feature 2")
    target_name = "y"

    default_data_code = (
        'cars = lh.load_dataset("cars_multi")\nX, y = cars.X[:, :2], cars.y  # weight [lb], horsepower [hp] → mpg'
    )

    def default_data(self):
        ds = load_dataset("cars_multi")
        self.feature_names = ("weight [lb]", "horsepower [hp]")
        self.target_name = "mpg"
        return ds.X[:, :2].copy(), ds.y.copy()

    @staticmethod
    def _check_data(X, y):
        X2, y1 = v.check_Xy(X, y)
        if X2.shape[1] != 2:
            raise ValueError(
                f"The many-features dashboard shows two weights: X needs exactly two feature columns, got shape "
                f"{np.shape(X)}."
            )
        if np.any(X2.std(axis=0) == 0):
            raise ValueError("A feature is constant: it cannot be standardised or learned. Drop that column.")
        return X2.copy(), y1.copy()

    def prepare(self) -> None:
        # Features and target are centred in both versions, so the best bias is 0, where descent
        # starts and stays: the contour over the two weights is exactly the surface descent moves
        # on, and the toggle changes only the features' scale.
        self.Xs, self.mean, self.std = standardise(self.X)
        self.Xc = self.X - self.mean
        self.yc = self.y - self.y.mean()
        self.setups = {}
        for key, X in (("raw", self.Xc), ("standardised", self.Xs)):
            stats = MSEStats(X, self.yc)
            lr_max = largest_stable_learning_rate(X)
            w_star = stats.w_star
            half = max(float(np.abs(w_star).max()) * 1.3, 1e-12)  # the same span on both axes
            w1 = np.linspace(w_star[0] - half, w_star[0] + half, 61)
            w2 = np.linspace(w_star[1] - half, w_star[1] + half, 61)
            W = np.stack(np.meshgrid(w1, w2), axis=-1)  # (61, 61, 2)
            # the bias at its best for each pair of weights: b = ȳ − w·x̄, so c = 0
            Z = stats.mse(W, stats.y_mean - W @ stats.x_mean)
            self.setups[key] = dict(X=X, stats=stats, lr_max=lr_max, w1=w1, w2=w2, Z=Z)

    def make_controls(self):
        lr = self.setups["raw"]["lr_max"]
        controls = {
            "standardise": widgets.Checkbox(value=False, indent=False, description="standardise features"),
            "learning_rate": widgets.FloatLogSlider(
                value=lr * 0.5,
                base=10,
                min=math.log10(lr) + FRACTIONS[0],
                max=math.log10(lr) + FRACTIONS[1],
                step=0.02,
                description="learning rate η",
                readout_format=".3g",
            ),
            "batch_size": widgets.IntSlider(value=self.n, min=1, max=self.n, description=f"batch size (n = {self.n})"),
            "epochs": widgets.IntSlider(value=100, min=1, max=500, description="epochs"),
            "loss_view": loss_view_toggle(),
        }
        # before the dashboard's own observer, and before any starting values are applied
        controls["standardise"].observe(self._rescale_learning_rate, names="value")
        return controls

    def _rescale_learning_rate(self, change) -> None:
        """Keep the same fraction of the largest stable rate when the features change scale."""
        old = self.setups["standardised" if change["old"] else "raw"]["lr_max"]
        new = self.setups["standardised" if change["new"] else "raw"]["lr_max"]
        lr = self.controls["learning_rate"]
        fraction = lr.value / old
        suspend, self._suspend = getattr(self, "_suspend", False), True
        try:
            lo, hi = math.log10(new) + FRACTIONS[0], math.log10(new) + FRACTIONS[1]
            with lr.hold_sync():  # range and value reach the browser in one message
                if lo > lr.max:
                    lr.max, lr.min = hi, lo
                else:
                    lr.min, lr.max = lo, hi
                clamped = lr.value  # the value as the new range clamped it
                lr.value = snap_to_slider(lr, min(max(new * fraction, 10**lo), 10**hi))
            if hasattr(self, "_intended"):  # not while the constructor applies its settings
                self._remember("learning_rate", clamped)  # the browser may echo both
                self._remember("learning_rate", lr.value)
        finally:
            self._suspend = suspend

    def build(self) -> None:
        # the dashboards' common places: the model's predictions top left, the 3D surface top right,
        # the topic panel (contours, where the zig-zag's angles show) bottom left, the loss curve bottom right
        self.gs = self.figure.add_gridspec(
            2, 2, left=0.08, right=0.97, top=0.94, bottom=0.08, hspace=0.42, wspace=0.25, width_ratios=[1, 1.1]
        )
        self._shown = None
        self._laid_out: dict[str, dict] = {}  # lecture mode: each features' panels as laid out (see _draw_static)

    def _surface_title(self, key: str) -> str:
        return f"MSE over w₁, w₂ ({key}: {'a bowl' if key == 'standardised' else 'a ravine'})"

    def _weight_labels(self, key: str) -> tuple[str, str]:
        unit = " per std" if key == "standardised" else ""
        return f"w₁ ({self.feature_label(0)}{unit})", f"w₂ ({self.feature_label(1)}{unit})"

    def _show_features(self, key: str) -> None:
        """Show the surfaces of the ``key`` features in the panels already drawn (the other panels stay)."""
        s = self.setups[key]
        self.surface.set_surface(s["Z"], "mse", weights=s["w1"], biases=s["w2"], title=self._surface_title(key))
        optimum = (float(s["stats"].w_star[0]), float(s["stats"].w_star[1]))
        self.contour.set_surface(s["w1"], s["w2"], s["Z"], optimum=optimum)
        self.contour.ax.set_xlabel(self._weight_labels(key)[0])
        self.contour.ax.set_ylabel(self._weight_labels(key)[1])
        self._shown = key

    def _draw_static(self, key: str) -> None:
        """Draw every panel for the ``key`` ("raw" or "standardised") features: the surfaces differ."""
        lecture = self.sizes is sizes(True)
        if self._shown is not None and not lecture:  # only the two surfaces change (their panels redrawn alone)
            self._show_features(key)
            return
        # lecture mode lays the panels out anew (constrained layout, wrapped titles): new panels, its rules;
        # each features' panels are laid out once (about a second on a projector) and put back after that
        if lecture and self._shown is not None:
            self._laid_out[self._shown] = self._panel_set()
        if lecture and key in self._laid_out:
            self._put_back(self._laid_out[key])
            self._shown = key
            return
        fig, lec, s = self.figure, self.lecture, self.setups[key]
        for ax in list(fig.axes):
            fig.delaxes(ax)  # (keeps the panel's link to the figure: it may be put back, see _put_back)
        self.blitter.artists.clear()
        self.fit = PredictedObservedPanel(
            fig.add_subplot(self.gs[0, 0]), self.blitter, self.y, lecture=lec, name=self.target_label()
        )
        w1_label, w2_label = self._weight_labels(key)
        self.surface = SurfacePanel(
            fig.add_subplot(self.gs[0, 1], projection="3d"),
            self.blitter,
            s["w1"],
            s["w2"],
            s["Z"],
            lecture=lec,
            title=self._surface_title(key),
        )
        self.surface.ax.set_xlabel("w₁", labelpad=-4)
        self.surface.ax.set_ylabel("w₂", labelpad=-4)
        tidy_surface_axes(self.surface.ax, ticks=3, lecture=lec)  # raw weights' ticks are long: −0.05
        self.surface.add_path("gd", COLORS["path"])
        self.contour = ContourPanel(
            fig.add_subplot(self.gs[1, 0]),
            self.blitter,
            s["w1"],
            s["w2"],
            s["Z"],
            optimum=(float(s["stats"].w_star[0]), float(s["stats"].w_star[1])),
            lecture=lec,
            title="The same MSE from above (★ minimum)",
        )
        self.contour.add_path("gd", COLORS["path"], marker=False)
        self.path, self.star = self.contour.paths["gd"], self.contour.star
        ax = self.contour.ax
        ax.set_aspect("equal", adjustable="box")  # round looks round, elongated looks elongated
        ax.xaxis.set_major_locator(MaxNLocator(4))  # raw weights' tick labels are long: −0.050
        ax.set_xlabel(w1_label)
        ax.set_ylabel(w2_label)
        self.curve = LossCurvePanel(fig.add_subplot(self.gs[1, 1]), self.blitter, lecture=lec)
        self.curve.add_curve("gd", COLORS["path"])
        self._shown = key
        self.panels_drawn()  # the panels are drawn here, after build(): lecture mode's rules apply to them now

    _FIGURE_STATE = ("_lh_legend_entries", "_lh_extents", "_lh_fits", "_lh_layout_warnings")
    """What lecture mode keeps on the figure about its panels (:mod:`._lecture`): kept with them."""

    def _panel_set(self) -> dict:
        """The panels shown now, as laid out, with their moving artists and the figure's legend: to put back later."""
        fig = self.figure
        return {
            "axes": list(fig.axes),
            "legends": list(fig.legends),
            "artists": list(self.blitter.artists),
            "panels": (self.fit, self.surface, self.contour, self.curve, self.path, self.star),
            "figure": {k: getattr(fig, k) for k in self._FIGURE_STATE if hasattr(fig, k)},
        }

    def _put_back(self, saved: dict) -> None:
        """Show the panels of :meth:`_panel_set` again, where they were laid out (the next frame is a full draw)."""
        fig = self.figure
        for ax in list(fig.axes):
            fig.delaxes(ax)  # (as in _draw_static: the panels shown now keep their link to the figure)
        for ax in saved["axes"]:
            fig.add_axes(ax)
        fig.legends[:] = saved["legends"]
        self.blitter.artists[:] = saved["artists"]
        self.fit, self.surface, self.contour, self.curve, self.path, self.star = saved["panels"]
        for name, value in saved["figure"].items():
            setattr(fig, name, value)

    def close(self) -> None:
        super().close()
        self._laid_out = {}  # the panels kept for lecture mode go with the figure

    def feature_label(self, j: int) -> str:
        """A short name for feature ``j``."""
        return self.feature_names[j].split(" [")[0]

    def target_label(self) -> str:
        """What the target is (``"mpg"``), for the predicted-vs-observed panel."""
        return self.target_name

    def render(self, values) -> bool | set:
        key = "standardised" if values["standardise"] else "raw"
        s = self.setups[key]
        changed = key != self._shown
        if changed:
            self._draw_static(key)
        h = self.history = self.descend(
            s["X"],
            self.yc,
            learning_rate=values["learning_rate"],
            epochs=values["epochs"],
            batch_size=values["batch_size"],
            seed=0,
        )
        w_now, b_now = h.weights[-1], float(h.biases[-1])
        self.fit.set(s["X"] @ w_now + b_now + self.y.mean())  # the data were centred: add the mean back
        self.surface.set_path("gd", h.weights[:, 0], h.weights[:, 1], h.losses)
        self.path.set(h.weights[:, 0], h.weights[:, 1])
        min_loss = s["stats"].min_mse
        bottom, top = loss_floor(min_loss, float(h.losses[0]))
        moved = self.curve.set_minimum(min_loss)
        moved |= self.curve.set_gap(values["loss_view"] == "gap")
        moved |= self.curve.set_limits(values["epochs"], bottom, top)
        if moved and not changed:  # new limits: redraw that panel only (Dashboard.update)
            changed = {self.curve.ax}
        self.curve.set_curve("gd", h)
        msg = divergence_text(h)
        self.curve.set_message(msg)
        k = steps_to_converge(h.losses, min_loss)
        reached = (
            f"within 1% of the minimum after {k} steps"
            if k is not None
            else f"not within 1% of the minimum after {h.steps} steps"
        )
        condition = float(np.sqrt(np.linalg.cond(s["stats"].cov)))
        self.show_readout(
            [
                f"{key} features",
                reached,
                f"MSE = {h.losses[-1]:.4g} (minimum {min_loss:.4g})",
                f"η_max = {s['lr_max']:.3g}",
                f"contour elongation √cond = {condition:.3g}",
            ],
            warning=msg or None,
        )
        return changed

    def presets(self):
        raw = _round_sig(self.setups["raw"]["lr_max"], 3)
        std = _round_sig(self.setups["standardised"]["lr_max"], 3)
        return {
            "raw features: zig-zag and crawl": {
                "standardise": False,
                "learning_rate": raw * 0.9,
                "epochs": 100,
                "batch_size": self.n,
            },
            "standardised: straight to the minimum": {
                "standardise": True,
                "learning_rate": std * 0.5,
                "epochs": 100,
                "batch_size": self.n,
            },
            "standardised with mini-batches": {
                "standardise": True,
                "learning_rate": std * 0.2,
                "epochs": 20,
                "batch_size": min(32, self.n),
            },
        }

    def as_code(self, values) -> str:
        if values["standardise"]:
            prefix, data = "Xs = (X - X.mean(axis=0)) / X.std(axis=0)\n", "Xs"
        else:
            prefix, data = "Xc = X - X.mean(axis=0)\n", "Xc"
        prefix += "yc = y - y.mean()\n"
        return (
            f"{prefix}h = lh.gradient_descent({data}, yc, learning_rate={code_number(values['learning_rate'])}, "
            f"epochs={values['epochs']}, batch_size={values['batch_size']}, seed=0)"
        )


def many_features_dashboard(X=None, y=None, **settings) -> ManyFeaturesDashboard:
    """Build the many-features dashboard (``07_many_features``).

    Parameters
    ----------
    X : array_like, shape (n, 2), optional
        Two features; by default car weight [lb] and horsepower [hp].
    y : array_like, shape (n,), optional
        Target; by default fuel efficiency [mpg].
    **settings
        Starting values of the controls (``standardise``, ``learning_rate``,
        ``batch_size``, ``epochs``, ``preset``) or ``lecture=True``.
    """
    return ManyFeaturesDashboard(X, y, **settings)


__all__ = ["ManyFeaturesDashboard", "many_features_dashboard", "standardise", "steps_to_converge"]
