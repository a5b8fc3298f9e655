"""The linear model ``ŷ = X·w + b``.

Introduced in ``01_model``.
"""

from __future__ import annotations

import numpy as np

from . import _validation as v

__all__ = ["predict"]


def predict(X: np.ndarray, w: float | np.ndarray, b: float) -> np.ndarray:
    """Predictions of the linear model ``ŷ = X·w + b``.

    Parameters
    ----------
    X : array_like, shape (n,) or (n, M)
        Features, one row per example (1-D for one feature).
    w : float or array_like, shape (M,)
        Weights, one per feature (a number when there is one feature).
    b : float
        Bias (intercept), in units of the target.

    Returns
    -------
    ndarray, shape (n,)
        Predicted targets ŷ.

    Examples
    --------
    >>> predict([1.0, 2.0, 3.0], 2.0, 1.0)
    array([3., 5., 7.])
    """
    X2 = v.check_X(X)
    w1 = v.check_weights(w, X2.shape[1])
    b = v.check_scalar(b, "b")
    return X2 @ w1 + b
