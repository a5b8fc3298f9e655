"""The inflate in the dashboards' front end (``linreg_helpers/_figure.js``) against Python's zlib, in Chromium.

Every frame a dashboard sends is zlib-compressed and inflated by that code in the page, so it must
decode whatever zlib produces: stored, fixed-Huffman and dynamic-Huffman blocks, every strategy,
long runs (distance 1) and longer back-references, empty and large inputs.
"""

from __future__ import annotations

import base64
import random
import zlib
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

FIGURE_JS = Path(__file__).resolve().parents[2] / "linreg_helpers" / "_figure.js"

_RUN = """async ([source, cases]) => {
  const url = 'data:text/javascript;base64,' + btoa(unescape(encodeURIComponent(source)));
  const {inflate} = await import(url);
  const table = new Int32Array(256).map((_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xEDB88320 ^ (n >>> 1) : n >>> 1;
    return n;
  });
  const crc32 = a => { let c = -1; for (let i = 0; i < a.length; i++) c = table[(c ^ a[i]) & 255] ^ (c >>> 8);
                       return (c ^ -1) >>> 0; };
  return cases.map(k => {
    const z = Uint8Array.from(atob(k.z), c => c.charCodeAt(0));
    const out = new Uint8Array(k.n);
    try { return [inflate(z, out), crc32(out)]; } catch (e) { return [String(e), 0]; }
  });
}"""


def _payloads(rng: random.Random) -> list[bytes]:
    pixels = [b"\x00\x00\x00\x00", b"\x1f\x77\xb4\xff", b"\xff\xff\xff\xff", b"\xe6\x9f\x00\xff"]
    return [
        b"",
        b"x",
        bytes(300_000),  # long runs
        bytes(rng.getrandbits(8) for _ in range(20_000)),  # incompressible: stored blocks at level 0
        (b"the gradient points uphill; " * 3000),  # text: long back-references
        b"".join(rng.choice(pixels) * rng.randint(1, 60) for _ in range(4000)),  # RGBA-like rows
    ]


def test_inflate_matches_zlib_for_every_level_and_strategy(chromium):
    rng = random.Random(7)
    cases, expected = [], []
    strategies = (zlib.Z_DEFAULT_STRATEGY, zlib.Z_RLE, zlib.Z_FIXED, zlib.Z_HUFFMAN_ONLY, zlib.Z_FILTERED)
    for data in _payloads(rng):
        for level in (0, 1, 6, 9):
            for strategy in strategies:
                comp = zlib.compressobj(level, zlib.DEFLATED, 15, 8, strategy)
                z = comp.compress(data) + comp.flush()
                cases.append({"z": base64.b64encode(z).decode(), "n": len(data)})
                expected.append([len(data), zlib.crc32(data)])
    page = chromium.new_page()
    try:
        got = page.evaluate(_RUN, [FIGURE_JS.read_text(encoding="utf-8"), cases])
    finally:
        page.close()
    wrong = [i for i, (g, e) in enumerate(zip(got, expected, strict=True)) if g != e]
    assert not wrong, f"{len(wrong)} of {len(cases)} streams inflated wrongly, e.g. case {wrong[0]}: {got[wrong[0]]}"
