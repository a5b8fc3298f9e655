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

Fewer epochs of a kept run are its beginning: each epoch's order comes from the seeded generator in turn,
so the first ``e`` epochs of a longer run take the same steps to the last bit, and the divergence test
looks at each state alone (against the start's loss). Moving the epochs slider down is then a slice of
the run shown, not a new run (10–50 ms for a long one); moving it up starts from the end of the longest shorter
kept run and takes only the epochs it lacks (:func:`gradient_descent`'s ``_first_epochs_of``; the same steps to the
last bit). Not for a run whose history was thinned
(``History.step_index``: the stride depends on the length) or whose learning rate follows a schedule
over the epochs (a cosine over 100 epochs is not the start of one over 200).

A setting the run does not depend on is left out of its key, so moving it finds the run shown: Huber's δ
for another loss, Tukey's c for another loss, the seed and the shuffling of a full-batch run (every epoch
takes the whole data in its order). On the loss dashboard a δ move used to compute the MSE, MAE or RMSE run
again (10–20 ms); on the batch-size dashboard a new seed, the full-batch run.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

import numpy as np

from .. import _validation as v
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
        self.sliced = 0
        """Runs found as the first epochs of a longer kept run: for tests."""
        self.continued = 0
        """Runs computed from the end of a shorter kept run (counted in ``computed`` too): for tests."""

    def __call__(self, X: np.ndarray, y: np.ndarray, **settings) -> History:
        key = _key(X, y, settings)
        found = self._runs.get(key) if key is not None else None
        if found is not None:
            self._runs.move_to_end(key)
            return found
        history = self._beginning_of_longer(key, settings) if key is not None else None
        if history is None:
            shorter = self._longest_shorter(key, settings) if key is not None else None
            history = gradient_descent(X, y, **settings, _first_epochs_of=shorter)
            self.computed += 1
            self.continued += shorter is not None
        else:
            self.sliced += 1
        if key is not None:
            self._runs[key] = history
            while len(self._runs) > self.size:
                self._runs.popitem(last=False)
        return history

    def clear(self) -> None:
        self._runs.clear()

    def _beginning_of_longer(self, key: tuple, settings: dict) -> History | None:
        """The first ``settings["epochs"]`` epochs of a kept run whose key (:func:`_key`) is ``key`` but for the
        epochs, or None."""
        epochs = settings.get("epochs")
        if not isinstance(epochs, (int, np.integer)) or settings.get("schedule") not in (None, "constant"):
            return None
        others = _key_without_epochs(key)
        for kept in reversed(self._runs):
            run = self._runs[kept]
            if run.epochs > epochs and run.step_index is None and _key_without_epochs(kept) == others:
                return _first_epochs(run, int(epochs))
        return None

    def _longest_shorter(self, key: tuple, settings: dict) -> History | None:
        """The kept run with the most epochs below ``settings["epochs"]`` whose key is ``key`` but for the epochs, or
        None: a longer run starts from its end (:func:`gradient_descent` checks that it may)."""
        epochs = settings.get("epochs")
        if not isinstance(epochs, (int, np.integer)) or settings.get("schedule") not in (None, "constant"):
            return None
        if settings.get("momentum", 0.0) != 0.0 or settings.get("l2", 0.0) != 0.0:
            return None  # a velocity, a penalty: gradient_descent's general loop, which starts from the start
        others = _key_without_epochs(key)
        found = [
            run
            for kept, run in self._runs.items()
            if run.epochs < epochs
            and not run.diverged
            and run.step_index is None
            and _key_without_epochs(kept) == others
        ]
        return max(found, key=lambda run: run.epochs, default=None)


def _key(X, y, settings: dict) -> tuple | None:
    parts = [_value_key(X), _value_key(y)]
    ignored = _ignored(np.shape(X)[0] if np.ndim(X) else 0, settings)
    for name in sorted(settings.keys() - ignored):
        value = settings[name]
        if callable(value):
            return None
        parts.append((name, _value_key(value)))
    return tuple(parts)


def _ignored(n: int, settings: dict) -> set[str]:
    """The settings of ``gradient_descent(X, y, **settings)`` (``X`` with ``n`` rows) its run does not depend on.

    Only valid values are left out: an invalid one stays in the key, so that :func:`gradient_descent` sees it
    and says what is wrong, as it would without the kept runs.
    """
    loss = settings.get("loss", "mse")
    loss = loss.lower() if isinstance(loss, str) else loss
    batch = settings.get("batch_size")
    full_batch = batch is None or (isinstance(batch, (int, np.integer)) and not isinstance(batch, bool) and batch == n)
    unused = {"delta": loss != "huber", "c": loss != "tukey", "seed": full_batch, "shuffle": full_batch}
    return {name for name, yes in unused.items() if yes and name in settings and _valid(name, settings[name])}


def _valid(name: str, value) -> bool:
    """Whether :func:`gradient_descent` accepts ``value`` for its setting ``name`` (delta, c, seed or shuffle)."""
    if name == "shuffle":
        return isinstance(value, (bool, np.bool_))
    try:
        if name == "seed":
            v.check_seed(value)
        else:
            v.check_scalar(value, name, positive=True)
    except (TypeError, ValueError):
        return False
    return True


def _value_key(value):
    if isinstance(value, np.ndarray):
        return ("array", value.shape, value.dtype.str, value.tobytes())
    if isinstance(value, np.generic):
        return ("scalar", value.dtype.str, value.item())
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(_value_key(v) for v in value))
    return (type(value).__name__, value)


def _key_without_epochs(key: tuple) -> tuple:
    """A run's key (:func:`_key`) without its ``epochs`` setting."""
    return tuple(part for part in key if not (isinstance(part, tuple) and len(part) == 2 and part[0] == "epochs"))


def _first_epochs(run: History, epochs: int) -> History:
    """The history of ``run``'s first ``epochs`` epochs (a run of the same settings with that many epochs)."""
    states = epochs * run.steps_per_epoch + 1
    diverged_at = run.diverged_at if run.diverged_at is not None and run.diverged_at < states else None
    return replace(
        run,
        weights=run.weights[:states],
        biases=run.biases[:states],
        losses=run.losses[:states],
        diverged=diverged_at is not None,
        diverged_at=diverged_at,
        epochs=epochs,
    )
