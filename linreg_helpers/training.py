"""Training by gradient descent: full batch, mini-batch and stochastic (SGD).

Introduced in ``04_gradient_descent`` and ``05_batch_sizes``.

Vocabulary used throughout the series:

* a **step** (iteration) updates ``(w, b)`` once, from the gradient on one batch;
* an **epoch** is one pass over all ``n`` examples: ``ceil(n / batch_size)``
  steps, the last batch of an epoch holding the remainder;
* ``batch_size = n`` (or ``None``) is full-batch gradient descent, ``1`` is SGD,
  anything between is mini-batch.

The loop is written for speed (see ``benchmarks/``): for the MSE, each
batch's sums are computed with vectorised numpy once per epoch, the update is
a tight loop on plain floats, and the whole-data loss at every step comes
from sufficient statistics in O(1) instead of a pass over the data. The
textbook loop in ``04_gradient_descent`` gives the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import _validation as v
from ._mse_stats import MSEStats
from .losses import _huber_terms, _tukey_psi, _tukey_terms

__all__ = [
    "DIVERGENCE_FACTOR",
    "LOSS_EVALUATION_BUDGET",
    "MAX_PARAMETER_VALUES",
    "MAX_RESIDUAL_LOSS_STEPS",
    "RUNAWAY_FACTOR",
    "SCHEDULES",
    "History",
    "gradient_descent",
    "largest_stable_learning_rate",
]

DIVERGENCE_FACTOR = 10.0
"""The divergence rule: training has **diverged** at the first step whose loss is more than
ten times its scale, the larger of the starting loss and the loss of the best constant
prediction (predicting the mean of y), or is not finite.

In a sentence for a class: *"it diverged when the loss became ten times worse than where
it started (or than just predicting the average)"*. A converging run never does that: below the
stable limit full-batch descent on the MSE lowers the loss at every step, and the noise of
SGD stays far below ten times the loss of a constant prediction. A run just above the limit
(1.05 × η_max) grows by a constant factor per step and crosses it within a few dozen steps;
the old rule (10⁶ times) let such a run grow 2,000-fold without a flag."""

HISTORY_CUT_FACTOR = 1e6
"""A diverged run's history is kept until its loss passes this many times its scale (or stops
being finite), so that a plot shows the blow-up, yet everything stored stays finite."""

RUNAWAY_FACTOR = 1e6
"""For a bounded loss (Tukey's), whose value cannot grow without limit: a run has diverged when its
line predicts values more than this many times the size of the data (the largest of |y|, the range
of y and |x|) away from zero, that is when the parameters run away although the loss stays bounded."""

_HUGE = 1e150  # parameters beyond this are certainly diverging; stop early

MAX_PARAMETER_VALUES = 3_000_000
"""Largest ``steps × (M + 1)`` (parameter values along the path) a run may ask for.

The path is kept in memory at about 100–200 bytes per value while it is built, so
this bounds a run at a few hundred MiB (and, for the MSE, under about a second)."""

MAX_RESIDUAL_LOSS_STEPS = 300_000
"""Largest number of steps for the MAE, Huber, Tukey and RMSE descents, whose steps
each cost a few numpy calls (≈ 10–20 µs): a few seconds."""

SCHEDULES = ("constant", "step", "1/t", "cosine")
"""The named learning-rate schedules of :func:`gradient_descent`: the rate of epoch ``e``
(``e = 0 … E−1`` for ``E = epochs``) is ``η · factor(e)`` with

* ``"constant"`` (or ``None``): ``factor(e) = 1``;
* ``"step"``: ``factor(e) = STEP_SCHEDULE_FACTOR ** floor(STEP_SCHEDULE_PIECES · e / E)``, halved
  at the start of each quarter of the run (1, ½, ¼, ⅛);
* ``"1/t"``: ``factor(e) = 1 / (1 + e)``;
* ``"cosine"``: ``factor(e) = (1 + cos(π e / E)) / 2``, from 1 down towards 0."""

STEP_SCHEDULE_FACTOR = 0.5
"""The ``"step"`` schedule multiplies the rate by this at each of its drops."""

STEP_SCHEDULE_PIECES = 4
"""The ``"step"`` schedule splits the run into this many equal pieces of constant rate."""

LOSS_EVALUATION_BUDGET = 10_000_000
"""Residuals the whole-data MAE/Huber/Tukey/RMSE losses of a run may cost
(stored states × n). Above it the history is thinned to every k-th step."""


@dataclass(frozen=True)
class History:
    """Everything a training run went through.

    Attributes
    ----------
    weights : ndarray, shape (steps + 1, M)
        Weights before the first step (row 0) and after every step.
    biases : ndarray, shape (steps + 1,)
    losses : ndarray, shape (steps + 1,)
        The loss on the **whole** data set at every parameter state.
    steps_per_epoch : int
        ``ceil(n / batch_size)``.
    diverged : bool
        Whether the run diverged: some step's loss was more than
        :data:`DIVERGENCE_FACTOR` (10) times its scale (the larger of the starting
        loss and the loss of predicting the mean), or not finite. Tukey's loss is
        bounded, so for it a run has also diverged when its parameters run away
        (:data:`RUNAWAY_FACTOR`). A start whose loss overflows is refused with a
        ``ValueError`` (rescale the data).
    diverged_at : int or None
        The first such step. The history goes on past it until the loss passes
        :data:`HISTORY_CUT_FACTOR` (10⁶) times its scale or stops being finite
        (that state included while it is still finite), so a plot shows the
        blow-up and every stored value is finite.
    learning_rate, batch_size, epochs, loss :
        The settings of the run.
    step_index : ndarray of int, shape (stored states,), or None
        The step number of each stored state when the history was thinned
        (see :func:`gradient_descent`); ``None`` when every state is stored
        (row ``k`` is step ``k``).
    """

    weights: np.ndarray
    biases: np.ndarray
    losses: np.ndarray
    steps_per_epoch: int
    diverged: bool
    diverged_at: int | None
    learning_rate: float
    batch_size: int
    epochs: int
    loss: str
    step_index: np.ndarray | None = None

    @property
    def steps(self) -> int:
        """Number of steps taken (fewer than ``epochs * steps_per_epoch`` after divergence)."""
        if self.step_index is not None:
            return int(self.step_index[-1])
        return int(self.losses.shape[0] - 1)

    @property
    def step_axis(self) -> np.ndarray:
        """Each stored state's step number, shape (stored states,), for plotting."""
        if self.step_index is not None:
            return self.step_index
        return np.arange(self.losses.shape[0])

    @property
    def w(self) -> np.ndarray:
        """Final weights, shape (M,)."""
        return self.weights[-1]

    @property
    def b(self) -> float:
        """Final bias."""
        return float(self.biases[-1])

    @property
    def epoch_axis(self) -> np.ndarray:
        """Each state's position in epochs (``step / steps_per_epoch``), for plotting."""
        return self.step_axis / self.steps_per_epoch

    def __repr__(self) -> str:
        state = f"diverged at step {self.diverged_at}" if self.diverged else f"final loss {self.losses[-1]:.6g}"
        return (
            f"History({self.steps} steps, {self.steps_per_epoch} per epoch, lr={self.learning_rate:g}, "
            f"batch_size={self.batch_size}, loss={self.loss!r}: {state})"
        )


def largest_stable_learning_rate(X: np.ndarray) -> float:
    """The learning rate above which full-batch gradient descent on the MSE diverges.

    Gradient descent on ``MSE = (1/n)‖Aθ − y‖²`` (``A = [X, 1]``) moves the error
    ``θ − θ*`` by the matrix ``I − η H`` with Hessian ``H = (2/n) AᵀA``. It
    shrinks in every direction only if ``η < 2 / λ_max(H) = n / λ_max(AᵀA)``.

    Parameters
    ----------
    X : array_like, shape (n,) or (n, M)

    Returns
    -------
    float
        ``2 / λ_max(H)``; at exactly this rate the slowest direction oscillates
        forever, above it the loss grows.

    Examples
    --------
    >>> round(largest_stable_learning_rate([0.0, 1.0, 2.0]), 4)
    0.4189
    """
    X2 = v.check_X(X)
    n = X2.shape[0]
    A = np.column_stack([X2, np.ones(n)])
    # λ_max(AᵀA) = σ_max(A)²; from the largest singular value, so that AᵀA is never formed
    # (it overflows for |x| beyond about 1e154), and the rate as (√n / σ)², which does not.
    sigma = float(np.linalg.norm(A, 2))
    with np.errstate(over="ignore", under="ignore"):
        rate = (math.sqrt(n) / sigma) ** 2
    if not (np.isfinite(rate) and rate > 0.0):
        raise ValueError(
            f"X is too large for double precision (largest |x| = {float(np.max(np.abs(X2))):.3g}): the largest "
            f"stable learning rate, n / λ_max(AᵀA) = (√n / {sigma:.3g})², is below the smallest float. "
            "Rescale X (e.g. express it in larger units, or standardise it) and try again."
        )
    return rate


def _mse_two_feature_sgd(X, y, order_fn, epochs, lr, w, b, fixed_order):
    """Two features, batch size 1 (the many-features dashboard's SGD): the residual form on Python floats.

    A step is ``r = w₁x₁ + w₂x₂ + b − y``, then ``θ ← θ − 2η r (x₁, x₂, 1)``: a few float operations
    instead of the affine maps' twelve numbers a step (:func:`_mse_matrix`).
    """
    w1, w2 = (float(v) for v in w)
    path = [w1, w2, b]  # flat (w₁, w₂, b, w₁, …): one array at the end, faster than from a list of tuples
    step = path.extend
    k = 2.0 * lr

    def prepare(idx):
        columns = X[idx, 0].tolist(), X[idx, 1].tolist(), y[idx].tolist()
        return lambda e: tuple(column[e] for column in columns)

    for x1s, x2s, ys in _by_epoch(order_fn, epochs, X.shape[0], fixed_order, prepare):
        for x1, x2, yj in zip(x1s, x2s, ys, strict=True):
            g = k * (w1 * x1 + w2 * x2 + b - yj)
            w1 -= g * x1
            w2 -= g * x2
            b -= g
            step((w1, w2, b))
        if not (abs(w1) < _HUGE and abs(w2) < _HUGE and abs(b) < _HUGE):
            break
    out = np.array(path, dtype=float).reshape(-1, 3)
    return out[:, :2], out[:, 2]


def _batch_starts(n: int, batch_size: int) -> np.ndarray:
    return np.arange(0, n, batch_size)


def _epoch_lists(x, y):
    """:func:`_by_epoch`'s ``prepare`` for one feature and batch size 1: each epoch's examples in order, as
    two lists of floats (a chunk of epochs indexed and converted at once, not an epoch at a time)."""

    def prepare(idx):
        xl, yl = x[idx].tolist(), y[idx].tolist()
        return lambda e: (xl[e], yl[e])

    return prepare


def _mse_scalar_sgd(x, y, order_fn, epochs, lr, w, b, fixed_order):
    """One feature, batch size 1: the residual form, on Python floats."""
    ws = [w]
    bs = [b]
    k = 2.0 * lr
    for xl, yl in _by_epoch(order_fn, epochs, x.shape[0], fixed_order, _epoch_lists(x, y)):
        for xj, yj in zip(xl, yl, strict=False):
            g = k * (w * xj + b - yj)
            w -= g * xj
            b -= g
            ws.append(w)
            bs.append(b)
        if not (abs(w) < _HUGE and abs(b) < _HUGE):
            break
    return np.array(ws)[:, None], np.array(bs)


_CHUNK_STEPS = 4096
"""Steps whose batch sums are computed in one go (a chunk of epochs; see :class:`_EpochOrders`)."""


class _EpochOrders:
    """The order of the examples in each epoch: the natural one, or a new permutation each epoch from one
    seeded stream. ``orders(epoch)`` is one epoch's; ``orders.many(count)`` the next ``count`` epochs' at
    once, shape (count, n): the same permutations, drawn from the stream in the same order
    (``Generator.permuted`` row by row), so a loop may take its epochs a chunk at a time."""

    def __init__(self, n: int, shuffle: bool, seed) -> None:
        self.n = n
        self.natural = np.arange(n)
        self.rng = np.random.default_rng(seed) if shuffle else None

    def __call__(self, epoch: int) -> np.ndarray:
        return self.natural if self.rng is None else self.rng.permutation(self.n)

    def many(self, count: int) -> np.ndarray:
        if self.rng is None:
            return np.broadcast_to(self.natural, (count, self.n))
        return self.rng.permuted(np.tile(self.natural, (count, 1)), axis=1)

    def skip(self, count: int) -> None:
        """Draw the next ``count`` epochs' orders and forget them (a run that starts where a kept one ended)."""
        if self.rng is not None:
            chunk = max(1, _CHUNK_STEPS // self.n)
            for first in range(0, count, chunk):
                self.many(min(chunk, count - first))


def _by_epoch(order_fn, epochs: int, batches: int, fixed_order: bool, prepare):
    """What each of ``epochs`` epochs needs, worked out a chunk of epochs at a time.

    ``prepare(orders)`` gets the orders of a chunk's epochs, shape (count, n), about
    :data:`_CHUNK_STEPS` steps' worth, and returns a function from an epoch's row in the chunk to its
    item (its batch sums, step maps or examples), which must be iterable more than once. With a fixed
    order every epoch is the same: one chunk of one epoch, its item given ``epochs`` times.
    """
    if fixed_order:
        item = prepare(order_fn(0)[None, :])(0)
        for _ in range(epochs):
            yield item
        return
    chunk = max(1, _CHUNK_STEPS // batches)
    for first in range(0, epochs, chunk):
        orders = order_fn.many(min(chunk, epochs - first))
        get = prepare(orders)
        for e in range(orders.shape[0]):
            yield get(e)


def _row_terms(Xc: np.ndarray, yc: np.ndarray) -> np.ndarray:
    """Each row's centred x_c (d), x_c x_cᵀ (d², row-major), x_c y_c (d) and y_c, shape (n, d + d² + d + 1): what a
    batch's MSE step needs, summed over its rows. Worked out once per run; each epoch only sums them in its order."""
    n, d = Xc.shape
    return np.concatenate(
        [Xc, (Xc[:, :, None] * Xc[:, None, :]).reshape(n, d * d), Xc * yc[:, None], yc[:, None]], axis=1
    )


def _sums_by_epoch(xc, yc, order_fn, epochs, starts, fixed_order):
    """Each epoch's per-batch centred sums (Σx_c, Σx_c², Σx_c y_c, Σy_c, m) for one feature, as lists,
    computed for a chunk of epochs at a time (five numpy calls a chunk, not five an epoch)."""
    m = np.diff(np.append(starts, xc.shape[0])).tolist()
    terms = _row_terms(xc[:, None], yc)  # each row's x_c, x_c², x_c·y_c, y_c, shape (n, 4)

    def prepare(idx):
        # the rows' terms in each epoch's order, summed per batch: (count, batches, 4); an epoch's
        # products are the rows' own, worked out once above, not once per epoch
        sums = np.add.reduceat(terms[idx], starts, axis=1)
        sums = [sums[..., k].tolist() for k in range(4)]
        return lambda e: (*(column[e] for column in sums), m)

    return _by_epoch(order_fn, epochs, len(starts), fixed_order, prepare)


def _mse_scalar_batches(x, y, order_fn, epochs, lr, w, b, batch_size, fixed_order):
    """One feature, batch size > 1: per-batch centred sums and a float loop."""
    n = x.shape[0]
    mx, my = float(x.mean()), float(y.mean())
    xc, yc = x - mx, y - my
    starts = _batch_starts(n, batch_size)
    ws = [w]
    bs = [b]
    epoch_sums = _sums_by_epoch(xc, yc, order_fn, epochs, starts, fixed_order)
    if fixed_order:  # every epoch the same batches: their sums zipped once, not once an epoch (full batch: 2x)
        same = list(zip(*next(epoch_sums), strict=False))
        epoch_sums = (same for _ in range(epochs))
    else:
        epoch_sums = (zip(*sums, strict=False) for sums in epoch_sums)
    for batches in epoch_sums:
        for sx, sxx, sxy, sy, m in batches:
            c = w * mx + b - my
            sr = w * sx + m * c - sy  # Σ r
            srx = w * sxx + c * sx - sxy  # Σ r·x_c
            k = 2.0 * lr / m
            w -= k * (srx + mx * sr)
            b -= k * sr
            ws.append(w)
            bs.append(b)
        if not (abs(w) < _HUGE and abs(b) < _HUGE):
            break
    return np.array(ws)[:, None], np.array(bs)


def _mse_matrix(X, y, order_fn, epochs, lr, w, b, batch_size, fixed_order):
    """Several features: each MSE step is an affine map of θ = (w, b), built per batch, then a loop.

    With centred data (x̄, ȳ) and a batch's sums Σx, Σxxᵀ, Σxy, Σy over its m rows, the residual
    sum is sr = u·θ − v and the feature-weighted one srx = Pθ − q (u, v, P, q below), so the step
    θ ← θ − (2η/m)·[srx + x̄·sr; sr] is θ ← Aθ + c. A and c for every batch of every epoch come
    out of a few vectorised numpy lines; the sequential loop then does one small matrix-vector
    product a step (in plain floats for two features, the many-features dashboard's case, where
    numpy's per-call cost would dominate).
    """
    n, d = X.shape
    mx, my = X.mean(axis=0), float(y.mean())
    Xc, yc = X - mx, y - my
    starts = _batch_starts(n, batch_size)
    m = np.diff(np.append(starts, n)).astype(float)  # rows per batch

    nb = starts.shape[0]
    terms = _row_terms(Xc, yc)

    def prepare(idx):
        """A chunk's rows ``(A, c)``, one per batch of each epoch in the loop's order (memory
        O(_CHUNK_STEPS·d²), not O(steps·d²)), and an epoch's share of them."""
        A, c = _epoch_affine_maps(terms, idx, starts, m, mx, my, lr, d)
        rows = np.concatenate([A.reshape(-1, 9), c], axis=1).tolist() if d == 2 else list(zip(A, c, strict=True))
        return lambda e: rows[e * nb : (e + 1) * nb]

    def maps_by_epoch():
        return _by_epoch(order_fn, epochs, nb, fixed_order, prepare)

    theta = np.append(w, b).astype(float)
    if d == 2:
        t0, t1, t2 = theta.tolist()
        flat = [t0, t1, t2]  # (w₁, w₂, b, w₁, …): one array at the end, faster than from a list of tuples
        step = flat.extend
        for rows in maps_by_epoch():
            for a00, a01, a02, a10, a11, a12, a20, a21, a22, c0, c1, c2 in rows:
                t0, t1, t2 = (
                    a00 * t0 + a01 * t1 + a02 * t2 + c0,
                    a10 * t0 + a11 * t1 + a12 * t2 + c1,
                    a20 * t0 + a21 * t1 + a22 * t2 + c2,
                )
                step((t0, t1, t2))
            if not (abs(t0) < _HUGE and abs(t1) < _HUGE and abs(t2) < _HUGE):
                break
        path = np.array(flat, dtype=float).reshape(-1, 3)
    else:
        t = theta
        path = [t]
        for rows in maps_by_epoch():
            for Aj, cj in rows:
                t = Aj @ t + cj
                path.append(t)
            if not np.all(np.abs(t) < _HUGE):
                break
    out = np.asarray(path, dtype=float)
    return out[:, :d], out[:, d]


def _epoch_affine_maps(terms, idx, all_starts, m, mx, my, lr, d):
    """``A`` (steps, d+1, d+1) and ``c`` (steps, d+1) of the steps θ ← Aθ + c of the epochs whose orders
    are the rows of ``idx`` (count, n): every batch of the first epoch, then of the next.

    ``terms``: :func:`_row_terms`, summed per batch in one call (the sums of the rows in each epoch's order)."""
    count = idx.shape[0]
    sums = np.add.reduceat(terms[idx], all_starts, axis=1).reshape(-1, terms.shape[1])  # (steps, ...)
    sx = sums[:, :d]
    sxx = sums[:, d : d + d * d].reshape(-1, d, d)
    sxy = sums[:, d + d * d : 2 * d + d * d]
    sy = sums[:, -1]
    m = np.tile(m, count)
    u = np.concatenate([sx + m[:, None] * mx, m[:, None]], axis=1)  # sr = u·θ − v
    v = m * my + sy
    P = np.concatenate([sxx + sx[:, :, None] * mx[None, None, :], sx[:, :, None]], axis=2)  # srx = Pθ − q
    q = sxy + my * sx
    M = np.concatenate([P + mx[None, :, None] * u[:, None, :], u[:, None, :]], axis=1)  # (batches, d+1, d+1)
    r = np.concatenate([q + mx[None, :] * v[:, None], v[:, None]], axis=1)
    k = 2.0 * lr / m
    A = np.eye(d + 1) - k[:, None, None] * M
    c = k[:, None] * r
    return A, c


def _residual_slopes(r: np.ndarray, loss: str, delta: float, c: float) -> np.ndarray:
    """Each residual's slope of the loss, shape (m,): the batch gradient is ``(g @ X_b) / m`` for w
    and ``g.sum() / m`` for b (MSE: 2r; MAE: sign r; Huber: r clipped to ±δ; RMSE: r / RMSE of the
    batch; Tukey: ψ(r))."""
    if loss == "mse":
        return 2.0 * r
    if loss == "mae":
        return np.sign(r)
    if loss == "huber":
        return np.clip(r, -delta, delta)
    if loss == "rmse":
        root = math.sqrt(float(r @ r) / r.shape[0])
        return r / root if root > 0.0 else np.zeros_like(r)
    return _tukey_psi(r, c)


def _residual_loss_loop(X, y, order_fn, epochs, lr, w, b, batch_size, fixed_order, loss, delta, c):
    """MAE (subgradient), Huber, Tukey and RMSE: the batch's residuals each step.

    Each step moves against ``(1/m) Σ gᵢ aᵢ`` with ``aᵢ = (xᵢ, 1)`` and ``gᵢ`` the derivative of the
    per-example loss: ``sign(rᵢ)`` (MAE), ``clip(rᵢ, −δ, δ)`` (Huber), ψ(rᵢ) (Tukey). The RMSE is
    not a mean of per-example losses: ``∇RMSE = ∇MSE / (2·RMSE) = (1/m) Σ rᵢ aᵢ / RMSE``, so
    ``gᵢ = rᵢ / RMSE`` of the batch (0 when the batch's RMSE is 0, where the RMSE has a kink).
    """
    n = X.shape[0]
    if batch_size == 1 and X.shape[1] == 1 and loss in ("mae", "huber", "rmse"):
        return _residual_scalar_sgd(X[:, 0], y, order_fn, epochs, lr, float(w[0]), b, loss, delta, fixed_order)
    if X.shape[1] == 1:
        return _residual_scalar_batches(
            X[:, 0], y, order_fn, epochs, lr, float(w[0]), b, batch_size, fixed_order, loss, delta, c
        )
    starts = _batch_starts(n, batch_size)
    ws = [w.copy()]
    bs = [b]
    idx = order_fn(0)
    for epoch in range(epochs):
        if not fixed_order and epoch:
            idx = order_fn(epoch)
        Xp, yp = X[idx], y[idx]
        for s in starts.tolist():
            Xb, yb = Xp[s : s + batch_size], yp[s : s + batch_size]
            g = _residual_slopes(Xb @ w + b - yb, loss, delta, c)
            m = yb.shape[0]
            w = w - lr * (g @ Xb) / m
            b = b - lr * float(g.sum()) / m
            ws.append(w)
            bs.append(b)
        if not (np.all(np.abs(w) < _HUGE) and abs(b) < _HUGE):
            break
    return np.array(ws), np.array(bs)


_SMALL_BATCH = 8
"""Batches of at most this many examples are stepped on Python floats (numpy's per-call cost, about
1 µs for each of a step's five calls, is more than a float loop over so few examples)."""
_SMALL_BATCH_SIGN = 24
"""The same for MAE, Huber and RMSE, whose float loops (:func:`_mae_batches_epoch`, :func:`_huber_batches_epoch`,
:func:`_rmse_batches_epoch`) take about 0.1–0.3 µs an example. MAE and Huber: 4–8 µs a step at 17–24 examples
against 10–16 µs for the numpy step; at 32 the two cost the same. RMSE (two passes over the batch), whole runs
timed in turns: 10.7–14.8 µs a step at 12–23 examples against 14.7–16.8 µs."""


def _residual_scalar_batches(x, y, order_fn, epochs, lr, w, b, batch_size, fixed_order, loss, delta, c):
    """One feature, batch size > 1, MAE / Huber / RMSE / Tukey: :func:`_residual_loss_loop`'s step on
    each batch's 1-D slices, with ``w`` and ``b`` as floats.

    The examples come a chunk of epochs at a time (:func:`_by_epoch`). With a batch size of up to
    :data:`_SMALL_BATCH` (:data:`_SMALL_BATCH_SIGN` for MAE, Huber and RMSE) the batches are summed in plain
    floats; otherwise a batch's step is five small numpy calls into one reused buffer (the residuals,
    then their slopes in place) and one product ``[x_b; 1] · g`` for both sums, instead of the general
    loop's dozen calls and temporaries on (m, 1) arrays. The same steps up to rounding in the last bits
    (the sums' order).
    """
    n = x.shape[0]
    starts = _batch_starts(n, batch_size).tolist()
    bounds = [(s, min(s + batch_size, n)) for s in starts]
    float_loop = {"mae": _mae_batches_epoch, "huber": _huber_batches_epoch, "rmse": _rmse_batches_epoch}.get(loss)
    small = batch_size <= (_SMALL_BATCH if float_loop is None else _SMALL_BATCH_SIGN)
    buf = np.empty(batch_size)
    ws = [w]
    bs = [b]

    def prepare(idx):
        xs, ys = x[idx], y[idx]  # (count, n)
        if small:
            xl, yl = xs.tolist(), ys.tolist()
            return lambda e: (xl[e], yl[e], None)
        ab = np.stack([xs, np.ones_like(xs)], axis=1)  # (count, 2, n): [x; 1] of each epoch's order
        return lambda e: (xs[e], ys[e], ab[e])

    for xe, ye, abe in _by_epoch(order_fn, epochs, len(starts), fixed_order, prepare):
        if small and float_loop is not None:
            w, b = float_loop(xe, ye, bounds, w, b, lr, delta, ws.append, bs.append)
        else:
            for s, t in bounds:
                m = float(t - s)
                if small:
                    gw, gs = _small_batch_sums(xe[s:t], ye[s:t], w, b, loss, delta, c, m)
                else:
                    r = buf[: t - s]
                    np.multiply(xe[s:t], w, out=r)
                    r += b
                    r -= ye[s:t]  # r = x w + b − y, as Xb @ w + b − yb
                    if loss == "mae":
                        np.sign(r, out=r)
                    elif loss == "huber":
                        np.minimum(r, delta, out=r)
                        np.maximum(r, -delta, out=r)
                    elif loss == "rmse":
                        root = math.sqrt(float(r @ r) / m)
                        if root > 0.0:
                            r /= root
                        else:
                            r[:] = 0.0
                    else:
                        r[:] = _tukey_psi(r, c)
                    gw, gs = (abe[:, s:t] @ r).tolist()
                w = w - lr * gw / m
                b = b - lr * gs / m
                ws.append(w)
                bs.append(b)
        if not (abs(w) < _HUGE and abs(b) < _HUGE):
            break
    return np.array(ws, dtype=float)[:, None], np.array(bs, dtype=float)


def _mae_batches_epoch(xe, ye, bounds, w, b, lr, _delta, add_w, add_b):
    """One epoch of MAE mini-batch steps over the lists ``xe``, ``ye`` (the epoch's order), batches
    ``[s, t)`` from ``bounds``; returns ``(w, b)``.

    :func:`_small_batch_sums`'s sums ``Σ gⱼ xⱼ``, ``Σ gⱼ`` with ``g = sign(r)`` written per sign
    (``gw + 1.0·x = gw + x``, ``gw + (−1.0)·x = gw − x`` exactly; a zero slope adds nothing), then
    its step: the same path to the last bit.
    """
    for s, t in bounds:
        gw = gs = 0.0
        for j in range(s, t):
            xj = xe[j]
            r = w * xj + b - ye[j]
            if r > 0.0:
                gw = gw + xj
                gs = gs + 1.0
            elif r < 0.0:
                gw = gw - xj
                gs = gs - 1.0
        m = float(t - s)
        w = w - lr * gw / m
        b = b - lr * gs / m
        add_w(w)
        add_b(b)
    return w, b


def _huber_batches_epoch(xe, ye, bounds, w, b, lr, delta, add_w, add_b):
    """One epoch of Huber mini-batch steps (see :func:`_mae_batches_epoch`), ``g = clip(r, −δ, δ)``."""
    low = -delta
    for s, t in bounds:
        gw = gs = 0.0
        for j in range(s, t):
            xj = xe[j]
            r = w * xj + b - ye[j]
            g = delta if r > delta else (low if r < low else r)
            gw += g * xj
            gs += g
        m = float(t - s)
        w = w - lr * gw / m
        b = b - lr * gs / m
        add_w(w)
        add_b(b)
    return w, b


def _rmse_batches_epoch(xe, ye, bounds, w, b, lr, _delta, add_w, add_b):
    """One epoch of RMSE mini-batch steps (see :func:`_mae_batches_epoch`): ``g = r / RMSE`` of the batch (0 when
    the batch's RMSE is 0), the arithmetic of :func:`_small_batch_sums` in the same order, so the same path to the
    last bit (its ``sum`` too: Python 3.12's ``sum`` of floats is compensated)."""
    for s, t in bounds:
        m = float(t - s)
        rs = [w * xe[j] + b - ye[j] for j in range(s, t)]
        root = math.sqrt(sum(r * r for r in rs) / m)
        gw = gs = 0.0
        if root != 0.0:
            for j, r in zip(range(s, t), rs, strict=True):
                g = r / root
                gw += g * xe[j]
                gs += g
        w = w - lr * gw / m
        b = b - lr * gs / m
        add_w(w)
        add_b(b)
    return w, b


def _small_batch_sums(xb, yb, w, b, loss, delta, c, m):
    """``(Σ gⱼ xⱼ, Σ gⱼ)`` over a small batch's examples (lists ``xb``, ``yb``), gⱼ the slope of the loss at
    the residual rⱼ (as :func:`_residual_slopes`).

    Runs use it for Tukey's loss only: MAE, Huber and RMSE have loops of their own (:func:`_mae_batches_epoch`,
    :func:`_huber_batches_epoch`, :func:`_rmse_batches_epoch`), which take its steps to the last bit. It stays
    the one readable loop for every loss that those are tested against (``tests/test_training.py``)."""
    gw = gs = 0.0
    if loss == "rmse":
        rs = [w * xj + b - yj for xj, yj in zip(xb, yb, strict=True)]
        root = math.sqrt(sum(r * r for r in rs) / m)
        if root == 0.0:
            return 0.0, 0.0
        for xj, r in zip(xb, rs, strict=True):
            gw += r / root * xj
            gs += r / root
        return gw, gs
    for xj, yj in zip(xb, yb, strict=True):
        r = w * xj + b - yj
        if loss == "mae":
            g = float((r > 0.0) - (r < 0.0))
        elif loss == "huber":
            g = min(max(r, -delta), delta)
        else:  # Tukey's ψ(r) = r (1 − (r/c)²)² inside [−c, c], 0 outside
            q = r / c  # (q * q, not q ** 2, which raises OverflowError on a diverging run)
            g = r * (1.0 - q * q) ** 2 if abs(r) <= c else 0.0
        gw += g * xj
        gs += g
    return gw, gs


def _schedule_factors(schedule, epochs: int) -> list[float]:
    """The factor of the learning rate in every epoch (see :data:`SCHEDULES`), checked."""
    if schedule is None or (isinstance(schedule, str) and schedule == "constant"):
        return [1.0] * epochs
    if isinstance(schedule, str):
        name = v.check_choice(schedule, "schedule", SCHEDULES)
        if name == "step":
            return [STEP_SCHEDULE_FACTOR ** math.floor(STEP_SCHEDULE_PIECES * e / epochs) for e in range(epochs)]
        if name == "1/t":
            return [1.0 / (1.0 + e) for e in range(epochs)]
        return [(1.0 + math.cos(math.pi * e / epochs)) / 2.0 for e in range(epochs)]
    if not callable(schedule):
        raise TypeError(
            f"schedule must be None, one of {', '.join(map(repr, SCHEDULES))} or a function epoch -> factor, "
            f"got {schedule!r}."
        )
    factors = []
    for e in range(epochs):
        f = schedule(e)
        try:
            f = v.check_scalar(f, f"schedule({e})", minimum=0.0)
        except (TypeError, ValueError) as err:
            raise type(err)(
                f"{err} A schedule function must return a finite factor >= 0 of the learning rate for every "
                f"epoch 0 … {epochs - 1}."
            ) from None
        factors.append(f)
    return factors


def _general_loop(X, y, order_fn, epochs, lr, w, b, batch_size, fixed_order, loss, delta, c, momentum, factors, l2):
    """Any loss with heavy-ball momentum, a learning-rate schedule and an L2 penalty on the weights.

    The direction of a step is the batch's gradient of the loss (as in :func:`_residual_loss_loop`;
    ``gᵢ = 2rᵢ`` for the MSE) plus ``2α w`` from the penalty ``α‖w‖²``; then
    ``v ← μ v − η_e ∇``, ``θ ← θ + v`` (heavy ball, ``v = 0`` at the start), with ``η_e`` the rate of
    the step's epoch. With ``μ = 0``, constant factors and ``α = 0`` it is plain gradient descent.
    """
    n = X.shape[0]
    starts = _batch_starts(n, batch_size).tolist()
    ws = [w.copy()]
    bs = [b]
    vw = np.zeros_like(w)
    vb = 0.0
    idx = order_fn(0)
    for epoch in range(epochs):
        if not fixed_order and epoch:
            idx = order_fn(epoch)
        Xp, yp = X[idx], y[idx]
        rate = lr * factors[epoch]
        for s in starts:
            Xb, yb = Xp[s : s + batch_size], yp[s : s + batch_size]
            g = _residual_slopes(Xb @ w + b - yb, loss, delta, c)
            m = yb.shape[0]
            gw = (g @ Xb) / m + 2.0 * l2 * w
            gb = float(g.sum()) / m
            vw = momentum * vw - rate * gw
            vb = momentum * vb - rate * gb
            w = w + vw
            b = b + vb
            ws.append(w)
            bs.append(b)
        if not (np.all(np.abs(w) < _HUGE) and abs(b) < _HUGE):
            break
    return np.array(ws), np.array(bs)


def _mse_scalar_general(x, y, order_fn, epochs, lr, w, b, batch_size, fixed_order, momentum, factors, l2):
    """One feature, the MSE, with momentum, a schedule and/or L2: :func:`_general_loop` on Python floats.

    Each batch's centred sums come from :func:`_sums_by_epoch` (as in
    :func:`_mse_scalar_batches`); a step is then a few float operations instead of a few numpy
    calls (≈ 1 µs instead of ≈ 15 µs), so SGD with a schedule on a dashboard's data keeps up
    with a slider. The update is the general loop's: ``∇ = batch gradient + (2α w, 0)``,
    ``v ← μ v − η_e ∇``, ``θ ← θ + v``.
    """
    n = x.shape[0]
    mx, my = float(x.mean()), float(y.mean())
    xc, yc = x - mx, y - my
    starts = _batch_starts(n, batch_size)
    ws = [w]
    bs = [b]
    vw = vb = 0.0
    for epoch, sums in enumerate(_sums_by_epoch(xc, yc, order_fn, epochs, starts, fixed_order)):
        rate = lr * factors[epoch]
        for sx, sxx, sxy, sy, m in zip(*sums, strict=False):
            c = w * mx + b - my
            sr = w * sx + m * c - sy  # Σ r
            srx = w * sxx + c * sx - sxy  # Σ r·x_c
            k = 2.0 / m
            gw = k * (srx + mx * sr) + 2.0 * l2 * w
            gb = k * sr
            vw = momentum * vw - rate * gw
            vb = momentum * vb - rate * gb
            w += vw
            b += vb
            ws.append(w)
            bs.append(b)
        if not (abs(w) < _HUGE and abs(b) < _HUGE):
            break
    return np.array(ws)[:, None], np.array(bs)


def _residual_scalar_sgd(x, y, order_fn, epochs, lr, w, b, loss, delta, fixed_order):
    """One feature, batch size 1, MAE / Huber / RMSE: the same arithmetic as the numpy loop, on Python floats.

    numpy's per-call cost (≈ 10 µs a step for a batch of one) made an epoch of SGD on
    20,000 examples take a second; plain floats take well under a microsecond a step.
    Each operation is the one the array loop does on its one-element arrays, so the
    path is the same to the last bit. MAE and Huber have a loop of their own
    (:func:`_mae_sgd_epoch`, :func:`_huber_sgd_epoch`): no test of the loss name per step.
    """
    ws = [w]
    bs = [b]
    for xl, yl in _by_epoch(order_fn, epochs, x.shape[0], fixed_order, _epoch_lists(x, y)):
        if loss == "mae":
            w, b = _mae_sgd_epoch(xl, yl, w, b, lr, ws.append, bs.append)
        elif loss == "huber":
            w, b = _huber_sgd_epoch(xl, yl, w, b, lr, delta, ws.append, bs.append)
        else:
            for xj, yj in zip(xl, yl, strict=True):
                r = w * xj + b - yj
                root = math.sqrt(r * r / 1)
                g = r / root if root > 0.0 else 0.0
                w = w - lr * (g * xj) / 1
                b = b - lr * float(g) / 1
                ws.append(w)
                bs.append(b)
        if not (abs(w) < _HUGE and abs(b) < _HUGE):
            break
    return np.array(ws, dtype=float)[:, None], np.array(bs, dtype=float)


def _mae_sgd_epoch(xl, yl, w, b, lr, add_w, add_b):
    """One epoch of MAE SGD over the lists ``xl``, ``yl`` (examples in order); returns ``(w, b)``.

    The array loop's step ``w − η·(g·x)/1``, ``b − η·g/1`` with ``g = sign(r)``, written per sign:
    ``η·(−x) = −(η·x)`` exactly, and ``g = 0`` leaves ``w`` and ``b`` as they are, so the path is
    the same to the last bit.
    """
    for xj, yj in zip(xl, yl, strict=True):
        r = w * xj + b - yj
        if r > 0.0:
            w = w - lr * xj
            b = b - lr
        elif r < 0.0:
            w = w + lr * xj
            b = b + lr
        add_w(w)
        add_b(b)
    return w, b


def _huber_sgd_epoch(xl, yl, w, b, lr, delta, add_w, add_b):
    """One epoch of Huber SGD over the lists ``xl``, ``yl``; returns ``(w, b)``.

    ``g = clip(r, −δ, δ)`` (a NaN residual stays NaN, as ``np.clip`` leaves it), then the array
    loop's step: the same path to the last bit.
    """
    low = -delta
    for xj, yj in zip(xl, yl, strict=True):
        r = w * xj + b - yj
        g = delta if r > delta else (low if r < low else r)
        w = w - lr * (g * xj)
        b = b - lr * g
        add_w(w)
        add_b(b)
    return w, b


def _whole_data_losses(X, y, W, B, loss, delta, stats, c=4.685):
    """Loss on the whole data set at each state (rows of W, entries of B)."""
    if loss == "mse":
        return stats.mse(W, B)
    out = np.empty(B.shape[0])
    chunk = max(1, 4_000_000 // X.shape[0])
    for s in range(0, B.shape[0], chunk):
        R = W[s : s + chunk] @ X.T + B[s : s + chunk, None] - y
        if loss == "mae":
            terms = np.abs(R)
        elif loss in ("huber", "rmse"):
            terms = _huber_terms(R, delta) if loss == "huber" else R * R
        else:
            terms = _tukey_terms(R, c)
        out[s : s + chunk] = terms.mean(axis=1)
    return np.sqrt(out) if loss == "rmse" else out


def gradient_descent(
    X: np.ndarray,
    y: np.ndarray,
    *,
    learning_rate: float,
    epochs: int,
    batch_size: int | None = None,
    loss: str = "mse",
    w0: float | np.ndarray | None = None,
    b0: float = 0.0,
    shuffle: bool = True,
    seed: int = 0,
    delta: float = 1.0,
    c: float = 4.685,
    momentum: float = 0.0,
    schedule: str | Callable[[int], float] | None = None,
    l2: float = 0.0,
    _first_epochs_of: History | None = None,
) -> History:
    """Minimise a loss of the linear model by (mini-batch / stochastic) gradient descent.

    Each step takes the batch's gradient (``2/m · Σ rᵢ xᵢ`` for the MSE on a
    batch of ``m`` examples) and moves ``(w, b)`` against it:
    ``w ← w − η ∂L/∂w``, ``b ← b − η ∂L/∂b``.

    Parameters
    ----------
    X : array_like, shape (n,) or (n, M)
    y : array_like, shape (n,)
    learning_rate : float
        Step size η (> 0).
    epochs : int
        Passes over the data (≥ 1).
    batch_size : int, optional
        Examples per step, from 1 (SGD) to n; ``None`` means n (full batch).
    loss : {"mse", "mae", "huber", "tukey", "rmse"}
        The loss to minimise (MAE uses the subgradient of :func:`mae_gradient`;
        Tukey's loss is not convex, so where descent ends depends on the start).
        ``"rmse"`` descends on the RMSE itself, with ``∇RMSE = ∇MSE / (2·RMSE)``
        of each batch: the same minimiser as the MSE, different steps.
    w0 : float or array_like, shape (M,), optional
        Starting weights (default zeros).
    b0 : float
        Starting bias.
    shuffle : bool
        Draw a new random order of the examples every epoch (mini-batch and
        SGD); otherwise use the data's order.
    seed : int
        Seed of the shuffling, for reproducible runs.
    delta : float
        Huber's δ (only for ``loss="huber"``).
    c : float
        Tukey's c (only for ``loss="tukey"``).
    momentum : float
        Heavy-ball momentum μ, ``0 <= μ < 1``: ``v ← μ v − η ∇``, ``θ ← θ + v`` with ``v = 0``
        at the start (``0``: plain gradient descent). On a quadratic with Hessian eigenvalues
        ``λ_min … λ_max`` (condition number ``κ``) the best μ and η make the error shrink by
        ``(√κ − 1)/(√κ + 1)`` a step, against ``(κ − 1)/(κ + 1)`` without momentum.
    schedule : None, {"constant", "step", "1/t", "cosine"} or callable
        The learning rate of epoch ``e`` is ``learning_rate · factor(e)``; see :data:`SCHEDULES`
        for the formulas. A function ``epoch -> factor`` (a finite number ``>= 0``, epochs
        counted from 0) gives any other schedule.
    l2 : float
        Ridge penalty / weight decay ``α >= 0`` on the **weights** (not the bias): the descent
        minimises ``L + α‖w‖²`` (``L`` the chosen loss, e.g. the MSE), whose gradient is
        ``∇L + (2α w, 0)``. For the MSE its minimiser is ``ridge(X, y, α)`` (:mod:`.closed_form`).
        ``History.losses`` stays the loss ``L`` of the data, without the penalty.

    Returns
    -------
    History
        ``weights`` (steps+1, M), ``biases``, ``losses`` (whole data, every
        state), ``steps_per_epoch``, ``diverged``, ``diverged_at``.

    Raises
    ------
    ValueError
        Before any work, for a request too big to run in a few seconds and a
        few hundred MiB: more than :data:`MAX_PARAMETER_VALUES` parameter values
        along the path (``epochs × ceil(n / batch_size) × (M + 1)``), or more
        than :data:`MAX_RESIDUAL_LOSS_STEPS` steps for a loss other than the
        MSE. The message gives the size and the largest ``epochs`` allowed.

    Notes
    -----
    **Bounded work.** Every step must be taken, so no thinning can make a run
    of too many steps quick: such a request is *refused* up front with a message
    saying how big it is and what to lower. Thinning is used for the one cost
    that is not in the steps themselves: the whole-data loss of the MAE, Huber,
    Tukey and RMSE at each state costs O(n), so SGD for one epoch would cost
    O(n²). When ``stored states × n`` exceeds :data:`LOSS_EVALUATION_BUDGET`
    (10⁷), the history keeps every k-th state (k as small as the budget
    allows) and the last one, ``History.step_index`` gives their step numbers,
    and divergence is checked on those states. Smaller runs, and every MSE
    run (whose loss costs O(1) per state), store every state.

    **Momentum, schedules and L2.** A run with any of them takes the general loop, a few numpy
    calls a step (as the MAE's), so it is limited to :data:`MAX_RESIDUAL_LOSS_STEPS` steps. With one
    feature and the MSE the same update runs on plain floats over per-batch sums (≈ 1 µs a step).

    Examples
    --------
    >>> from linreg_helpers import make_linear_data, fit_closed_form
    >>> X, y = make_linear_data(50, seed=0)
    >>> h = gradient_descent(X, y, learning_rate=0.02, epochs=2000)
    >>> h.steps, h.diverged
    (2000, False)
    >>> [round(float(p), 2) for p in (h.w[0], h.b)] == [round(float(q), 2) for q in fit_closed_form(X, y)]
    True
    """
    X2, y1 = v.check_Xy(X, y)
    n, M = X2.shape
    lr = v.check_learning_rate(learning_rate)
    epochs = v.check_int(epochs, "epochs", minimum=1)
    B = v.check_batch_size(batch_size, n)
    loss = v.check_choice(loss, "loss", (*v.LOSSES, "rmse"))
    w = np.zeros(M) if w0 is None else v.check_weights(w0, M, "w0").copy()
    b = v.check_scalar(b0, "b0")
    delta = v.check_scalar(delta, "delta", positive=True)
    c = v.check_scalar(c, "c", positive=True)
    seed = v.check_seed(seed)
    if not isinstance(shuffle, (bool, np.bool_)):
        raise TypeError(f"shuffle must be True or False, got {shuffle!r}.")
    momentum = v.check_scalar(momentum, "momentum", minimum=0.0)
    if momentum >= 1.0:
        raise ValueError(
            f"momentum must be below 1 (0 <= momentum < 1; 0.9 is usual), got {momentum}: at 1 or above "
            "the velocity never decays and the run cannot settle."
        )
    l2 = v.check_scalar(l2, "l2", minimum=0.0)
    general = (
        momentum > 0.0 or l2 > 0.0 or not (schedule is None or (isinstance(schedule, str) and schedule == "constant"))
    )
    spe = math.ceil(n / B)
    _check_bounded(n, M, B, spe, epochs, loss, general)  # before any per-epoch work
    factors = _schedule_factors(schedule, epochs)

    fixed_order = not shuffle or B == n
    order_fn = _EpochOrders(n, not fixed_order, seed)
    # ``_first_epochs_of``: a run of these same settings with fewer epochs (the dashboards' kept runs, which
    # only ask this): its states are this run's first ones, so the loop starts from its end.
    kept = _first_epochs_of if _continues(_first_epochs_of, epochs, spe, n, M, loss, general) else None
    if kept is not None:
        order_fn.skip(kept.epochs)  # the kept run's epochs took their orders from the stream: the same moves on
        w = kept.weights[-1].copy()
        b = float(kept.biases[-1])

    with np.errstate(all="ignore"):
        epochs_left = epochs - (kept.epochs if kept is not None else 0)
        if general and loss == "mse" and M == 1:
            W, Bs = _mse_scalar_general(
                X2[:, 0], y1, order_fn, epochs_left, lr, float(w[0]), b, B, fixed_order, momentum, factors, l2
            )
        elif general:
            W, Bs = _general_loop(
                X2, y1, order_fn, epochs_left, lr, w, b, B, fixed_order, loss, delta, c, momentum, factors, l2
            )
        elif loss == "mse" and M == 1 and B == 1:
            W, Bs = _mse_scalar_sgd(X2[:, 0], y1, order_fn, epochs_left, lr, float(w[0]), b, fixed_order)
        elif loss == "mse" and M == 2 and B == 1:
            W, Bs = _mse_two_feature_sgd(X2, y1, order_fn, epochs_left, lr, w, b, fixed_order)
        elif loss == "mse" and M == 1:
            W, Bs = _mse_scalar_batches(X2[:, 0], y1, order_fn, epochs_left, lr, float(w[0]), b, B, fixed_order)
        elif loss == "mse":
            W, Bs = _mse_matrix(X2, y1, order_fn, epochs_left, lr, w, b, B, fixed_order)
        else:
            W, Bs = _residual_loss_loop(X2, y1, order_fn, epochs_left, lr, w, b, B, fixed_order, loss, delta, c)

        step_index = None
        if loss != "mse":
            stride = math.ceil(W.shape[0] * n / LOSS_EVALUATION_BUDGET)
            if stride > 1:
                step_index = np.arange(0, W.shape[0], stride)
                if step_index[-1] != W.shape[0] - 1:
                    step_index = np.append(step_index, W.shape[0] - 1)
                W, Bs = W[step_index], Bs[step_index]
        stats = MSEStats(X2, y1) if loss == "mse" else None
        losses = _whole_data_losses(X2, y1, W, Bs, loss, delta, stats, c)
        if kept is not None:  # each state's loss is its own: the kept run's, then the new states'
            W = np.concatenate([kept.weights, W[1:]])
            Bs = np.concatenate([kept.biases, Bs[1:]])
            losses = np.concatenate([kept.losses, losses[1:]])
        constant = _whole_data_losses(X2, y1, np.zeros((1, M)), np.array([y1.mean()]), loss, delta, stats, c)[0]
    if not np.isfinite(losses[0]):
        raise ValueError(
            f"The {loss.upper()} at the start point is not finite in double precision: the data are too large "
            f"(largest |y| = {float(np.max(np.abs(y1))):.3g}, largest |x| = {float(np.max(np.abs(X2))):.3g}; "
            "squared errors beyond about 1e308 overflow). Rescale y (and X), e.g. express them in larger units, "
            "and train again."
        )
    scale = max(float(losses[0]), float(constant), 1e-300)
    broken = ~np.isfinite(losses) | ~np.isfinite(W).all(axis=1) | ~np.isfinite(Bs)
    if loss == "tukey":
        # Tukey's loss is bounded (each point adds at most c²/6), so a run-away cannot show in the
        # loss: the parameters are the sign. It has diverged when the line's predictions are
        # RUNAWAY_FACTOR times farther from the data than the data's own size.
        with np.errstate(all="ignore"):
            reach = np.abs(W) @ np.max(np.abs(X2), axis=0) + np.abs(Bs)
        size = max(float(np.max(np.abs(y1))), float(np.ptp(y1)), float(np.max(np.abs(X2))), 1e-300)
        broken |= ~(reach <= RUNAWAY_FACTOR * size)
    bad = broken | (losses > DIVERGENCE_FACTOR * scale)
    diverged_at = None
    if bad.any():
        k = int(np.argmax(bad))
        diverged_at = k if step_index is None else int(step_index[k])
    cut = broken | (losses > HISTORY_CUT_FACTOR * scale)
    if cut.any():
        k = int(np.argmax(cut))
        keep = k + 1 if (np.isfinite(losses[k]) and np.isfinite(W[k]).all() and np.isfinite(Bs[k])) else k
        keep = max(keep, 1)
        W, Bs, losses = W[:keep], Bs[:keep], losses[:keep]
        if step_index is not None:
            step_index = step_index[:keep]
    return History(
        weights=np.ascontiguousarray(W),
        biases=Bs,
        losses=losses,
        steps_per_epoch=spe,
        diverged=diverged_at is not None,
        diverged_at=diverged_at,
        learning_rate=lr,
        batch_size=B,
        epochs=epochs,
        loss=loss,
        step_index=step_index,
    )


def _continues(kept: History | None, epochs: int, spe: int, n: int, M: int, loss: str, general: bool) -> bool:
    """Whether a run of ``epochs`` epochs may start from the end of ``kept`` (a run of the same settings; None:
    no): ``kept`` has fewer epochs, all its states (not thinned, not cut by a divergence), and the steps depend
    only on the state (no momentum's velocity, no schedule over the epochs, no ridge). A longer run's history
    would be thinned (:data:`LOSS_EVALUATION_BUDGET`) where the kept one is not: computed anew."""
    if kept is None or general or kept.diverged or kept.step_index is not None:
        return False
    if not (kept.epochs < epochs and kept.steps_per_epoch == spe and kept.weights.shape == (kept.epochs * spe + 1, M)):
        return False
    return loss == "mse" or math.ceil((epochs * spe + 1) * n / LOSS_EVALUATION_BUDGET) == 1


def _check_bounded(n: int, M: int, B: int, spe: int, epochs: int, loss: str, general: bool = False) -> None:
    """Refuse, before any work, a run whose path would not fit in a few hundred MiB or a few seconds."""
    steps = epochs * spe
    values = steps * (M + 1)
    fix = (
        f"Lower epochs (at most {max(1, MAX_PARAMETER_VALUES // ((M + 1) * spe))} at this batch size) "
        f"or raise batch_size (now {B}: {spe} steps per epoch)"
    )
    if values > MAX_PARAMETER_VALUES:
        raise ValueError(
            f"This run is too big: {epochs} epochs × {spe} steps = {steps:,} steps of {M + 1} parameters "
            f"({values:,} values, about {values * 150 / 2**20:,.0f} MiB while the path is built; "
            f"the limit is {MAX_PARAMETER_VALUES:,}). {fix}."
        )
    if (loss != "mse" or general) and steps > MAX_RESIDUAL_LOSS_STEPS:
        most = max(1, MAX_RESIDUAL_LOSS_STEPS // spe)
        kind = f"{loss.upper()} descent with momentum, a schedule or l2" if general else f"{loss.upper()} descent"
        raise ValueError(
            f"This run is too long: {epochs} epochs × {spe} steps = {steps:,} steps of the {kind} "
            f"(about {steps * 15e-6:,.0f} s; the limit is {MAX_RESIDUAL_LOSS_STEPS:,} steps). "
            f"Lower epochs (at most {most} at this batch size) or raise batch_size (now {B})."
        )
