"""A panel's first moving artists, drawn once and put back while they stay as they were.

A frame draws each panel's moving artists over the background, in zorder. Some are long lines: the
batch-size dashboard's SGD path has thousands of points and is stroked first on the contours and the
surface (the noisiest run underneath), 2–50 ms a frame. A move of the batch size leaves that run as it
was. :class:`Checkpoints` keeps a panel's pixels just after each long line is drawn (a *checkpoint*),
with what those pixels depend on: the artists drawn so far (their :func:`moving_state`), the panel's
place, limits and projection, and the background under them. When a later frame finds all of that
unchanged, it puts the pixels back and draws only the panel's remaining artists: the same pixels as
drawing them all, since the same artists are drawn over the same background in the same order.

Only panels whose moving artists draw inside known boxes (:meth:`Blitter._box`) that meet no other
panel's boxes take checkpoints: another panel's ink can never be in them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.lines import Line2D

__all__ = ["CHECKPOINT_POINTS", "Checkpoints", "is_long"]

CHECKPOINT_POINTS = 1000
"""A moving line of at least this many points is followed by a checkpoint (stroking it costs milliseconds)."""
KEPT = 3
"""Checkpoints kept per panel (each holds the panel's boxes twice: its pixels and the background's)."""


def is_long(artist: Artist) -> bool:
    """Whether ``artist`` is a line of at least :data:`CHECKPOINT_POINTS` points (3D lines: their 3D points)."""
    if not isinstance(artist, Line2D):
        return False
    verts3d = getattr(artist, "_verts3d", None)
    count = len(verts3d[0]) if verts3d is not None else len(artist.get_xdata(orig=True))
    return count >= CHECKPOINT_POINTS


def view(ax) -> tuple:
    """What a panel's moving artists' pixels depend on besides their own states: its place, limits, scales and
    (3D) projection."""
    key = (tuple(ax.bbox.bounds), tuple(ax.get_xlim()), tuple(ax.get_ylim()), ax.get_xscale(), ax.get_yscale())
    if ax.name == "3d":
        key += (ax.get_proj().tobytes(),)
    return key


@dataclass
class _Checkpoint:
    count: int  # the panel's first ``count`` moving artists (in drawing order) are drawn in ``pixels``
    states: tuple  # their moving states
    view: tuple
    boxes: tuple  # (y0, y1, x0, x1) rows and columns of the buffer
    background: list  # the background in each box
    pixels: list  # the buffer in each box


class Checkpoints:
    """The checkpoints of a :class:`~linreg_helpers._canvas.Blitter`'s panels."""

    def __init__(self) -> None:
        self._kept: dict = {}  # axes → [_Checkpoint], fewest artists first
        self.used = 0
        """Frames in which a panel's first artists were put back instead of drawn (for tests)."""

    def panels(self) -> list:
        """The axes that have checkpoints."""
        return list(self._kept)

    def retain(self, axes) -> None:
        """Forget the checkpoints of panels not in ``axes`` (the figure's panels now)."""
        self._kept = {ax: kept for ax, kept in self._kept.items() if ax in axes}

    def restore(self, ax, states: tuple, boxes: tuple, buffer: np.ndarray, background: np.ndarray) -> int:
        """Put back the checkpoint of ``ax`` with the most artists that is valid now; return how many of its
        moving artists (in drawing order, whose states are ``states``) it holds: those are not to be drawn
        again. 0 when none is valid. ``buffer`` shows the background in ``boxes``."""
        here = None
        for checkpoint in reversed(self._kept.get(ax, ())):
            if (
                checkpoint.boxes == boxes
                and checkpoint.states == states[: checkpoint.count]
                and checkpoint.view == (here := here or view(ax))
                and all(
                    np.array_equal(kept, background[y0:y1, x0:x1])
                    for kept, (y0, y1, x0, x1) in zip(checkpoint.background, boxes, strict=True)
                )
            ):
                for pixels, (y0, y1, x0, x1) in zip(checkpoint.pixels, boxes, strict=True):
                    buffer[y0:y1, x0:x1] = pixels
                self.used += 1
                return checkpoint.count
        return 0

    def keep(self, ax, count: int, states: tuple, boxes: tuple, buffer: np.ndarray, background: np.ndarray) -> None:
        """Keep ``ax``'s boxes as the buffer shows them with its first ``count`` moving artists drawn."""
        checkpoint = _Checkpoint(
            count,
            states[:count],
            view(ax),
            boxes,
            [background[y0:y1, x0:x1].copy() for y0, y1, x0, x1 in boxes],
            [buffer[y0:y1, x0:x1].copy() for y0, y1, x0, x1 in boxes],
        )
        kept = [c for c in self._kept.get(ax, ()) if c.count != count] + [checkpoint]
        self._kept[ax] = sorted(kept, key=lambda c: c.count)[-KEPT:]
