"""Live dashboards, one per notebook topic, all built from the same panels.

``DASHBOARDS`` maps a name to its builder. Every builder works with no
arguments (on a default data set), accepts the learner's own one-feature
``X, y`` and starting values for its controls, and returns a widget with
``.controls`` (a dict that always holds ``"learning_rate"`` and
``"batch_size"``), ``.figure``, ``.reset()`` and ``.set(**values)``.

========================  =========================  ======================
name                      builder                    notebook
========================  =========================  ======================
``"model"``               :func:`model_explorer`     01_model
``"losses"``              :func:`loss_explorer`      02_losses
``"gradients"``           :func:`gradient_explorer`  03_gradients
``"gradient_descent"``    :func:`descent_dashboard`  04_gradient_descent
``"batch_size"``          :func:`batch_size_dashboard` 05_batch_sizes
``"convexity"``           :func:`convexity_explorer` 06_convexity
``"many_features"``       :func:`many_features_dashboard` 07_many_features
``"training_in_practice"`` :func:`training_in_practice` 09_training_in_practice
========================  =========================  ======================
"""

from ._base import Dashboard
from .batches import BatchSizeDashboard, batch_size_dashboard
from .convexity import ConvexityExplorer, convexity_explorer
from .descent import DescentDashboard, descent_dashboard
from .features import ManyFeaturesDashboard, many_features_dashboard
from .gradients import GradientExplorer, gradient_explorer
from .losses import LossExplorer, loss_explorer
from .model import ModelExplorer, model_explorer
from .practice import TrainingInPracticeDashboard, training_in_practice

DASHBOARDS = {
    "model": model_explorer,
    "losses": loss_explorer,
    "gradients": gradient_explorer,
    "gradient_descent": descent_dashboard,
    "batch_size": batch_size_dashboard,
    "convexity": convexity_explorer,
    "many_features": many_features_dashboard,
    "training_in_practice": training_in_practice,
}

__all__ = [
    "DASHBOARDS",
    "BatchSizeDashboard",
    "ConvexityExplorer",
    "Dashboard",
    "DescentDashboard",
    "GradientExplorer",
    "LossExplorer",
    "ManyFeaturesDashboard",
    "ModelExplorer",
    "TrainingInPracticeDashboard",
    "batch_size_dashboard",
    "convexity_explorer",
    "descent_dashboard",
    "gradient_explorer",
    "loss_explorer",
    "many_features_dashboard",
    "model_explorer",
    "training_in_practice",
]
