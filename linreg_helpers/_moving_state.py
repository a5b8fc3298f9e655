"""What a moving artist draws and where, so that a frame redraws only the panels whose moving artists changed.

:class:`~linreg_helpers._canvas.Blitter` draws a frame as the cached background plus every moving
artist. When a learner switches the loss curve's x axis, only that panel's moving artists change,
yet the paths on the contours and the 3D surface were stroked again: on the batch-size dashboard at
a high learning rate, the three SGD paths cost 10–50 ms a frame. With :func:`moving_state` (what an
artist would draw) and :func:`ink_box` (the pixels it may touch) the blitter leaves a panel whose
moving artists all draw what they drew last frame as it is on the screen.
"""

from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist
from matplotlib.collections import Collection
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.spines import Spine
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__: list[str] = []  # private module

PAD = 1
"""Pixels around an axes' box that an artist clipped to it may still touch (the clip box's rounding); a
spine adds half its width."""


def array_key(values) -> tuple:
    """A hashable digest of an array's shape and bytes."""
    a = np.ascontiguousarray(np.asarray(values, dtype=float) if not isinstance(values, np.ndarray) else values)
    return a.shape, hash(a.tobytes())


def _colour(c) -> tuple:
    return array_key(c) if c is not None and not isinstance(c, str) else (c,)


def moving_state(artist: Artist) -> tuple | object:
    """A hashable description of what ``artist`` draws: equal states draw the same pixels, in the same
    axes with the same limits and view (the blitter redraws everything when those change).

    Artists of a kind not described here get a new object each time: never equal, always redrawn.
    """
    common = (
        type(artist),
        artist.get_visible(),
        artist.get_zorder(),
        artist.get_alpha(),
        artist.get_clip_on(),
        id(artist.get_transform()),
    )
    if isinstance(artist, Line2D):
        verts3d = getattr(artist, "_verts3d", None)  # a 3D line: its 2D data are only its last projection
        data = tuple(array_key(v) for v in verts3d) if verts3d is not None else array_key(artist.get_xydata())
        return (
            *common,
            data,
            _colour(artist.get_color()),
            artist.get_linewidth(),
            artist.get_linestyle(),
            repr(artist._dash_pattern),
            artist.get_drawstyle(),
            str(artist.get_marker()),
            artist.get_markersize(),
            _colour(artist.get_markerfacecolor()),
            _colour(artist.get_markeredgecolor()),
            artist.get_markeredgewidth(),
            repr(artist.get_markevery()),
            artist.get_antialiased(),
            artist.get_solid_capstyle(),
            artist.get_solid_joinstyle(),
        )
    if isinstance(artist, Text):
        box = artist.get_bbox_patch()
        return (
            *common,
            artist.get_text(),
            tuple(artist.get_position()),
            _colour(artist.get_color()),
            hash(artist.get_fontproperties()),
            artist.get_rotation(),
            artist.get_horizontalalignment(),
            artist.get_verticalalignment(),
            artist.get_linespacing(),
            None
            if box is None
            else (array_key(box.get_facecolor()), array_key(box.get_edgecolor()), box.get_linewidth()),
        )
    if isinstance(artist, Spine):  # its path follows the limits (a change of limits redraws everything)
        return (*common, artist.spine_type, array_key(artist.get_edgecolor()), artist.get_linewidth())
    if isinstance(artist, FancyArrowPatch):
        return (
            *common,
            array_key(artist._posA_posB) if artist._posA_posB is not None else None,
            array_key(artist.get_facecolor()),
            array_key(artist.get_edgecolor()),
            artist.get_linewidth(),
            artist.get_mutation_scale(),
            repr(artist.get_arrowstyle()),
            artist.get_linestyle(),
        )
    if isinstance(artist, Collection) and not hasattr(artist, "_offsets3d") and not hasattr(artist, "_vec"):
        mapped = artist.get_array()
        return (
            *common,
            tuple(array_key(p.vertices) for p in artist.get_paths()),
            array_key(artist.get_offsets()),
            array_key(artist.get_facecolor()),
            array_key(artist.get_edgecolor()),
            array_key(artist.get_linewidth()),
            array_key(artist.get_sizes()) if hasattr(artist, "get_sizes") else None,
            None if mapped is None else (array_key(mapped), artist.norm.vmin, artist.norm.vmax, artist.get_cmap().name),
        )
    return object()  # a 3D collection, an image, anything else: assume it changed


def ink_box(artist: Artist, renderer) -> Bbox | None:
    """The display box ``artist`` may draw in: its axes' box padded by :data:`PAD` for an artist clipped to
    it (or a spine of it), its measured extent for a visible text drawn unclipped; None when unknown (the
    whole figure may change)."""
    ax = artist.axes
    if not artist.get_visible():
        return Bbox.null()
    if ax is not None and isinstance(artist, Spine):
        return ax.bbox.padded(PAD + np.ceil(artist.get_linewidth() * ax.figure.dpi / 72.0 / 2.0))
    if ax is not None and _clipped_to(artist, ax):
        return ax.bbox.padded(PAD)
    if isinstance(artist, Text) and ax is not None:
        if not artist.get_text():
            return Bbox.null()
        box = artist.get_window_extent(renderer)
        patch = artist.get_bbox_patch()  # a message's round box reaches past its text by its padding
        if patch is not None and patch.get_visible():
            artist.update_bbox_position_size(renderer)
            box = Bbox.union([box, patch.get_window_extent(renderer)])
        return box.padded(PAD)
    return None


def _clipped_to(artist: Artist, ax) -> bool:
    box = artist.get_clip_box()
    return (
        artist.get_clip_on()
        and box is not None
        and artist.get_clip_path() is None
        and tuple(box.bounds) == tuple(ax.bbox.bounds)
    )
