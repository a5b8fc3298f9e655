"""Static figures: one ``plot_*`` function per panel of the dashboards.

Introduced in ``01_model`` (fit), ``03_gradients`` (surface, contour) and
``04_gradient_descent`` (loss curve). Each takes ``ax=None`` (a new figure is
made when it is missing), draws, and returns the Axes; none calls
``plt.show()`` or changes ``rcParams``. The dashboards build their panels from
the same pieces (the ``*_artists`` helpers), so a static figure and a live one
look the same.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from . import _validation as v
from ._cells import current_cell_id, current_run_id
from ._mse_stats import MSEStats
from .closed_form import fit_closed_form
from .style import COLORS, SURFACE_CMAP, sizes
from .surfaces import loss_surface
from .training import History

__all__ = [
    "parameter_grid",
    "plot_contour",
    "plot_fit",
    "plot_loss_curve",
    "plot_loss_surface",
]

LOSS_LABELS = {
    "mse": "MSE",
    "rmse": "RMSE",
    "mae": "MAE",
    "huber": "Huber loss",
    "tukey": "Tukey loss (non-convex)",
}


_FIGURES_BY_CELL: dict[str, tuple[str | None, list]] = {}
"""Per notebook cell: the run that made figures there last, and those figures (weak references)."""


def _close_figures_of_earlier_runs(cell: str, run: str | None) -> None:
    """Close the figures this cell made in its earlier runs: re-running cells does not pile them up.

    With ``%matplotlib widget`` every pyplot figure stays open until closed, and matplotlib warns
    after 20 ("More than 20 figures have been opened"); five Run-Alls of a notebook got there.
    Figures made in the same run (a loop in one cell) all stay.
    """
    import matplotlib.pyplot as plt

    last_run, figures = _FIGURES_BY_CELL.get(cell, (None, []))
    if last_run == run:
        return
    for ref in figures:
        fig = ref()
        if fig is not None:
            plt.close(fig)
    _FIGURES_BY_CELL[cell] = (run, [])


def _new_axes(projection: str | None = None, figsize=(5.0, 3.6)) -> Axes:
    import matplotlib.pyplot as plt

    cell = current_cell_id()
    if cell is not None:
        _close_figures_of_earlier_runs(cell, current_run_id())
    fig = plt.figure(figsize=figsize, layout="constrained")
    if cell is not None:
        _FIGURES_BY_CELL[cell][1].append(weakref.ref(fig))
    return fig.add_subplot(projection=projection)


def style_axes(ax: Axes, lecture: bool | None = None) -> None:
    """Tick and label sizes for the current mode (normal or lecture)."""
    s = sizes(lecture)
    ax.tick_params(labelsize=s.font - 1)
    ax.xaxis.label.set_size(s.font)
    ax.yaxis.label.set_size(s.font)
    ax.title.set_size(s.title)
    if hasattr(ax, "zaxis"):
        ax.zaxis.label.set_size(s.font)


def parameter_grid(
    X: np.ndarray,
    y: np.ndarray,
    points: list[tuple[float, float]] | tuple = (),
    n: int = 41,
    margin: float = 1.35,
) -> tuple[np.ndarray, np.ndarray]:
    """A grid of ``(w, b)`` centred on the least-squares optimum that covers ``points``.

    Parameters
    ----------
    X, y : array_like
        One-feature data.
    points : list of (w, b)
        Parameter states that must lie inside the grid (e.g. a start point).
    n : int
        Grid points per axis.
    margin : float
        How much wider than strictly needed the grid is.

    Returns
    -------
    weights, biases : ndarray, shape (n,)
    """
    X2, y1 = v.check_Xy(X, y)
    w_star, b_star = fit_closed_form(X2[:, 0], y1)
    sx = float(X2[:, 0].std()) or 1.0
    sy = float(y1.std()) or 1.0
    half_w = sy / sx  # a slope change that moves the line by one std of y
    half_b = sy + abs(float(X2[:, 0].mean())) * half_w
    for w, b in points:
        half_w = max(half_w, abs(w - w_star))
        half_b = max(half_b, abs(b - b_star))
    half_w *= margin
    half_b *= margin
    return (
        np.linspace(w_star - half_w, w_star + half_w, n),
        np.linspace(b_star - half_b, b_star + half_b, n),
    )


def clip_to_grid(w: np.ndarray, b: np.ndarray, z: np.ndarray, weights, biases, zmax: float):
    """A 3D path with the points outside the grid blanked (NaN), so it leaves and re-enters visibly.

    3D axes do not clip lines to their box; a path that overshoots would be drawn across the
    figure. Heights are capped at the surface's top.
    """
    inside = (w >= weights[0]) & (w <= weights[-1]) & (b >= biases[0]) & (b <= biases[-1])
    if inside.all():
        return w, b, np.minimum(z, zmax)
    nan = np.full(w.shape, np.nan)
    return np.where(inside, w, nan), np.where(inside, b, nan), np.where(inside, np.minimum(z, zmax), nan)


# --------------------------------------------------------------------------- fit
@dataclass
class FitArtists:
    """Handles of the fit panel's artists, for live updates."""

    scatter: object
    line: object
    residuals: LineCollection
    x_line: np.ndarray


def fit_artists(ax: Axes, x: np.ndarray, y: np.ndarray, *, lecture: bool | None = None, color: str | None = None):
    """Draw the data and an (empty) fitted line with residual segments; return the handles."""
    s = sizes(lecture)
    scatter = ax.scatter(x, y, s=s.marker * 4, color=COLORS["data"], alpha=0.75, zorder=3, label="data")
    lo, hi = float(x.min()), float(x.max())
    pad = 0.05 * (hi - lo or 1.0)
    x_line = np.array([lo - pad, hi + pad])
    (line,) = ax.plot(x_line, [np.nan, np.nan], color=color or COLORS["fit"], lw=s.line, zorder=4, label="model ŷ")
    residuals = LineCollection([], colors=COLORS["residual"], linewidths=max(1.0, s.line * 0.6), zorder=2)
    ax.add_collection(residuals)
    ax.set_xlim(x_line)
    return FitArtists(scatter, line, residuals, x_line)


def set_fit(art: FitArtists, x: np.ndarray, y: np.ndarray, w: float, b: float, residuals: bool) -> None:
    """Move the fitted line (and residual segments) to ``(w, b)``."""
    art.line.set_ydata(w * art.x_line + b)
    if residuals:
        y_hat = w * x + b
        art.residuals.set_segments(np.stack([np.column_stack([x, y]), np.column_stack([x, y_hat])], axis=1))
    else:
        art.residuals.set_segments([])


def plot_fit(
    X: np.ndarray,
    y: np.ndarray,
    w: float,
    b: float,
    *,
    residuals: bool = False,
    ax: Axes | None = None,
    xlabel: str = "x (feature)",
    ylabel: str = "y (label)",
    lecture: bool | None = None,
) -> Axes:
    """Data points and the line ``ŷ = w·x + b``, optionally with residuals.

    Parameters
    ----------
    X : array_like, shape (n,)
        One feature.
    y : array_like, shape (n,)
    w : float or array_like of one value
        The model's weight (a 1-element array is accepted; more values are an error).
    b : float
        The model's bias.
    residuals : bool
        Draw each residual ``ŷᵢ − yᵢ`` as a vertical segment.
    ax : Axes, optional

    Returns
    -------
    Axes
    """
    X2, y1 = v.check_Xy(X, y)
    if X2.shape[1] != 1:
        raise ValueError(f"plot_fit draws one feature against y; X has shape {np.shape(X)}.")
    if np.ndim(w):
        values = v.as_float_array(w, "w").ravel()
        if values.shape[0] != 1:
            raise ValueError(
                f"w must be one number: plot_fit draws one feature, so the line has one weight; got "
                f"{values.shape[0]} values (shape {np.shape(w)}). For several features plot one column of X "
                "with its weight, e.g. plot_fit(X[:, 0], y, w[0], b)."
            )
        w = values[0]
    w = v.check_scalar(w, "w")
    b = v.check_scalar(b, "b")
    ax = ax or _new_axes()
    art = fit_artists(ax, X2[:, 0], y1, lecture=lecture)
    set_fit(art, X2[:, 0], y1, w, b, residuals)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best", fontsize=sizes(lecture).font - 1, frameon=False)
    style_axes(ax, lecture)
    return ax


# ----------------------------------------------------------------------- surface
def surface_values(X, y, weights, biases, loss: str = "mse", **loss_kw) -> np.ndarray:
    """``loss_surface`` with the loss name checked (shared by the 3D and contour panels)."""
    return loss_surface(X, y, weights, biases, loss, **loss_kw)


def draw_surface(ax, weights, biases, Z, *, lecture: bool | None = None) -> None:
    """Draw a loss surface on a 3D Axes (static part of the panel)."""
    s = sizes(lecture)
    surface_collection(ax, weights, biases, Z)
    ax.set_xlabel("w", labelpad=-4)
    ax.set_ylabel("b", labelpad=-4)
    # the z axis is named in the panel's title: a z label collides with its tick labels
    ax.set_zlabel("")
    ax.zaxis.set_major_locator(MaxNLocator(4))
    ax.set_xlim(weights[0], weights[-1])
    ax.set_ylim(biases[0], biases[-1])
    ax.set_zlim(0, float(Z.max()))
    ax.tick_params(labelsize=s.font - 2, pad=-2)
    ax.view_init(elev=30, azim=-60)


def surface_collection(ax, weights, biases, Z):
    """The surface of :func:`draw_surface` alone (its ``Poly3DCollection``), as every 3D panel draws it."""
    Wg, Bg = np.meshgrid(weights, biases)
    return ax.plot_surface(
        Wg, Bg, Z, cmap=SURFACE_CMAP, alpha=0.75, linewidth=0, antialiased=False, rcount=30, ccount=30
    )


def draw_contour(ax, weights, biases, Z, *, lecture: bool | None = None, optimum=None) -> None:
    """Filled contours of a loss with the minimum marked (static part of the panel)."""
    s = sizes(lecture)
    zmin = float(Z.min())
    levels = zmin + (float(Z.max()) - zmin) * np.linspace(0, 1, 16) ** 2
    levels = np.unique(levels)
    if levels.shape[0] < 3:
        levels = np.linspace(zmin, zmin + 1.0, 4)
    ax.contourf(weights, biases, Z, levels=levels, cmap=SURFACE_CMAP, alpha=0.45)
    ax.contour(weights, biases, Z, levels=levels, cmap=SURFACE_CMAP, linewidths=0.9)
    if optimum is not None:
        ax.plot(*optimum, marker="*", ms=s.marker * 2.2, color=COLORS["optimum"], mec="white", ls="none", zorder=5)
    ax.set_xlabel("w (weight)")
    ax.set_ylabel("b (bias)")
    ax.set_xlim(weights[0], weights[-1])
    ax.set_ylim(biases[0], biases[-1])


def _surface_on_grid(X, y, history, weights, biases, loss, loss_kw):
    """Checked data, the grid (by default one covering the history's start) and the loss on it."""
    X2, y1 = v.check_Xy(X, y)
    if weights is None or biases is None:
        # fill in only the axis that was not given: a given grid is never thrown away
        pts = []
        if history is not None:
            pts = [(float(history.weights[0, 0]), float(history.biases[0]))]
        auto_w, auto_b = parameter_grid(X2, y1, pts)
        weights = auto_w if weights is None else v.check_grid(weights, "weights")
        biases = auto_b if biases is None else v.check_grid(biases, "biases")
    else:
        weights, biases = v.check_grid(weights, "weights"), v.check_grid(biases, "biases")
    for name, grid in (("weights", weights), ("biases", biases)):
        if grid.shape[0] < 2 or not np.all(np.diff(grid) > 0):
            raise ValueError(
                f"{name} must be an increasing grid of at least 2 values (e.g. np.linspace(0, 4, 41)), "
                f"got {grid.shape[0]} value(s){'' if grid.shape[0] < 2 else ' that do not increase'}."
            )
    return X2, y1, weights, biases, surface_values(X2, y1, weights, biases, loss, **loss_kw)


def _history_path(history: History):
    if history.weights.shape[1] != 1:
        raise ValueError("Surface and contour plots show one weight; this history has several.")
    return history.weights[:, 0], history.biases, history.losses


def plot_loss_surface(
    X: np.ndarray,
    y: np.ndarray,
    *,
    history: History | None = None,
    loss: str = "mse",
    weights: np.ndarray | None = None,
    biases: np.ndarray | None = None,
    ax: Axes | None = None,
    lecture: bool | None = None,
    **loss_kw: float,
) -> Axes:
    """The loss as a rotatable 3D surface over ``(w, b)``, with an optional descent path.

    Parameters
    ----------
    X, y : array_like
        One-feature data.
    history : History, optional
        A run of :func:`gradient_descent`; its path and current (last) point are drawn.
    loss : {"mse", "rmse", "mae", "huber", "tukey"}
    weights, biases : array_like, optional
        The grid; by default one centred on the optimum that covers the path.
    ax : Axes3D, optional
        Must have ``projection="3d"``.

    Returns
    -------
    Axes3D
    """
    _, _, weights, biases, Z = _surface_on_grid(X, y, history, weights, biases, loss, loss_kw)
    ax = ax or _new_axes("3d", figsize=(5.0, 4.2))
    draw_surface(ax, weights, biases, Z, lecture=lecture)
    ax.set_title(f"{LOSS_LABELS[loss.lower()].split(' (')[0]} surface", fontsize=sizes(lecture).title)
    if history is not None:
        w, b, L = clip_to_grid(*_history_path(history), weights, biases, float(Z.max()))
        s = sizes(lecture)
        ax.plot(w, b, L, color=COLORS["path"], lw=s.line, marker="o", ms=s.marker * 0.5, zorder=10)
        ax.plot(w[-1:], b[-1:], L[-1:], marker="o", ms=s.marker * 1.4, color=COLORS["fit"], zorder=11)
    style_axes(ax, lecture)
    return ax


def plot_contour(
    X: np.ndarray,
    y: np.ndarray,
    *,
    history: History | None = None,
    loss: str = "mse",
    weights: np.ndarray | None = None,
    biases: np.ndarray | None = None,
    ax: Axes | None = None,
    lecture: bool | None = None,
    **loss_kw: float,
) -> Axes:
    """Contour map of the loss over ``(w, b)`` with the minimum and an optional descent path.

    Same parameters as :func:`plot_loss_surface`; ``ax`` is an ordinary 2D Axes.
    """
    X2, y1, weights, biases, Z = _surface_on_grid(X, y, history, weights, biases, loss, loss_kw)
    ax = ax or _new_axes()
    optimum = None
    if loss.lower() in ("mse", "rmse"):
        st = MSEStats(X2, y1)
        optimum = (float(st.w_star[0]), st.b_star)
    draw_contour(ax, weights, biases, Z, lecture=lecture, optimum=optimum)
    if history is not None:
        w, b, _ = _history_path(history)
        s = sizes(lecture)
        ax.plot(w, b, color=COLORS["path"], lw=s.line, marker="o", ms=s.marker * 0.5)
        ax.plot(w[-1], b[-1], marker="o", ms=s.marker * 1.4, color=COLORS["fit"], mec="white")
    style_axes(ax, lecture)
    return ax


# -------------------------------------------------------------------- loss curve
class _ReadableLogLocator(LogLocator):
    """Ticks at 1, 2, 5 × 10ᵏ over a few decades; only at powers of ten (thinned) over many."""

    def tick_values(self, vmin, vmax):
        lo, hi = sorted((vmin, vmax))
        decades = np.log10(hi / lo) if lo > 0 and np.isfinite(hi / lo) else np.inf
        self.set_params(subs=(1.0, 2.0, 5.0) if decades <= 3 else (1.0,), numticks=8)
        return super().tick_values(vmin, vmax)


class _FewDecadesMinorLocator(LogLocator):
    """Unlabelled ticks at 2, 3, …, 9 × 10ᵏ over a few decades (where the labels are 1, 2, 5 × 10ᵏ); none over
    many (the gap view's nine decades would get some 80 ticks, a comb that is slow to draw and says nothing)."""

    MAX_DECADES = 3

    def tick_values(self, vmin, vmax):
        lo, hi = sorted((vmin, vmax))
        decades = np.log10(hi / lo) if lo > 0 and np.isfinite(hi / lo) else np.inf
        if decades > self.MAX_DECADES:
            return np.array([])
        self.set_params(subs=np.arange(2.0, 10.0), numticks=None)
        return super().tick_values(vmin, vmax)


def log_ticks(axis) -> None:
    """Readable log-scale ticks: 1, 2, 5, 10, 20, … (or 1, 10, 100, …) written plainly, no minor labels."""
    axis.set_major_locator(_ReadableLogLocator(base=10))
    axis.set_minor_locator(_FewDecadesMinorLocator(base=10))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:g}"))
    axis.set_minor_formatter(NullFormatter())


def loss_curve_limits(losses: np.ndarray, floor: float) -> tuple[float, float]:
    """Log-scale y-limits from a floor (the smallest attainable loss) to above the start."""
    top = float(np.max(losses[:1])) * 3.0 if losses.size else 1.0
    bottom = max(floor, top * 1e-9, 1e-12) * 0.5
    return bottom, max(top, bottom * 10)


def plot_loss_curve(
    history: History,
    *,
    x: str = "steps",
    log: bool = True,
    ax: Axes | None = None,
    label: str | None = None,
    color: str | None = None,
    lecture: bool | None = None,
) -> Axes:
    """The whole-data loss after every step, with epoch boundaries.

    Parameters
    ----------
    history : History
    x : {"steps", "epochs"}
        What the horizontal axis counts.
    log : bool
        Logarithmic loss axis (convergence shows as a straight slope).
    ax : Axes, optional
    label, color : str, optional
        For comparing several runs on one Axes.

    Returns
    -------
    Axes
    """
    if not isinstance(history, History):
        raise TypeError(f"history must be a History from gradient_descent, got {type(history).__name__}.")
    x = v.check_choice(x, "x", ("steps", "epochs"))
    s = sizes(lecture)
    ax = ax or _new_axes()
    xs = history.step_axis if x == "steps" else history.epoch_axis  # thinned histories: their step numbers
    ax.plot(xs, history.losses, color=color or COLORS["path"], lw=s.line, label=label)
    if log:
        ax.set_yscale("log")
        log_ticks(ax.yaxis)
    spe = history.steps_per_epoch
    n_epochs = history.steps / spe
    if spe > 1 and n_epochs <= 20:
        for e in range(1, int(np.ceil(n_epochs)) + 1):
            ax.axvline(e * spe if x == "steps" else e, color=COLORS["grid"], lw=0.6, zorder=0)
    if history.diverged:
        ax.text(
            0.98,
            0.95,
            f"diverged at step {history.diverged_at}: lower the learning rate",
            transform=ax.transAxes,
            ha="right",
            va="top",
            color=COLORS["warning"],
            fontsize=s.font,
        )
    ax.set_xlabel("step (iteration)" if x == "steps" else "epoch")
    ax.set_ylabel(f"{LOSS_LABELS[history.loss].split(' (')[0]} on all data")
    if label:
        ax.legend(fontsize=s.font - 1, frameon=False)
    style_axes(ax, lecture)
    return ax
