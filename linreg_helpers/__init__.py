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
* ``plot_*``: static figures, one per panel (:mod:`.plots`)
* ``DASHBOARDS`` and the ``*_explorer`` / ``*_dashboard`` builders: live
  figures with sliders (:mod:`.dashboards`); ``lecture_mode()`` for a projector

Importing the package changes no global state (no style, no backend).
"""

from .closed_form import fit_closed_form, ridge
from .dashboards import (
    DASHBOARDS,
    Dashboard,
    batch_size_dashboard,
    convexity_explorer,
    descent_dashboard,
    gradient_explorer,
    loss_explorer,
    many_features_dashboard,
    model_explorer,
    training_in_practice,
)
from .data import Dataset, list_datasets, load_csv, load_dataset, make_linear_data
from .gradients import huber_gradient, mae_gradient, mse_gradient, numerical_gradient, tukey_gradient
from .losses import huber, mae, mse, rmse, sae, sse, tukey
from .model import predict
from .plots import parameter_grid, plot_contour, plot_fit, plot_loss_curve, plot_loss_surface
from .style import COLORS, lecture_mode
from .surfaces import loss_surface
from .training import DIVERGENCE_FACTOR, History, gradient_descent, largest_stable_learning_rate

__version__ = "0.1.0"

# Imported last: exercise modules may use lh.* at import time.
from . import exercises

__all__ = [
    "COLORS",
    "DASHBOARDS",
    "DIVERGENCE_FACTOR",
    "Dashboard",
    "Dataset",
    "History",
    "batch_size_dashboard",
    "convexity_explorer",
    "descent_dashboard",
    "exercises",
    "fit_closed_form",
    "gradient_descent",
    "gradient_explorer",
    "huber",
    "huber_gradient",
    "largest_stable_learning_rate",
    "lecture_mode",
    "list_datasets",
    "load_csv",
    "load_dataset",
    "loss_explorer",
    "loss_surface",
    "mae",
    "mae_gradient",
    "make_linear_data",
    "many_features_dashboard",
    "model_explorer",
    "mse",
    "mse_gradient",
    "numerical_gradient",
    "parameter_grid",
    "plot_contour",
    "plot_fit",
    "plot_loss_curve",
    "plot_loss_surface",
    "predict",
    "ridge",
    "rmse",
    "sae",
    "sse",
    "training_in_practice",
    "tukey",
    "tukey_gradient",
]
