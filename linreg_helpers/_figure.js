// The front end of linreg_helpers' live figures (loaded by anywidget; see _canvas.py).
//
// The kernel sends a full frame as the figure's RGBA pixels, and then each change as the runs
// of changed pixels and their new values, all zlib-compressed (see frame_update in
// _canvas.py). They are inflated here, synchronously, into the view's copy of the pixels, and
// the changed rows are put on the canvas the moment the message arrives: no image decoding,
// no blob URLs, no waiting for another task. Mouse presses, drags and releases go back to
// matplotlib.

// ---------------------------------------------------------------- inflate (RFC 1950/1951)
const LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
  115, 131, 163, 195, 227, 258];
const LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
  1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12,
  12, 13, 13];
const CLORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

// A Huffman decoding table: entry [reversed code bits] = symbol << 4 | code length.
function huffman(lengths) {
  let max = 0;
  for (const l of lengths) if (l > max) max = l;
  const table = new Int32Array(1 << max);
  const count = new Uint16Array(16);
  const next = new Uint16Array(16);
  for (const l of lengths) count[l]++;
  count[0] = 0;
  for (let b = 1, code = 0; b <= 15; b++) {
    code = (code + count[b - 1]) << 1;
    next[b] = code;
  }
  for (let sym = 0; sym < lengths.length; sym++) {
    const len = lengths[sym];
    if (!len) continue;
    let code = next[len]++;
    let rev = 0;
    for (let i = 0; i < len; i++) {
      rev = (rev << 1) | (code & 1);
      code >>= 1;
    }
    for (let j = rev; j < table.length; j += 1 << len) table[j] = (sym << 4) | len;
  }
  return { table, mask: (1 << max) - 1, max };
}

const FIXED_LIT = huffman(Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)));
const FIXED_DIST = huffman(new Array(30).fill(5));

/**
 * Inflate the zlib stream `src` (Uint8Array) into `out` (a Uint8Array or Uint8ClampedArray of
 * the known decompressed size). Returns the number of bytes written.
 */
export function inflate(src, out) {
  let pos = 2; // after the zlib header (the Adler-32 trailer is not checked)
  let buf = 0;
  let cnt = 0;
  let op = 0;
  const need = (n) => {
    while (cnt < n) {
      buf |= (src[pos++] | 0) << cnt; // past the end reads as 0 bits
      cnt += 8;
    }
  };
  const bits = (n) => {
    need(n);
    const v = buf & ((1 << n) - 1);
    buf >>>= n;
    cnt -= n;
    return v;
  };
  const decode = (h) => {
    need(h.max);
    const e = h.table[buf & h.mask];
    const len = e & 15;
    if (!len) throw new Error("inflate: invalid Huffman code");
    buf >>>= len;
    cnt -= len;
    return e >> 4;
  };
  let last = 0;
  do {
    last = bits(1);
    const type = bits(2);
    if (type === 0) { // stored: back to the byte boundary, then LEN, NLEN and the bytes
      pos -= cnt >> 3;
      buf = 0;
      cnt = 0;
      const len = src[pos] | (src[pos + 1] << 8);
      pos += 4;
      out.set(src.subarray(pos, pos + len), op);
      pos += len;
      op += len;
      continue;
    }
    if (type === 3) throw new Error("inflate: invalid block type");
    let lit = FIXED_LIT;
    let dist = FIXED_DIST;
    if (type === 2) {
      const hlit = bits(5) + 257;
      const hdist = bits(5) + 1;
      const hclen = bits(4) + 4;
      const cl = new Uint8Array(19);
      for (let i = 0; i < hclen; i++) cl[CLORDER[i]] = bits(3);
      const clh = huffman(cl);
      const lens = new Uint8Array(hlit + hdist);
      for (let i = 0; i < hlit + hdist;) {
        const sym = decode(clh);
        if (sym < 16) {
          lens[i++] = sym;
          continue;
        }
        let rep;
        let val = 0;
        if (sym === 16) {
          val = lens[i - 1];
          rep = 3 + bits(2);
        } else if (sym === 17) rep = 3 + bits(3);
        else rep = 11 + bits(7);
        while (rep--) lens[i++] = val;
      }
      lit = huffman(lens.subarray(0, hlit));
      dist = huffman(lens.subarray(hlit));
    }
    for (;;) {
      const sym = decode(lit);
      if (sym < 256) {
        out[op++] = sym;
      } else if (sym === 256) {
        break;
      } else {
        const s = sym - 257;
        const len = LBASE[s] + bits(LEXT[s]);
        const d = decode(dist);
        const off = DBASE[d] + bits(DEXT[d]);
        const end = op + len;
        if (off === 1) {
          out.fill(out[op - 1], op, end);
          op = end;
        } else {
          for (let from = op - off; op < end;) out[op++] = out[from++];
        }
      }
    }
  } while (!last);
  return op;
}

// ------------------------------------------------------------------------------ the view
const bytes = (b) => (b instanceof Uint8Array ? b : ArrayBuffer.isView(b)
  ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b));
const MODIFIERS = (ev) => ["ctrl", "alt", "shift", "meta"].filter((m) => ev[m + "Key"]);

function render({ model, el }) {
  el.classList.add("lh-figure");
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 0;
  el.appendChild(canvas);
  // Accessibility: the figure is an image whose text alternative the kernel updates with each
  // frame; a visually hidden polite live region announces the same sentence when it changes.
  const live = document.createElement("div");
  live.className = "lh-sr-only";
  live.setAttribute("aria-live", "polite");
  el.appendChild(live);
  canvas.setAttribute("role", "img");
  canvas.tabIndex = 0; // focusable: arrow keys turn a 3D panel
  const describe = () => {
    const alt = model.get("alt") || "A live figure.";
    canvas.setAttribute("aria-label", alt + " Arrow keys rotate a 3D view.");
    live.textContent = alt;
  };
  describe();
  model.on("change:alt", describe);
  const ctx = canvas.getContext("2d");
  let frame = null; // the pixels shown, as RGBA bytes and as one uint32 per pixel
  let image = null;
  let frame32 = null;

  const paint = (msg, buffers) => {
    try {
      const { width: w, height: h } = msg;
      const ratio = msg.ratio || 1;
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      canvas.style.width = w / ratio + "px"; // its natural size; CSS shrinks it in a narrow column
      if (msg.full) {
        frame = new Uint8ClampedArray(w * h * 4);
        inflate(bytes(buffers[0]), frame);
        image = new ImageData(frame, w, h);
        frame32 = new Uint32Array(frame.buffer);
        ctx.putImageData(image, 0, 0);
        return;
      }
      if (!frame || frame.length !== w * h * 4) return; // a diff without its full frame: wait for one
      const runs = new Uint32Array(2 * msg.runs);
      inflate(bytes(buffers[0]), new Uint8Array(runs.buffer));
      const values = new Uint32Array(msg.values);
      inflate(bytes(buffers[1]), new Uint8Array(values.buffer));
      for (let i = 0, k = 0; i < runs.length; i += 2) {
        for (let p = runs[i], end = p + runs[i + 1]; p < end; p++) frame32[p] = values[k++];
      }
      const [row0, row1] = msg.rows;
      ctx.putImageData(image, 0, 0, 0, row0, w, row1 - row0);
    } catch (err) {
      console.error("linreg_helpers figure: a frame could not be drawn", err);
    }
  };
  const onMessage = (msg, buffers) => {
    if (msg && msg.type === "frame") paint(msg, buffers);
  };
  model.on("msg:custom", onMessage);

  // The last frame drawn before this view existed: shown at once; the kernel then sends a fresh one.
  const snapshot = model.get("_snapshot");
  if (snapshot && snapshot.byteLength) {
    const [w, h, ratio] = model.get("_snapshot_size");
    paint({ full: true, width: w, height: h, ratio }, [snapshot]);
  }

  // Mouse → matplotlib events (as matplotlib's web back end expects them), in physical pixels.
  const send = (type, ev) => {
    const r = canvas.getBoundingClientRect();
    const k = r.width ? canvas.width / r.width : 1;
    model.send({
      type, x: (ev.clientX - r.left) * k, y: (ev.clientY - r.top) * k,
      button: ev.button, buttons: ev.buttons, modifiers: MODIFIERS(ev), guiEvent: null,
    });
  };
  let move = null;
  canvas.addEventListener("pointerdown", (ev) => {
    canvas.setPointerCapture(ev.pointerId);
    send("button_press", ev);
    ev.preventDefault();
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (!ev.buttons) return;
    if (move === null) requestAnimationFrame(() => { send("motion_notify", move); move = null; });
    move = ev; // at most one motion message per animation frame
  });
  canvas.addEventListener("pointerup", (ev) => send("button_release", ev));
  canvas.addEventListener("contextmenu", (ev) => ev.preventDefault());
  const TURNS = { ArrowLeft: [-5, 0], ArrowRight: [5, 0], ArrowUp: [0, 5], ArrowDown: [0, -5] };
  canvas.addEventListener("keydown", (ev) => {
    const turn = TURNS[ev.key];
    if (!turn) return;
    model.send({ type: "rotate", azim: turn[0], elev: turn[1] });
    ev.preventDefault(); // the notebook must not scroll or move between cells
  });

  // ipywidgets' slider handles have no accessible name (the label beside them is not tied to
  // them): name each after its label. And a FloatLogSlider tells assistive technology its
  // exponent (aria-valuenow = -2.16): give its handle the value it shows (aria-valuetext = 0.00691).
  let observer = null;
  let keysRoot = null;
  // A key that moves a slider (or turns the 3D view) moves only that. JupyterLab's shortcuts (on the
  // document, capture phase; e.g. → "move to the next heading", which in a slideshow jumps slides) skip
  // an element marked data-lm-suppress-shortcuts; reveal.js (jupyterlab-rise's slideshow, on the document,
  // bubble phase) is stopped at the dashboard's box.
  const SUPPRESS = "data-lm-suppress-shortcuts";
  canvas.setAttribute(SUPPRESS, "true");
  const MOVE_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);
  const keepKeys = (ev) => {
    if (MOVE_KEYS.has(ev.key) && ev.target.closest && ev.target.closest(".noUi-handle, .lh-figure canvas")) {
      ev.stopPropagation();
    }
  };
  const labelSliders = (root) => {
    for (const slider of root.querySelectorAll(".widget-slider")) {
      const handle = slider.querySelector("[aria-valuenow]");
      if (!handle) continue;
      const label = slider.querySelector(".widget-label");
      const name = label && label.textContent.trim();
      if (name && handle.getAttribute("aria-label") !== name) handle.setAttribute("aria-label", name);
      if (!handle.hasAttribute(SUPPRESS)) handle.setAttribute(SUPPRESS, "true");
      if (!slider.classList.contains("lh-log-slider")) continue;
      const shown = slider.querySelector(".widget-readout");
      const text = shown && (shown.value || shown.textContent || "").trim();
      if (text && handle.getAttribute("aria-valuetext") !== text) handle.setAttribute("aria-valuetext", text);
    }
  };
  const watch = (tries) => {
    const root = el.closest(".lh-dashboard");
    if (!root) {
      if (tries > 0) setTimeout(() => watch(tries - 1), 100);
      return;
    }
    labelSliders(root);
    keysRoot = root;
    root.addEventListener("keydown", keepKeys);
    observer = new MutationObserver(() => labelSliders(root));
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ["aria-valuenow"] }); // our own attributes are not watched: no loop
  };
  watch(100);

  model.send({ type: "set_device_pixel_ratio", device_pixel_ratio: Math.min(window.devicePixelRatio || 1, 2) });
  model.send({ type: "ready" });
  return () => {
    model.off("msg:custom", onMessage);
    model.off("change:alt", describe);
    if (observer) observer.disconnect();
    if (keysRoot) keysRoot.removeEventListener("keydown", keepKeys);
  };
}

export default { render };
