"""An Agg renderer that lays out and rasterises each text once, for the dashboards' live figures.

A panel redraw (new limits, a new loss) draws 15–40 texts: tick labels, a title, a legend. With
matplotlib's Agg renderer every one is shaped (``FT2Font._layout``), each glyph rendered by
FreeType, and the font's line metrics read from its tables again (``Text._get_layout``); together
about a third of a loss curve's redraw, for strings ("0", "100", "epoch", "MSE") that recur at
every redraw. :class:`TextCachingRendererAgg` keeps, per renderer (one per canvas size):

* each font's line metrics (``_get_font_height_metrics``, the hook ``Text._get_layout`` asks a
  renderer for): the same numbers ``Text`` reads from the font's tables, read once;
* each text's glyph bitmaps and their offsets from the text's anchor, keyed by the string, the
  font, the angle and the antialiasing. A text is anchored on whole pixels, as matplotlib's Agg
  text was before 3.11 (3.11 places glyphs at 1/64 pixel), so a bitmap drawn once fits every later
  place: moved by whole pixels, FreeType's rendering of a glyph moves by whole pixels.

* each text's layout (``Text._get_layout``: its lines' sizes and offsets from its anchor, its box), keyed
  by everything that method reads (the string, the font, the angle, the alignments, the line spacing,
  the dpi): about a tenth of a panel redraw, for the same few tick labels each time. Only for texts drawn
  or measured with this renderer; a text that wraps (its lines depend on where it stands) or uses TeX is
  laid out anew.

Full draws and partial redraws of a live figure use the same renderer, so a blitted frame and a
full redraw of the same state are still the same picture.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
from matplotlib.font_manager import fontManager, get_font
from matplotlib.ft2font import RenderMode
from matplotlib.text import Text

TEXTS_KEPT = 2048
"""Texts remembered per renderer (a tick label's glyphs are a few hundred bytes)."""
LAYOUTS_KEPT = 4096
"""Text layouts remembered per renderer (a few hundred bytes each)."""


def _prop_key(prop) -> tuple:
    """A key for everything of a FontProperties that chooses and sizes the font."""
    return (
        tuple(prop.get_family()),
        prop.get_style(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_size_in_points(),
        prop.get_file(),
        prop.get_math_fontfamily(),
    )


class TextCachingRendererAgg(RendererAgg):
    """:class:`~matplotlib.backends.backend_agg.RendererAgg` with each text shaped and rasterised once
    (see the module's docstring); everything else is Agg's own drawing."""

    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._metrics: dict = {}
        self._texts: OrderedDict = OrderedDict()
        self.text_layouts: OrderedDict = OrderedDict()  # see _layout_once

    def _get_font_height_metrics(self, prop):
        """``(ascent, descent, line gap)`` in pixels from the font's OS/2 or hhea table, as ``Text._get_layout``
        reads them when a renderer has none to offer; (None, None, None) sends it to its own fallback."""
        key = _prop_key(prop)
        found = self._metrics.get(key)
        if found is None:
            found = (None, None, None)
            font = get_font(fontManager._find_fonts_by_props(prop))
            for table_name, gap, ascent, descent in (
                ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                ("hhea", "lineGap", "ascent", "descent"),
            ):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * self.dpi / 72
                found = (table[ascent] * scale, -table[descent] * scale, table[gap] * scale)
                break
            self._metrics[key] = found
        return found

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        """Draw ``s`` anchored at the whole pixel nearest ``(x, y)``, from the remembered glyphs when it was
        drawn before with the same font, angle and antialiasing."""
        if ismath == "TeX":
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        x, y = round(x), round(y)
        antialiased = bool(gc.get_antialiased())
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        key = (s, _prop_key(prop), float(angle), bool(ismath), antialiased, features, language)
        found = self._texts.get(key)
        if found is None:
            found = self._rasterise(x, y, s, prop, angle, ismath, antialiased, features, language)
            self._texts[key] = found
            if len(self._texts) > TEXTS_KEPT:
                self._texts.popitem(last=False)
        glyphs, rects = found
        for buffer, dx, dy in glyphs:
            self._renderer.draw_text_image(buffer, x + dx, y + dy, 0, gc)
        if rects:  # mathtext's rules (fraction bars): Agg's own drawing of them, in the text's colour
            self._draw_text_glyphs_and_boxes(gc, x, y, angle, (), rects)

    def _rasterise(self, x, y, s, prop, angle, ismath, antialiased, features, language):
        """The glyph bitmaps of ``s`` drawn at the whole pixel ``(x, y)``, each with its position in the
        buffer relative to ``(x, y)``, and mathtext's rules (boxes): what Agg's ``_draw_text_glyphs_and_boxes``
        would draw there."""
        if ismath:
            parse = self.mathtext_parser.parse(s, self.dpi, prop, antialiased=antialiased)
            items = [(font, size, index, dx, dy) for font, size, _c, index, dx, dy in parse.glyphs]
            rects = list(parse.rects)
        else:
            font = self._prepare_font(prop)
            laid = font._layout(s, flags=get_hinting_flag(), features=features, language=language)
            size = prop.get_size_in_points()
            items = [(item.ft_object, size, item.glyph_index, item.x, item.y) for item in laid]
            rects = []
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        rotation = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        height = int(self.height)
        glyphs = []
        for font, size, index, dx, dy in items:  # dy is upwards, as in Agg
            font.set_size(size, self.dpi)
            font._set_transform(
                rotation,
                [round(0x40 * (x + dx * cos - dy * sin)), round(0x40 * (self.height - y + dx * sin + dy * cos))],
            )
            mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
            bitmap = font._render_glyph(index, get_hinting_flag(), mode)
            buffer = np.array(bitmap.buffer, dtype=np.uint8)
            if not antialiased:
                buffer *= 0xFF
            glyphs.append((buffer, bitmap.left - x, height - bitmap.top + buffer.shape[0] - y))
        return glyphs, rects


_own_get_layout = Text._get_layout


def _layout_key(text: Text) -> tuple | None:
    """Everything ``Text._get_layout`` reads of ``text`` (matplotlib 3.11), or None when its layout depends on
    more (wrapping: where the text stands and the figure's size; TeX: a TeX run)."""
    if text.get_wrap() or text.get_usetex():
        return None
    return (
        text.get_text(),
        _prop_key(text._fontproperties),
        text.get_parse_math(),
        text._linespacing,
        text._get_multialignment(),
        float(text.get_rotation()),
        text.get_rotation_mode(),
        text._horizontalalignment,
        text._verticalalignment,
        text.get_figure(root=True).dpi,
    )


def _layout_once(self: Text, renderer):
    """``Text._get_layout``, remembered by a :class:`TextCachingRendererAgg` (see the module's docstring)."""
    layouts = getattr(renderer, "text_layouts", None)
    key = _layout_key(self) if layouts is not None else None
    if key is None:
        return _own_get_layout(self, renderer)
    found = layouts.get(key)
    if found is None:
        found = layouts[key] = _own_get_layout(self, renderer)
        if len(layouts) > LAYOUTS_KEPT:
            layouts.popitem(last=False)
    return found


Text._get_layout = _layout_once  # other renderers (saving a PDF, the inline backend) lay out as before
