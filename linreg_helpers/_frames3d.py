"""A 3D panel's frame drawn once per look, its surface drawn over a copy of it.

``Axes3D.draw`` first draws the panel's *frame* (background, the three panes, the grid, the axis
lines with their ticks and tick labels, the axis labels), then everything else (the surface, static
lines and texts, the title) by zorder. The frame costs two thirds of a 3D panel's drawing (about 11 of
15 ms) and depends only on the projection, the limits, the ticks and the labels: moving an outlier or
changing Huber's δ gives a new surface in the same frame. :class:`Frames` keeps, for each look of a
panel, the pixels its frame drew; a panel redrawn in a look seen before gets those pixels back and only
its surface and the rest are drawn over them (3 ms).

The frame is drawn over the figure's colour: a panel is redrawn over the figure without it or over
its own place wiped to the figure's colour (``Blitter.refresh_axes``), and no other panel draws there.
Only the pixels the frame changed are kept and put back, so the picture is the one ``Axes3D.draw``
makes. Panels whose drawing this does not reproduce (depth-sorted collections, axis drawn as in 2D,
images, rasterized artists) are drawn by ``Axes3D.draw`` as usual.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from operator import attrgetter

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axis import Axis
from matplotlib.collections import Collection
from matplotlib.image import AxesImage
from matplotlib.patches import Patch
from matplotlib.spines import Spine

__all__ = ["Frames", "set_projection"]

KEPT = 6
"""Frames kept per panel (a few hundred kB each); the least recently used goes first."""


def _drawn_over_frame(ax) -> list[Artist] | None:
    """What ``Axes3D.draw`` draws after the frame, in its order (zorder, then as listed); None when this
    module cannot reproduce how ``ax`` draws (it is then drawn as usual)."""
    if ax.name != "3d" or ax.computed_zorder or ax.axison or ax.get_axes_locator() is not None:
        return None
    if ax.get_rasterization_zorder() is not None or ax.get_rasterized() or ax.get_agg_filter() is not None:
        return None
    rest = [
        a for a in ax.get_children() if a is not ax.patch and not isinstance(a, (Spine, Axis)) and not a.get_animated()
    ]
    if any(isinstance(a, AxesImage) or a.get_rasterized() for a in rest):
        return None
    return sorted(rest, key=attrgetter("zorder"))


def set_projection(ax) -> None:
    """Work out ``ax``'s projection (``M``, ``invM``) as ``Axes3D.draw`` does first, for artists drawn over a
    picture of it without that draw (a remembered panel, a frame put back)."""
    ax._unstale_viewLim()
    ax.apply_aspect()
    ax.M = ax.get_proj()
    ax.invM = np.linalg.inv(ax.M)


def _project(ax) -> None:
    """What ``Axes3D.draw`` works out before drawing anything: the projection and each collection's and
    patch's projected vertices (not depth-sorted: ``computed_zorder`` is off)."""
    set_projection(ax)
    for a in ax._children:
        if isinstance(a, (Collection, Patch)) and a.get_visible():
            a.do_3d_projection()


class Frames:
    """The frames of the 3D panels a :class:`~linreg_helpers._canvas.Blitter` redraws, by panel and look.

    Parameters
    ----------
    look : callable
        ``look(ax, left_out)``: a hashable description of what ``ax`` draws apart from the artists in
        ``left_out`` (the Blitter's ``static_state``); with the surface and the rest left out, the frame's look.
    """

    def __init__(self, look: Callable[[object, Iterable[Artist]], tuple]) -> None:
        self._look = look
        self._kept: dict = {}  # ax → OrderedDict(look → (rows, columns, mask, pixels))
        self.reused = 0  # frames put back instead of drawn (for the tests)

    def clear(self) -> None:
        """Forget every frame (the figure was drawn anew: another size, style or layout)."""
        self._kept = {}

    def draw(self, ax, renderer, moving: Iterable[Artist]) -> None:
        """Draw ``ax`` as ``ax.draw(renderer)`` would, but its frame from a copy when it was drawn in the same look.

        ``moving`` are the artists the Blitter draws over the background (left out, as ``ax.draw`` leaves
        them out: they are animated).
        """
        rest = _drawn_over_frame(ax)
        if rest is None:
            ax.draw(renderer)
            return
        look = (self._look(ax, [*moving, *rest]), ax.get_proj().tobytes())
        pixels = np.asarray(renderer.buffer_rgba())
        kept = self._kept.setdefault(ax, OrderedDict())
        found = kept.get(look)
        if found is not None:
            kept.move_to_end(look)
            rows, columns, mask, drawn = found
            np.copyto(pixels[rows, columns], drawn, where=mask[..., None])
            _project(ax)
            self.reused += 1
        else:
            before = pixels.copy()
            animated = [a._animated for a in rest]
            for a in rest:  # left out of the frame as Axes3D.draw leaves out animated artists
                a._animated = True
            try:
                ax.draw(renderer)
            finally:
                for a, was in zip(rest, animated, strict=True):
                    a._animated = was
            self._keep(kept, look, before, pixels)
        ax._update_title_position(renderer)
        for a in rest:
            a.draw(renderer)
        ax.stale = False

    @staticmethod
    def _keep(kept: OrderedDict, look: tuple, before: np.ndarray, after: np.ndarray) -> None:
        """Keep the pixels the frame changed (the smallest rectangle holding them, and which of its pixels)."""
        changed = before.view(np.uint32)[..., 0] != after.view(np.uint32)[..., 0]
        rows, columns = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
        if rows.size == 0:
            return
        rows, columns = slice(rows[0], rows[-1] + 1), slice(columns[0], columns[-1] + 1)
        kept[look] = (rows, columns, changed[rows, columns].copy(), after[rows, columns].copy())
        while len(kept) > KEPT:
            kept.popitem(last=False)
