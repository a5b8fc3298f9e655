"""Lecture mode for a dashboard's figure: the same rules for every dashboard, whatever its panels.

In lecture mode the page shows the figure as large as the window allows
(``_canvas._CSS``: the canvas is scaled to the window's height, the controls
sit beside it). For the back row of a hall every digit in the figure must be
at least 2.5 % of the window's height on screen (about 24 pt on a slide). A
figure's text, in points, is shown at ``points / 72 × (canvas height on
screen / figure height in inches)`` pixels, so the rule holds at every window
size once four things are fixed, not per panel:

* every figure is :data:`FIGURE_BOX`'s height (5.5 in) high, so its height in
  inches is known;
* no figure is wider than the box (8.25 in, 3:2): the canvas is then limited by
  the window's height, not its width (:func:`figure_size`);
* no text in the figure is smaller than :data:`MIN_TEXT_PT`
  (:func:`fit_for_lecture` raises what the panels drew smaller);
* the canvas's height on screen follows the window's (``_canvas._CSS``).

The numbers: the canvas is ``89.5vh − 155px`` high: JupyterLab's menu, tab
and tool bars, the status bar and the cell's padding take about 155 px, and
the read-out under the figure (up to four lines, its text 2.7 % of the window
height) the rest. On a 1280x720 projector (the harder target: the bars do not
shrink) that is 489 px; 2.5 % of 720 px is 18 px, so text must be at least
``18 × 72 × 5.5 / 489 ≈ 14.6 pt`` on a 5.5 in high figure: 15 pt, shown at
18.5 px. At 1920x1080 the canvas is 812 px high and 15 pt text is 30.7 px
(27 px needed). The width left beside the controls' column is about 1.54 times
the canvas's height at 1280x720 and 1.51 times at 1920x1080, so a 3:2 figure
keeps the full height. ``tests/browser/test_lecture_mode.py`` measures both.

Text that large leaves little room in a 8.25 x 5.5 in figure, so:

* the panels' legends are taken off the panels (where they covered data) and
  gathered into one legend above them all, each label once, in as many columns
  as the figure's width holds (the panels share colours by role);
* a title or x label wider than its panel, or a y label taller than it, is
  broken onto more lines;
* the linear axes get at most four ticks (:data:`MAX_TICKS`; fewer when their
  labels are long), a 3D panel's axes three (:data:`MAX_TICKS_3D`; its z axis
  none at the floor, whose enlarged 0 sat on the b axis's tick labels), a log axis
  with no room for its 1, 2, 5 × 10ᵏ ticks only the powers of ten, and a 3D
  panel no z label when its title names the loss (``SurfacePanel``);
* matplotlib's constrained layout places the panels (labels and titles never
  overlap or leave the figure) once, when the panels are drawn: later draws
  keep that layout, so a panel redrawn alone or a blitted frame is exactly a
  full draw, and a full draw does not pay for the layout again. When a
  dashboard changes a panel's labels so that they no longer fit
  (:func:`relabelled`), the figure is laid out anew.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import AutoLocator, FixedFormatter, FixedLocator, LogLocator, MaxNLocator
from matplotlib.transforms import Bbox

__all__ = [
    "DPI",
    "FIGURE_BOX",
    "MAX_TICKS",
    "MAX_TICKS_3D",
    "MIN_TEXT_PT",
    "figure_size",
    "fit_for_lecture",
    "layout_problems",
    "relabelled",
]

FIGURE_BOX = (8.25, 5.5)
"""Width and height (inches) of the largest lecture-mode figure.

Every lecture figure is :data:`FIGURE_BOX`'s height high, so its text's size on screen is known
(module docstring); a dashboard narrower than the box keeps its shape, a wider one (three columns of
panels) is made the box's width and its panels are placed anew by constrained layout. At 3:2 the figure
is limited by the window's height, not its width, with the controls' column beside it: the canvas has
about 1.54 times its height in width at 1280x720 and 1.51 times at 1920x1080."""
MIN_TEXT_PT = 15.0
"""The smallest text in a lecture-mode figure, in points (derived in the module docstring)."""
DPI = 110.0
"""Pixels per inch of a lecture-mode figure: about what a 1280x720 to 1920x1080 window shows it at
(89–148 CSS px per inch), so text stays sharp; the front end multiplies it by the screen's pixel ratio."""
LAYOUT_PADS = {"h_pad": 0.04, "w_pad": 0.08, "hspace": 0.03, "wspace": 0.03}
"""Constrained layout's space around and between the panels (inches and fractions): enough that no panel's
labels reach into the place a panel redrawn alone wipes (``Blitter.refresh_axes``)."""
MAX_TICKS = 4
"""At most this many labelled ticks on a linear axis in lecture mode (:data:`MAX_TICKS_3D` on a 3D axis)."""
MAX_TICKS_3D = 3
"""At most this many labelled ticks on a 3D panel's axes in lecture mode (their labels crowd at the corners)."""


def figure_size(figsize: tuple[float, float]) -> tuple[float, float]:
    """The lecture-mode size of a dashboard figure of ``figsize``: :data:`FIGURE_BOX`'s height, and the
    width of that shape, or the box's width if that is narrower.

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
    >>> figure_size((6.0, 6.0))
    (5.5, 5.5)
    >>> figure_size((10.5, 6.4))
    (8.25, 5.5)
    """
    width, height = figsize
    box_width, box_height = FIGURE_BOX
    return (round(min(box_width, width * box_height / height), 6), box_height)


def _lay_out(fig: Figure) -> None:
    """Lay ``fig`` out (a draw that renders nothing), unseen by its :class:`~linreg_helpers._canvas.Blitter`.

    A figure's draw announces itself (``draw_event``) even when it renders nothing: the blitter would
    take the empty picture for its background, and the next frame would show only the moving artists.
    """
    blitter = getattr(fig.canvas, "blitter", None)
    enabled = blitter is not None and blitter.enabled
    if blitter is not None:
        blitter.enabled = False
    try:
        fig.draw_without_rendering()
    finally:
        if blitter is not None:
            blitter.enabled = enabled


class _FewTicks(MaxNLocator):
    """Round ticks, at most :data:`MAX_TICKS` and no more than the axis has room for at its label size."""

    def __call__(self):
        room = self.axis.get_tick_space() if self.axis is not None else MAX_TICKS
        nbins = max(1, min(MAX_TICKS, room))
        while True:
            self.set_params(nbins=nbins)
            ticks = super().__call__()
            if not self._crowded(ticks):
                return ticks
            if nbins == 1:  # a narrow panel (equal scales) with long labels: one tick, the shortest label
                lo, hi = sorted(self.axis.get_view_interval())
                shown = [t for t in ticks if lo <= t <= hi] or list(ticks)
                formatter = self.axis.get_major_formatter()
                return np.array([min(shown, key=lambda t: (len(formatter(t)), abs(t - (lo + hi) / 2)))])
            nbins -= 1

    def _crowded(self, ticks) -> bool:
        """Whether the x tick labels for ``ticks`` (long ones such as −0.06) leave less than a space between them."""
        axis = self.axis
        if axis is None or axis.axis_name != "x" or axis.axes is None:
            return False  # y labels stand one above the other: get_tick_space counts their height
        lo, hi = sorted(axis.get_view_interval())
        shown = [t for t in ticks if lo <= t <= hi]
        formatter = axis.get_major_formatter()
        formatter.set_locs(shown)
        size = axis._get_tick_label_size("x")  # as get_tick_space reads it (the ticks are made from this call)
        chars = sum(len(formatter(t)) for t in shown)
        length = axis.axes.bbox.width * 72 / axis.axes.figure.dpi  # points
        return (0.6 * chars + len(shown)) * size > length


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


class _AboveFloor(MaxNLocator):
    """A 3D panel's z ticks without the one at the floor: enlarged, the floor's label (0) sits on the b axis's
    tick labels at the same corner. The floor of a loss surface is its lowest value, 0 for every loss shown."""

    def tick_values(self, vmin, vmax):
        ticks = super().tick_values(vmin, vmax)
        return ticks[ticks > min(vmin, vmax)]


def _fewer_ticks(fig: Figure) -> None:
    fewer_ticks(fig.axes)


def fewer_ticks(axes) -> None:
    """Lecture mode's few, large ticks on ``axes`` (a panel whose scale was just changed resets its locators)."""
    for ax in axes:
        three_d = ax.name == "3d"
        for axis in (ax.xaxis, ax.yaxis, *([ax.zaxis] if three_d else [])):
            # matplotlib's default locators are replaced; a panel's own choice (log ticks, fixed ticks) is thinned
            locator = axis.get_major_locator()
            if type(locator) in (AutoLocator, MaxNLocator):
                whole = bool(getattr(locator, "_integer", False))  # MaxNLocator(integer=True): whole steps
                if not three_d:
                    axis.set_major_locator(_FewTicks(integer=whole))
                elif axis is ax.zaxis:
                    axis.set_major_locator(_AboveFloor(MAX_TICKS_3D - 1, integer=whole))
                else:
                    axis.set_major_locator(MaxNLocator(MAX_TICKS_3D - 1, integer=whole))
            elif isinstance(locator, LogLocator) and not isinstance(locator, _FewLogTicks):
                axis.set_major_locator(_FewLogTicks(locator))
            elif (
                isinstance(locator, FixedLocator)
                and len(locator.locs) > MAX_TICKS
                and not isinstance(axis.get_major_formatter(), FixedFormatter)
            ):
                axis.set_major_locator(FixedLocator(locator.locs[::2]))  # 0, 0.25, …, 1 → 0, 0.5, 1


def _wrap(label: Text, room: float, side: str, renderer, most: int) -> None:
    """Break ``label``'s text at spaces into as few lines (at most ``most``) as keep each line's ``side`` ("width"
    or "height", pixels) within ``room``; a label already broken stays so."""
    text = label.get_text()
    if " " not in text or "\n" in text or getattr(label.get_window_extent(renderer), side) <= room:
        return
    words = text.split(" ")
    for count in range(2, min(most, len(words)) + 1):
        lines = _balanced(words, count)
        label.set_text("\n".join(lines))
        if getattr(label.get_window_extent(renderer), side) <= room:
            return


def _balanced(words: list[str], count: int) -> list[str]:
    """``words`` in ``count`` lines, in order, the longest line (in characters) as short as it can be."""

    def lines(cuts):
        ends = [0, *cuts, len(words)]
        return [" ".join(words[i:j]) for i, j in itertools.pairwise(ends)]

    best = min(itertools.combinations(range(1, len(words)), count - 1), key=lambda c: max(map(len, lines(c))))
    return lines(best)


def _title_room(ax, renderer) -> float:
    """How wide ``ax``'s title may be (pixels): as far as the nearest panel beside it, or the figure's edge, on
    either side of the panel's middle (a centred title), and not much more than the panel's width."""
    box = ax.get_window_extent(renderer)
    top = box.y1 + ax.title.get_window_extent(renderer).height + 20
    left, right = ax.figure.bbox.x0, ax.figure.bbox.x1
    for other in ax.figure.axes:
        near = other.get_tightbbox(renderer, for_layout_only=True)
        if other is ax or near.y1 < box.y0 or near.y0 > top:
            continue
        if near.x1 <= box.x0:
            left = max(left, near.x1)
        elif near.x0 >= box.x1:
            right = min(right, near.x0)
    middle = (box.x0 + box.x1) / 2
    # (not much more than the panel's width: the final layout may still move the panel a little)
    return max(box.width, min(1.5 * box.width, 2 * min(middle - left, right - middle) - 16))


def _wrap_panel_labels(ax, renderer, title_room: float | None = None) -> None:
    """Break ``ax``'s title, x label and y label where they are too long for the panel (:func:`_wrap`)."""
    box = ax.get_window_extent(renderer)
    if title_room is None:
        title_room = ax._lh_title_room = _title_room(ax, renderer)
    # a title's or x label's width does not change the layout: as many lines as it needs; a y label's
    # height does (the panels' heights change its room): two lines at most
    _wrap(ax.title, title_room, "width", renderer, most=3)
    if ax.name != "3d":
        _wrap(ax.xaxis.label, box.width, "width", renderer, most=3)
        _wrap(ax.yaxis.label, box.height, "height", renderer, most=2)


def relabelled(panels) -> bool:
    """After a dashboard changed the static part of ``panels`` (the loss curve's limits, or its y label in the
    gap view): break a label too long for its panel, as :func:`fit_for_lecture` did, and lay the figure out
    anew if a panel's labels now reach into another panel or off the figure.

    Cheap when the panel's texts (labels, tick labels) are ones it has shown before without a problem: only a
    new set of texts is measured.

    Parameters
    ----------
    panels : iterable of Axes
        Panels of a lecture-mode figure (laid out by :func:`fit_for_lecture`).

    Returns
    -------
    bool
        True when the panels moved: the whole figure must be drawn again.
    """
    panels = list(panels)
    if not panels:
        return False
    fig = panels[0].figure
    fits, extents = getattr(fig, "_lh_fits", None), getattr(fig, "_lh_extents", None)
    if fits is None or extents is None:
        return False  # not laid out by fit_for_lecture
    renderer = fig.canvas.get_renderer()
    edge = fig.bbox
    for ax in panels:
        if _texts(ax) in fits.get(ax, ()):
            continue
        _wrap_panel_labels(ax, renderer, getattr(ax, "_lh_title_room", None))
        texts = _texts(ax)
        if texts in fits.get(ax, ()):
            continue
        box = ax.get_tightbbox(renderer)
        off = box.x0 < edge.x0 - 1 or box.x1 > edge.x1 + 1 or box.y0 < edge.y0 - 1 or box.y1 > edge.y1 + 1
        if off or any(_overlap(box, other) for a, other in extents.items() if a is not ax and a in fig.axes):
            _constrained_layout(fig)
            return True
        fits.setdefault(ax, set()).add(texts)
        extents[ax] = Bbox.union([extents.get(ax, box), box])
    return False


def _texts(ax) -> tuple:
    """What a panel writes around itself: title, axis labels and tick labels (what its room depends on)."""
    axes = [ax.xaxis, ax.yaxis] + ([ax.zaxis] if ax.name == "3d" else [])
    return (
        ax.get_title(),
        *(axis.label.get_text() for axis in axes),
        *(tuple(axis.major.formatter.format_ticks(axis.get_majorticklocs())) for axis in axes),
    )


def _overlap(a, b) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 2 and min(a.y1, b.y1) - max(a.y0, b.y0) > 2


def _constrained_layout(fig: Figure) -> None:
    """Place the panels by constrained layout, once: a later draw does not move them (see :func:`fit_for_lecture`)."""
    fig.set_layout_engine("constrained", **LAYOUT_PADS)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _lay_out(fig)
    # constrained layout gives up (and warns) when the decorations leave the panels no room
    fig._lh_layout_warnings = [str(w.message) for w in caught if "constrained_layout not applied" in str(w.message)]
    fig.set_layout_engine("none")
    # each panel's room as laid out, and its texts that fit it (see relabelled)
    fig._lh_extents = _pull_inside(fig)
    fig._lh_fits = {ax: {_texts(ax)} for ax in fig.axes}


def _pull_inside(fig: Figure) -> dict:
    """Narrow a panel whose labels hang off the figure's left or right edge by as much as they hang off; return
    each panel's tight box (pixels) as finally placed.

    Constrained layout works in two passes, and lecture mode's few ticks depend on a panel's width
    (:class:`_FewTicks`): the first pass makes room for a last tick label centred on the panel's edge (0,
    150, 300); the second, in the narrower panel, sees other ticks (0, 100, 200) and gives the room back,
    so the label drawn at the wider width hangs off the figure (the convexity dashboard's loss curve after its
    300-epoch demonstration). Narrowed by the overhang, the panel fits either set of ticks.
    """
    renderer = fig.canvas.get_renderer()
    edge, gap = fig.bbox, 2.0  # pixels
    for _ in range(3):  # new ticks in a narrower panel may hang off too: at most a few times
        boxes = {ax: ax.get_tightbbox(renderer) for ax in fig.axes}
        moved = False
        for ax, box in boxes.items():
            left, right = max(edge.x0 + gap - box.x0, 0.0), max(box.x1 - (edge.x1 - gap), 0.0)
            if left == 0.0 and right == 0.0:
                continue
            pos = ax.get_position()
            x0, x1 = pos.x0 + left / edge.width, pos.x1 - right / edge.width
            if x1 - x0 < 0.5 * pos.width:
                continue  # a label wider than half its panel: not this rule's to fix (layout_problems says so)
            ax.set_position([x0, pos.y0, x1 - x0, pos.height])
            ax.set_in_layout(True)  # (set_position takes the panel out of later layouts: it stays in)
            moved = True
        if not moved:
            return boxes
    return {ax: ax.get_tightbbox(renderer) for ax in fig.axes}


def _wrap_long_labels(fig: Figure) -> None:
    """Break a title or x label wider than its panel (as laid out), or a y label taller than it, onto more lines.

    Constrained layout leaves their overhang out of its room-making (a long title would squeeze its panel),
    so an overhang would run into the next panel.
    """
    for _ in range(2):  # a label broken in one panel moves the others: once more in the new layout
        _lay_out(fig)  # the panels' sizes are known
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:
            _wrap_panel_labels(ax, renderer)


def layout_problems(fig: Figure) -> list[str]:
    """What is cut off at the figure's edges, which 2D panels overlap (their labels included), and which
    legend lies on a panel.

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
        _lay_out(fig)
    renderer = fig.canvas.get_renderer()
    edge, boxes = fig.bbox, []
    # constrained layout gives up (and warns) when the decorations leave the panels no room (lecture mode's
    # layout ran in fit_for_lecture, and kept its warnings)
    problems = list(getattr(fig, "_lh_layout_warnings", []))
    problems += [str(w.message) for w in caught if "constrained_layout not applied" in str(w.message)]
    for ax in fig.axes:
        box = ax.get_tightbbox(renderer)
        if box.x0 < edge.x0 - 1 or box.x1 > edge.x1 + 1 or box.y0 < edge.y0 - 1 or box.y1 > edge.y1 + 1:
            problems.append(f"{ax.get_title()!r} is cut off")
        if ax.name != "3d":
            boxes.append((ax.get_title(), box))
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1 :]:
            if _overlap(b1, b2):
                problems.append(f"{t1!r} and {t2!r} overlap")
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend() is not None)]
    for legend in legends:
        box = legend.get_window_extent(renderer)
        problems += [f"a legend lies on {ax.get_title()!r}" for ax in fig.axes if _overlap(box, ax.bbox)]
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


def _take_legends(fig: Figure) -> None:
    """Remove every 2D panel's legend, remembering its entries (handles and labels) on the figure, by panel."""
    entries = getattr(fig, "_lh_legend_entries", {})
    entries = {ax: e for ax, e in entries.items() if ax in fig.axes}  # panels drawn anew: theirs go
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None and ax.name != "3d":
            entries[ax] = list(zip(legend.legend_handles, [t.get_text() for t in legend.get_texts()], strict=True))
            legend.remove()
    fig._lh_legend_entries = entries


def _figure_legend(fig: Figure) -> None:
    """One legend for the whole figure, above its panels: every panel's entries (each label once), in as many
    columns as the figure's width holds.

    Inside a panel, a legend at lecture size covers data, or needs a wider figure; one above each panel
    takes a row of text from both panels of its row. Above the figure, it covers nothing and costs one band
    (constrained layout makes room for it). The panels' colours and line styles tell their entries apart.
    """
    for old in [lg for lg in fig.legends if getattr(lg, "_lh_merged", False)]:
        old.remove()
    seen, handles, labels = set(), [], []
    for ax in fig.axes:  # in the panels' order
        for handle, label in fig._lh_legend_entries.get(ax, ()):
            if label not in seen and not label.startswith("_"):
                seen.add(label)
                handles.append(handle)
                labels.append(label)
    if not handles:
        return
    renderer = fig.canvas.get_renderer()
    room = fig.bbox.width * 0.98
    for ncols in range(len(handles), 0, -1):
        legend = fig.legend(
            handles,
            labels,
            loc="outside upper center",
            ncols=ncols,
            fontsize=MIN_TEXT_PT,
            frameon=False,
            borderaxespad=0.2,
            borderpad=0.1,
            handlelength=1.4,
            handletextpad=0.4,
            columnspacing=1.0,
            labelspacing=0.2,
        )
        legend._lh_merged = True
        # drawn before the panels (it overlaps none): it is then in the blitter's picture of the figure without
        # its 3D panel, which is drawn last (Blitter.keep_background_without)
        legend.set_zorder(-1)
        if ncols == 1 or legend.get_window_extent(renderer).width <= room:
            break
        legend.remove()


def rename_legend_entry(fig: Figure, old: str, new: str) -> None:
    """Rename an entry of the figure's one legend (:func:`_figure_legend`) from ``old`` to ``new``: a panel whose line
    now shows another quantity (another loss) keeps its place in the legend. Nothing if no entry is ``old``."""
    for legend in [lg for lg in fig.legends if getattr(lg, "_lh_merged", False)]:
        for text in legend.get_texts():
            if text.get_text() == old:
                text.set_text(new)
    for ax, entries in getattr(fig, "_lh_legend_entries", {}).items():  # as fit_for_lecture would merge them again
        fig._lh_legend_entries[ax] = [(handle, new if label == old else label) for handle, label in entries]


def fit_for_lecture(fig: Figure) -> None:
    """Apply lecture mode's rules to a built dashboard figure (see the module docstring).

    No text smaller than :data:`MIN_TEXT_PT`, at most :data:`MAX_TICKS` ticks on
    the linear axes, one legend for the figure above the panels, long labels
    broken onto more lines, and the panels placed by constrained layout once,
    here: a later full redraw does not move them (so a panel redrawn alone, or
    a blitted frame, looks exactly like a full redraw, and a full redraw does
    not pay for the layout again).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A dashboard's figure after its panels are drawn.
    """
    _fewer_ticks(fig)
    _no_small_text(fig)
    _roomy_3d_labels(fig)
    _free_gridspecs(fig)
    fig.set_layout_engine("constrained", **LAYOUT_PADS)
    _take_legends(fig)
    _figure_legend(fig)
    _wrap_long_labels(fig)
    _constrained_layout(fig)  # the final layout, kept as it is
