"""Sufficient statistics that give the MSE of *any* ``(w, b)`` in O(M²) time.

With the data centred (``x = x̄ + x_c``, ``y = ȳ + y_c``) and the
least-squares weights ``w*``, the MSE is exactly

    MSE(w, b) = (w − w*)ᵀ Σ (w − w*) + R + c²,   c = w·x̄ + b − ȳ,

where ``Σ = X_cᵀX_c / n`` and ``R = mean((y_c − X_c w*)²) ≥ 0`` is the smallest
attainable MSE. Every term is a sum of non-negative pieces, so the result never
cancels to a negative number near a perfect fit (the expanded square
``w²Σx² − 2wΣxy + …`` can). Its cost does not grow with ``n``.
"""

from __future__ import annotations

import numpy as np


class MSEStats:
    """Centred moments of a data set, used to evaluate the MSE cheaply.

    Parameters
    ----------
    X : ndarray, shape (n, M)
    y : ndarray, shape (n,)
    """

    def __init__(self, X: np.ndarray, y: np.ndarray) -> None:
        n = X.shape[0]
        self.n = n
        self.x_mean = X.mean(axis=0)
        self.y_mean = float(y.mean())
        Xc = X - self.x_mean
        yc = y - self.y_mean
        # Work with each column divided by its largest |deviation| (Z = Xc / scale, u = scale·w):
        # the moments of Xc itself underflow to 0 for a tiny spread of x (or overflow for a huge
        # one) and would then be multiplied by an enormous w*, losing the quadratic term.
        scale = np.abs(Xc).max(axis=0)
        scale[scale == 0] = 1.0
        Z = Xc / scale
        self._scale = scale
        self._cov_z = (Z.T @ Z) / n
        self._u_star = np.linalg.lstsq(Z, yc, rcond=None)[0]
        self.cov = self._cov_z * np.outer(scale, scale)
        self.w_star = self._u_star / scale
        resid = yc - Z @ self._u_star
        self.min_mse = float(resid @ resid) / n
        self.y_var = float(yc @ yc) / n
        self.b_star = self.y_mean - float(self.x_mean @ self.w_star)

    def mse(self, W: np.ndarray, B: np.ndarray) -> np.ndarray:
        """MSE at many parameter states at once.

        Parameters
        ----------
        W : ndarray, shape (..., M)
        B : ndarray, shape (...)
            Broadcastable against ``W[..., 0]``.

        Returns
        -------
        ndarray, shape of the broadcast of ``W[..., 0]`` and ``B``
        """
        d = W * self._scale - self._u_star
        if d.shape[-1] == 1:
            quad = self._cov_z[0, 0] * d[..., 0] * d[..., 0]
        else:
            quad = np.einsum("...i,ij,...j->...", d, self._cov_z, d)
        c = W @ self.x_mean + B - self.y_mean
        return quad + self.min_mse + c * c

    def mse_grid(self, weights: np.ndarray, biases: np.ndarray) -> np.ndarray:
        """MSE on a grid for one feature: shape ``(len(biases), len(weights))``."""
        d = weights * self._scale[0] - self._u_star[0]
        quad = self._cov_z[0, 0] * d * d
        c = weights[None, :] * self.x_mean[0] + biases[:, None] - self.y_mean
        return quad[None, :] + self.min_mse + c * c
