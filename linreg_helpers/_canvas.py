"""Live figures for the dashboards: an ipympl canvas, blitting, and fast frames.

How a dashboard frame gets to the screen (see ``benchmarks/`` and
``shared/MEASURING.md``): the kernel updates the moving artists, pastes the
cached static background, draws only the moving artists over it
(``restore_region`` + ``draw_artist``), and ``canvas.blit`` sends the browser
a PNG holding only the pixels that changed since the last frame. The PNG
encoding of that "diff" image is most of the cost, so the canvas here writes
it with zlib at level 1 instead of PIL's default level 6 (the diff is mostly
transparent zeros, so the bytes sent barely grow).

Figures are created without ``pyplot``: the dashboard owns its figure, nothing
is registered globally, and the figure is never shown twice.
"""

from __future__ import annotations

import base64
import struct
import sys
import warnings
import zlib
from collections.abc import Iterable

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

__all__: list[str] = []  # private module


def _png(raw: np.ndarray, width: int, height: int) -> bytes:
    """PNG bytes from filtered scanlines ``raw`` (``height`` rows of 1 + 4·``width`` bytes)."""
    # zlib level 1, run-length matching, a modest memLevel: on these mostly-zero diff
    # images about 2x faster than PIL's default (level 6), for a few kB more.
    # (Measured on the dashboards' real frames: benchmarks/run.py and MEASURING.md.)
    comp = zlib.compressobj(1, zlib.DEFLATED, 15, 4, zlib.Z_RLE)
    body = comp.compress(raw.data) + comp.flush()

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def encode_png(rgba: np.ndarray) -> bytes:
    """Encode an ``(h, w, 4)`` uint8 RGBA array as a PNG (filter 0, fast zlib)."""
    h, w, _ = rgba.shape
    raw = np.zeros((h, w * 4 + 1), dtype=np.uint8)
    raw[:, 1:] = rgba.reshape(h, w * 4)
    return _png(raw, w, h)


def _fast_diff_image(canvas) -> bytes | None:
    """Drop-in for ``FigureCanvasWebAggCore.get_diff_image`` with a faster encoder.

    Same protocol: a full frame when forced, resized or transparent, otherwise
    only the changed pixels (unchanged ones transparent) for the browser to
    paint over the previous frame. The diff is written straight into a reused
    scanline buffer, in one pass.
    """
    if not canvas._png_is_old:
        return None
    pixels = np.asarray(canvas.get_renderer().buffer_rgba())
    h, w, _ = pixels.shape
    buff = pixels.view(np.uint32).squeeze(2)
    last = getattr(canvas, "_last_buff", None)
    raw = getattr(canvas, "_raw_scanlines", None)
    if raw is None or raw.shape != (h, w * 4 + 1):
        raw = canvas._raw_scanlines = np.zeros((h, w * 4 + 1), dtype=np.uint8)
    rows = raw[:, 1:]  # (h, 4w) bytes, each row contiguous: fast to fill
    if canvas._force_full or last is None or buff.shape != last.shape or (pixels[:, :, 3] != 255).any():
        canvas.set_image_mode("full")
        rows[...] = pixels.reshape(h, 4 * w)
        canvas._last_buff = buff.copy()
    else:
        canvas.set_image_mode("diff")
        rows[...] = np.where(buff != last, buff, 0).view(np.uint8).reshape(h, 4 * w)
        np.copyto(last, buff)
    canvas._force_full = False
    canvas._png_is_old = False
    return _png(raw, w, h)


def _ipympl_classes():
    """ipympl's canvas and manager classes, imported without side effects.

    Importing ``ipympl`` runs ``matplotlib.use("module://ipympl...")`` when
    matplotlib is loaded, which would switch a learner's pyplot backend (say,
    ``%matplotlib inline``) behind their back. The dashboards need the classes,
    not the backend switch, so ``matplotlib.use`` is a no-op during the import.
    """
    if "ipympl.backend_nbagg" not in sys.modules:
        import matplotlib

        original = matplotlib.use
        matplotlib.use = lambda *args, **kwargs: None
        try:
            import ipympl.backend_nbagg  # noqa: F401
        finally:
            matplotlib.use = original
    module = sys.modules["ipympl.backend_nbagg"]
    return module.Canvas, module.FigureManager


def new_live_figure(figsize: tuple[float, float], dpi: float = 72) -> Figure:
    """A figure on an ipympl canvas widget, not registered with pyplot.

    Works in a kernel (the canvas is a live widget) and outside one (the
    widget's messages go nowhere), so tests and benchmarks run the same code
    as a notebook.
    """
    Canvas, FigureManager = _ipympl_classes()
    fig = Figure(figsize=figsize, dpi=dpi, layout=None)
    with warnings.catch_warnings():
        # ipympl's Toolbar passes its canvas on to traitlets, which warns about it (harmless, not ours).
        warnings.filterwarnings("ignore", message="Passing unrecognized arguments", category=DeprecationWarning)
        canvas = Canvas(fig)
        FigureManager(canvas, num=id(fig))
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.resizable = False
    canvas.toolbar_visible = "fade-in-fade-out"
    canvas.toolbar_position = "right"
    canvas.get_diff_image = _fast_diff_image.__get__(canvas)
    canvas.send_binary = _send_binary_or_keep.__get__(canvas)
    return fig


def _send_binary_or_keep(canvas, data: bytes) -> None:
    """Send a frame to the browser, or, while none is attached, keep it as the initial image.

    The dashboards draw their first frame when they are built, before the
    browser has shown them. In that state ipympl's own ``send_binary`` sends
    the raw RGBA buffer instead of the PNG (and keeps a data URL without its
    ``data:`` prefix): the browser cannot decode that first frame, its image
    breaks, and the figure stays empty for good. Instead, the frame becomes the
    widget's initial image; once the browser says it is ready it asks for a
    full frame anyway.
    """
    if canvas.syncing_data_url:  # no front end yet (ipympl clears this on "initialized")
        last = canvas._last_buff
        png = encode_png(last.view(np.uint8).reshape((*last.shape, 4)))
        canvas._data_url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        return
    type(canvas).send_binary(canvas, data)


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
        self.blits = 0
        self.enabled = True
        for a in artists:
            self.add(a)
        self.canvas.mpl_connect("draw_event", self._on_draw)

    def add(self, artist: Artist) -> Artist:
        """Register a moving artist and return it."""
        artist.set_animated(True)
        self.artists.append(artist)
        return artist

    def _on_draw(self, event) -> None:
        if not self.enabled:  # e.g. savefig to a file: not the screen's buffer
            return
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self.full_draws += 1
        self._draw_animated()

    def _draw_animated(self) -> None:
        for a in self.artists:
            if a.get_visible() and a.figure is not None:
                self.figure.draw_artist(a)

    def invalidate(self) -> None:
        """Forget the background: the next :meth:`update` redraws everything."""
        self._background = None

    def update(self) -> None:
        """Show the current state: a blit if the background is cached, else a full draw."""
        if self._background is None:
            self.canvas.draw()  # fires draw_event → caches background, draws artists
            return
        self.canvas.restore_region(self._background)
        self._draw_animated()
        self.canvas.blit(self.figure.bbox)
        self.blits += 1
