"""Gradients of the losses with respect to the parameters ``(w, b)``.

Introduced in ``03_gradients``. The convention used everywhere in the series is
``MSE = (1/n) Σ (ŷᵢ − yᵢ)²`` with no ½, so

    ∂MSE/∂w = (2/n) Σ (ŷᵢ − yᵢ) xᵢ,     ∂MSE/∂b = (2/n) Σ (ŷᵢ − yᵢ).

(With the ½·MSE convention the gradient loses its 2 and the largest stable
learning rate doubles; the minimiser is the same.)

Each ``*_gradient`` returns ``(dw, db)``: ``dw`` is a float when ``X`` is 1-D
and an ``(M,)`` array otherwise; ``db`` is a float.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import _validation as v
from .losses import _tukey_psi

__all__ = ["huber_gradient", "mae_gradient", "mse_gradient", "numerical_gradient"]


def _setup(X: object, y: object, w: object, b: object) -> tuple[np.ndarray, np.ndarray, bool]:
    X2, y1 = v.check_Xy(X, y)
    w1 = v.check_weights(w, X2.shape[1])
    b = v.check_scalar(b, "b")
    one_feature = np.ndim(X) == 1
    return X2, (X2 @ w1 + b) - y1, one_feature


def _pack(X2: np.ndarray, g: np.ndarray, one_feature: bool) -> tuple[float | np.ndarray, float]:
    dw = (g @ X2) / X2.shape[0]
    db = float(g.mean())
    return (float(dw[0]) if one_feature else dw), db


def mse_gradient(X: np.ndarray, y: np.ndarray, w: float | np.ndarray, b: float) -> tuple[float | np.ndarray, float]:
    """Gradient of the mean squared error: ``((2/n) Σ rᵢ xᵢ, (2/n) Σ rᵢ)``, ``r = ŷ − y``.

    Parameters
    ----------
    X : array_like, shape (n,) or (n, M)
    y : array_like, shape (n,)
    w : float or array_like, shape (M,)
    b : float

    Returns
    -------
    dw : float or ndarray, shape (M,)
        ∂MSE/∂w, in (unit of y)² per unit of w.
    db : float
        ∂MSE/∂b.

    Examples
    --------
    >>> mse_gradient([1.0, 2.0], [2.0, 4.0], 0.0, 0.0)
    (-10.0, -6.0)
    """
    X2, r, one = _setup(X, y, w, b)
    return _pack(X2, 2.0 * r, one)


def mae_gradient(X: np.ndarray, y: np.ndarray, w: float | np.ndarray, b: float) -> tuple[float | np.ndarray, float]:
    """A subgradient of the mean absolute error: ``((1/n) Σ sign(rᵢ) xᵢ, (1/n) Σ sign(rᵢ))``.

    ``|r|`` has no derivative at ``r = 0``; any slope in ``[−1, 1]`` is a valid
    *subgradient* there. This function uses ``sign(0) = 0``, the choice that
    makes the subgradient zero when every residual is zero. Away from points
    where some ``rᵢ = 0`` it is the ordinary gradient.

    Examples
    --------
    >>> mae_gradient([1.0, 2.0], [2.0, 4.0], 0.0, 0.0)
    (-1.5, -1.0)
    """
    X2, r, one = _setup(X, y, w, b)
    return _pack(X2, np.sign(r), one)


def huber_gradient(
    X: np.ndarray, y: np.ndarray, w: float | np.ndarray, b: float, delta: float = 1.0
) -> tuple[float | np.ndarray, float]:
    """Gradient of the Huber loss: ``((1/n) Σ clip(rᵢ, −δ, δ) xᵢ, (1/n) Σ clip(rᵢ, −δ, δ))``.

    Examples
    --------
    >>> huber_gradient([1.0, 2.0], [2.0, 4.0], 0.0, 0.0, delta=1.0)
    (-1.5, -1.0)
    """
    delta = v.check_scalar(delta, "delta", positive=True)
    X2, r, one = _setup(X, y, w, b)
    return _pack(X2, np.clip(r, -delta, delta), one)


def tukey_gradient(
    X: np.ndarray, y: np.ndarray, w: float | np.ndarray, b: float, c: float = 4.685
) -> tuple[float | np.ndarray, float]:
    """Gradient of Tukey's biweight loss: ``((1/n) Σ ψ(rᵢ) xᵢ, (1/n) Σ ψ(rᵢ))``, ``ψ(r) = r(1 − (r/c)²)²``.

    ψ is zero for ``|r| > c``: examples that far off stop pulling at all,
    which is why the loss is robust and also why it is not convex.

    Examples
    --------
    >>> tukey_gradient([1.0, 2.0], [2.0, 4.0], 0.0, 0.0, c=3.0)
    (-0.308641975308642, -0.308641975308642)
    """
    c = v.check_scalar(c, "c", positive=True)
    X2, r, one = _setup(X, y, w, b)
    return _pack(X2, _tukey_psi(r, c), one)


def numerical_gradient(f: Callable[[np.ndarray], float], params: object, eps: float = 1e-6) -> np.ndarray:
    """Central-difference estimate of the gradient of ``f`` at ``params``.

    ``∂f/∂θₖ ≈ (f(θ + hₖeₖ) − f(θ − hₖeₖ)) / (2hₖ)`` with ``hₖ = eps·max(1, |θₖ|)``.
    The error is of order ``h²`` (plus rounding of order ``ε_machine/h``), so a
    correct analytic gradient agrees to about 6–8 significant digits.

    Parameters
    ----------
    f : callable
        Takes a 1-D array of parameters and returns a number.
    params : array_like, shape (K,)
        Where to evaluate the gradient, e.g. ``[w, b]``.
    eps : float
        Relative step size (> 0).

    Returns
    -------
    ndarray, shape (K,)

    Examples
    --------
    >>> import numpy as np
    >>> x, y = np.array([1.0, 2.0]), np.array([2.0, 4.0])
    >>> g = numerical_gradient(lambda p: np.mean((p[0] * x + p[1] - y) ** 2), [0.0, 0.0])
    >>> np.round(g, 6)
    array([-10.,  -6.])
    """
    if not callable(f):
        raise TypeError(f"f must be a function of a parameter vector, got {type(f).__name__}.")
    theta = v.as_float_array(params, "params")
    if theta.ndim == 0:
        theta = theta[None]
    if theta.ndim != 1 or theta.shape[0] == 0:
        raise ValueError(f"params must be a 1-D list of numbers such as [w, b], got shape {theta.shape}.")
    v.check_finite(theta, "params")
    eps = v.check_scalar(eps, "eps", positive=True)
    grad = np.empty_like(theta)
    for k in range(theta.shape[0]):
        h = eps * max(1.0, abs(theta[k]))
        up, down = theta.copy(), theta.copy()
        up[k] += h
        down[k] -= h
        f_up, f_down = f(up), f(down)
        for label, value in (("θ + h", f_up), ("θ − h", f_down)):
            if isinstance(value, (str, bytes)) or value is None or not np.ndim(value) == 0:
                raise TypeError(
                    f"f must return a single number (the loss), got {v._describe(value)} at {label}. "
                    "Check that f ends with `return <the loss>`."
                )
            try:
                float(value)
            except (TypeError, ValueError):
                raise TypeError(
                    f"f must return a single number (the loss), got {v._describe(value)} at {label}."
                ) from None
        grad[k] = (float(f_up) - float(f_down)) / (up[k] - down[k])
    return grad
