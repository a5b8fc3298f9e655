"""Loss surfaces: the loss at every ``(w, b)`` on a grid, for one-feature data.

Introduced in ``03_gradients`` and used by every 3D and contour plot.
"""

from __future__ import annotations

import numpy as np

from . import _validation as v
from ._mse_stats import MSEStats
from .losses import _huber_terms, _tukey_terms

__all__ = ["loss_surface"]


def loss_surface(
    X: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray,
    biases: np.ndarray,
    loss: str = "mse",
    *,
    delta: float = 1.0,
    c: float = 4.685,
) -> np.ndarray:
    """Tabulate a loss over a grid of weights and biases.

    Parameters
    ----------
    X : array_like, shape (n,) or (n, 1)
        One feature.
    y : array_like, shape (n,)
    weights : array_like, shape (nw,)
        Grid values of w (the horizontal axis of a contour plot).
    biases : array_like, shape (nb,)
        Grid values of b.
    loss : {"mse", "rmse", "mae", "huber", "tukey"}
        MSE (and RMSE) come from sufficient statistics, in O(nw·nb) time
        whatever n is; the others cost O(nw·nb·n) time and hold at most
        2·10⁶ residuals (16 MB) at a time, whatever n is.
    delta : float
        Huber's δ.
    c : float
        Tukey's c.

    Returns
    -------
    ndarray, shape (nb, nw)
        ``Z[i, j]`` is the loss at ``w = weights[j]``, ``b = biases[i]``, the
        layout ``matplotlib``'s ``contour(weights, biases, Z)`` expects.

    Examples
    --------
    >>> Z = loss_surface([0.0, 1.0], [1.0, 3.0], [0.0, 2.0], [0.0, 1.0, 2.0])
    >>> Z.shape, round(float(Z[1, 1]), 12)  # w = 2, b = 1 fits both points
    ((3, 2), 0.0)
    """
    X2, y1 = v.check_Xy(X, y)
    if X2.shape[1] != 1:
        raise ValueError(
            f"loss_surface draws one weight against the bias, so X needs exactly one feature; "
            f"got shape {np.shape(X)}. Pick one column, e.g. X[:, 0]."
        )
    W = v.check_grid(weights, "weights")
    B = v.check_grid(biases, "biases")
    loss = v.check_choice(loss, "loss", v.SURFACE_LOSSES)
    if loss in ("mse", "rmse"):
        Z = MSEStats(X2, y1).mse_grid(W, B)
        return np.sqrt(Z) if loss == "rmse" else Z
    delta = v.check_scalar(delta, "delta", positive=True)
    c = v.check_scalar(c, "c", positive=True)
    x = X2[:, 0]
    Z = np.empty((B.shape[0], W.shape[0]))
    n = x.shape[0]
    if W.shape[0] * n > _CHUNK:
        return _surface_in_chunks(x, y1, W, B, loss, delta, c)
    rows = max(1, _CHUNK // (W.shape[0] * n))
    for s in range(0, B.shape[0], rows):
        R = W[None, :, None] * x[None, None, :] + B[s : s + rows, None, None] - y1
        Z[s : s + rows] = _terms(R, loss, delta, c).mean(axis=2)
    return Z


_CHUNK = 2_000_000
"""Residuals held at a time by :func:`loss_surface` (16 MB of float64)."""


def _terms(R: np.ndarray, loss: str, delta: float, c: float) -> np.ndarray:
    """Per-example loss of residuals ``R`` (any shape) for MAE, Huber or Tukey."""
    if loss == "mae":
        return np.abs(R)
    if loss == "huber":
        return _huber_terms(R, delta)
    return _tukey_terms(R, c)


def _surface_in_chunks(
    x: np.ndarray, y: np.ndarray, W: np.ndarray, B: np.ndarray, loss: str, delta: float, c: float
) -> np.ndarray:
    """The grid one bias at a time and the examples in blocks: at most ``_CHUNK`` residuals at once.

    Used when one bias row of all weights times ``n`` would exceed ``_CHUNK``
    (e.g. n = 10⁶), so the memory stays bounded whatever n is; the mean is then
    a sum of per-block sums divided by n.
    """
    n = x.shape[0]
    cols = max(1, _CHUNK // W.shape[0])  # examples per block
    Z = np.zeros((B.shape[0], W.shape[0]))
    for i, b in enumerate(B.tolist()):
        for s in range(0, n, cols):
            R = W[:, None] * x[None, s : s + cols] + (b - y[None, s : s + cols])
            Z[i] += _terms(R, loss, delta, c).sum(axis=1)
    return Z / n
