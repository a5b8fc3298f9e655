"""The last few training runs a dashboard computed, found again by their data and settings.

Many moves leave a dashboard's descents as they were: the loss view (loss or gap to the minimum), the
loss curve's x axis, a toggle turned back (raw features again, the previous loss), a preset that keeps
the rate. Each dashboard's ``render`` used to run its descents again for every move: 5–20 ms that
changed nothing (three runs for the batch-size dashboard, a 500-epoch run on 392 cars for many
features). :class:`RecentRuns` keeps the last runs by their arguments and gives back the same
:class:`~linreg_helpers.History` when asked again.

A run is known by the bytes of its arrays (the data, a start vector) and its settings, never by an
array's identity: new data that happens to reuse a freed array's memory is a new run. A run with a
schedule given as a function is not kept (a function's behaviour is not in its name).
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from ..training import History, gradient_descent


class RecentRuns:
    """Call as :func:`~linreg_helpers.gradient_descent`; the last ``size`` runs are kept and reused.

    Parameters
    ----------
    size : int
        Runs kept (least recently used first out). Twelve hold four moves of the batch-size dashboard,
        which shows three runs; a long run stores at most a few thousand states (about 0.2 MB).
    """

    def __init__(self, size: int = 12) -> None:
        self.size = size
        self._runs: OrderedDict[tuple, History] = OrderedDict()
        self.computed = 0
        """Runs computed (not found): for tests."""

    def __call__(self, X: np.ndarray, y: np.ndarray, **settings) -> History:
        key = _key(X, y, settings)
        found = self._runs.get(key) if key is not None else None
        if found is not None:
            self._runs.move_to_end(key)
            return found
        history = gradient_descent(X, y, **settings)
        self.computed += 1
        if key is not None:
            self._runs[key] = history
            while len(self._runs) > self.size:
                self._runs.popitem(last=False)
        return history

    def clear(self) -> None:
        self._runs.clear()


def _key(X, y, settings: dict) -> tuple | None:
    parts = [_value_key(X), _value_key(y)]
    for name in sorted(settings):
        value = settings[name]
        if callable(value):
            return None
        parts.append((name, _value_key(value)))
    return tuple(parts)


def _value_key(value):
    if isinstance(value, np.ndarray):
        return ("array", value.shape, value.dtype.str, value.tobytes())
    if isinstance(value, np.generic):
        return ("scalar", value.dtype.str, value.item())
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(_value_key(v) for v in value))
    return (type(value).__name__, value)
