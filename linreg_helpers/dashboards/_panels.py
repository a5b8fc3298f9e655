"""Live panels: the static part drawn once by the ``plots`` helpers, plus moving artists.

Each panel registers its moving artists with the dashboard's
:class:`~linreg_helpers._canvas.Blitter` and offers small ``set_*`` methods
that only change artist data (cheap), never the axes' limits. A change that
needs new limits or a new surface is signalled by the dashboard, which then
asks for one full redraw.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from matplotlib.ticker import NullLocator

from .._canvas import Blitter
from .._moving_state import array_key
from ..plots import (
    LOSS_LABELS,
    clip_to_grid,
    draw_contour,
    draw_surface,
    fit_artists,
    log_ticks,
    set_fit,
    style_axes,
    surface_collection,
)
from ..style import COLORS, sizes
from ..training import History
from . import _lecture
from ._thin import ColumnLine, envelope_indices, stride_indices

__all__: list[str] = []


class FitPanel:
    """Data, a fitted line with optional residuals, and extra comparison lines.

    ``residuals=True`` makes the residual segments a moving artist (under the data points, which are
    then redrawn with each frame, over them: ``Blitter.lift_static_above``); a panel that never shows
    residuals leaves them out, so its data points and frame stay in the cached background.
    """

    def __init__(
        self,
        ax,
        blit: Blitter,
        x,
        y,
        *,
        lecture=None,
        xlabel="x",
        ylabel="y",
        title="Data and model",
        moving_data=False,
        residuals=False,
        y_span=None,
    ):
        self.ax, self.x, self.y = ax, x, y
        s = sizes(lecture)
        self.art = fit_artists(ax, x, y, lecture=lecture)
        if moving_data:
            blit.add(self.art.scatter)
        blit.add(self.art.line)
        self.residuals = residuals
        if residuals:
            blit.add(self.art.residuals)
        else:
            self.art.residuals.remove()
        self.extra: dict[str, object] = {}
        self._blit, self._s = blit, s
        lo, hi = (float(y.min()), float(y.max())) if y_span is None else y_span
        pad = 0.08 * ((hi - lo) or 1.0)
        if lo > 0 and lo < 0.3 * (hi - lo):  # show y = 0 when it is nearly in view anyway
            lo = 0.0
        ax.set_ylim(lo - pad, hi + pad)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(title, fontsize=s.title)
        style_axes(ax, lecture)

    def add_line(self, key: str, color: str, label: str, ls: str = "-", lw_scale: float = 1.0):
        (line,) = self.ax.plot(
            self.art.x_line, [np.nan, np.nan], color=color, lw=self._s.line * lw_scale, ls=ls, label=label, zorder=4
        )
        self.extra[key] = self._blit.add(line)
        return line

    def legend(self, loc="upper left", ncol: int = 1):
        self.ax.legend(loc=loc, ncol=ncol, fontsize=self._s.font - 1, frameon=True, framealpha=0.85)

    def set(self, w: float, b: float, residuals: bool = False) -> None:
        if residuals and not self.residuals:
            raise ValueError("This panel was built without residuals: build it with FitPanel(..., residuals=True).")
        set_fit(self.art, self.x, self.y, w, b, residuals)

    def set_data(self, y) -> None:
        """Move the data points (same x, new y)."""
        self.y = y
        self.art.scatter.set_offsets(np.column_stack([self.x, y]))

    def set_line(self, key: str, w: float, b: float) -> None:
        self.extra[key].set_ydata(w * self.art.x_line + b)


class PathArtists:
    """A descent path and its current point on a 2D or 3D Axes."""

    def __init__(self, ax, blit: Blitter, color: str, *, lecture=None, three_d=False, label=None, marker=True):
        s = sizes(lecture)
        self.three_d = three_d
        if three_d:
            (self.line,) = ax.plot([], [], [], color=color, lw=s.line, zorder=10, label=label)
            (self.point,) = ax.plot(
                [], [], [], marker="o", ms=s.marker * 1.4, color=color, mec="white", ls="none", zorder=11
            )
        else:
            (self.line,) = ax.plot(
                [],
                [],
                color=color,
                lw=s.line * 0.9,
                marker="o" if marker else None,
                ms=s.marker * 0.45,
                zorder=6,
                label=label,
            )
            (self.point,) = ax.plot(
                [], [], marker="o", ms=s.marker * 1.5, color=color, mec="white", ls="none", zorder=7
            )
        blit.add(self.line)
        blit.add(self.point)

    def set(self, w, b, z=None) -> None:
        """Show the path through the points ``(w, b)`` (and heights ``z`` in 3D), arrays of shape (steps + 1,).

        A path longer than :data:`~._thin.MAX_DRAWN` points is drawn through an evenly spaced
        subset (first and last included); the current point is always the last one.
        """
        w, b = np.asarray(w), np.asarray(b)
        keep = stride_indices(w.shape[0])
        if self.three_d:
            z = np.asarray(z)
            self.line.set_data_3d(w[keep], b[keep], z[keep])
            self.point.set_data_3d(w[-1:], b[-1:], z[-1:])
        else:
            self.line.set_data(w[keep], b[keep])
            self.point.set_data(w[-1:], b[-1:])


class _BuiltSurfaces:
    """A panel's static collections (a 3D surface, filled contours and their lines) for each surface it
    showed lately, so that showing one again (the loss toggled back, raw features again) re-adds the
    collections built for it instead of building them anew: 10–30 ms for contours or a 3D surface.

    A surface is known by the bytes of its grid and values, so a surface computed again is found too.
    """

    KEPT = 4
    """Surfaces kept besides the one shown (each a few hundred kB of polygons)."""

    def __init__(self, ax, blit: Blitter, weights, biases, Z) -> None:
        self.ax, self.blit = ax, blit
        self.shown = self._key(weights, biases, Z)
        self.built: OrderedDict = OrderedDict()

    @staticmethod
    def _key(weights, biases, Z) -> tuple:
        return array_key(weights), array_key(biases), array_key(Z)

    def show(self, weights, biases, Z, build) -> None:
        """Show the collections of the surface ``Z`` over ``weights`` × ``biases``: those built for it before,
        or ``build()``'s; the collections shown so far are kept for later."""
        moving = set(map(id, self.blit.artists))
        old = [c for c in self.ax.collections if id(c) not in moving]
        for c in old:
            c.remove()
        key = self._key(weights, biases, Z)
        if key == self.shown:
            found = old
        else:
            self.built[self.shown] = old
            found = self.built.pop(key, None)
        if found is None:
            build()
        else:
            for c in found:  # in the order they were built: the filled contours under their lines
                self.ax.add_collection(c, autolim=False)
        self.shown = key
        while len(self.built) > self.KEPT:
            self.built.popitem(last=False)


class SurfacePanel:
    """A rotatable 3D loss surface with descent paths; the z axis is labelled with the loss.

    ``zlabel=False`` leaves the z label out where the panel's neighbour needs the room (the title names the loss).
    """

    def __init__(self, ax, blit: Blitter, weights, biases, Z, *, loss="mse", lecture=None, title=None, zlabel=True):
        self.ax, self.weights, self.biases, self.blit, self.lecture = ax, weights, biases, blit, lecture
        self.zmax = float(Z.max())
        self.zlabel = zlabel
        draw_surface(ax, weights, biases, Z, lecture=lecture)
        ax.set_zlim(0, z_top(self.zmax))
        self._surfaces = _BuiltSurfaces(ax, blit, weights, biases, Z)
        # Moving artists are blitted over the surface; a full redraw (a saved PNG, the page without
        # the live front end) draws them in the same order, by zorder, not by 3D depth.
        ax.computed_zorder = False
        self._name_loss(loss, title)
        self.paths: dict[str, PathArtists] = {}
        blit.keep_background_without(ax)  # a drag's first frame draws only this panel

    def _name_loss(self, loss: str, title: str | None = None) -> None:
        label = LOSS_LABELS[loss].split(" (")[0]
        # On a projector the teacher turns the surface: the hint would take a second line from a small panel
        hint = "" if sizes(self.lecture) is sizes(True) else " (drag to rotate)"
        title = title or f"{label} surface{hint}"
        name = label.split()[0]  # "MSE"
        # in lecture mode a z label sticks out on the right of a small panel: the title names the loss instead
        if self.zlabel and not (sizes(self.lecture) is sizes(True) and name in title):
            # Upright for every loss: matplotlib turns a label of over four letters ("Huber") along the
            # axis at a draw and leaves it turned for the next name ("MAE"), so one loss's panel would
            # look different after another's.
            self.ax.zaxis.set_rotate_label(False)
            self.ax.zaxis.label.set_rotation(0)
            self.ax.set_zlabel(name, labelpad=-1, fontsize=sizes(self.lecture).font - 1)
        if self.ax.get_title().replace("\n", " ") != title:  # a title lecture mode broke onto two lines stays so
            self.ax.set_title(title, fontsize=sizes(self.lecture).title)

    def set_surface(
        self, Z, loss: str, *, weights=None, biases=None, title: str | None = None, reach: float = 0.0
    ) -> None:
        """Show another surface (another loss, moved data, or on a new grid ``weights`` × ``biases``):
        the static part changes, the panel and its paths stay.

        The z axis reaches the new surface's top, or ``reach`` if higher (the top of the highest surface the
        panel shows for this loss, so that moving the data leaves the axes as they are), rounded up
        (:func:`z_top`, so that a surface a little higher or lower keeps the axes and their drawing is
        reused); the view (a learner's rotation) is kept. Show it with :meth:`Blitter.refresh_axes` on
        :attr:`ax` (only this panel is redrawn).
        """
        if weights is not None:
            self.weights, self.biases = weights, biases
            self.ax.set_xlim(weights[0], weights[-1])
            self.ax.set_ylim(biases[0], biases[-1])
        self._surfaces.show(
            self.weights, self.biases, Z, lambda: surface_collection(self.ax, self.weights, self.biases, Z)
        )
        self.zmax = float(Z.max())
        self.ax.set_zlim(0, z_top(max(self.zmax, reach)))
        self._name_loss(loss, title)

    def add_path(self, key: str, color: str) -> PathArtists:
        self.paths[key] = PathArtists(self.ax, self.blit, color, lecture=self.lecture, three_d=True)
        return self.paths[key]

    def set_path(self, key: str, w, b, z) -> None:
        self.paths[key].set(*clip_to_grid(w, b, z, self.weights, self.biases, self.zmax))


class ContourPanel:
    """Contour map of the loss with the minimum (★) and descent paths.

    The ★ is a moving artist drawn after the paths, so a run that ends at the minimum
    does not hide it under its current-point marker.
    """

    def __init__(
        self, ax, blit: Blitter, weights, biases, Z, *, optimum=None, lecture=None, title="Contours, top view"
    ):
        self.ax, self.blit, self.lecture = ax, blit, lecture
        s = sizes(lecture)
        draw_contour(ax, weights, biases, Z, lecture=lecture)
        self._surfaces = _BuiltSurfaces(ax, blit, weights, biases, Z)
        self.star = None
        if optimum is not None:
            (star,) = ax.plot(
                *optimum, marker="*", ms=s.marker * 2.2, color=COLORS["optimum"], mec="white", ls="none", zorder=8
            )
            self.star = blit.add(star)
        ax.set_title(title, fontsize=s.title)
        style_axes(ax, lecture)
        self.paths: dict[str, PathArtists] = {}

    def set_surface(self, weights, biases, Z, *, optimum=None) -> None:
        """Show the contours of another surface (another loss, or on a new grid): the panel and its paths stay.

        Show it with :meth:`Blitter.refresh_axes` on :attr:`ax` (only this panel is redrawn).
        """
        xlabel, ylabel = self.ax.get_xlabel(), self.ax.get_ylabel()
        self._surfaces.show(weights, biases, Z, lambda: draw_contour(self.ax, weights, biases, Z, lecture=self.lecture))
        self.ax.set_xlim(weights[0], weights[-1])  # as draw_contour sets them
        self.ax.set_ylim(biases[0], biases[-1])
        self.ax.set_xlabel(xlabel)
        self.ax.set_ylabel(ylabel)
        if self.star is not None and optimum is not None:
            self.star.set_data([optimum[0]], [optimum[1]])

    def add_path(self, key: str, color: str, label: str | None = None, marker: bool = True) -> PathArtists:
        self.paths[key] = PathArtists(self.ax, self.blit, color, lecture=self.lecture, label=label, marker=marker)
        if self.star is not None:  # the ★ stays the last moving artist: drawn above every path
            self.blit.artists.remove(self.star)
            self.blit.add(self.star)
        return self.paths[key]


X_MARGIN = 0.02  # of the epochs shown: the space left of x = 0 on a loss curve's linear x axis

NICE_STEPS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0)
"""The mantissas a loss curve's log y limits are rounded out to, so the few limits a learner's moves produce
repeat: the panel is drawn once per limits and then copied (``Blitter`` remembers each static picture), not
redrawn at every move."""
NICE_X_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
"""The same for the linear epochs axis, finer so that it ends at most a third past the last epoch (1.5 → 2,
6 → 8): the curve keeps at least three quarters of the panel's width."""


NICE_Z_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
"""The mantissas a 3D panel's z axis top is rounded up to (the surface reaches at least three quarters of it): an
outlier moved a little, or another δ, gives a new surface under the same axes, whose drawing is reused."""


def z_top(zmax: float) -> float:
    """The top of a 3D panel's z axis for a surface whose highest value is ``zmax``: :func:`nice_limit` with
    :data:`NICE_Z_STEPS` (``zmax`` itself if it is not finite and positive, or 1 for a flat zero surface).

    >>> z_top(37.2), z_top(0.0091), z_top(5.0)
    (40.0, 0.01, 5.0)
    """
    return 1.0 if zmax == 0 else nice_limit(zmax, steps=NICE_Z_STEPS)


def nice_limit(value: float, up: bool = True, steps: tuple[float, ...] = NICE_STEPS) -> float:
    """``value`` rounded out to the nearest ``m · 10**k`` with ``m`` in ``steps`` (``up``: the
    smallest one ≥ ``value``, else the largest one ≤ it); a value that is not finite and positive is kept.

    >>> nice_limit(37), nice_limit(200), nice_limit(0.0042, up=False), nice_limit(1)
    (50.0, 200.0, 0.003, 1.0)
    """
    value = float(value)
    if not (np.isfinite(value) and value > 0):
        return value
    decade = 10.0 ** np.floor(np.log10(value))
    candidates = [m * decade for m in steps] + [m * decade / 10 for m in steps]
    # already nice (no rounding drift): np.isclose(c, value, rtol=1e-12, atol=0), written out (20 µs a call less)
    close = [c for c in candidates if abs(c - value) <= 1e-12 * abs(value)]
    if close:
        return float(close[0])
    if up:
        return float(min(c for c in candidates if c >= value))
    return float(max(c for c in candidates if c <= value))


def _plain_log_ticks(axis) -> None:
    """A loss curve's log axis: :func:`~linreg_helpers.plots.log_ticks` without unlabelled minor ticks (the
    labels, 1, 2, 5 × 10ᵏ, and their grid lines show the scale, and a new epochs range or loss view redraws the
    panel with a third of the ticks: about a third faster)."""
    log_ticks(axis)
    axis.set_minor_locator(NullLocator())


class LossCurvePanel:
    """Whole-data loss per step on a log scale, x in epochs, with a divergence message.

    With :meth:`set_minimum` the smallest attainable loss is drawn as a dotted line (a curve
    that flattens above it has not converged), and :meth:`set_gap` switches the curves to the
    gap to that minimum, ``loss − minimum``, where convergence is a straight falling line.
    """

    def __init__(self, ax, blit: Blitter, *, lecture=None, loss="mse", x="epochs", title="Loss curve"):
        self.ax, self.blit, self.x = ax, blit, x
        s = sizes(lecture)
        self.s = s
        ax.set_yscale("log")
        _plain_log_ticks(ax.yaxis)
        ax.set_xlabel("epoch" if x == "epochs" else "step (iteration)")
        ax.set_ylabel(f"{LOSS_LABELS[loss].split(' (')[0]} on all data")
        ax.set_title(title, fontsize=s.title)
        ax.grid(True, which="major", axis="both", color=COLORS["grid"], lw=0.5, alpha=0.6)
        self.curves: dict[str, object] = {}
        self.message = blit.add(
            ax.text(
                0.98,
                0.95,
                "",
                transform=ax.transAxes,
                ha="right",
                va="top",
                color=COLORS["warning"],
                fontsize=s.font,
                fontweight="bold",
                bbox=dict(facecolor="white", edgecolor=COLORS["warning"], alpha=0.9, boxstyle="round"),
                zorder=10,  # above the legend
            )
        )
        self._message_key: tuple | None = None
        self.limits: tuple | None = None
        self.minimum: float | None = None
        self.gap = False
        self._loss_name = LOSS_LABELS[loss].split(" (")[0]
        (self.min_line,) = ax.plot([], [], color="k", ls=":", lw=max(1.0, s.line * 0.6), zorder=1.5)
        style_axes(ax, lecture)

    def set_minimum(self, value: float | None) -> bool:
        """Draw the smallest attainable loss as a dotted line (``None``: none); True when it changed.

        The line is part of the static background: a change needs one full redraw.
        """
        value = None if value is None or not np.isfinite(value) else float(value)
        if value == self.minimum:
            return False
        self.minimum = value
        self.limits = None
        self._draw_min_line()
        return True

    def set_gap(self, on: bool) -> bool:
        """Plot ``loss − minimum`` (True) or the loss itself (False); True when the view changed."""
        on = bool(on) and self.minimum is not None
        if on == self.gap:
            return False
        self.gap = on
        self.limits = None
        name = self._loss_name
        self.ax.set_ylabel(f"{name} − minimum (gap)" if on else f"{name} on all data")
        self._draw_min_line()
        return True

    def set_loss(self, loss: str) -> bool:
        """Label the curves with another loss (a key of ``LOSS_LABELS``); True when the label changed."""
        name = LOSS_LABELS[loss].split(" (")[0]
        if name == self._loss_name:
            return False
        self._loss_name = name
        self.ax.set_ylabel(f"{name} − minimum (gap)" if self.gap else f"{name} on all data")
        return True

    def set_moving_minimum(self, value: float) -> None:
        """Draw the smallest attainable loss dotted, as a moving artist: for a minimum that moves with the
        data (no redraw needed). Not combined with the gap view (:meth:`set_gap`), whose axes follow it."""
        if not self.min_line.get_animated():
            # above the grid (the axis is at zorder 1.5): frames, drawn in zorder, then match a full draw
            self.min_line.set_zorder(2)
            self.blit.add(self.min_line)
        self.min_line.set_data([0.0, 1.0], [value, value])
        self.min_line.set_transform(self.ax.get_yaxis_transform())

    def _draw_min_line(self) -> None:
        if self.minimum is None or self.gap:
            self.min_line.set_data([], [])
        else:
            self.min_line.set_data([0.0, 1.0], [self.minimum, self.minimum])
            self.min_line.set_transform(self.ax.get_yaxis_transform())

    def _y_limits(self, bottom: float, top: float) -> tuple[float, float]:
        """The axes' y-limits for loss-space limits ``(bottom, top)``: the same, or those of the gap."""
        if not self.gap:
            return bottom, top
        gap_top = max(top - self.minimum, 1e-300)
        return gap_top * 1e-9, gap_top

    def ys(self, losses: np.ndarray) -> np.ndarray:
        """What a curve shows for ``losses``: the loss, or its gap to the minimum, capped to the axes.

        Exploding values are drawn just above the top edge (the curve visibly leaves the plot); in
        the gap view a gap below the bottom (rounding noise at the minimum) sits on the bottom edge.
        """
        top = self.limits[2] if self.limits else np.inf
        if not self.gap:
            return np.minimum(losses, top * 10)
        bottom, gap_top = self._y_limits(self.limits[1], top) if self.limits else (0.0, np.inf)
        return np.clip(losses - self.minimum, bottom, gap_top * 10)

    def add_curve(self, key: str, color: str, label: str | None = None, lw_scale: float = 1.0):
        line = self.ax.add_line(ColumnLine([], [], color=color, lw=self.s.line * lw_scale, label=label))
        self.curves[key] = self.blit.add(line)
        return line

    def set_x_scale(self, log: bool) -> bool:
        """Put the x axis on a log scale (True) or a linear one; True when it changed (redraw the panel).

        The log scale gets the y axis's readable ticks (1, 10, 100, … written plainly, no minor ticks):
        matplotlib's own (10⁰, 10¹, … as mathtext, and minor ticks) would cost a first-time parse of every
        label, 5–100 ms each, and a comb of unlabelled ticks. In lecture mode the ticks are thinned again.
        """
        scale = "log" if log else "linear"
        if self.ax.get_xscale() == scale:
            return False
        self.ax.set_xscale(scale)  # (this resets the axis's locators and formatters)
        if log:
            _plain_log_ticks(self.ax.xaxis)
        if self.s is sizes(True):
            _lecture.fewer_ticks([self.ax])
        self.limits = None
        return True

    def set_limits(self, x_max: float, bottom: float, top: float) -> bool:
        """Set the axes' limits, rounded out to nice values (:func:`nice_limit`); True when they changed
        (the static part must be redrawn)."""
        limits = (nice_limit(x_max, steps=NICE_X_STEPS), nice_limit(bottom, up=False), nice_limit(top))
        if limits == self.limits:
            return False
        self.limits = limits
        x_max, bottom, top = limits  # the axes show the rounded limits: the key of the remembered picture
        # On a linear axis the curve starts a little right of the y axis, so that a first step which
        # does most of the work (a vertical drop at x = 0..1 of 1000 epochs) is not hidden by the spine.
        left = 1 if self.ax.get_xscale() == "log" else -X_MARGIN * x_max
        self.ax.set_xlim(left, x_max)
        self.ax.set_ylim(*self._y_limits(bottom, top))
        return True

    def set_curve(self, key: str, history: History) -> None:
        xs = history.epoch_axis if self.x == "epochs" else np.arange(history.losses.shape[0])
        self.set_xy(key, xs, history.losses)

    def set_xy(self, key: str, xs: np.ndarray, losses: np.ndarray) -> None:
        """Show ``losses`` against ``xs`` (the loss or its gap, see :meth:`ys`), thinned if very long."""
        ys = self.ys(np.asarray(losses))
        keep = envelope_indices(ys)  # a very long run: each bucket's lowest and highest point
        self.curves[key].set_data(np.asarray(xs)[keep], ys[keep])

    def set_message(self, text: str) -> None:
        """Show ``text`` (a divergence message) in the panel's top right corner, or nothing for "".

        A message wider than the panel (lecture mode's large text, a narrow panel) is broken onto
        more lines: first after its colons, then between words, until it fits inside the panel.
        """
        self.message.set_visible(bool(text))  # (an invisible text measures as nothing)
        key = (text, round(self.ax.bbox.width))
        if key != self._message_key:
            self._message_key = key
            self.message.set_text(text)
            if text:
                self._fit_message(text)

    def _fit_message(self, text: str) -> None:
        renderer = self.ax.figure.canvas.get_renderer()
        pad = 2 * self.message.get_fontsize() * self.ax.figure.dpi / 72  # the round box's padding, both sides
        room = 0.96 * self.ax.bbox.width - pad

        def fits(lines: list[str]) -> bool:
            self.message.set_text("\n".join(lines))
            return self.message.get_window_extent(renderer).width <= room

        lines = [text]
        while not (fitting := fits(lines)) and ": " in lines[-1]:  # "SGD: diverged at step 8: lower the …"
            head, _, tail = lines[-1].partition(": ")
            lines[-1:] = [head + ":", tail]
        if fitting:
            return
        wrapped: list[str] = []
        for line in lines:  # still too wide: between words, as many as fit on each line
            words = line.split(" ")
            current = words[0]
            for word in words[1:]:
                if fits([current + " " + word]):
                    current += " " + word
                else:
                    wrapped.append(current)
                    current = word
            wrapped.append(current)
        self.message.set_text("\n".join(wrapped))


def divergence_text(history: History, label: str = "") -> str:
    """The message shown when a run diverged (empty otherwise)."""
    if not history.diverged:
        return ""
    who = f"{label}: " if label else ""
    return f"{who}diverged at step {history.diverged_at}: lower the learning rate"


def loss_floor(min_loss: float, start_loss: float) -> tuple[float, float]:
    """Log-axis limits from just below the smallest attainable loss to above the start."""
    top = max(start_loss, min_loss, 1e-12) * 3.0
    bottom = max(min_loss, top * 1e-7) * 0.5
    return bottom, top


def fit_span(y, headroom: float = 0.3, low=None, high=None) -> tuple[float, float]:
    """y-limits for a :class:`FitPanel` with a band above the data for its legend.

    The band is ``headroom`` times the data's range (``low``/``high`` widen the range first, e.g.
    for points the dashboard moves), so a legend in the upper part of the panel covers no point.
    """
    lo = float(np.min(y)) if low is None else min(float(np.min(y)), low)
    hi = float(np.max(y)) if high is None else max(float(np.max(y)), high)
    return lo, hi + headroom * ((hi - lo) or 1.0)


def add_surface_star(panel: SurfacePanel, optimum: tuple[float, float], height: float, *, lecture=None):
    """The minimum (★) on a :class:`SurfacePanel`, registered as the last moving artist: drawn above every
    current-point marker. Add it after the panel's paths; move it with ``star.set_data_3d``."""
    s = sizes(lecture)
    (star,) = panel.ax.plot(
        [optimum[0]],
        [optimum[1]],
        [height],
        marker="*",
        ms=s.marker * 2.2,
        color=COLORS["optimum"],
        mec="white",
        ls="none",
        zorder=12,
    )
    return panel.blit.add(star)


def static_legend(ax) -> None:
    """Put ``ax``'s legend under the moving artists (zorder 1.9: above the grid, below every line).

    A legend above a moving artist is redrawn with every frame (``Blitter.lift_static_above``),
    which costs more than all the moving lines together (text is drawn glyph by glyph); placed in
    a band the moving artists seldom enter (``fit_span``), it can stay in the cached background.
    A line that does cross it is drawn over it, in a frame and in a full redraw alike.
    """
    ax.get_legend().set_zorder(1.9)
