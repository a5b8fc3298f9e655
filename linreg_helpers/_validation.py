"""Input checks shared by every public function (the one place they live).

Each check either returns a cleaned-up value (a float array of the right shape,
a Python ``int`` or ``float``) or raises ``TypeError``/``ValueError`` with a
message that names the argument, says what was received and what is expected,
and, where it helps, how to fix it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np

__all__: list[str] = []  # private module

LOSSES = ("mse", "mae", "huber", "tukey")
"""Losses that :func:`gradient_descent` can minimise."""

SURFACE_LOSSES = ("mse", "rmse", "mae", "huber", "tukey")
"""Losses that :func:`loss_surface` can tabulate."""


def _describe(value: object) -> str:
    """Short description of a received value for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def as_float_array(value: object, name: str) -> np.ndarray:
    """Convert ``value`` to a float64 array or raise a ``TypeError`` naming ``name``."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be numeric, got the string {value!r}.")
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(
            f"{name} is a masked array: its mask would be ignored. Drop the masked entries first "
            f"({name}.compressed() for one array, or select the unmasked rows of X and y together)."
        )
    if _is_numpy_dtype(value):
        kind = value.dtype.kind  # type: ignore[attr-defined]
        if kind == "c":
            raise TypeError(
                f"{name} holds complex numbers ({_describe(np.asarray(value))}): the model is real-valued. "
                f"Pass the real part ({name}.real) if the imaginary part is zero."
            )
        if kind in "mM":
            raise TypeError(
                f"{name} holds dates or times (dtype {np.dtype(value.dtype)}): convert them to numbers first, "
                "e.g. days since the first date with (t - t.min()) / np.timedelta64(1, 'D')."
            )
    try:
        arr = np.asarray(value, dtype=np.float64)
    except OverflowError as exc:  # a Python int beyond the float range (about 1.8e308)
        raise ValueError(
            f"{name} holds a whole number too large for a float (beyond about 1.8e308): "
            "rescale it, e.g. express it in larger units."
        ) from exc
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be numeric (a number, list or numpy array of numbers), got {_describe(value)}."
        ) from exc
    return arr


def _is_numpy_dtype(value: object) -> bool:
    """Whether ``value.dtype`` is a numpy dtype (pandas extension dtypes are not)."""
    return isinstance(getattr(value, "dtype", None), np.dtype)


def check_seed(seed: object, name: str = "seed") -> int:
    """Return ``seed`` as a Python ``int`` ≥ 0 or raise naming ``name``.

    Parameters
    ----------
    seed : int
        A whole number from 0 up (numpy's ``default_rng`` refuses negative seeds).

    Returns
    -------
    int
    """
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be a whole number such as 0 or 42, got {_describe(seed)}.")
    value = int(seed)
    if value < 0:
        raise ValueError(f"{name} must be at least 0, got {value}; use a non-negative whole number such as 0.")
    return value


def check_finite(arr: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` if ``arr`` holds NaN or infinity, saying where."""
    bad = ~np.isfinite(arr)
    if bad.any():
        where = np.argwhere(bad)[0]
        index = tuple(int(i) for i in where)
        label = index[0] if len(index) == 1 else index
        kind = "NaN" if np.isnan(arr[tuple(where)]) else "infinity"
        count = int(bad.sum())
        raise ValueError(
            f"{name} contains {count} non-finite value(s) (first: {kind} at index "
            f"{label}). Drop or fill missing values before fitting."
        )


def check_X(X: object, name: str = "X") -> np.ndarray:
    """Return ``X`` as a float ``(n, M)`` array; accepts ``(n,)`` for one feature."""
    arr = as_float_array(X, name)
    one_feature = arr.ndim == 1
    if one_feature:
        arr = arr[:, None]
    elif arr.ndim != 2:
        raise ValueError(
            f"{name} must be 1-D (n,) for one feature or 2-D (n, M) for M features, "
            f"got an array with {arr.ndim} dimensions and shape {arr.shape}."
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}): at least one example is needed.")
    if arr.shape[1] == 0:
        raise ValueError(f"{name} has no feature columns (shape {arr.shape}).")
    check_finite(arr[:, 0] if one_feature else arr, name)  # indices as in the caller's X
    return arr


def check_y(y: object, name: str = "y") -> np.ndarray:
    """Return ``y`` as a float ``(n,)`` array; a ``(n, 1)`` column is flattened."""
    arr = as_float_array(y, name)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D with one target per example, got shape {arr.shape}.")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} is empty: at least one example is needed.")
    check_finite(arr, name)
    return arr


def check_Xy(X: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    """Check a data set: ``X`` as ``(n, M)``, ``y`` as ``(n,)``, same ``n``."""
    X2 = check_X(X)
    y1 = check_y(y)
    if X2.shape[0] != y1.shape[0]:
        raise ValueError(
            f"X and y have different numbers of examples: X has {X2.shape[0]} rows "
            f"(shape {np.shape(X)}), y has {y1.shape[0]} (shape {np.shape(y)})."
        )
    return X2, y1


def check_pair(y_true: object, y_pred: object) -> tuple[np.ndarray, np.ndarray]:
    """Check the ``(y_true, y_pred)`` arguments of a loss: same 1-D length, finite."""
    t = check_y(y_true, "y_true")
    p = check_y(y_pred, "y_pred")
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred must have the same length, got {t.shape[0]} and {p.shape[0]}.")
    return t, p


def check_weights(w: object, n_features: int, name: str = "w") -> np.ndarray:
    """Return weights as a float ``(M,)`` array; a plain number is fine when ``M == 1``."""
    arr = as_float_array(w, name)
    if arr.ndim == 0:
        arr = arr[None]
    if arr.ndim != 1 or arr.shape[0] != n_features:
        expected = "a number or an array of shape (1,)" if n_features == 1 else f"shape ({n_features},)"
        raise ValueError(
            f"{name} must have one weight per feature: X has {n_features} feature(s), "
            f"so {name} needs {expected}; got shape {arr.shape}."
        )
    check_finite(arr, name)
    return arr


def check_scalar(value: object, name: str, *, positive: bool = False, minimum: float | None = None) -> float:
    """Return ``value`` as a finite Python float, optionally ``> 0`` or ``>= minimum``."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        if isinstance(value, np.ndarray) and value.ndim == 0:
            value = value.item()
        else:
            raise TypeError(f"{name} must be a real number, got {_describe(value)}.")
    out = float(value)
    if not math.isfinite(out):
        raise ValueError(f"{name} must be finite, got {out}.")
    if positive and out <= 0:
        raise ValueError(f"{name} must be positive, got {out}.")
    if minimum is not None and out < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {out}.")
    return out


def check_int(value: object, name: str, *, minimum: int = 1, maximum: int | None = None, hint: str = "") -> int:
    """Return ``value`` as a Python int within ``[minimum, maximum]``."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        else:
            raise TypeError(f"{name} must be a whole number, got {_describe(value)}.")
    out = int(value)
    if out < minimum or (maximum is not None and out > maximum):
        bound = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        raise ValueError(f"{name} must be {bound}, got {out}.{(' ' + hint) if hint else ''}")
    return out


def check_learning_rate(learning_rate: object) -> float:
    """A learning rate is a finite positive number."""
    return check_scalar(learning_rate, "learning_rate", positive=True)


def check_batch_size(batch_size: object, n: int) -> int:
    """``None`` means full batch (``n``); otherwise an int in ``[1, n]``."""
    if batch_size is None:
        return n
    return check_int(
        batch_size,
        "batch_size",
        minimum=1,
        maximum=n,
        hint=f"The data set has n = {n} examples; use 1 for SGD, {n} (or None) for full batch.",
    )


def check_choice(value: object, name: str, choices: Sequence[str]) -> str:
    """``value`` must be one of ``choices`` (case-insensitive); the error lists them."""
    if not isinstance(value, str) or value.lower() not in choices:
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(f"Unknown {name} {value!r}. Valid values: {valid}.")
    return value.lower()


def check_grid(values: object, name: str) -> np.ndarray:
    """A 1-D, non-empty, finite grid of parameter values."""
    arr = as_float_array(values, name)
    if arr.ndim != 1 or arr.shape[0] == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of values, got shape {arr.shape}.")
    check_finite(arr, name)
    return arr
