"""Lecture mode for a dashboard's figure: the same rules for every dashboard, whatever its panels.

In lecture mode the page shows the figure as large as the window allows
(``_canvas._CSS``: the canvas is scaled to the window's height, the controls
sit beside it). For the back row of a hall every digit in the figure must be
at least 2.5 % of the window's height on screen (about 24 pt on a slide). A
figure's text, in points, is shown at ``points / 72 × (canvas height on
screen / figure height in inches)`` pixels, so the rule holds at every window
size once three things are fixed, not per panel:

* the figure is scaled to fit :data:`FIGURE_BOX` (inches), whatever shape its
  dashboard gives it, so its height in inches is known;
* no text in the figure is smaller than :data:`MIN_TEXT_PT`
  (:func:`fit_for_lecture` raises what the panels drew smaller);
* the canvas's height on screen follows the window's (``_canvas._CSS``).

The numbers: the canvas is ``89.5vh − 155px`` high: JupyterLab's menu, tab
and tool bars, the status bar and the cell's padding take about 155 px, and
the read-out under the figure (up to four lines, its text 2.7 % of the window
height) the rest. On a 1280x720 projector (the harder target: the bars do not
shrink) that is 489 px; 2.5 % of 720 px is 18 px, so text must be at least
``18 × 72 × 5.5 / 489 ≈ 14.6 pt`` on a 5.5 in high figure: 15 pt. At
1920x1080 the canvas is 812 px high and 15 pt text is 31 px (27 px needed).
``tests/browser/test_lecture_mode.py`` measures both.

Larger text in the same figure leaves less room between panels, so the
panels are placed by matplotlib's constrained layout (labels and titles never
overlap or leave the figure), the linear axes get at most four ticks
(:data:`MAX_TICKS`; three on a 3D panel's crowded axes) and a log axis with no room for its
1, 2, 5 × 10ᵏ ticks gets only the powers of ten.
"""

from __future__ import annotations

import warnings

import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import AutoLocator, LogLocator, MaxNLocator

__all__ = ["DPI", "FIGURE_BOX", "MAX_TICKS", "MIN_TEXT_PT", "figure_size", "fit_for_lecture", "layout_problems"]

FIGURE_BOX = (11.0, 5.5)
"""Width and height (inches) that a lecture-mode figure is scaled to fit, keeping its shape.

Its height sets the text's size on screen (module docstring). Its width is a compromise: a dashboard of
three panels in a row needs about 11 in for 15 pt text, but is then limited by the window's width, not
its height, and its digits come out at 2.0 % of a 1280x720 window and 2.2 % of a 1920x1080 one (16:9,
controls beside it; 1.7–1.9 % when :data:`WIDEN_BY` had to widen it);
a dashboard of about 3:2 (two rows of panels, such as the gradient-descent one) is limited by the
height and meets the 2.5 % target."""
MIN_TEXT_PT = 15.0
"""The smallest text in a lecture-mode figure, in points (derived in the module docstring)."""
DPI = 110.0
"""Pixels per inch of a lecture-mode figure: about what a 1280x720 to 1920x1080 window shows it at
(89–148 CSS px per inch), so text stays sharp; the front end multiplies it by the screen's pixel ratio."""
MAX_TICKS = 4
"""At most this many labelled ticks on a linear axis in lecture mode (three on a 3D axis)."""
WIDEN_BY, WIDEN_STEPS = 1.15, 3
"""A figure whose panels do not fit side by side at lecture sizes is widened by 15 %, up to 3 times: its text
stays :data:`MIN_TEXT_PT` but is shown a little smaller (the canvas is fitted to the window)."""


def figure_size(figsize: tuple[float, float]) -> tuple[float, float]:
    """``figsize`` scaled, keeping its shape, to fit :data:`FIGURE_BOX`.

    Parameters
    ----------
    figsize : (float, float)
        A dashboard's figure size in inches (width, height).

    Returns
    -------
    (float, float)
        The lecture-mode figure size in inches.

    Examples
    --------
    >>> figure_size((9.0, 6.0))
    (8.25, 5.5)
    >>> figure_size((22.0, 5.5))
    (11.0, 2.75)
    """
    width, height = figsize
    k = min(FIGURE_BOX[0] / width, FIGURE_BOX[1] / height)
    return (round(width * k, 6), round(height * k, 6))


class _FewTicks(MaxNLocator):
    """Round ticks, at most :data:`MAX_TICKS` and no more than the axis has room for at its label size."""

    def __call__(self):
        room = self.axis.get_tick_space() if self.axis is not None else MAX_TICKS
        self.set_params(nbins=max(1, min(MAX_TICKS, room)))
        return super().__call__()


class _FewLogTicks(LogLocator):
    """A panel's log ticks (``inner``, e.g. 1, 2, 5 × 10ᵏ), or only the powers of ten when those do not fit."""

    def __init__(self, inner: LogLocator) -> None:
        super().__init__(base=10, subs=(1.0,))
        self.inner = inner

    def set_axis(self, axis) -> None:
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def tick_values(self, vmin, vmax):
        ticks = self.inner.tick_values(vmin, vmax)
        lo, hi = sorted((vmin, vmax))
        room = max(2, self.axis.get_tick_space()) if self.axis is not None else MAX_TICKS
        if np.count_nonzero((ticks >= lo) & (ticks <= hi)) <= room:
            return ticks
        self.set_params(numticks=room + 2)
        decades = super().tick_values(vmin, vmax)
        return decades if np.count_nonzero((decades >= lo) & (decades <= hi)) >= 2 else ticks


def _fewer_ticks(fig: Figure) -> None:
    for ax in fig.axes:
        three_d = ax.name == "3d"
        for axis in (ax.xaxis, ax.yaxis, *([ax.zaxis] if three_d else [])):
            # only matplotlib's default locators: a panel's own choice (log ticks, fixed ticks) stays
            locator = axis.get_major_locator()
            if type(locator) in (AutoLocator, MaxNLocator):
                axis.set_major_locator(MaxNLocator(MAX_TICKS - 1) if three_d else _FewTicks())
            elif isinstance(locator, LogLocator) and not isinstance(locator, _FewLogTicks):
                axis.set_major_locator(_FewLogTicks(locator))


def _wrap_long_titles(fig: Figure) -> None:
    """Break a title that is wider than its panel (as laid out) onto two lines, at the space nearest its middle."""
    fig.draw_without_rendering()  # lays the panels out: their widths are known
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        title = ax.title
        text = title.get_text()
        if " " not in text or "\n" in text:
            continue
        if title.get_window_extent(renderer).width <= ax.get_window_extent(renderer).width:
            continue
        middle = len(text) / 2
        cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - middle))
        title.set_text(text[:cut] + "\n" + text[cut + 1 :])


def layout_problems(fig: Figure) -> list[str]:
    """What is cut off at the figure's edges, or which 2D panels overlap (their labels included).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure, laid out (drawn) or not: it is laid out first.

    Returns
    -------
    list of str
        One sentence per problem; empty when the figure is clean.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    edge, problems, boxes = fig.bbox, [], []
    # constrained layout gives up (and warns) when the decorations leave the panels no room
    problems += [str(w.message) for w in caught if "constrained_layout not applied" in str(w.message)]
    for ax in fig.axes:
        box = ax.get_tightbbox(renderer)
        if box.x0 < edge.x0 - 1 or box.x1 > edge.x1 + 1 or box.y0 < edge.y0 - 1 or box.y1 > edge.y1 + 1:
            problems.append(f"{ax.get_title()!r} is cut off")
        if ax.name != "3d":
            boxes.append((ax.get_title(), box))
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1 :]:
            if min(b1.x1, b2.x1) - max(b1.x0, b2.x0) > 2 and min(b1.y1, b2.y1) - max(b1.y0, b2.y0) > 2:
                problems.append(f"{t1!r} and {t2!r} overlap")
    return problems


def _roomy_3d_labels(fig: Figure) -> None:
    """A 3D panel's axis names and tick labels, enlarged, would touch each other: more space between them."""
    for ax in fig.axes:
        if ax.name == "3d":
            ax.tick_params(pad=0)
            for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
                axis.labelpad = 0.6 * MIN_TEXT_PT


def _free_gridspecs(fig: Figure) -> None:
    """Let constrained layout place the panels: forget the margins and gaps the dashboard chose."""
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is not None:
            gs = spec.get_topmost_subplotspec().get_gridspec()
            for key in ("left", "right", "top", "bottom", "wspace", "hspace"):
                setattr(gs, key, None)


def _no_small_text(fig: Figure) -> None:
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis, *([ax.zaxis] if ax.name == "3d" else [])):
            # tick labels are made anew as the view changes: their size is the axis's tick setting
            ticks = axis.get_major_ticks()
            if ticks and ticks[0].label1.get_fontsize() < MIN_TEXT_PT:
                axis.set_tick_params(which="both", labelsize=MIN_TEXT_PT)
    for text in fig.findobj(Text):  # titles, axis labels, legends, annotations
        if text.get_fontsize() < MIN_TEXT_PT:
            text.set_fontsize(MIN_TEXT_PT)


def fit_for_lecture(fig: Figure) -> None:
    """Apply lecture mode's rules to a built dashboard figure (see the module docstring).

    No text smaller than :data:`MIN_TEXT_PT`, at most :data:`MAX_TICKS` ticks on
    the linear axes, and the panels placed by constrained layout at every full
    redraw (blitted frames do not move them).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A dashboard's figure after its panels are drawn.
    """
    _fewer_ticks(fig)
    _no_small_text(fig)
    _roomy_3d_labels(fig)
    _free_gridspecs(fig)
    fig.set_layout_engine("constrained", h_pad=0.04, w_pad=0.06, hspace=0.03, wspace=0.03)
    _wrap_long_titles(fig)
    width, height = fig.get_size_inches()
    for _ in range(WIDEN_STEPS):  # a panel's legend or title wider than its share: more width, same text
        if not layout_problems(fig):
            break
        width *= WIDEN_BY
        fig.set_size_inches(width, height)
