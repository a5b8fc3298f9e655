"""Training-in-practice dashboard (``09_training_in_practice``): held-out data, schedules, momentum, ridge.

The data are split once, with no randomness: every third example (the 3rd, 6th, ...) is held
out for **validation**, the rest is the **training** set that gradient descent sees. The
dashboard trains on the training set with the chosen learning-rate schedule, heavy-ball
momentum and ridge penalty ``α‖w‖²`` (:func:`~linreg_helpers.gradient_descent`'s ``schedule``,
``momentum`` and ``l2``), and draws the training and the validation MSE after every step.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._mse_stats import MSEStats
from ..data import make_linear_data
from ..style import COLORS
from ..surfaces import loss_surface
from ..training import SCHEDULES, largest_stable_learning_rate
from ._base import Dashboard, _close_widget_tree, code_number, nice_slider, zoomed_grid
from ._panels import LossCurvePanel, SurfacePanel, divergence_text, loss_floor
from .descent import learning_rate_slider, rate_on_grid, ratio_text

VALIDATION_EVERY = 3
"""Every ``VALIDATION_EVERY``-th example (the 3rd, 6th, ...) is held out for validation."""

PATIENCE = 5
"""Early stopping's patience, in epochs: stop once the validation MSE has not improved for this many epochs."""


def validation_mask(n: int) -> np.ndarray:
    """Which of ``n`` examples are held out: every third one, starting with the third.

    Parameters
    ----------
    n : int
        Number of examples (at least 3, so that both parts are non-empty).

    Returns
    -------
    ndarray of bool, shape (n,)

    Examples
    --------
    >>> validation_mask(7).nonzero()[0].tolist()
    [2, 5]
    """
    return np.arange(n) % VALIDATION_EVERY == VALIDATION_EVERY - 1


def early_stopping_epoch(val_losses: np.ndarray, patience: int = PATIENCE) -> tuple[int, int]:
    """Where early stopping stops, from the validation loss at the start and after each epoch.

    The rule: keep the best validation loss so far; stop at the first epoch that is ``patience``
    epochs after the best one, and return to the best one's parameters. Only the past is used
    (a rule that looks at the whole curve, ``argmin``, would need the epochs it saves).

    Parameters
    ----------
    val_losses : array_like, shape (epochs + 1,)
        Entry ``e`` is the validation loss after ``e`` epochs (entry 0: at the start).
    patience : int
        Epochs without improvement before stopping (>= 1).

    Returns
    -------
    stop : int
        The epoch at which training stops (the last epoch when the rule never fires).
    best : int
        The epoch with the lowest validation loss up to ``stop``: the parameters kept.

    Examples
    --------
    >>> early_stopping_epoch([5.0, 3.0, 2.0, 2.5, 2.4, 2.6, 2.7, 1.0], patience=3)
    (5, 2)
    """
    losses = np.asarray(val_losses, dtype=float)
    best = 0
    for e in range(1, losses.shape[0]):
        if losses[e] < losses[best]:
            best = e
        elif e - best >= patience:
            return e, best
    return losses.shape[0] - 1, best


class TrainingInPracticeDashboard(Dashboard):
    """Gradient descent on a training set, judged on a validation set, with a schedule, momentum and ridge.

    Controls: ``schedule`` (constant, step, 1/t, cosine), ``momentum`` (heavy ball, μ), ``l2``
    (the ridge penalty α on the weight), ``learning_rate`` (log scale), ``batch_size`` (1 = SGD
    up to the training set's size), ``epochs``. Panels: the data (training points filled,
    validation points hollow) with the current line; the training MSE surface with the path;
    the training and validation loss curves, with the epoch early stopping would keep marked.
    """

    name = "training_in_practice"
    title = "Training in practice: held-out data, schedules, momentum and ridge"
    figsize = (9.0, 6.2)

    default_data_code = "X, y = lh.make_linear_data(90, weights=2.0, bias=1.0, noise=2.0, x_range=(0, 4), seed=9)"

    def default_data(self):
        return make_linear_data(90, weights=2.0, bias=1.0, noise=2.0, x_range=(0, 4), seed=9)

    def prepare(self) -> None:
        valid = validation_mask(self.n)
        self.valid = valid
        self.X_train, self.y_train = self.X[~valid], self.y[~valid]
        self.X_val, self.y_val = self.X[valid], self.y[valid]
        self.n_train = int(self.y_train.shape[0])
        if np.ptp(self.X_train) == 0:
            raise ValueError(
                "The training examples (all but every third one) have equal x values, so the slope cannot be "
                "learned from them. Reorder the data (e.g. sort by x) or use data with more varied x."
            )
        self.train_stats = MSEStats(self.X_train[:, None], self.y_train)
        self.val_stats = MSEStats(self.X_val[:, None], self.y_val)
        self.lr_max = largest_stable_learning_rate(self.X_train)
        self.x_var = float(self.X_train.var())
        self.weights, self.biases = zoomed_grid(self.X_train, self.y_train, (0.0, 0.0), n=41, margin=1.6)

    def make_controls(self):
        return {
            "schedule": widgets.ToggleButtons(
                options=[(s, s) for s in SCHEDULES],
                value="constant",
                description="schedule",
                tooltip="the rate of each epoch",
            ),
            "momentum": nice_slider(0.0, 0.0, 0.95, "momentum μ", steps=19),
            "l2": self.l2_slider(0.0),
            "learning_rate": learning_rate_slider(self.lr_max, rate_on_grid(self.lr_max, 0.05)),
            "batch_size": widgets.IntSlider(
                value=min(16, self.n_train),
                min=1,
                max=self.n_train,
                description=f"batch size (training n = {self.n_train})",
            ),
            "epochs": widgets.IntSlider(value=30, min=1, max=100, description="epochs"),
        }

    def l2_slider(self, value: float) -> widgets.FloatSlider:
        """The ridge slider, from 0 to twice the variance of the training x (α has the units of x²)."""
        return nice_slider(value, 0.0, 2.0 * self.x_var, "ridge α", steps=100)

    def build(self) -> None:
        fig, lec = self.figure, self.lecture
        gs = fig.add_gridspec(2, 2, left=0.08, right=0.97, top=0.94, bottom=0.08, hspace=0.42, wspace=0.25)
        self.fit = self.fit_panel(gs[0, 0], "Data and the current line")
        scatter = self.fit.art.scatter
        scatter.set_facecolors(["white" if v else COLORS["data"] for v in self.valid])
        scatter.set_edgecolors(COLORS["data"])
        scatter.set_label("training")
        # an empty twin, only for the legend's hollow "validation" marker
        self.fit.ax.scatter(
            [], [], s=scatter.get_sizes(), facecolors="white", edgecolors=COLORS["data"], label="validation"
        )
        self.fit.art.line.set_label("current line")
        self.fit.legend()
        Z = loss_surface(self.X_train, self.y_train, self.weights, self.biases)
        self.surface = SurfacePanel(
            fig.add_subplot(gs[0, 1], projection="3d"),
            self.blitter,
            self.weights,
            self.biases,
            Z,
            lecture=lec,
            title="Training MSE surface and the path",
        )
        self.surface.add_path("gd", COLORS["path"])
        self.curve_ax = fig.add_subplot(gs[1, :])
        self.curve = LossCurvePanel(self.curve_ax, self.blitter, lecture=lec, title="Training and validation loss")
        self.curve_ax.set_ylabel("MSE")
        self.curve.add_curve("train", COLORS["full"], "training MSE")
        self.curve.add_curve("val", COLORS["sgd"], "validation MSE")
        self.curve.set_minimum(self.train_stats.min_mse)
        self.curve.min_line.set_label("smallest training MSE")
        (marker,) = self.curve_ax.plot(
            [], [], marker="v", ms=self.sizes.marker * 1.6, color="k", ls="none", zorder=8, label="early stopping keeps"
        )
        self.stop_marker = self.blitter.add(marker)
        self.curve_ax.legend(loc="upper right", fontsize=self.sizes.font - 1, framealpha=0.85, ncols=2)
        self.curve.message.set_position((0.5, 0.55))
        self.curve.message.set_horizontalalignment("center")
        start = max(float(np.mean(self.y_train**2)), float(np.mean(self.y_val**2)))  # every run starts at w = b = 0
        floor = min(self.train_stats.min_mse, self.val_stats.min_mse)
        bottom, _ = loss_floor(floor, start)
        self.loss_limits = (bottom, max(start, floor, 1e-12) * 1.5)  # the curves start at the start's loss
        self.history = None
        self.val_losses = None

    def run(self, values):
        """The training run the dashboard shows for ``values`` (on the training set)."""
        return self.descend(
            self.X_train,
            self.y_train,
            learning_rate=values["learning_rate"],
            epochs=values["epochs"],
            batch_size=values["batch_size"],
            momentum=values["momentum"],
            schedule=values["schedule"],
            l2=values["l2"],
            seed=0,
        )

    def stable_rate(self, alpha: float) -> float:
        """Largest stable full-batch rate without momentum for ``MSE + α w²`` on the training set."""
        x = self.X_train
        H = 2.0 * np.array([[np.mean(x * x) + alpha, np.mean(x)], [np.mean(x), 1.0]])
        return 2.0 / float(np.linalg.eigvalsh(H)[-1])

    def presets(self):
        lr = self.lr_max
        sgd = {"batch_size": 1, "epochs": 30, "momentum": 0.0, "l2": 0.0}
        full = {"batch_size": self.n_train, "epochs": 100, "schedule": "constant", "l2": 0.0}
        probe = self.l2_slider(self.x_var)
        strong = probe.value  # α = var(x), on the slider's grid
        _close_widget_tree(probe)
        return {
            "SGD, constant rate: hovers": {**sgd, "schedule": "constant", "learning_rate": rate_on_grid(lr, 0.3)},
            "SGD, 1/t schedule: settles": {**sgd, "schedule": "1/t", "learning_rate": rate_on_grid(lr, 0.3)},
            "SGD, cosine schedule: settles": {**sgd, "schedule": "cosine", "learning_rate": rate_on_grid(lr, 0.3)},
            "full batch, small rate: crawls": {**full, "momentum": 0.0, "learning_rate": rate_on_grid(lr, 0.02)},
            "same rate with momentum 0.9": {**full, "momentum": 0.9, "learning_rate": rate_on_grid(lr, 0.02)},
            "ridge: α pulls w towards 0": {
                **full,
                "momentum": 0.0,
                "l2": strong,
                "learning_rate": rate_on_grid(self.stable_rate(strong), 0.5, "below"),
            },
        }

    def as_code(self, values) -> str:
        return (
            "import numpy as np\n\n"
            "valid = np.arange(len(y)) % 3 == 2  # every third example is held out for validation\n"
            "X_train, y_train, X_val, y_val = X[~valid], y[~valid], X[valid], y[valid]\n"
            "h = lh.gradient_descent(\n"
            f"    X_train, y_train, learning_rate={code_number(values['learning_rate'])}, "
            f"epochs={values['epochs']}, batch_size={values['batch_size']},\n"
            f"    momentum={code_number(values['momentum'], 6)}, schedule={values['schedule']!r}, "
            f"l2={code_number(values['l2'], 6)}, seed=0,\n)\n"
            "val_losses = np.mean((h.weights @ X_val[None, :] + h.biases[:, None] - y_val) ** 2, axis=1)\n"
            "h.w, h.b, h.losses[-1], val_losses[-1]"
        )

    def render(self, values) -> set:
        h = self.history = self.run(values)
        w, b = h.weights[:, 0], h.biases
        val = self.val_losses = self.val_stats.mse(h.weights, h.biases)
        self.fit.set(float(w[-1]), float(b[-1]))
        self.surface.set_path("gd", w, b, h.losses)
        changed = self.curve.set_limits(values["epochs"], *self.loss_limits)
        self.curve.set_curve("train", h)
        self.curve.set_xy("val", h.epoch_axis, val)
        msg = divergence_text(h)
        self.curve.set_message(msg)
        parts = [
            f"w = {w[-1]:.4g}",
            f"b = {b[-1]:.4g}",
            f"training MSE = {h.losses[-1]:.4g}",
            f"validation MSE = {val[-1]:.4g}",
        ]
        if h.diverged:
            self.stop_marker.set_data([], [])
        else:
            per_epoch = val[:: h.steps_per_epoch]  # the start and the end of every epoch
            stop, best = early_stopping_epoch(per_epoch)
            self.stop_marker.set_data([best], [self.curve.ys(per_epoch[best : best + 1])[0]])
            rule = f"stops at epoch {stop}" if stop < values["epochs"] else "never stops"
            parts.append(f"early stopping (patience {PATIENCE}): {rule}, keeps epoch {best}")
        rate = self.stable_rate(values["l2"])
        eta = f"η = {values['learning_rate']:.3g} = {ratio_text(values['learning_rate'], rate, 'η_max')}"
        # a projector's four lines: without the note on η_max
        lecture = [*parts, eta]
        parts.append(f"{eta}; η_max = {rate:.3g} (largest stable rate, full batch, μ = 0, this α)")
        self.show_readout(parts, warning=msg or None, lecture=lecture)
        return {self.curve_ax} if changed else set()  # only the loss curve's static part changed


def training_in_practice(X=None, y=None, **settings) -> TrainingInPracticeDashboard:
    """Build the training-in-practice dashboard (``09_training_in_practice``).

    Parameters
    ----------
    X, y : array_like, optional
        One-feature data (at least 3 examples); a seeded synthetic set of 90 by default.
        Every third example is held out for validation (:func:`validation_mask`).
    **settings
        Starting values of the controls, e.g. ``schedule="cosine"``, ``momentum=0.9``,
        ``l2=0.5``, or ``lecture=True`` for projector sizes.

    Returns
    -------
    TrainingInPracticeDashboard
    """
    return TrainingInPracticeDashboard(X, y, **settings)


__all__ = [
    "PATIENCE",
    "VALIDATION_EVERY",
    "TrainingInPracticeDashboard",
    "early_stopping_epoch",
    "training_in_practice",
    "validation_mask",
]
