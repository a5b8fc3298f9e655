"""A 2D axis drawn as matplotlib draws it, its tick lines in a few Agg calls instead of one per tick.

Matplotlib's ``Axis.draw`` draws each tick on its own: ``Tick.draw`` draws the tick's gridline, its two
tick marks and its two labels, each a full ``Line2D.draw`` or ``Text.draw`` with its own graphics
context. Those calls are a third to a half of redrawing a small 2D panel such as a loss curve (six
ticks on each axis: about 40 line draws).

:func:`draw_axis` does what ``Axis.draw`` does, but draws the gridlines of all ticks that look alike
as one line (segments separated by NaN, which Agg starts anew as a move-to, snapped alike), and their
tick marks as one line of markers (Agg stamps the same marker at each point). Then the labels, each as
before. The pixels are the same as matplotlib's (``tests/test_partial_redraw.py`` compares every
dashboard's figure drawn both ways), as long as a tick's gridline or marks do not overlap another
tick's label, which they never do on a 2D axes (gridlines are clipped to the axes, labels are outside).
Lines that differ in any drawn property (colour, width, dashes, clipping, transform, ...) are drawn
in separate batches, one tick on its own if need be.

It also works the ticks out once a draw: matplotlib works them out a second time (locator, formatter,
every tick moved) when it places the axis label, to measure the spine with its tick marks.
"""

from __future__ import annotations

import copy
from itertools import groupby

import numpy as np

PARTS = ("gridline", "tick1line", "tick2line")
"""The lines of a tick, in the order ``Tick.draw`` draws them."""
MAX_SEGMENTS = 42
"""Gridlines per batch: 3 vertices each (two ends and a NaN), under the 128 vertices at which matplotlib
starts simplifying a path (which could join segments differently from separate paths)."""


def draw_axis(axis, renderer) -> None:
    """Draw the 2D ``axis`` as ``matplotlib.axis.Axis.draw`` (3.11) does, its tick lines batched and its
    ticks worked out and their labels measured once."""
    if not axis.get_visible():
        return
    renderer.open_group("matplotlib.axis", gid=axis.get_gid())
    ticks = axis._update_ticks()
    tlb1, tlb2 = axis._get_ticklabel_bboxes(ticks, renderer)
    # Worked out and measured once a draw, with nothing changed in between: placing the axis label measures
    # the spine, whose extent works the ticks out again (Spine.get_window_extent), and measures the tick
    # labels again (_get_tick_boxes_siblings), which are these unless other axes' labels are aligned with them.
    own = {name: vars(axis).get(name) for name in ("_update_ticks", "_get_tick_boxes_siblings")}
    axis._update_ticks = lambda: ticks
    if _aligned_with_no_other(axis):
        axis._get_tick_boxes_siblings = lambda renderer: (list(tlb1), list(tlb2))
    try:
        draw_ticks(ticks, renderer)
        # Shift label away from axes to avoid overlapping ticklabels (as matplotlib does).
        axis._update_label_position(renderer)
        axis.label.draw(renderer)
        axis._update_offset_text_position(tlb1, tlb2)
        axis.offsetText.set_text(axis.major.formatter.get_offset())
        axis.offsetText.draw(renderer)
    finally:
        for name, value in own.items():
            if value is None:
                vars(axis).pop(name, None)
            else:
                setattr(axis, name, value)
    renderer.close_group("matplotlib.axis")
    axis.stale = False


def _aligned_with_no_other(axis) -> bool:
    """Whether no other axes' labels are aligned with ``axis``'s (``Figure.align_labels``)."""
    groups = axis.get_figure(root=False)._align_label_groups
    name = axis._get_axis_name()
    return name in groups and list(groups[name].get_siblings(axis.axes)) == [axis.axes]


def draw_ticks(ticks: list, renderer) -> None:
    """Draw ``ticks`` (``matplotlib.axis.Tick``): the lines part by part in batches, then the labels."""
    shown = [tick for tick in ticks if tick.get_visible()]
    for part in PARTS:
        lines = [line for line in (getattr(tick, part) for tick in shown) if line.get_visible()]
        for _, group in groupby(lines, key=_look):
            group = list(group)
            if len(group) == 1 or group[0].get_rasterized() or group[0].get_agg_filter() is not None:
                for line in group:
                    line.draw(renderer)
                continue
            for start in range(0, len(group), MAX_SEGMENTS):
                _draw_as_one(group[start : start + MAX_SEGMENTS], renderer)
    for tick in shown:
        tick.label1.draw(renderer)
        tick.label2.draw(renderer)
    for tick in ticks:
        tick.stale = False


def _draw_as_one(lines: list, renderer) -> None:
    """Draw ``lines`` (alike: :func:`_look`) as one ``Line2D``: their points, each line's after a NaN."""
    xs, ys = [], []
    for line in lines:
        # a gridline keeps one x (its tick's) against two ys, as Line2D broadcasts them
        x, y = np.broadcast_arrays(
            np.asarray(line.get_xdata(orig=True), float), np.asarray(line.get_ydata(orig=True), float)
        )
        if xs and len(x) > 1:  # separate segments (a marker line has one point: no separator needed)
            xs.append((np.nan,))
            ys.append((np.nan,))
        xs.append(x)
        ys.append(y)
    batch = copy.copy(lines[0])  # every drawn property; not part of the figure (no stale callback)
    batch.stale_callback = None
    batch.set_data(np.concatenate(xs), np.concatenate(ys))
    batch.draw(renderer)
    for line in lines:
        line.stale = False


def _look(line) -> tuple:
    """What ``Line2D.draw`` reads from ``line`` other than its data: lines with equal looks draw alike."""
    marker = line._marker
    clip_path = line.get_clip_path()
    return (
        type(line),
        id(line.get_transform()),
        line.get_clip_on(),
        id(line.clipbox),
        id(getattr(clip_path, "_patch", clip_path)),
        line._linestyle,
        _hashable(line._dash_pattern),
        _hashable(line._gapcolor),
        _hashable(line._color),
        line._alpha,
        line._linewidth,
        line._antialiased,
        line._dashcapstyle,
        line._dashjoinstyle,
        line._solidcapstyle,
        line._solidjoinstyle,
        line.get_snap(),
        line.get_sketch_params(),
        tuple(map(id, line.get_path_effects())),
        line.get_url(),
        line.get_gid(),
        line.get_drawstyle(),
        _hashable(line._markevery),
        marker.get_marker() if marker else None,
        marker.get_fillstyle() if marker else None,
        marker.get_transform().get_matrix().tobytes() if marker else None,
        line._markersize,
        line._markeredgewidth,
        _hashable(line._markeredgecolor),
        _hashable(line._markerfacecolor),
        _hashable(line._markerfacecoloralt),
    )


def _hashable(value):
    """``value`` as something that compares by value (colours and dash patterns may be arrays or lists)."""
    if isinstance(value, np.ndarray):
        return ("array", value.shape, value.tobytes())
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    return value
