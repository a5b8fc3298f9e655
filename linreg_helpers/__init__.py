"""linreg_helpers: the numerics, plots and dashboards behind the notebook series
*How a linear regression model is trained*.

Use it as ``import linreg_helpers as lh``. Names say what a thing is:

* ``make_*`` / ``load_*``: data (:mod:`.data`)
* ``predict``: the model ``ŷ = X·w + b`` (:mod:`.model`)
* ``sse``, ``sae``, ``mse``, ``mae``, ``rmse``, ``huber``, ``tukey``: losses,
  lower is better, called as ``loss(y_true, y_pred)`` (:mod:`.losses`)
* ``*_gradient``: derivatives of the losses (:mod:`.gradients`)
* ``gradient_descent``, ``fit_closed_form``, ``loss_surface``: training and
  the exact answer (:mod:`.training`, :mod:`.closed_form`, :mod:`.surfaces`)

Importing the package changes no global state (no style, no backend).
"""

from .closed_form import fit_closed_form
from .data import Dataset, list_datasets, load_csv, load_dataset, make_linear_data
from .gradients import huber_gradient, mae_gradient, mse_gradient, numerical_gradient
from .losses import huber, mae, mse, rmse, sae, sse, tukey
from .model import predict
from .surfaces import loss_surface
from .training import DIVERGENCE_FACTOR, History, gradient_descent, largest_stable_learning_rate

__version__ = "0.1.0"

__all__ = [
    "DIVERGENCE_FACTOR",
    "Dataset",
    "History",
    "fit_closed_form",
    "gradient_descent",
    "huber",
    "huber_gradient",
    "largest_stable_learning_rate",
    "list_datasets",
    "load_csv",
    "load_dataset",
    "loss_surface",
    "mae",
    "mae_gradient",
    "make_linear_data",
    "mse",
    "mse_gradient",
    "numerical_gradient",
    "predict",
    "rmse",
    "sae",
    "sse",
    "tukey",
]
