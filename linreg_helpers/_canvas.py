"""Live figures for the dashboards: a small canvas widget, blitting, and changed-pixel frames.

How a dashboard frame gets to the screen (measured by ``benchmarks/``):

1. The kernel updates the moving artists, pastes the cached static background
   and draws only the moving artists over it (``restore_region`` +
   ``draw_artist``: :class:`Blitter`).
2. :func:`frame_update` compares the new pixels with the last frame sent and
   keeps only the changed ones: runs of changed pixels along the rows and
   their new values, compressed with zlib. A frame's cost follows what moved,
   not the figure's size.
3. :class:`FigureWidget` sends that in one message. Its front end
   (``_figure.js``, loaded by ``anywidget``: no JupyterLab extension to build)
   inflates it synchronously, writes the pixels into its copy of the figure
   and puts the changed rows on the ``<canvas>``, all while handling the
   message.

Why not ipympl's canvas, which the dashboards used first: on every frame its
front end re-encodes the whole canvas with ``toDataURL`` (about 10 ms in
Chromium for a 720 × 500 figure) and loads the frame as an image from a blob
URL, which under load took 10–40 ms more before the pixels were drawn. In
JupyterLab that put about 65 ms between a key press and new pixels, against
about 40 ms now (``browser_slider_to_pixels_ms``; ``benchmarks/README.md``).

Mouse presses, drags and releases on the canvas reach matplotlib as the usual
events (decoded by matplotlib's web back end), so a 3D panel still rotates
when dragged. Figures are created without ``pyplot``: the dashboard owns its
figure, nothing is registered globally.
"""

from __future__ import annotations

import asyncio
import base64
import warnings
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axis import Axis
from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore, FigureManagerWebAgg
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.spines import Spine
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ._agg_text import TextCachingRendererAgg
from ._checkpoints import Checkpoints, is_long
from ._frames3d import Frames, set_projection
from ._moving_state import array_key, ink_box, moving_state
from ._tick_batches import draw_axis

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # anywidget's own imports, not ours to fix
    import anywidget
import traitlets

__all__: list[str] = []  # private module


def _deflate(data) -> bytes:
    """zlib-compress ``data`` fast (level 1)."""
    comp = zlib.compressobj(1, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY)
    return comp.compress(data) + comp.flush()


def frame_update(pixels: np.ndarray, last: np.ndarray | None) -> tuple[dict, list[bytes]] | None:
    """The message that turns the frame the browser shows (``last``) into ``pixels``.

    Parameters
    ----------
    pixels : ndarray, shape (h, w, 4), uint8
        The figure's RGBA pixels now.
    last : ndarray, shape (h, w), uint32, or None
        The pixels the browser shows (one uint32 per pixel, the same bytes),
        or None when it shows nothing yet.

    Returns
    -------
    None when no pixel changed; otherwise ``(meta, buffers)``:

    * a full frame, ``meta["full"]`` True: one buffer, all RGBA rows
      compressed with zlib;
    * a diff, ``meta["full"]`` False: the changed pixels as runs along the
      rows (pixel index ``start`` and ``length``, as uint32 pairs) and their
      new RGBA values, each compressed with zlib; ``meta`` gives the numbers of
      runs and values and the band of rows ``[row0, row1)`` they touch.
      Only changed pixels are sent: their cost, not the figure's size, sets
      the frame's.
    """
    w = pixels.shape[1]
    buff = pixels.view(np.uint32)[:, :, 0]
    if last is None or last.shape != buff.shape:
        return {"full": True}, [_deflate(np.ascontiguousarray(pixels).data)]
    changed = buff != last
    rows = np.flatnonzero(changed.any(axis=1))
    if rows.size == 0:
        return None
    # only the band of rows with a change is scanned for runs (a frame's moving artists seldom span the figure)
    row0, row1 = int(rows[0]), int(rows[-1]) + 1
    band = np.zeros((row1 - row0) * w + 2, dtype=bool)
    band[1:-1] = changed[row0:row1].ravel()
    edges = np.flatnonzero(band[1:] != band[:-1]) + row0 * w
    starts, stops = edges[0::2], edges[1::2]
    runs = np.empty(edges.size, dtype=np.uint32)
    runs[0::2] = starts
    runs[1::2] = stops - starts
    values = buff[row0:row1].ravel()[band[1:-1]]
    meta = {
        "full": False,
        "runs": int(starts.size),
        "values": int(values.size),
        "rows": [int(starts[0] // w), int((stops[-1] - 1) // w + 1)],
    }
    return meta, [_deflate(runs.data), _deflate(values.data)]


_ESM = (Path(__file__).parent / "_figure.js").read_text(encoding="utf-8")

_CSS = """
.lh-figure { line-height: 0; }
.lh-figure canvas { display: block; touch-action: none; max-width: 100%; height: auto; }
.lh-figure-fallback { display: none !important; }
.lh-figure canvas:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.lh-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.lh-lecture { --lh-text: max(18px, 2.7vh); font-size: var(--lh-text); }
.lh-lecture .widget-label, .lh-lecture .widget-readout, .lh-lecture button, .lh-lecture select,
.lh-lecture .widget-html-content, .lh-lecture .widget-html-content *, .lh-lecture .widget-checkbox label {
  font-size: var(--lh-text) !important; line-height: 1.25 !important;
}
.lh-lecture .widget-inline-hbox, .lh-lecture .widget-button, .lh-lecture .widget-toggle-button, .lh-lecture select {
  height: auto !important;
}
.lh-lecture .widget-hslider { flex-wrap: wrap; }
.lh-lecture .widget-hslider > .widget-label, .lh-lecture .widget-dropdown > .widget-label {
  flex: 0 0 100%; max-width: none !important; width: auto !important; text-align: left; height: auto;
}
.lh-lecture .widget-dropdown { flex-wrap: wrap; }
.lh-lecture .widget-hslider.lh-short-label { flex-wrap: nowrap; }
.lh-lecture .widget-hslider.lh-short-label > .widget-label { flex: 0 0 auto; margin-right: 0.3em; }
.lh-lecture .widget-toggle-button { width: auto !important; min-width: 5em; }
.lh-lecture .widget-html-content span { white-space: normal !important; }
.lh-lecture .widget-hslider .slider-container { flex: 1 1 0; min-width: 0; }
.lh-lecture .widget-readout { width: auto !important; min-width: 4.5em; }
.lh-lecture .widget-slider .noUi-handle { width: 1em !important; height: 1em !important; top: -0.4em !important; }
.lh-lecture .widget-slider .noUi-target { height: 0.35em !important; }
.lh-lecture .lh-figure canvas {
  width: 100% !important; height: auto !important; max-height: calc(89.5vh - 155px);
  object-fit: contain; object-position: left top;
}
"""
# The last rule hides the static stand-in (:func:`fallback_html`): anywidget puts this CSS on the
# page only when its front end is there and loads our module, i.e. exactly when the live figure works.

FALLBACK_CLASS = "lh-figure-fallback"
DASHBOARD_CLASS = "lh-dashboard"
"""Marks a dashboard's box; the figure's front end looks under it for log-scale sliders."""
LOG_SLIDER_CLASS = "lh-log-slider"
"""Marks a FloatLogSlider: the front end sets its handle's aria-valuetext to the value it shows."""
SHORT_LABEL_CLASS = "lh-short-label"
"""Marks a slider whose label is short: in lecture mode the label stays on the slider's line (the CSS above)."""
LECTURE_CLASS = "lh-lecture"
"""Marks a dashboard in lecture mode: larger controls, slider handles and read-out (the CSS above)."""
FALLBACK_DELAY_S = 2.0
"""The stand-in stays collapsed this long, so that a working page never shows it even briefly."""


def front_end_requirement() -> str:
    """The front end the live figure needs, as a learner would install it (``anywidget==0.11.*``)."""
    major, minor = anywidget.__version__.split(".")[:2]
    return f"anywidget=={major}.{minor}.*"


def fallback_html(png: bytes) -> str:
    """A static picture of the figure and one sentence on what is missing, for a page whose
    JupyterLab (or Notebook, or hub) lacks the live figure's front end, or has another version.

    It is shown after :data:`FALLBACK_DELAY_S` unless the live figure's CSS hides it first.
    """
    need = front_end_requirement()
    sentence = (
        "The live figure cannot be shown: the Jupyter front end here lacks anywidget's extension "
        f"in the kernel's version ({anywidget.__version__}). Install it where JupyterLab runs "
        f'(<code>pip install "{need}"</code>), then reload the page. '
        "Until then, this is the figure at its starting values; the sliders do not redraw it."
    )
    image = base64.b64encode(png).decode("ascii")
    return (
        f"<style>@keyframes lh-reveal {{ from {{ max-height: 0; }} to {{ max-height: 4000px; }} }}</style>"
        f"<div role='note' style='overflow: hidden; animation: lh-reveal 0s linear {FALLBACK_DELAY_S:g}s both;'>"
        f"<p style='margin: 4px 0; padding: 6px 8px; border-left: 4px solid #b35806; background: #fff7ec;'>"
        f"⚠ {sentence}</p>"
        f"<img alt='The dashboard figure at its starting values (static picture)' "
        f"src='data:image/png;base64,{image}' style='max-width: 100%; height: auto;'></div>"
    )


_REDRAW_DELAY = 0.02  # seconds: see FigureWidget._schedule_draw

_MOUSE = {"button_press", "button_release", "motion_notify", "dblclick", "figure_enter", "figure_leave"}


class FigureWidget(anywidget.AnyWidget):
    """The widget that shows a live figure in the notebook (one ``<canvas>``).

    It plays the part of the browser connection for matplotlib's web back
    end: :meth:`send_json` receives the back end's events, frames go out with
    :meth:`send_frame`. Until a view has said it is ready, the latest frame is
    kept as ``_snapshot`` (its RGBA rows, zlib-compressed) instead, for the view
    to show as soon as it appears.
    """

    _esm = _ESM
    _css = _CSS
    _snapshot = traitlets.Bytes(b"").tag(sync=True)  # a full frame: zlib-compressed RGBA rows
    _snapshot_size = traitlets.List([0, 0, 1]).tag(sync=True)
    alt = traitlets.Unicode("A live figure.").tag(sync=True)
    """The figure's text alternative: the view's ``aria-label`` (``role="img"``), also announced politely."""

    def __init__(self, canvas: FigureCanvasWebAggCore) -> None:
        super().__init__()
        self.canvas = canvas
        self.attached = False
        """True once a browser view is showing the figure (frames are then sent to it)."""
        self._draw_pending = False
        self._dragged_axes = None
        self.on_msg(self._on_message)

    # -------------------------------------------------- from the browser
    def _on_message(self, _widget, content: dict, _buffers) -> None:
        kind = content.get("type")
        canvas = self.canvas
        if kind == "ready":
            self.attached = True
            canvas._force_full = True
            if canvas._last_buff.size == 0:
                canvas.draw()
            else:
                canvas._png_is_old = True
                canvas.manager.refresh_all()
        elif kind == "rotate":
            self.rotate(content.get("azim", 0.0), content.get("elev", 0.0))
        elif kind == "set_device_pixel_ratio" or kind in _MOUSE:
            if kind == "button_press":  # a drag that starts on a 3D panel changes only that panel
                xy = (content.get("x", 0), canvas.get_renderer().height - content.get("y", 0))
                hits = [ax for ax in canvas.figure.axes if ax.name == "3d" and ax.contains_point(xy)]
                self._dragged_axes = hits[0] if hits else None
            elif kind == "button_release":
                self._dragged_axes = None
            canvas.handle_event(content)

    def rotate(self, azim: float, elev: float) -> bool:
        """Turn the figure's first 3D panel by ``azim`` and ``elev`` degrees (the arrow keys).

        Parameters
        ----------
        azim, elev : float
            The change of azimuth and elevation in degrees; the elevation stays within ±90.

        Returns
        -------
        bool
            False if the figure has no 3D panel (nothing turns).
        """
        panels = [ax for ax in self.canvas.figure.axes if ax.name == "3d"]
        if not panels or not (np.isfinite(azim) and np.isfinite(elev)):
            return False
        ax = panels[0]
        ax.view_init(elev=float(np.clip(ax.elev + elev, -90.0, 90.0)), azim=ax.azim + azim, roll=ax.roll)
        self._dragged_axes = ax
        self._draw_now()
        self._dragged_axes = None
        return True

    # ------------------------------------------ from matplotlib's back end
    def send_json(self, content: dict) -> None:
        """Events from matplotlib's web back end; only "draw" (= ``draw_idle``) needs an answer."""
        if content.get("type") == "draw":
            self._schedule_draw()

    def _schedule_draw(self) -> None:
        """Draw soon (once, however many requests arrive meanwhile), or now outside an event loop.

        Dragging a 3D panel asks for a redraw on every mouse move; the short delay lets the
        moves that arrive meanwhile (one per animation frame) be handled first, so one redraw
        serves them all and the view does not lag behind the mouse. During such a drag only
        the dragged panel is redrawn (:meth:`Blitter.redraw_axes`).
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._draw_now()
            return
        if not self._draw_pending:
            self._draw_pending = True
            loop.call_later(_REDRAW_DELAY, self._draw_now)

    def _draw_now(self) -> None:
        self._draw_pending = False
        blitter = getattr(self.canvas, "blitter", None)
        if self._dragged_axes is not None and blitter is not None:
            blitter.redraw_axes(self._dragged_axes)
        else:
            self.canvas.draw()

    # --------------------------------------------------------- to the browser
    def send_frame(self, meta: dict, buffers: list[bytes], size: tuple[int, int]) -> None:
        """Send one frame (see :func:`frame_update`) for a figure of ``size`` = (width, height) pixels."""
        content = {
            "type": "frame",
            **meta,
            "width": size[0],
            "height": size[1],
            "ratio": self.canvas.device_pixel_ratio,
        }
        self.send(content, buffers=buffers)


class _Manager(FigureManagerWebAgg):
    """matplotlib's web figure manager, sending changed pixels to a :class:`FigureWidget`."""

    def refresh_all(self) -> None:
        canvas = self.canvas
        if not canvas._png_is_old:
            return
        canvas._png_is_old = False
        pixels = np.asarray(canvas.get_renderer().buffer_rgba())
        size = (pixels.shape[1], pixels.shape[0])
        widget: FigureWidget = canvas.widget
        # A full frame until a view is attached (kept for the first one to show), or when forced.
        last = canvas._last_buff if widget.attached and not canvas._force_full else None
        frame = frame_update(pixels, last)
        canvas._force_full = not widget.attached
        if frame is None:
            return
        if canvas._last_buff.shape != pixels.shape[:2]:
            canvas._last_buff = pixels.view(np.uint32)[:, :, 0].copy()
        else:
            np.copyto(canvas._last_buff, pixels.view(np.uint32)[:, :, 0])
        meta, buffers = frame
        if widget.attached:
            widget.send_frame(meta, buffers, size)
        else:
            widget._snapshot_size = [size[0], size[1], canvas.device_pixel_ratio]
            widget._snapshot = buffers[0]


class _Canvas(FigureCanvasWebAggCore):
    manager_class = _Manager

    def get_renderer(self):
        """Agg's renderer for the figure's size, one that draws each text from remembered glyphs
        (:class:`~linreg_helpers._agg_text.TextCachingRendererAgg`)."""
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = TextCachingRendererAgg(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def new_live_figure(figsize: tuple[float, float], dpi: float = 72) -> Figure:
    """A figure whose canvas shows in the notebook as ``figure.canvas.widget``; not registered with pyplot.

    Works in a kernel (the widget is live) and outside one (its messages go
    nowhere), so tests and benchmarks run the same code as a notebook.
    """
    fig = Figure(figsize=figsize, dpi=dpi, layout=None)
    canvas = _Canvas(fig)
    _Manager(canvas, num=id(fig))
    canvas.widget = FigureWidget(canvas)
    canvas.manager.web_sockets.add(canvas.widget)
    return fig


def _artist_state(artist: Artist) -> tuple:
    """What an artist of a panel's static part draws, as far as the dashboards change it."""
    common = (type(artist).__name__, artist.get_visible(), artist.get_zorder(), artist.get_alpha())
    if isinstance(artist, Line2D):
        return (
            *common,
            array_key(artist.get_xydata()),
            str(artist.get_color()),
            artist.get_linewidth(),
            artist.get_linestyle(),
            str(artist.get_marker()),
            artist.get_markersize(),
            str(artist.get_markerfacecolor()),
            artist.get_transform() is artist.axes.transData if artist.axes is not None else None,
        )
    if isinstance(artist, Text):
        return (
            *common,
            artist.get_text(),
            artist.get_position(),
            str(artist.get_color()),
            artist.get_fontsize(),
            artist.get_rotation(),
            artist.get_fontweight(),
        )
    if isinstance(artist, Spine):  # its path follows the limits (set at draw time; the limits are in the state)
        return (
            *common,
            artist.spine_type,
            str(artist.get_position()),
            tuple(artist.get_edgecolor()),
            artist.get_linewidth(),
        )
    if isinstance(artist, Patch):  # an axes' background, a box
        return (
            *common,
            array_key(artist.get_path().vertices),
            array_key(artist.get_patch_transform().get_matrix()),
            tuple(artist.get_facecolor()),
            tuple(artist.get_edgecolor()),
            artist.get_linewidth(),
        )
    if isinstance(artist, Legend):
        return (
            *common,
            tuple(t.get_text() for t in artist.get_texts()),
            artist._loc,
            artist.get_bbox_to_anchor().bounds,
        )
    if isinstance(artist, Collection):
        faces = getattr(
            artist, "_faces", None
        )  # a 3D collection: its 3D faces and colours (the 2D ones are projections)
        if faces is not None:
            mapped = artist.get_array()
            if mapped is not None:  # coloured by a colour map, as a draw will (its colours are set when drawn)
                norm = artist.norm
                return (*common, array_key(faces), array_key(mapped), norm.vmin, norm.vmax, artist.get_cmap().name)
            colors = (getattr(artist, "_facecolor3d", None), getattr(artist, "_edgecolor3d", None))
            return (*common, array_key(faces), *(array_key(c) for c in colors if c is not None))
        return (
            *common,
            tuple(array_key(p.vertices) for p in artist.get_paths()),
            array_key(artist.get_offsets()),
            array_key(artist.get_facecolor()),
            array_key(artist.get_edgecolor()),
        )
    return (*common, id(artist))


def static_state(ax, moving: Iterable[Artist] = ()) -> tuple:
    """A hashable description of everything ``ax`` draws apart from the ``moving`` artists.

    Two equal states draw the same pixels (in the same place of the same figure): limits,
    scales, ticks, labels, the 3D view, and each static artist's data, text and style.
    ``Blitter`` reuses a panel's picture drawn in an equal state instead of drawing it again.
    """
    moving_ids = set(map(id, moving))
    if ax.get_aspect() != "auto":  # where an equal-aspect panel sits depends on its limits: as a draw places it
        ax.apply_aspect()
    axes = [ax.xaxis, ax.yaxis] + ([ax.zaxis] if hasattr(ax, "zaxis") else [])
    state = [
        tuple(round(v, 9) for v in ax.get_position().bounds),  # (apply_aspect's last digits vary)
        tuple(ax.figure.bbox.bounds),  # the same fractions of a resized figure (lecture mode widens it) differ
        ax.get_visible(),
        tuple(
            (a.get_scale(), tuple(a.get_view_interval()), a.label.get_text(), array_key(a.get_majorticklocs()))
            for a in axes
        ),
        tuple(t.get_text() for t in (ax.title, ax._left_title, ax._right_title)),
        tuple(getattr(ax, k, None) for k in ("elev", "azim", "roll")),
    ]
    for child in ax.get_children():
        if id(child) not in moving_ids and isinstance(child, (Line2D, Text, Legend, Collection, Patch)):
            state.append(_artist_state(child))
        elif id(child) not in moving_ids and not isinstance(child, Axis):
            state.append((type(child).__name__, id(child), child.get_visible()))
    return tuple(state)


def _settle_titles(fig: Figure) -> None:
    """Keep each axes' title where the full draw just put it, unless something may push it up.

    Matplotlib places a title anew at every draw of its axes, measuring the y axis's ticks and
    labels (to move the title above an offset text such as ``1e6``): as long as the rest of the
    axes' drawing, most of a loss curve's redraw. A title with no top ticks, no top label and no
    offset text under it stays at the top of its axes, where the draw left it; the measuring is
    switched off until a full draw shows an offset text (then it is switched on again).
    """
    for ax in fig.axes:
        offset = ax.yaxis.offsetText
        settled = (
            ax.xaxis.get_ticks_position() not in ("top", "unknown")
            and ax.xaxis.get_label_position() != "top"
            and not (offset.get_visible() and offset.get_text())
        )
        ax._autotitlepos = not settled  # matplotlib's own switch (False once a title's y is given)


def _measure_tick_labels_once(fig: Figure) -> None:
    """Let each 2D axis of ``fig`` draw with :func:`~linreg_helpers._tick_batches.draw_axis`: matplotlib's
    ``Axis.draw`` with its tick lines in batches, its ticks worked out once and its tick labels measured once.

    Matplotlib's ``Axis.draw`` measures the tick labels (to place an offset text), then moves the
    axis label clear of them with ``_get_tick_boxes_siblings``, which works the ticks out again and
    measures them again: a sixth of a loss curve's redraw. The second measuring is the first's
    result when no other axes' labels are aligned with this one (``Figure.align_labels``), since
    nothing changes in between; then it is reused. Only while the axis draws, so any other caller
    measures as usual. A rasterized or filtered axis draws as matplotlib draws it.
    """
    for ax in fig.axes:
        if ax.name == "3d":
            continue
        for axis in (ax.xaxis, ax.yaxis):
            if "draw" not in vars(axis):
                _draw_in_batches(axis)


def _draw_in_batches(axis) -> None:
    own_draw = axis.draw

    def draw(renderer):
        if axis.get_rasterized() or axis.get_agg_filter() is not None:
            own_draw(renderer)
        else:
            draw_axis(axis, renderer)  # the same pixels, the tick lines in batches

    axis.draw = draw


def _overlap(a: tuple, b: tuple) -> bool:
    """Whether two pixel boxes (rows y0:y1, columns x0:x1) share a pixel."""
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _ink_extent(before: np.ndarray, after: np.ndarray) -> Bbox | None:
    """The box (display pixels, origin at the bottom, padded by 2) of the pixels that differ between two
    RGBA buffers of shape (height, width, 4): where a panel just drew. None if none differ."""
    height, width = before.shape[:2]
    # one uint32 per pixel: a quarter of the comparisons, and no reduction over the channels
    differ = np.ascontiguousarray(before).view(np.uint32).reshape(height, width) != np.ascontiguousarray(after).view(
        np.uint32
    ).reshape(height, width)
    rows = np.flatnonzero(differ.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(differ[rows[0] : rows[-1] + 1].any(axis=0))
    return Bbox([[cols[0], height - rows[-1] - 1], [cols[-1] + 1, height - rows[0]]]).padded(2)


INK_MARGIN = 0.5
"""Pixels by which a panel's extent may reach past its place before it is drawn in full instead: a tight box
that ends a hundredth of a pixel into the next column (539.99 for a place from column 540) inks nothing there."""


def _inside(extent: Bbox, place: tuple[int, int, int, int], height: int) -> bool:
    """True if ``extent`` (display pixels, origin at the bottom, padded by 2) without its padding lies in
    ``place`` (columns x0:x1, rows y0:y1 of a buffer ``height`` rows high, top row 0)."""
    x0, x1, y0, y1 = place
    ink = extent.padded(-2)  # the extents are padded by 2 pixels
    return ink.x0 >= x0 and ink.x1 <= x1 and height - ink.y1 >= y0 and height - ink.y0 <= y1


def _positions(fig: Figure) -> tuple:
    """Where ``fig``'s panels are placed (figure fractions, before an equal aspect shrinks one), in its order of
    axes: a layout moves them, new limits of an equal-aspect panel do not."""
    return tuple(tuple(ax.get_position(original=True).bounds) for ax in fig.axes)


def _face_pixel(fig: Figure) -> np.ndarray:
    """The figure's background colour as one RGBA pixel (uint8), as a panel's place is wiped to."""
    return np.round(np.asarray(fig.get_facecolor()) * 255).astype(np.uint8)


def _repaint(pixels: np.ndarray, drawn_in: tuple, place: tuple, face: np.ndarray) -> np.ndarray:
    """``place``'s pixels from a picture ``pixels`` of the place ``drawn_in``: the pixel ``face`` (the
    figure's colour), and the picture where the two places overlap."""
    x0, x1, y0, y1 = place
    a0, a1, b0, b1 = drawn_in
    out = np.empty((y1 - y0, x1 - x0, 4), dtype=np.uint8)
    out[...] = face
    c0, c1, r0, r1 = max(x0, a0), min(x1, a1), max(y0, b0), min(y1, b1)
    if c0 < c1 and r0 < r1:
        out[r0 - y0 : r1 - y0, c0 - x0 : c1 - x0] = pixels[r0 - b0 : r1 - b0, c0 - a0 : c1 - a0]
    return out


class Blitter:
    """Redraw only the moving artists of a figure over a cached background.

    Parameters
    ----------
    figure : Figure
    artists : iterable of Artist
        The moving artists; they are marked ``animated`` so full redraws
        leave them out of the cached background.
    """

    def __init__(self, figure: Figure, artists: Iterable[Artist] = ()) -> None:
        self.figure = figure
        self.canvas = figure.canvas
        self.artists: list[Artist] = []
        self._background = None
        self.full_draws = 0
        self.panel_draws = 0  # panels drawn alone (refresh_axes), not copied from a remembered picture
        self.blits = 0
        self.enabled = True
        self._without: tuple | None = None  # (axes, the static figure without that axes)
        self._kept: tuple | None = None  # (axes, its own draw): see keep_background_without
        self._fresh_without: tuple | None = None  # the copy made during the full draw under way
        self._extents: dict = {}  # axes → its tight box (padded) as last drawn, measured when first needed
        self._places: dict = {}  # axes → {static state: its place's pixels}, see refresh_axes; emptied by a full draw
        self._drawn: dict = {}  # axes → its static state as the background shows it, see changed_axes
        self._drawn_figure: tuple | None = None  # what the figure draws outside its axes, as last drawn in full
        self._drawn_positions: tuple | None = None  # where its panels were, as last drawn in full
        self._figure_ink: list | None = None  # the extents of what the figure draws outside its axes (a legend)
        self._found_states: dict = {}  # axes → static state, as changed_axes found them, until the next update
        self.frames = Frames(static_state)  # 3D panels' frames by look, see _draw_partial; emptied by a full draw
        self.checkpoints = Checkpoints()  # panels' first moving artists as drawn, see _draw_animated
        self._shown: dict | None = None  # axes → (its moving artists' states, their ink's pixel box), see update
        self._before: tuple | None = None  # (last frame's pixels, its _shown, boxes refreshed since) during refreshes
        self.panels_left = 0  # panels whose moving artists a frame left as they were (see update)
        for a in artists:
            self.add(a)
        self.canvas.mpl_connect("draw_event", self._on_draw)
        self.canvas.blitter = self  # FigureWidget redraws a dragged 3D panel through it

    def add(self, artist: Artist) -> Artist:
        """Register a moving artist and return it."""
        artist.set_animated(True)
        self.artists.append(artist)
        return artist

    def lift_static_above(self) -> list[Artist]:
        """Make the static artists that a full draw puts **above** a moving artist move with it.

        A blit draws the moving artists over the cached background, so a static artist of a
        higher zorder in the same 2D axes (a legend, the data points over the residuals) would
        end up under them, unlike in a full draw. Such artists are redrawn with every frame
        instead (registered as moving, drawn in zorder), so a frame and a full redraw agree.
        The axes' frame (spines, zorder 2.5) is one of them: a curve that starts on it stays under it.
        3D axes are left alone: their surface stays in the background and the paths, drawn by
        zorder (``computed_zorder = False``), go over it. Call it once the panels are built.
        Legends are the exception: drawing one costs more than all the moving lines together
        (8–22 ms, glyph by glyph), so a legend is instead put just **under** the moving artists
        (in a frame and in a full redraw alike) and stays in the cached background; the panels
        place their legends where the moving artists seldom go. Returns the artists lifted.
        """
        lifted = []
        moving = set(map(id, self.artists))
        for ax in self.figure.axes:
            if ax.name == "3d":
                continue
            own = [a for a in self.artists if getattr(a, "axes", None) is ax]
            if not own:
                continue
            lowest = min(a.get_zorder() for a in own)
            legend = ax.get_legend()
            if legend is not None and id(legend) not in moving and legend.get_zorder() > lowest:
                legend.set_zorder(lowest - 0.05)  # under every moving artist, above the grid
            candidates = [*ax.collections, *ax.lines, *ax.patches, *ax.texts, *ax.spines.values()]
            for a in candidates:
                if id(a) not in moving and a.get_visible() and a.get_zorder() > lowest:
                    lifted.append(self.add(a))
        return lifted

    def _on_draw(self, event) -> None:
        if not self.enabled:  # e.g. savefig to a file: not the screen's buffer
            self._shown = None  # (it may have drawn into the screen's buffer all the same)
            return
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._without, self._fresh_without = self._fresh_without, None
        self._extents = {}
        self._places = {}  # the pixels of another figure (size, style, neighbours' extents)
        self.frames.clear()
        self.checkpoints.retain(self.figure.axes)  # (the others are checked against the new background)
        self._drawn = {ax: static_state(ax, self.artists) for ax in self.figure.axes}
        self._drawn_figure = self._figure_state()
        self._drawn_positions = _positions(self.figure)
        self._figure_ink = None  # (measured when a panel's place is first needed)
        _settle_titles(self.figure)
        _measure_tick_labels_once(self.figure)
        self.full_draws += 1
        states, boxes = self._moving_states(), self._boxes()
        self._draw_animated(states=states, boxes=boxes)
        self._record_shown(states, boxes)

    def _draw_animated(
        self,
        artists: Iterable[Artist] | None = None,
        states: dict | None = None,
        boxes: dict | None = None,
        checkpoints: bool = True,
    ) -> None:
        """Draw the moving ``artists`` (all of them by default) over the buffer, which shows the background
        where they draw; ``states``, ``boxes``: :meth:`_moving_states` and :meth:`_boxes`, if worked out already.

        A panel's first artists that a checkpoint holds unchanged are put back, not drawn (:mod:`._checkpoints`);
        ``checkpoints=False``: every artist drawn, no checkpoint kept (a picture drawn aside, for a test).
        """
        # by zorder, as a full draw orders each axes' artists (a stable sort: ties keep the order
        # they were added in), so a frame and a full redraw of the same state are the same picture
        renderer = self.canvas.get_renderer()  # (Figure.draw_artist would look it up for each artist)
        ordered = sorted(self.artists if artists is None else artists, key=lambda a: a.get_zorder())
        plan = self._checkpoint_plan(ordered, states, boxes) if checkpoints else {}
        skip, after = set(), {}  # artists put back; artist → (its panel, how many of the panel's it completes)
        if plan:
            buffer, background = np.asarray(renderer.buffer_rgba()), np.asarray(self._background)
            for ax, (order, panel_states, boxes) in plan.items():
                done = self.checkpoints.restore(ax, panel_states, boxes, buffer, background)
                skip.update(map(id, order[:done]))
                after.update({id(a): (ax, i + 1) for i, a in enumerate(order) if i >= done and is_long(a)})
        for a in ordered:
            if id(a) in skip:
                continue
            if a.get_visible() and a.figure is not None:
                a.draw(renderer)
            if id(a) in after:
                ax, count = after[id(a)]
                _, panel_states, boxes = plan[ax]
                self.checkpoints.keep(ax, count, panel_states, boxes, buffer, background)

    def _checkpoint_plan(self, ordered: list, states: dict | None, boxes: dict | None) -> dict:
        """The panels among ``ordered``'s that may use checkpoints: each with a long moving line (:func:`is_long`)
        or a checkpoint, and boxes that meet no other panel's. By axes: (its moving artists in drawing order,
        their states, its boxes)."""
        if self._background is None:
            return {}
        groups = self._groups()
        candidates = {a.axes for a in ordered if a.axes is not None and is_long(a)}
        candidates.update(ax for ax in self.checkpoints.panels() if ax in groups)
        candidates &= {a.axes for a in ordered}
        if not candidates:
            return {}
        states = self._moving_states() if states is None else states
        boxes = self._boxes() if boxes is None else boxes
        plan = {}
        for ax in candidates:
            if ax is None or boxes[ax] is None or not boxes[ax]:
                continue
            if any(
                b is None or _overlap(x, y)
                for other, b in boxes.items()
                if other is not ax
                for x in boxes[ax]
                for y in (b or ())
            ):
                continue
            state_of = dict(zip(map(id, groups[ax]), states[ax], strict=True))
            order = [a for a in ordered if a.axes is ax]
            if len(order) != len(groups[ax]):
                continue  # only some of the panel's artists are drawn: it is not drawn afresh over its background
            plan[ax] = (order, tuple(state_of[id(a)] for a in order), boxes[ax])
        return plan

    def invalidate(self) -> None:
        """Forget the background: the next :meth:`update` redraws everything."""
        self._background = None
        self._without = None
        self._shown = None
        self._before = None

    # ----------------------------------------------- panels whose moving artists did not change
    def _groups(self) -> dict:
        """The moving artists by axes (None: the figure's own), in the order they were added."""
        groups: dict = {}
        for a in self.artists:
            groups.setdefault(a.axes, []).append(a)
        return groups

    def _box(self, artists, renderer) -> tuple | None:
        """The pixel boxes ``artists`` may draw in, each as rows y0:y1 and columns x0:x1 of the buffer (top row
        0): their axes' box (padded) and any unclipped text's extent; None if unknown."""
        found = [ink_box(a, renderer) for a in artists]
        if any(b is None for b in found):
            return None
        height, width = renderer.height, renderer.width
        boxes = set()
        for b in found:
            if b.width > 0 and b.height > 0:
                y0, y1 = int(np.floor(height - b.y1)), int(np.ceil(height - b.y0))
                x0, x1 = int(np.floor(b.x0)), int(np.ceil(b.x1))
                boxes.add((max(y0, 0), min(y1, height), max(x0, 0), min(x1, width)))
        return tuple(sorted(boxes))

    def _boxes(self) -> dict:
        """Each panel's moving artists' boxes (:meth:`_box`), by axes."""
        renderer = self.canvas.get_renderer()
        return {ax: self._box(arts, renderer) for ax, arts in self._groups().items()}

    def _moving_states(self) -> dict:
        """Each panel's moving artists' states (:func:`moving_state`), by axes."""
        return {ax: tuple(moving_state(a) for a in arts) for ax, arts in self._groups().items()}

    def _record_shown(self, states: dict | None = None, boxes: dict | None = None) -> None:
        """Note what every panel's moving artists show now that the buffer shows them all (``states``, ``boxes``:
        their :meth:`_moving_states` and :meth:`_boxes`, if worked out already this frame)."""
        self._before = None
        states = self._moving_states() if states is None else states
        boxes = self._boxes() if boxes is None else boxes
        self._shown = {ax: (states[ax], boxes[ax]) for ax in self._groups()}

    def _draw_changed_panels(self, states: dict) -> bool:
        """Draw the frame by redrawing only the panels whose moving artists changed since the last frame, each
        over its own box of the background; False (nothing drawn) when that cannot be done exactly.

        It can when every moving artist's pixels lie in a known box (clipped to its axes, a spine, a text's
        extent), and either the buffer shows the last frame (no full draw or other draw since: ``_shown``), or
        panels were refreshed since (:meth:`refresh_axes` puts the background back everywhere) and each
        changed the background only in its place: the unchanged panels' boxes are then copied back from the
        last frame, unless they meet a refreshed place. A changed panel's box, before and after, must meet
        no unchanged panel's (that one would lose pixels: it is redrawn too). Moving artists of different
        panels do not overlap, so drawing the changed panels' artists alone, in zorder, gives the same
        pixels as drawing all of them.
        """
        before, self._before = self._before, None
        shown, last, refreshed = self._shown, None, []
        if shown is None:
            if before is None or before[1] is None or before[2] is None:
                return False
            last, shown, refreshed = before
        renderer = self.canvas.get_renderer()
        groups = self._groups()
        if shown.keys() != groups.keys():
            return False
        changed = {ax for ax in groups if states[ax] != shown[ax][0]}
        if len(changed) == len(groups):
            return False
        boxes = self._boxes()
        if any(b is None or shown[ax][1] is None for ax, b in boxes.items()):
            return False
        regions = [box for ax in changed for box in (*boxes[ax], *shown[ax][1])] + refreshed
        grown = True
        while grown:  # an unchanged panel whose box meets a region to be wiped is redrawn as well
            grown = False
            for ax in groups.keys() - changed:
                if any(_overlap(box, r) for box in boxes[ax] for r in regions):
                    changed.add(ax)
                    regions.extend(boxes[ax])
                    grown = True
        if len(changed) == len(groups):
            return False
        pixels = np.asarray(renderer.buffer_rgba())
        if last is not None:  # the refreshes put the background back everywhere: the unchanged panels as shown
            for y0, y1, x0, x1 in (box for ax in groups.keys() - changed for box in boxes[ax]):
                pixels[y0:y1, x0:x1] = last[y0:y1, x0:x1]
        background = np.asarray(self._background)
        for y0, y1, x0, x1 in regions:
            pixels[y0:y1, x0:x1] = background[y0:y1, x0:x1]
        self._draw_animated([a for ax in changed for a in groups[ax]], states, boxes)
        for ax in changed:
            shown[ax] = (states[ax], boxes[ax])
        self.panels_left += len(groups) - len(changed)
        return True

    def _figure_state(self) -> tuple:
        """What the figure draws outside its axes (its size, layout, legends and texts), and which axes it has."""
        fig = self.figure
        return (
            tuple(fig.bbox.bounds),
            fig.get_layout_engine() is not None,
            tuple(map(id, fig.axes)),
            tuple(_artist_state(a) for a in (*fig.legends, *fig.texts, *fig.patches, *fig.lines, *fig.images)),
        )

    def changed_axes(self) -> list | None:
        """The axes whose static part differs from the background's (:func:`static_state`), for
        :meth:`refresh_axes` to redraw one by one; None when only a full draw can show the change.

        A dashboard whose ``render`` says "the static part changed" without naming the panels (a new
        loss, a new data set) then costs the drawing of the panels that changed, not of all of them;
        and a panel drawn before in the same state (the loss toggled back) is a copy
        (:meth:`_restore_place`). None when there is no background, the figure was resized or has
        other axes or figure-level artists (a legend under all panels) than at the last full draw,
        or the figure has a layout engine that places the panels at each draw, or its panels moved since the last
        full draw (lecture mode lays the figure out once and keeps that layout, a place holder engine, until a
        label no longer fits: :func:`~linreg_helpers.dashboards._lecture.relabelled`).
        """
        if self._background is None or not self.enabled or self._drawn_figure is None:
            return None
        engine = self.figure.get_layout_engine()
        if engine is not None and not isinstance(engine, PlaceHolderLayoutEngine):
            return None
        if self._figure_state() != self._drawn_figure or _positions(self.figure) != self._drawn_positions:
            return None
        if self._resized():
            return None
        states = {ax: static_state(ax, self.artists) for ax in self.figure.axes}
        # refresh_axes, which comes next, looks the changed ones up among the remembered pictures with these
        self._found_states = {ax: state for ax, state in states.items() if state != self._drawn.get(ax)}
        return list(self._found_states)

    def keep_background_without(self, ax) -> None:
        """At every full draw, keep the static figure without ``ax`` (a 3D panel) for one copy's cost.

        ``ax`` is drawn last (its zorder is raised above the other panels'; panels do not overlap,
        so the picture is the same) and the figure drawn so far is copied just before it. The
        first frame of a drag of ``ax`` (:meth:`redraw_axes`) or of a change to its static part
        (:meth:`refresh_axes`) then costs only ``ax``'s own drawing, never a render of the rest.
        """
        if self._kept is not None and self._kept[0].figure is not None:
            self._kept[0].draw = self._kept[1]  # one kept panel at a time
        others = [a.get_zorder() for a in self.figure.axes if a is not ax]
        ax.set_zorder(max(others, default=0.0) + 1.0)
        own_draw = ax.draw

        def draw(renderer):
            if self.enabled and renderer is getattr(self.canvas, "renderer", None) and not self._partial:
                self._fresh_without = (ax, self.canvas.copy_from_bbox(self.figure.bbox))
            own_draw(renderer)

        ax.draw = draw
        self._kept = (ax, own_draw)

    _partial = False  # True while refresh_axes draws one panel (not a full draw)

    def refresh_axes(self, ax) -> bool:
        """Make a change confined to ``ax``'s static part (new limits, a new surface, a rotation) the
        background, redrawing only ``ax``; :meth:`update` then shows it.

        Returns False, changing nothing, when that cannot be done exactly: no background yet, or
        ``ax``'s place touches another panel's; the caller then redraws everything
        (:meth:`invalidate`).

        The panel kept by :meth:`keep_background_without` (or, failing that, ``ax`` after one render
        of the static figure without it) is drawn over the figure without it. Any other panel is
        drawn over its own place wiped to the figure's colour: the largest rectangle around it that
        no other panel's ticks, labels or title reach (measured once per full draw). Both are what a
        full draw does there, since the panels do not overlap. A full draw of a dashboard takes 4–5
        times longer (every panel's text and ticks).
        """
        if self._before is None:  # the frame's first refresh: keep the last frame for _draw_changed_panels
            last = np.asarray(self.canvas.get_renderer().buffer_rgba()).copy() if self._shown is not None else None
            self._before = (last, self._shown, [])
        self._shown = None  # the refresh puts the background back: the moving artists must be drawn again
        if self._background is None or not self.enabled or self._resized():
            return False  # a full draw (the caller's fallback) makes every kept picture anew
        self._fresh_state = None
        try:
            if not self._refresh(ax):
                return False
            self._drawn[ax] = self._drawn_state(ax)  # what the background shows now (changed_axes)
        finally:
            self._fresh_state = None
        return True

    _fresh_state = None  # (ax, its static state) as drawn or restored by the refresh under way

    def _drawn_state(self, ax) -> tuple:
        """``ax``'s :func:`static_state` as the refresh under way left it, worked out once per refresh."""
        if self._fresh_state is None or self._fresh_state[0] is not ax:
            self._fresh_state = (ax, static_state(ax, self.artists))
        return self._fresh_state[1]

    def _refresh(self, ax) -> bool:
        """:meth:`refresh_axes`'s work: a remembered picture, ``ax`` drawn in its place, or the kept panel."""
        if self._restore_place(ax):
            return True
        kept = self._kept[0] if self._kept is not None else None
        if ax is not kept and (self._without is None or self._without[0] is not ax):
            return self._refresh_in_place(ax)
        renderer = self.canvas.get_renderer()
        if self._without is None or self._without[0] is not ax:
            self.enabled = False  # this render is not the screen's background
            ax.set_visible(False)
            try:
                self.figure.draw(renderer)
                self._without = (ax, self.canvas.copy_from_bbox(self.figure.bbox))
            finally:
                ax.set_visible(True)
                self.enabled = True
        self.canvas.restore_region(self._without[1])
        self._draw_partial(ax, renderer)
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._note_refreshed(None)
        # a rotation moves its ticks and labels: its extent is where its pixels differ from the figure without it
        self._set_extent(ax, _ink_extent(np.asarray(self._without[1]), np.asarray(self._background)))
        place = self._place(ax, renderer)
        if place is not None:  # remembered if all of ``ax`` (its extent: where it drew) is in its place
            x0, x1, y0, y1 = place
            self._remember_place(ax, place, np.asarray(self._background)[y0:y1, x0:x1])
        return True

    def _resized(self) -> bool:
        """True when the figure has another size than at the last full draw (lecture mode's layout widens a
        figure whose new panels need more room): no kept picture lines up with it any more."""
        shape = np.asarray(self.canvas.get_renderer().buffer_rgba()).shape[:2]
        return np.asarray(self._background).shape[:2] != shape

    def _draw_partial(self, ax, renderer) -> None:
        """Draw ``ax`` alone, as a full draw would; a 3D panel's frame (panes, grid, ticks, labels) from a copy
        when it is drawn in a look it had before (:class:`~linreg_helpers._frames3d.Frames`)."""
        self.panel_draws += 1
        self._partial = True
        try:
            if ax.name == "3d":
                self.frames.draw(ax, renderer, self.artists)
            else:
                ax.draw(renderer)
        finally:
            self._partial = False

    def _extent(self, ax, renderer):
        """Where ``ax`` draws (display pixels, padded by 2): measured by matplotlib after a full draw, or the
        pixels its last partial redraw changed (:func:`_ink_extent`)."""
        if ax not in self._extents:
            self._extents[ax] = ax.get_tightbbox(renderer).padded(2)
        return self._extents[ax]

    def _set_extent(self, ax, extent) -> None:
        if extent is None:  # nothing drawn that differs: measure when needed
            self._extents.pop(ax, None)
        else:
            self._extents[ax] = extent

    def _place(self, ax, renderer) -> tuple[int, int, int, int] | None:
        """``ax``'s place: columns x0:x1 and rows y0:y1 of the buffer (top row 0) that only ``ax`` draws
        in (no other panel, nor the figure's own legends and texts), or None if another panel's extent or the
        figure's ink reaches into ``ax``'s own box."""
        width, height = renderer.width, renderer.height
        box = ax.bbox
        if self._figure_ink is None:  # figure-level artists change only with a full draw (changed_axes)
            fig = self.figure
            artists = (*fig.legends, *fig.texts, *fig.patches, *fig.lines, *fig.images)
            self._figure_ink = [a.get_window_extent(renderer) for a in artists if a.get_visible()]
        others = [self._extent(a, renderer) for a in self.figure.axes if a is not ax and a.get_visible()]
        others += self._figure_ink  # (lecture mode's one legend above the panels: not wiped with a panel's place)
        if any(o.overlaps(box) for o in others):
            return None
        lo_x = max([o.x1 for o in others if o.x1 <= box.x0 and o.y0 < box.y1 and o.y1 > box.y0], default=0.0)
        hi_x = min([o.x0 for o in others if o.x0 >= box.x1 and o.y0 < box.y1 and o.y1 > box.y0], default=width)
        lo_y = max([o.y1 for o in others if o.y1 <= box.y0 and o.x0 < hi_x and o.x1 > lo_x], default=0.0)
        hi_y = min([o.y0 for o in others if o.y0 >= box.y1 and o.x0 < hi_x and o.x1 > lo_x], default=height)
        x0, x1 = int(np.ceil(lo_x)), int(np.floor(hi_x))
        return x0, x1, int(np.ceil(height - hi_y)), int(np.floor(height - lo_y))

    def _refresh_in_place(self, ax) -> bool:
        renderer = self.canvas.get_renderer()
        place = self._place(ax, renderer)
        if place is None:
            return False
        if not _inside(self._extent(ax, renderer).padded(-INK_MARGIN), place, renderer.height):
            return False  # its ink as last drawn (or its tight box) reaches outside the place: wiping would leave some
        x0, x1, y0, y1 = place
        self.canvas.restore_region(self._background)
        pixels = np.asarray(renderer.buffer_rgba())
        pixels[y0:y1, x0:x1] = _face_pixel(self.figure)
        wiped = pixels.copy()
        self._draw_partial(ax, renderer)
        extent = _ink_extent(wiped, pixels)
        self._set_extent(ax, extent)  # new ticks and labels: where it drew
        inside = extent is None or _inside(extent, place, renderer.height)
        self._set_place(ax, place, pixels[y0:y1, x0:x1].copy(), only_place=inside)
        self._remember_place(ax, place, pixels[y0:y1, x0:x1])
        return True

    def _set_place(self, ax, place, new, *, only_place: bool) -> None:
        """Make ``new`` (the pixels of ``ax``'s place) part of the background, and of the figure without the
        kept panel unless ``ax`` is that panel.

        ``only_place``: the buffer shows the background everywhere else, so ``new`` is written into the kept
        copies (their pixels are writable) instead of copying the whole buffer; else the background becomes a
        copy of the buffer (``ax`` also drew outside its place, or the buffer holds the figure without ``ax``).
        """
        x0, x1, y0, y1 = place
        pixels = np.asarray(self.canvas.get_renderer().buffer_rgba())
        pixels[y0:y1, x0:x1] = new
        if only_place:
            np.asarray(self._background)[y0:y1, x0:x1] = new
            self._note_refreshed((y0, y1, x0, x1))
        else:
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._note_refreshed(None)
        if self._without is not None and self._without[0] is not ax:  # the same new pixels here
            np.asarray(self._without[1])[y0:y1, x0:x1] = new

    def _note_refreshed(self, box: tuple | None) -> None:
        """The background changed in ``box`` (rows y0:y1, columns x0:x1), or None: anywhere."""
        if self._before is not None and self._before[2] is not None:
            if box is None:
                self._before = (None, None, None)
            else:
                self._before[2].append(box)

    PLACES_KEPT = 8
    """Static pictures remembered per panel (a panel's place is about 0.4 MB; they go at each full draw)."""

    def _remember_place(self, ax, place, pixels) -> None:
        """Remember ``pixels``, ``ax``'s place as just drawn, under its static state (:func:`static_state`), with
        its extent as just drawn (for when the picture is shown again without a draw)."""
        extent = self._extents.get(ax)
        if extent is None or not _inside(extent, place, self._height()):
            return  # some of its ink lies outside its place: the picture would not show all of it
        cache = self._places.setdefault(ax, OrderedDict())
        cache[self._drawn_state(ax)] = (pixels.copy(), place, extent)
        while len(cache) > self.PLACES_KEPT:
            cache.popitem(last=False)

    def _height(self) -> int:
        return np.asarray(self.canvas.get_renderer().buffer_rgba()).shape[0]

    def _restore_place(self, ax) -> bool:
        """Show ``ax``'s static part from a remembered picture of the same static state; False if there is none.

        Learners go back and forth (the gap view on and off, one loss then another, the epochs
        back to where they were): each state is drawn once per full draw, then copied.
        """
        cache = self._places.get(ax)
        if not cache:
            return False
        renderer = self.canvas.get_renderer()
        place = self._place(ax, renderer)
        if place is None:
            return False
        state = self._found_states.pop(ax, None) or static_state(ax, self.artists)
        found = cache.get(state)
        if found is None:
            return False
        kept = self._kept[0] if self._kept is not None else None
        without_ax = self._without is not None and self._without[0] is ax
        if ax is kept and not without_ax:
            return False  # remembered only when all of ``ax`` was in its place: the figure without it is needed
        pixels, drawn_in, extent = found
        if drawn_in == place:
            new = pixels
        elif _inside(extent, place, self._height()):
            # Its place now has another size (a neighbour's extent changed): all of its ink was in the place
            # it was drawn in and is in this one, so the rest of this place is the figure's colour.
            new = _repaint(pixels, drawn_in, place, _face_pixel(self.figure))
        else:
            return False
        cache.move_to_end(state)
        self.canvas.restore_region(self._without[1] if without_ax else self._background)
        self._set_place(ax, place, new, only_place=not without_ax)
        self._set_extent(ax, extent)  # as drawn in that picture (a 3D panel's ticks sit where that draw put them)
        if ax.name == "3d":  # the moving paths are projected as its draw would have projected them
            set_projection(ax)
        self._fresh_state = (ax, state)
        return True

    def redraw_axes(self, ax) -> None:
        """Show a change confined to one axes (a 3D panel being rotated), redrawing only that axes
        (see :meth:`refresh_axes`), and blit."""
        if not self.refresh_axes(ax):
            self.canvas.draw()
            return
        self._draw_animated()
        self._record_shown()
        self.canvas.blit(self.figure.bbox)
        self.blits += 1

    def update(self) -> None:
        """Show the current state: a blit if the background is cached, else a full draw."""
        self._found_states = {}  # changed_axes's states are for the refreshes just before this frame only
        if self._background is None:
            self._before = None
            self.lift_static_above()  # a panel redrawn from scratch may bring new static artists
            self.canvas.draw()  # fires draw_event → caches background, draws artists
            return
        states = self._moving_states()
        if not self._draw_changed_panels(states):
            self.canvas.restore_region(self._background)
            boxes = self._boxes()
            self._draw_animated(states=states, boxes=boxes)
            self._record_shown(states, boxes)
        self.canvas.blit(self.figure.bbox)
        self.blits += 1
