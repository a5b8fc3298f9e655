"""The naive way to redraw a dashboard: a new figure with the same panels, drawn and saved as PNG.

This is what ``ipywidgets.interact`` with inline plotting does on every slider
move (the function re-runs, makes a new figure, and the inline backend sends a
PNG of it). It uses the public ``plot_*`` functions, so the panels and their
contents match the live dashboard's.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import linreg_helpers as lh
from linreg_helpers.closed_form import _lad_line


def _figure(dash) -> Figure:
    fig = Figure(figsize=dash.figure.get_size_inches(), dpi=dash.figure.dpi)
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def naive_frame(dash, values: dict) -> bytes:
    """Recompute everything for ``values`` and return a PNG of a brand-new figure."""
    X, y, name = dash.X, dash.y, dash.name
    fig = _figure(dash)
    lr, bs = values["learning_rate"], values["batch_size"]
    if name == "gradient_descent":
        h = lh.gradient_descent(
            X, y, learning_rate=lr, epochs=values["epochs"], batch_size=bs, w0=values["w0"], b0=values["b0"]
        )
        axs = [
            fig.add_subplot(2, 2, 1),
            fig.add_subplot(2, 2, 2, projection="3d"),
            fig.add_subplot(2, 2, 3),
            fig.add_subplot(2, 2, 4),
        ]
        lh.plot_fit(X, y, h.w[0], h.b, ax=axs[0])
        lh.plot_loss_surface(X, y, history=h, ax=axs[1], weights=dash.weights, biases=dash.biases)
        lh.plot_contour(X, y, history=h, ax=axs[2], weights=dash.weights, biases=dash.biases)
        lh.plot_loss_curve(h, x="epochs", ax=axs[3])
    elif name == "model":
        h = lh.gradient_descent(
            X, y, learning_rate=lr, epochs=max(values["epochs"], 1), batch_size=bs, w0=values["w"], b0=values["b"]
        )
        axs = fig.subplots(1, 3)
        lh.plot_fit(X, y, values["w"], values["b"], residuals=values["residuals"], ax=axs[0])
        lh.plot_contour(X, y, history=h, ax=axs[1], weights=dash.weights, biases=dash.biases)
        lh.plot_loss_curve(h, x="epochs", ax=axs[2])
    elif name == "losses":
        yy = dash.current_y(values)
        loss = "mse" if values["loss"] == "rmse" else values["loss"]
        h = lh.gradient_descent(
            X, yy, learning_rate=lr, epochs=values["epochs"], batch_size=bs, loss=loss, delta=values["delta"]
        )
        axs = fig.subplots(1, 3)
        w2, b2 = lh.fit_closed_form(X, yy)
        lh.plot_fit(X, yy, w2, b2, ax=axs[0])
        w1, b1 = _lad_line(X, yy)
        axs[0].plot(X, w1 * X + b1)
        grid = np.linspace(yy.min() - 1, yy.max() + 1, 300)
        R = grid[:, None] - yy[None, :]
        for vals in ((R * R).mean(1), np.abs(R).mean(1)):
            axs[1].plot(grid, vals / vals.max())
        axs[1].axvline(yy.mean())
        axs[1].axvline(np.median(yy))
        lh.plot_loss_curve(h, x="epochs", ax=axs[2])
    elif name == "gradients":
        axs = [
            fig.add_subplot(1, 3, 1, projection="3d"),
            fig.add_subplot(1, 3, 2),
            fig.add_subplot(2, 3, 3),
            fig.add_subplot(2, 3, 6),
        ]
        w, b = values["w"], values["b"]
        gw, gb = lh.mse_gradient(X, y, w, b)
        lh.plot_loss_surface(X, y, ax=axs[0], weights=dash.weights, biases=dash.biases)
        lh.plot_contour(X, y, ax=axs[1], weights=dash.weights, biases=dash.biases)
        axs[1].annotate("", (w - lr * gw, b - lr * gb), (w, b), arrowprops=dict(arrowstyle="-|>"))
        for ax, grid, Z in (
            (axs[2], dash.weights, lh.loss_surface(X, y, dash.weights, [b])[0]),
            (axs[3], dash.biases, lh.loss_surface(X, y, [w], dash.biases)[:, 0]),
        ):
            ax.plot(grid, Z)
    elif name == "batch_size":
        axs = fig.subplots(1, 3)
        lh.plot_fit(X, y, 0.0, 0.0, ax=axs[0])
        lh.plot_contour(X, y, ax=axs[1], weights=dash.weights, biases=dash.biases)
        for size in (dash.n, bs, 1):
            h = lh.gradient_descent(
                X, y, learning_rate=lr, epochs=values["epochs"], batch_size=size, seed=values["seed"]
            )
            axs[0].plot(X, h.w[0] * X + h.b)
            axs[1].plot(h.weights[:, 0], h.biases)
            lh.plot_loss_curve(h, x=values["x_axis"], ax=axs[2])
    elif name == "convexity":
        loss = values["loss"]
        h = lh.gradient_descent(
            X,
            y,
            learning_rate=lr,
            epochs=values["epochs"],
            batch_size=bs,
            loss=loss,
            w0=values["w_a"],
            b0=values["b_a"],
        )
        axs = [fig.add_subplot(1, 3, 1, projection="3d"), fig.add_subplot(1, 3, 2), fig.add_subplot(1, 3, 3)]
        lh.plot_loss_surface(X, y, history=h, loss=loss, ax=axs[0], weights=dash.weights, biases=dash.biases)
        lh.plot_contour(X, y, history=h, loss=loss, ax=axs[1], weights=dash.weights, biases=dash.biases)
        t = np.linspace(0, 1, 60)
        w = values["w_a"] + t * (values["w_b"] - values["w_a"])
        b = values["b_a"] + t * (values["b_b"] - values["b_a"])
        L = dash.loss_along(loss, w, b)
        axs[2].plot(t, L)
        axs[2].plot([0, 1], [L[0], L[-1]])
    elif name == "many_features":
        setup = dash.setups["standardised" if values["standardise"] else "raw"]
        Xf, yc = setup["X"], dash.yc
        h = lh.gradient_descent(Xf, yc, learning_rate=lr, epochs=values["epochs"], batch_size=bs)
        axs = fig.subplots(1, 2)
        w1, w2 = setup["w1"], setup["w2"]
        Z = np.array([[lh.mse(yc, Xf @ np.array([a, c])) for a in w1] for c in w2])
        axs[0].contourf(w1, w2, Z, levels=15)
        axs[0].plot(h.weights[:, 0], h.weights[:, 1])
        lh.plot_loss_curve(h, x="epochs", ax=axs[1])
    elif name == "training_in_practice":
        h = dash.run(values)
        val = np.mean((h.weights @ dash.X_val[None, :] + h.biases[:, None] - dash.y_val) ** 2, axis=1)
        axs = [fig.add_subplot(2, 2, 1), fig.add_subplot(2, 2, 2, projection="3d"), fig.add_subplot(2, 1, 2)]
        lh.plot_fit(X, y, h.w[0], h.b, ax=axs[0])
        lh.plot_loss_surface(dash.X_train, dash.y_train, history=h, ax=axs[1], weights=dash.weights, biases=dash.biases)
        lh.plot_loss_curve(h, x="epochs", ax=axs[2])
        axs[2].plot(h.epoch_axis, val)
    else:  # a dashboard added later without a naive twin
        raise KeyError(f"no naive renderer for dashboard {name!r}")
    return _png(fig)
