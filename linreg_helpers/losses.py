"""Loss functions: how wrong the predictions are. Lower is better.

Introduced in ``02_losses``. Every function takes ``(y_true, y_pred)`` in that
order (as scikit-learn does) and works on the residuals ``r = y_pred - y_true``.

========  ==============================================  ==================
name      formula                                          unit
========  ==============================================  ==================
``sse``   L2 loss, total: ``Σ r²``                         (unit of y)²
``sae``   L1 loss, total: ``Σ |r|``                        unit of y
``mse``   mean squared error: ``(1/n) Σ r²``               (unit of y)²
``mae``   mean absolute error: ``(1/n) Σ |r|``             unit of y
``rmse``  root mean squared error: ``sqrt(MSE)``           unit of y
``huber`` ``(1/n) Σ h_δ(r)``, ``h = r²/2`` if ``|r| ≤ δ``   (unit of y)²
          else ``δ(|r| − δ/2)``
``tukey`` Tukey's biweight (bounded, *not* convex)          (unit of y)²
========  ==============================================  ==================
"""

from __future__ import annotations

import numpy as np

from . import _validation as v

__all__ = ["huber", "mae", "mse", "rmse", "sae", "sse", "tukey"]


def _residuals(y_true: object, y_pred: object) -> np.ndarray:
    t, p = v.check_pair(y_true, y_pred)
    return p - t


def sse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """L2 loss: the *sum* of squared errors ``Σ (y_pred − y_true)²``.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n,)
        Observed and predicted targets.

    Returns
    -------
    float
        In squared units of ``y``.

    Examples
    --------
    >>> sse([1.0, 2.0], [1.0, 4.0])
    4.0
    """
    r = _residuals(y_true, y_pred)
    return float(r @ r)


def sae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """L1 loss: the *sum* of absolute errors ``Σ |y_pred − y_true|``.

    Examples
    --------
    >>> sae([1.0, 2.0], [0.0, 4.0])
    3.0
    """
    return float(np.abs(_residuals(y_true, y_pred)).sum())


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error ``(1/n) Σ (y_pred − y_true)²`` (the L2 loss divided by n).

    Examples
    --------
    >>> mse([1.0, 2.0], [1.0, 4.0])
    2.0
    """
    r = _residuals(y_true, y_pred)
    return float(r @ r) / r.shape[0]


def mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean absolute error ``(1/n) Σ |y_pred − y_true|`` (in units of y).

    Examples
    --------
    >>> mae([1.0, 2.0], [0.0, 4.0])
    1.5
    """
    return float(np.abs(_residuals(y_true, y_pred)).mean())


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Root mean squared error ``sqrt(MSE)``, in the units of y.

    Examples
    --------
    >>> rmse([0.0, 0.0], [3.0, 4.0])  # sqrt((9 + 16) / 2)
    3.5355339059327378
    """
    return float(np.sqrt(mse(y_true, y_pred)))


def _huber_terms(r: np.ndarray, delta: float) -> np.ndarray:
    a = np.abs(r)
    return np.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta))


def huber(y_true: np.ndarray, y_pred: np.ndarray, delta: float = 1.0) -> float:
    """Huber loss: quadratic for small errors, linear for large ones (mean over examples).

    ``h_δ(r) = r²/2`` when ``|r| ≤ δ`` and ``δ(|r| − δ/2)`` otherwise; the two
    pieces meet with the same value and slope at ``|r| = δ``. This is the
    convention of PyTorch's ``HuberLoss``; for small errors it equals MSE/2.

    Parameters
    ----------
    delta : float
        Where the loss turns from quadratic to linear, in units of y (> 0).

    Examples
    --------
    >>> huber([0.0, 0.0], [0.5, 3.0], delta=1.0)
    1.3125
    """
    delta = v.check_scalar(delta, "delta", positive=True)
    return float(_huber_terms(_residuals(y_true, y_pred), delta).mean())


def _tukey_terms(r: np.ndarray, c: float) -> np.ndarray:
    u = np.minimum((r / c) ** 2, 1.0)
    # 1 − (1 − u)³ expanded as u·(3 − u·(3 − u)): no cancellation for tiny residuals
    # (the literal form is exactly 0 for |r| below ≈ 5e-8); the factor lies in [1, 3] on [0, 1]
    return (c * c / 6.0) * (u * (3.0 - u * (3.0 - u)))


def _tukey_psi(r: np.ndarray, c: float) -> np.ndarray:
    """Derivative of Tukey's ρ: ``r (1 − (r/c)²)²`` inside ``[−c, c]``, 0 outside."""
    u = 1.0 - (r / c) ** 2
    return np.where(np.abs(r) <= c, r * u * u, 0.0)


def tukey(y_true: np.ndarray, y_pred: np.ndarray, c: float = 4.685) -> float:
    """Tukey's biweight loss (mean over examples): a bounded loss that is **not convex**.

    ``ρ(r) = c²/6 · (1 − (1 − (r/c)²)³)`` for ``|r| ≤ c`` and ``c²/6`` beyond:
    a large error costs no more than a moderate one, so outliers are ignored,
    but the loss surface can have several valleys. Used in ``06_convexity`` as
    the contrast to MSE, MAE and Huber.

    Examples
    --------
    >>> round(tukey([0.0], [100.0], c=3.0), 3)
    1.5
    """
    c = v.check_scalar(c, "c", positive=True)
    return float(_tukey_terms(_residuals(y_true, y_pred), c).mean())
