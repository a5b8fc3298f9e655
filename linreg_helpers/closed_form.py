"""The exact least-squares answer, without any descent.

Introduced in ``04_gradient_descent`` (as the target descent should reach)
and derived in ``07_many_features``.
"""

from __future__ import annotations

import numpy as np

from . import _validation as v

__all__ = ["fit_closed_form", "ridge"]


def fit_closed_form(X: np.ndarray, y: np.ndarray, method: str = "lstsq") -> tuple[float | np.ndarray, float]:
    """The weights and bias that minimise the MSE exactly.

    Parameters
    ----------
    X : array_like, shape (n,) or (n, M)
    y : array_like, shape (n,)
    method : {"lstsq", "normal"}
        ``"lstsq"`` centres the data and uses numpy's SVD-based least-squares
        solver (accurate, and gives the minimum-norm answer when features are
        collinear). ``"normal"`` solves the normal equation
        ``AᵀA θ = Aᵀy`` with ``A = [X, 1]`` literally, as taught: its error
        grows with the *square* of the condition number of ``A``, and it fails
        when ``AᵀA`` is singular.

    Returns
    -------
    w : float or ndarray, shape (M,)
        A float when ``X`` is 1-D.
    b : float

    Examples
    --------
    >>> w, b = fit_closed_form([1.0, 2.0, 3.0, 4.0], [2.0, 3.0, 5.0, 7.0])
    >>> round(w, 10), round(b, 10)
    (1.7, 0.0)
    """
    X2, y1 = v.check_Xy(X, y)
    method = v.check_choice(method, "method", ("lstsq", "normal"))
    n = X2.shape[0]
    if n < 2:
        raise ValueError(f"X has {n} example(s): at least 2 are needed to fit a line.")
    if method == "lstsq":
        mx, my = X2.mean(axis=0), float(y1.mean())
        w = np.linalg.lstsq(X2 - mx, y1 - my, rcond=None)[0]
        b = my - float(mx @ w)
    else:
        A = np.column_stack([X2, np.ones(n)])
        AtA = A.T @ A
        if np.linalg.matrix_rank(AtA) < AtA.shape[0]:
            if np.linalg.matrix_rank(A) < A.shape[1]:
                raise ValueError(
                    "The normal equation has no unique solution: the columns of [X, 1] are linearly "
                    "dependent (a constant or duplicated feature, or fewer distinct examples than "
                    "parameters). Use method='lstsq' for the minimum-norm solution."
                )
            cond = float(np.linalg.cond(A))
            raise ValueError(
                f"The normal equation cannot be solved in double precision: the columns of [X, 1] are "
                f"independent but badly conditioned (cond([X, 1]) = {cond:.3g}, so AᵀA has condition "
                f"{cond * cond:.3g}, beyond 1/machine epsilon ≈ 4.5e15). The data is badly scaled (a large "
                "offset, tiny values, or features of very different sizes), not dependent: centre and scale "
                "the features ((X - X.mean(0)) / X.std(0)), or use method='lstsq', which centres for you."
            )
        theta = np.linalg.solve(AtA, A.T @ y1)
        w, b = theta[:-1], float(theta[-1])
    if not (np.all(np.isfinite(w)) and np.isfinite(b)):
        raise ValueError(
            f"The fitted parameters overflow (w = {w}, b = {b}): X's spread (largest |x - mean|: "
            f"{float(np.max(np.abs(X2 - X2.mean(axis=0)))):.3g}) is too small for a float to hold the slope. "
            "Rescale X (e.g. express it in larger units) and fit again."
        )
    return (float(w[0]) if np.ndim(X) == 1 else w), float(b)


def ridge(X: np.ndarray, y: np.ndarray, alpha: float) -> tuple[float | np.ndarray, float]:
    """The weights and bias that minimise ``MSE + α‖w‖²`` exactly (ridge regression).

    The penalty is on the weights only, never on the bias. Setting the gradient
    ``(2/n) Aᵀ(Aθ − y) + 2α (w, 0)`` to zero (``A = [X, 1]``, ``θ = (w, b)``) gives
    ``(AᵀA + nα D) θ = Aᵀy`` with ``D = diag(1, …, 1, 0)``; solved with centred data it is
    ``w = (X_cᵀX_c + nα I)⁻¹ X_cᵀ y_c`` and ``b = ȳ − x̄·w``. scikit-learn's ``Ridge(alpha=a)``
    minimises the *sum* ``‖y − Xw − b‖² + a‖w‖²``, so it gives the same answer for ``a = nα``.
    :func:`gradient_descent` with ``l2=α`` descends on the same objective.

    Parameters
    ----------
    X : array_like, shape (n,) or (n, M)
    y : array_like, shape (n,)
    alpha : float
        The penalty α >= 0 (``0`` is least squares; then collinear features need
        :func:`fit_closed_form`'s minimum-norm answer instead).

    Returns
    -------
    w : float or ndarray, shape (M,)
        A float when ``X`` is 1-D.
    b : float

    Examples
    --------
    >>> w, b = ridge([1.0, 2.0, 3.0, 4.0], [2.0, 3.0, 5.0, 7.0], alpha=0.25)
    >>> round(w, 10), round(b, 10)
    (1.4166666667, 0.7083333333)
    """
    X2, y1 = v.check_Xy(X, y)
    alpha = v.check_scalar(alpha, "alpha", minimum=0.0)
    n, M = X2.shape
    if n < 2:
        raise ValueError(f"X has {n} example(s): at least 2 are needed to fit a line.")
    mx, my = X2.mean(axis=0), float(y1.mean())
    Xc = X2 - mx
    G = Xc.T @ Xc + n * alpha * np.eye(M)
    if np.linalg.matrix_rank(G) < M:
        raise ValueError(
            "With alpha = 0 and linearly dependent (or constant) features the ridge solution is not unique: "
            "use alpha > 0, or fit_closed_form(X, y) for the minimum-norm least-squares answer."
        )
    w = np.linalg.solve(G, Xc.T @ (y1 - my))
    b = my - float(mx @ w)
    return (float(w[0]) if np.ndim(X) == 1 else w), float(b)


def _lad_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The line minimising the MAE (least absolute deviations), exactly, for small n.

    A minimiser of ``Σ|yᵢ − w xᵢ − b|`` passes through two data points (it is
    a vertex of a linear program), so trying every pair is exact: O(n³), fine
    for the few dozen points of a dashboard. Ties are broken by the first pair.
    """
    i, j = np.triu_indices(x.shape[0], k=1)
    ok = x[i] != x[j]
    i, j = i[ok], j[ok]
    if i.size == 0:
        return 0.0, float(np.median(y))
    w = (y[j] - y[i]) / (x[j] - x[i])
    b = y[i] - w * x[i]
    sae = np.abs(y[None, :] - w[:, None] * x[None, :] - b[:, None]).sum(axis=1)
    k = int(np.argmin(sae))
    return float(w[k]), float(b[k])
