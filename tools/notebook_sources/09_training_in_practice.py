"""Source of notebooks/09_training_in_practice.ipynb. Build with: python tools/build_notebooks.py 09 --execute"""
# ruff: noqa: E501  (prose and formulas are easier to edit unwrapped)

from nbtools import checked, code, concept_check, exercise, md, misconception

CELLS = [
    md(r"""
    # 09 · Training in practice: held-out data, early stopping, schedules, momentum and ridge

    **Purpose:** the series has shown three troubles of plain gradient descent (SGD hovers in a noise ball, a
    narrow valley makes it zig-zag and crawl, collinear features leave a flat valley of minima) and has judged every
    model on the data it was trained on. This notebook shows the standard cures, each checked by a number: a
    **validation set**, **early stopping**, **learning-rate schedules**, **momentum** and **ridge regression**.

    **Learning objectives.** After this notebook you can

    1. split data into a **training** and a **validation** set, and draw the training and validation loss per epoch;
    2. recognise **overfitting** (the validation loss turns up while the training loss keeps falling) and apply
       **early stopping** as a stopping rule with a patience;
    3. explain why SGD with a constant learning rate hovers, and make it settle with a **schedule** (step, 1/t, cosine);
    4. write the **heavy-ball momentum** update and explain why its step count grows like $\sqrt\kappa$ instead of
       $\kappa$ on a narrow valley;
    5. derive **ridge regression** $(A^\top A + n\alpha D)\,\boldsymbol\theta = A^\top\mathbf y$, see that it turns a flat
       valley into one minimum and improves the conditioning, and match it with scikit-learn's `Ridge`.

    **Prerequisites:** [04 · Gradient descent](04_gradient_descent.ipynb) (eigenvalues of the Hessian, the stable
    learning rate), [05 · Batch sizes](05_batch_sizes.ipynb) (SGD and its noise), [07 · Many features](07_many_features.ipynb)
    (the design matrix, feature scaling, the collinear valley).
    """),
    md("""
    ## Setup
    """),
    code("""
    %matplotlib widget
    import matplotlib.pyplot as plt
    import numpy as np

    import linreg_helpers as lh
    from linreg_helpers import exercises as ex
    from linreg_helpers.dashboards.practice import early_stopping_epoch
    """),
    md(r"""
    ## 1. Judge a model on data it has not seen

    Apart from a first look in notebook 02, every loss so far was computed on the data the model was trained on.
    That number is **optimistic**: training
    chose $w$ and $b$ to make exactly that number small, noise included. What we care about is the error on **new**
    examples. The standard way to estimate it is to hold some examples out: train on a **training set**, and measure
    the loss on a **validation set** that training never sees.

    The data of this notebook's dashboard: 90 points, of which every third one is held out (the rule the dashboard
    uses; a random split is just as common, and needs a seed).
    """),
    code("""
    X, y = lh.make_linear_data(90, weights=2.0, bias=1.0, noise=2.0, x_range=(0, 4), seed=9)
    valid = np.arange(len(y)) % 3 == 2  # every third example is held out for validation
    X_train, y_train, X_val, y_val = X[~valid], y[~valid], X[valid], y[valid]

    h = lh.gradient_descent(X_train, y_train, learning_rate=0.02, epochs=30, batch_size=10, seed=0)
    """),
    md(r"""
    `h.losses` is the training MSE after every step. The validation MSE after every step needs only the stored
    parameters: row $k$ of `h.weights` and entry $k$ of `h.biases` make the predictions of step $k$.
    """),
    code("""
    val_losses = np.mean((h.weights @ X_val[None, :] + h.biases[:, None] - y_val) ** 2, axis=1)  # (steps + 1,)
    assert np.allclose(val_losses[-1], lh.mse(y_val, h.w[0] * X_val + h.b))
    """, handout="""
    # Exercise 09.1 asks you to write this computation; until you do, this copy uses the library's.
    val_losses = np.array([lh.mse(y_val, w[0] * X_val + b) for w, b in zip(h.weights, h.biases)])
    """),
    checked("""
    w_ls, b_ls = lh.fit_closed_form(X_train, y_train)  # the exact minimiser of the training MSE
    print(f"{len(y_train)} training and {len(y_val)} validation examples, {h.steps_per_epoch} steps per epoch")
    for label, k in [("start", 0), ("after 1 epoch", h.steps_per_epoch), ("after 30 epochs", h.steps)]:
        print(f"{label:>16}: training MSE {h.losses[k]:7.3f}   validation MSE {val_losses[k]:7.3f}")
    print(f"least squares on the training set: training MSE {lh.mse(y_train, w_ls * X_train + b_ls):.3f}, "
          f"validation MSE {lh.mse(y_val, w_ls * X_val + b_ls):.3f}")
    """),
    md(r"""
    Both losses fall together, and the validation MSE ends close to the training MSE: with two parameters and 60
    examples there is little room to fit the noise. Report the error in the label's units with the RMSE: a
    validation MSE of about 4 means predictions typically off by about $\sqrt 4 = 2$, the noise level these data
    were made with. Now a model with many parameters and few examples, where the two losses part ways.

    ## 2. Overfitting and early stopping

    Twenty points of a smooth curve with noise (standard deviation 0.3), fitted with a polynomial of degree 12: linear
    regression on the 12 features $x, x^2, \dots, x^{12}$ (notebook 07), standardised. Two hundred more points from the
    same source are the validation set.
    """),
    code("""
    rng = np.random.default_rng(0)


    def sample(n):
        x = rng.uniform(-1, 1, n)
        return x, np.sin(np.pi * x) + rng.normal(0, 0.3, n)


    x_tr, y_tr = sample(20)
    x_va, y_va = sample(200)
    degree = 12
    P_tr = np.column_stack([x_tr**k for k in range(1, degree + 1)])
    P_va = np.column_stack([x_va**k for k in range(1, degree + 1)])
    mean, std = P_tr.mean(axis=0), P_tr.std(axis=0)  # the training statistics (notebook 07)
    Z_tr, Z_va = (P_tr - mean) / std, (P_va - mean) / std

    eta = 0.9 * lh.largest_stable_learning_rate(Z_tr)
    poly = lh.gradient_descent(Z_tr, y_tr, learning_rate=eta, epochs=20_000)  # full batch: one step per epoch
    poly_val = np.mean((poly.weights @ Z_va.T + poly.biases[:, None] - y_va) ** 2, axis=1)
    """),
    md(r"""
    **The stopping rule.** After every epoch, compare the validation loss with the best one so far. Stop when it has
    not improved for `patience` epochs, and go back to the parameters of the best epoch. The rule only looks at the
    past, so it saves the remaining epochs; `patience` keeps a short noisy rise from stopping the run too early.
    (Exercise 09.2 asks you to write it; here it is taken from `linreg_helpers`.)
    """),
    checked("""
    stop, best = early_stopping_epoch(poly_val, patience=500)
    print(f"validation MSE is lowest at epoch {best}; with patience 500, training stops at epoch {stop}")
    for label, k in [("best epoch (kept)", best), ("after 20,000 epochs", poly.steps)]:
        print(f"{label:>20}: training MSE {poly.losses[k]:.4f}   validation MSE {poly_val[k]:.4f}")
    print(f"the noise alone costs any model about 0.3² = {0.3**2:.2f} on new data")
    """),
    code("""
    # extra code – draws the figure: the two loss curves, and the fitted curves at the best epoch and at the end
    grid = np.linspace(-1, 1, 300)
    Z_grid = (np.column_stack([grid**k for k in range(1, degree + 1)]) - mean) / std
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
    epochs_axis = np.arange(1, poly.steps + 2)  # epoch k + 1 on a log axis (the start at 1)
    ax1.loglog(epochs_axis, poly.losses, color="C0", label="training MSE")
    ax1.loglog(epochs_axis, poly_val, color="C3", label="validation MSE")
    ax1.axvline(best + 1, color="k", ls=":", label=f"best epoch ({best})")
    ax1.set(xlabel="epoch + 1 (log scale)", ylabel="MSE (log scale)", title="Training keeps falling; validation turns up")
    ax1.legend(fontsize=8)
    ax2.plot(x_tr, y_tr, "o", color="C0", label="training data")
    ax2.plot(grid, np.sin(np.pi * grid), color="gray", ls="--", label="true curve")
    for k, color, label in [(best, "C2", f"epoch {best} (early stopping)"), (poly.steps, "C3", "epoch 20,000")]:
        ax2.plot(grid, Z_grid @ poly.weights[k] + poly.biases[k], color=color, label=label)
    ax2.set(xlabel="x", ylabel="y", ylim=(-2, 2), title="Degree-12 fits")
    ax2.legend(fontsize=8, loc="lower right")
    plt.show()
    """),
    md(r"""
    Gradient descent from zero first fits the broad shape, which the validation set shares, and only later the
    wiggles that follow the noise of 20 particular points, which it does not. The validation loss is lowest in
    between. Stopping there is a form of **regularisation**: it keeps the weights from growing into the wiggles
    (section 5 does the same with a penalty).
    """),
    misconception(
        '"the training loss tells you how good the model is"',
        r"""
        The training loss measures how well the model fits the examples it was tuned on, noise included; it keeps
        falling as a flexible model memorises them. Only data the model has not seen estimate its error on new
        data. And once the validation set has been used to *choose* something (the stopping epoch, a learning rate,
        α), it has been tuned on too: keep a third part, the **test set**, untouched until the very end for the
        number you report.
        """,
    ),
    md(r"""
    ## 3. Learning-rate schedules: SGD that settles

    Notebook 05 showed that SGD with a constant learning rate does not converge: each step follows one example's
    gradient, which is not zero at the minimum, so the parameters keep jumping around it in a **noise ball** whose
    size grows with the rate. A **schedule** lowers the rate as training goes on: big steps early, while far from the
    minimum, small steps late, when only noise is left. `lh.gradient_descent(schedule=...)` multiplies the rate of
    epoch $e$ (of $E$) by

    | schedule | factor of epoch $e$ |
    |---|---|
    | `"constant"` | $1$ |
    | `"step"` | $\tfrac12$ at the start of each quarter of the run: $1, \tfrac12, \tfrac14, \tfrac18$ |
    | `"1/t"` | $1/(1 + e)$ |
    | `"cosine"` | $\big(1 + \cos(\pi e/E)\big)/2$, from 1 down towards 0 |

    First the 1/t schedule written out, SGD on the training set of section 1, checked against `lh`:
    """),
    code("""
    def sgd_one_over_t(x, y, learning_rate, epochs, seed=0):
        rng = np.random.default_rng(seed)
        w, b = 0.0, 0.0
        for epoch in range(epochs):
            rate = learning_rate / (1 + epoch)  # the 1/t schedule, per epoch
            for i in rng.permutation(len(y)):  # a new order every epoch, as lh does
                r = w * x[i] + b - y[i]
                w, b = w - rate * 2 * r * x[i], b - rate * 2 * r
        return w, b


    eta0 = 0.3 * lh.largest_stable_learning_rate(X_train)
    w_t, b_t = sgd_one_over_t(X_train, y_train, eta0, epochs=30)
    h_t = lh.gradient_descent(X_train, y_train, learning_rate=eta0, epochs=30, batch_size=1, schedule="1/t", seed=0)
    assert np.allclose([w_t, b_t], [h_t.w[0], h_t.b])
    """),
    md(r"""
    Now every schedule at the same starting rate, 30 epochs of SGD, five shuffling seeds each. The number is the gap
    between the final training MSE and its minimum (0 = the exact least-squares fit):
    """),
    checked("""
    min_train = lh.mse(y_train, w_ls * X_train + b_ls)
    runs = {}
    for schedule in lh.training.SCHEDULES:
        runs[schedule] = [lh.gradient_descent(X_train, y_train, learning_rate=eta0, epochs=30, batch_size=1,
                                              schedule=schedule, seed=seed) for seed in range(5)]
        gaps = [r.losses[-1] - min_train for r in runs[schedule]]
        print(f"{schedule:>8}: final gap to the minimum, mean of 5 seeds {np.mean(gaps):.4f} (largest {max(gaps):.4f})")
    """),
    code("""
    # extra code – draws the figure: the gap to the minimum after every epoch, seed 0, for each schedule
    fig, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
    for color, (schedule, rs) in zip(["C3", "C1", "C0", "C2"], runs.items(), strict=True):
        spe = rs[0].steps_per_epoch  # the gap at the end of every epoch: one point per epoch
        ax.semilogy(rs[0].epoch_axis[::spe], rs[0].losses[::spe] - min_train, ".-", color=color, lw=1.2, label=schedule)
    ax.set(xlabel="epoch", ylabel="training MSE − minimum (log)", title="SGD: constant rate hovers, schedules settle")
    fig.legend(fontsize=8, ncols=4, loc="outside lower center")
    plt.show()
    """),
    md(r"""
    At a constant rate the gap jumps up and down by orders of magnitude until the end: where SGD stops is luck. The
    1/t and cosine schedules shrink the noise ball as they go and end hundreds to a thousand times closer; the step
    schedule, whose last quarter still runs at ⅛ of the rate, about 13 times. The price is a choice: decay too fast
    and the rate becomes too small before the minimum is reached.
    """),
    misconception(
        '"with enough epochs, SGD at a constant rate converges"',
        r"""
        More epochs at the same rate do not shrink the noise ball: after the first few epochs SGD is already inside
        it, and stays there (notebook 05 measured its size). Only a smaller rate (a schedule, or a larger batch)
        makes it smaller. Full-batch gradient descent *does* converge at a constant rate, because its gradient is
        exactly zero at the minimum.
        """,
    ),
    md(r"""
    ## 4. Momentum: the heavy ball in a narrow valley

    Notebook 07 found a narrow valley: the cars' weight and horsepower, centred but not scaled. Along the steep
    direction a step must be small, so it crawls along the flat one. With the eigenvalues
    $\lambda_{\min} \dots \lambda_{\max}$ of the Hessian and the condition number $\kappa = \lambda_{\max}/\lambda_{\min}$,
    the best fixed step $\eta = 2/(\lambda_{\min} + \lambda_{\max})$ shrinks the error by

    $$\frac{\kappa - 1}{\kappa + 1} \approx 1 - \frac2\kappa \quad\text{per step: about } \kappa/2 \text{ steps per factor } e .$$

    **Heavy-ball momentum** (Polyak) keeps a velocity $\mathbf v$, a running sum of past steps:

    $$\mathbf v \leftarrow \mu\,\mathbf v - \eta\,\nabla L(\boldsymbol\theta), \qquad \boldsymbol\theta \leftarrow \boldsymbol\theta + \mathbf v, \qquad 0 \le \mu < 1 .$$

    Across the valley the gradient changes sign every step, and the velocity's contributions cancel; along the valley
    they point the same way and add up, to about $1/(1-\mu)$ times a single step. For a quadratic the best choice,
    $\eta = 4/(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2$ and $\mu = \big((\sqrt\kappa - 1)/(\sqrt\kappa + 1)\big)^2$,
    shrinks the error by

    $$\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1} \approx 1 - \frac2{\sqrt\kappa} \quad\text{per step: about } \sqrt\kappa/2 \text{ steps per factor } e .$$

    (Polyak 1964; "Why Momentum Really Works", Distill 2017, derives both rates.)
    """),
    code("""
    cars = lh.load_dataset("cars_multi")
    F = cars.X[:, :2] - cars.X[:, :2].mean(axis=0)  # weight and horsepower, centred (notebook 07's valley)
    t = cars.y - cars.y.mean()
    n_cars = len(t)
    lam = np.linalg.eigvalsh(2 / n_cars * F.T @ F)  # eigenvalues of the Hessian of the MSE
    kappa = lam[-1] / lam[0]
    w_best = np.linalg.lstsq(F, t, rcond=None)[0]

    eta_gd = 2 / (lam[0] + lam[-1])  # the best fixed step
    eta_hb = 4 / (np.sqrt(lam[-1]) + np.sqrt(lam[0])) ** 2  # the best heavy-ball step ...
    mu = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2  # ... and momentum


    def steps_to_shrink(momentum, learning_rate, factor=1e-6, max_steps=50_000):
        # heavy ball from w = 0 (momentum = 0: plain gradient descent), until the error is `factor` of the start's
        w, v = np.zeros(2), np.zeros(2)
        start = np.linalg.norm(w - w_best)
        for step in range(1, max_steps + 1):
            v = momentum * v - learning_rate * 2 / n_cars * F.T @ (F @ w - t)
            w = w + v
            if np.linalg.norm(w - w_best) < factor * start:
                return step
        return None


    h_hb = lh.gradient_descent(F, t, learning_rate=eta_hb, epochs=300, momentum=mu)  # full batch
    w_check, v_check = np.zeros(2), np.zeros(2)
    for _ in range(300):
        v_check = mu * v_check - eta_hb * 2 / n_cars * F.T @ (F @ w_check - t)
        w_check = w_check + v_check
    assert np.allclose(w_check, h_hb.w, rtol=1e-9)
    """),
    checked("""
    print(f"κ = {kappa:.0f}, √κ = {np.sqrt(kappa):.1f}; heavy ball: η = {eta_hb:.3g}, μ = {mu:.3f}")
    for label, m, e, rate in [("gradient descent", 0.0, eta_gd, (kappa - 1) / (kappa + 1)),
                              ("heavy ball", mu, eta_hb, (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1))]:
        predicted = np.log(1e6) / -np.log(rate)
        print(f"{label:>16}: error × {rate:.4f} per step; a millionth after {predicted:,.0f} steps by the rate, "
              f"{steps_to_shrink(m, e):,} measured")
    """),
    md(r"""
    About 13,000 steps against about 400: 33 times fewer. The rates alone predict $13{,}359/304 \approx 44 = \sqrt\kappa$;
    the heavy ball needs a little more than its rate says, because at the best $\mu$ the two roots of its step
    coincide, which multiplies the error by a factor that grows like the step count. The paths:
    """),
    code("""
    # extra code – draws the figure: the distance to the minimum, step by step, for both
    h_gd = lh.gradient_descent(F, t, learning_rate=eta_gd, epochs=15_000)
    h_hb_long = lh.gradient_descent(F, t, learning_rate=eta_hb, epochs=600, momentum=mu)
    fig, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
    shown = [(h_gd, "C3", "gradient descent, best fixed step"), (h_hb_long, "C0", f"heavy ball, μ = {mu:.3f}")]
    for h_k, color, label in shown:
        error = np.linalg.norm(h_k.weights - w_best, axis=1) / np.linalg.norm(w_best)
        ax.semilogy(np.arange(len(error)), error, color=color, label=label)
    ax.axhline(1e-6, color="k", ls=":", lw=1, label="a millionth of the start's error")
    ax.set(xlabel="step", ylabel="‖w − w*‖ / ‖w*‖ (log)", ylim=(1e-9, 10),
           title=f"The narrow valley of the cars: κ = {kappa:.0f}")
    ax.legend(fontsize=8, loc="upper right")
    plt.show()
    """),
    md(r"""
    On a log scale both errors fall along straight lines whose slopes are the logarithms of the rates,
    about $-2/\kappa$ per step for gradient descent and $-2/\sqrt\kappa$ for the heavy ball (whose error swings up
    first: it overshoots, and its velocity carries it back). Momentum does not repair the conditioning
    (standardising, notebook 07, does); it makes descent much less sensitive to it. `torch.optim.SGD(momentum=0.9)`
    (notebook 08) is the same update, with the rate applied after summing: the same path for a constant rate.
    """),
    misconception(
        '"momentum is just a bigger learning rate"',
        r"""
        A larger rate would make the steep direction diverge; the velocity grows only along directions where the
        gradient keeps its sign, and cancels across the valley. That is why the rate of the error changes from
        $\kappa$ to $\sqrt\kappa$, which no choice of a fixed learning rate can do. Too much momentum ($\mu$ near 1)
        swings for a long time, though: the best $\mu$ depends on $\kappa$.
        """,
    ),
    md(r"""
    ## 5. Ridge regression: one minimum instead of a flat valley

    Notebook 07 added the weight in kilograms to the cars' features: an exact copy of the weight in pounds, up to
    units. The MSE then has a **flat valley**: a whole line of parameters with the same loss, and a Hessian with an
    eigenvalue 0. **Ridge regression** (also called **weight decay**, or L2 regularisation) adds a penalty on the size of
    the weights, not on the bias:

    $$L_\alpha(\mathbf w, b) = \mathrm{MSE}(\mathbf w, b) + \alpha\,\lVert\mathbf w\rVert^2, \qquad \alpha > 0 .$$

    **Derivation.** With the design matrix $A = [X, \mathbf 1]$ and $\boldsymbol\theta = [\mathbf w; b]$, the penalty is
    $\alpha\,\boldsymbol\theta^\top D\,\boldsymbol\theta$ with $D = \mathrm{diag}(1, \dots, 1, 0)$ (the 0 leaves the
    bias out), and its gradient is $2\alpha D\boldsymbol\theta$. Setting the whole gradient to zero,

    $$\frac2n A^\top(A\boldsymbol\theta - \mathbf y) + 2\alpha D\boldsymbol\theta = \mathbf 0
    \quad\Longleftrightarrow\quad
    \boxed{\;(A^\top A + n\alpha D)\,\boldsymbol\theta = A^\top\mathbf y\;}$$

    (multiply by $n/2$). The Hessian of $L_\alpha$ is $H + 2\alpha D$: every weight direction curves $2\alpha$ more,
    including the flat one. So the valley has a single lowest point, and the condition number of the weights'
    Hessian drops from infinity to $(\lambda_{\max} + 2\alpha)/(\lambda_{\min} + 2\alpha)$. Standardise first: the
    penalty compares the sizes of the weights, which only makes sense when the features have the same scale.
    """),
    code("""
    Z = (cars.X - cars.X.mean(axis=0)) / cars.X.std(axis=0)  # weight, horsepower, displacement, standardised
    Z_kg = np.column_stack([Z, Z[:, 0]])  # the weight in kg, standardised: the same column as the weight in lb
    y_cars = cars.y
    n, M = Z_kg.shape
    alpha = 0.1

    A = np.column_stack([Z_kg, np.ones(n)])  # design matrix, ones last
    D = np.diag(np.append(np.ones(M), 0.0))  # penalise the weights, not the bias
    theta_ridge = np.linalg.solve(A.T @ A + n * alpha * D, A.T @ y_cars)  # (AᵀA + nαD) θ = Aᵀy
    w_ridge, b_ridge = theta_ridge[:-1], theta_ridge[-1]
    """, handout="""
    # Exercise 09.4 asks you to write this solution; until you do, this copy uses the library's.
    Z = (cars.X - cars.X.mean(axis=0)) / cars.X.std(axis=0)  # weight, horsepower, displacement, standardised
    Z_kg = np.column_stack([Z, Z[:, 0]])  # the weight in kg, standardised: the same column as the weight in lb
    y_cars = cars.y
    n, M = Z_kg.shape
    alpha = 0.1
    A = np.column_stack([Z_kg, np.ones(n)])  # design matrix, ones last
    D = np.diag([1.0] * M + [0.0])  # the D of the derivation: used by later cells
    w_ridge, b_ridge = lh.ridge(Z_kg, y_cars, alpha)
    """),
    checked("""
    H_w = 2 / n * (Z_kg - Z_kg.mean(axis=0)).T @ (Z_kg - Z_kg.mean(axis=0))  # Hessian of the MSE in the weights
    lam_w = np.linalg.eigvalsh(H_w)
    lam_shown = np.where(np.abs(lam_w) < 1e-12 * lam_w[-1], 0.0, lam_w)  # 0 up to rounding, shown as 0
    print(f"eigenvalues of the weights' Hessian: {np.round(lam_shown, 4)}  (smallest 0: the flat valley)")
    print(f"with the penalty, + 2α = {2 * alpha}: condition number {(lam_w[-1] + 2 * alpha) / (lam_w[0] + 2 * alpha):.1f}"
          " instead of infinite")
    print("ridge weights (lb, hp, displ, kg):", np.round(w_ridge, 4), f" bias {b_ridge:.4f}")
    """),
    md(r"""
    The weight in pounds and the weight in kilograms get **equal** weights: of all the ways to split the weight's
    effect between two identical columns, an equal split has the smallest $\lVert\mathbf w\rVert^2$, so it is the
    one the penalty picks. The bias is the mean mpg, untouched by the penalty (the features are centred).

    **Checked three ways**: `lh.ridge`, gradient descent on $L_\alpha$ (`l2=alpha`), and scikit-learn's `Ridge`.
    scikit-learn minimises the *sum* $\lVert\mathbf y - X\mathbf w - b\rVert^2 + a\lVert\mathbf w\rVert^2$, without the
    $1/n$ of the MSE, and does not penalise the intercept: it gives the same answer for $a = n\alpha$.
    """),
    code("""
    try:
        from sklearn.linear_model import Ridge
    except ImportError:  # scikit-learn is optional for this notebook
        Ridge = None
        print("scikit-learn is not installed here (pip install scikit-learn); its row is left out.")

    w_lh, b_lh = lh.ridge(Z_kg, y_cars, alpha)
    H_alpha = 2 / n * A.T @ A + 2 * alpha * D  # the Hessian of L_α: its largest eigenvalue sets the stable rate
    eta_ridge = 1.9 / np.linalg.eigvalsh(H_alpha)[-1]
    h_ridge = lh.gradient_descent(Z_kg, y_cars, learning_rate=eta_ridge, epochs=3000, l2=alpha)
    ridges = {
        "closed form (numpy)": np.append(w_ridge, b_ridge),
        "lh.ridge": np.append(w_lh, b_lh),
        "gradient descent, l2=α": np.append(h_ridge.w, h_ridge.b),
    }
    if Ridge is not None:
        model = Ridge(alpha=n * alpha).fit(Z_kg, y_cars)  # scikit-learn's α is n times ours
        ridges["scikit-learn Ridge(n·α)"] = np.append(model.coef_, model.intercept_)
    for theta_k in ridges.values():
        assert np.allclose(theta_k, ridges["lh.ridge"], rtol=1e-8, atol=1e-10)
    """),
    checked("""
    print(f"{'':>24}  {'w_lb':>8} {'w_hp':>8} {'w_displ':>8} {'w_kg':>8} {'b':>8}")
    for label, theta_k in ridges.items():
        print(f"{label:>24}  " + " ".join(f"{v:+8.4f}" for v in theta_k))
    """),
    md(r"""
    All agree. The penalty has a price: the ridge fit's training MSE is a little higher than least squares', because
    it no longer minimises the MSE alone. In exchange the weights are unique and smaller, and they change less when
    the data change a little, which often lowers the validation error when features are many, noisy or nearly
    collinear. How large $\alpha$ should be is a hyperparameter, chosen on a validation set (section 1).

    **Without the penalty**, gradient descent from zero still ends somewhere definite on the flat valley: every step
    moves along $A^\top\mathbf r$, a combination of the rows of $A$, so it never moves along the flat direction, and
    it reaches the **minimum-norm** least-squares solution, the one `np.linalg.lstsq` returns (notebook 07).
    """),
    checked("""
    h_flat = lh.gradient_descent(Z_kg, y_cars, learning_rate=1.9 / np.linalg.eigvalsh(2 / n * A.T @ A)[-1], epochs=20_000)
    theta_lstsq = np.linalg.lstsq(A, y_cars, rcond=None)[0]
    print("gradient descent from 0, α = 0:", np.round(np.append(h_flat.w, h_flat.b), 4))
    print("np.linalg.lstsq (minimum norm):", np.round(theta_lstsq, 4))
    print(f"training MSE: least squares {lh.mse(y_cars, A @ theta_lstsq):.4f}, ridge α = {alpha} "
          f"{lh.mse(y_cars, A @ np.append(w_ridge, b_ridge)):.4f}")
    """),
    misconception(
        '"ridge regression is θ = (AᵀA + αI)⁻¹Aᵀy"',
        r"""
        Two things hide in that compact formula. With the column of ones in $A$, $\alpha I$ penalises the **bias**
        too, pulling the whole line towards 0 for no reason (the bias only says where the data sit; below, the
        mean mpg of 23.4 would shrink). And the $\alpha$ of such a formula belongs to the **sum** of squared errors,
        as in scikit-learn; for $\mathrm{MSE} + \alpha\lVert\mathbf w\rVert^2$ it is $n\alpha$. With $D$ and $n\alpha$ the
        formula is right; better still, solve the system instead of inverting (notebook 07).
        """,
    ),
    checked("""
    theta_wrong = np.linalg.solve(A.T @ A + n * alpha * np.eye(M + 1), A.T @ y_cars)  # the bias penalised too
    print(f"bias: {b_ridge:.3f} mpg with the bias left out of the penalty, {theta_wrong[-1]:.3f} mpg with it in "
          f"(mean mpg {y_cars.mean():.3f})")
    """),
    md(r"""
    ## 6. The training-in-practice dashboard

    The data of section 1: training points filled, validation points hollow. Top right, the training MSE surface with
    the path of the run; below, the training and validation MSE after every step, with a ▼ at the epoch early
    stopping (patience 5 epochs) would keep. The controls: the **schedule**, the **momentum** μ, the ridge penalty
    **α**, the starting **learning rate** and the **batch size** (of the 60 training examples). The read-out compares
    the rate with the largest stable rate of plain full-batch descent for the current α. *Show as code* prints the
    `lh.gradient_descent` call.

    Things to try:

    * Choose *SGD, constant rate: hovers*, then the two schedule presets. Watch the end of the training curve and the
      point on the surface.
    * *full batch, small rate: crawls*, then *same rate with momentum 0.9*: the same rate, many times faster, with an
      overshoot. Try μ = 0.5 and 0.95.
    * *ridge: α pulls w towards 0*: the line flattens and the path ends away from the bottom of the MSE bowl. Slide α
      back to 0. Which α gives the lowest validation MSE?
    * Push the learning rate up until the run diverges, then add momentum or a schedule. Which one rescues it, and why?
    """),
    code("lh.training_in_practice()", tags=["dashboard"]),
    md(r"""
    ## Summary

    * Judge a model on **held-out data**: the training loss is optimistic. Plot the training and validation loss per
      epoch; keep a test set for the final number.
    * **Overfitting**: the validation loss turns up while the training loss keeps falling. **Early stopping** keeps
      the best validation loss so far and stops `patience` epochs after it, returning to the best parameters.
    * SGD at a constant rate hovers in a noise ball; a **schedule** (step, 1/t, cosine) lowers the rate over the
      epochs and lets it settle, hundreds of times closer to the minimum here.
    * **Heavy-ball momentum** $\mathbf v \leftarrow \mu\mathbf v - \eta\nabla L$, $\boldsymbol\theta \leftarrow \boldsymbol\theta + \mathbf v$
      needs about $\sqrt\kappa/2$ steps per factor $e$ instead of $\kappa/2$: 400 instead of 13,000 steps on the cars' valley.
    * **Ridge** minimises $\mathrm{MSE} + \alpha\lVert\mathbf w\rVert^2$: $(A^\top A + n\alpha D)\boldsymbol\theta = A^\top\mathbf y$, the bias
      not penalised. A flat valley gets one minimum and the conditioning improves; scikit-learn's `Ridge(alpha=nα)`
      gives the same fit.

    **Next:** back to the [contents](00_start_here.ipynb#Contents). From here: logistic regression (the same loop with
    another loss), lasso ($\alpha\lVert\mathbf w\rVert_1$), and adaptive rates such as Adam, which scale each
    parameter's step by its own gradient history.
    """),
    *concept_check("09"),
    md(r"""
    ## Exercises

    Replace each `...` with your code and run the cell. Solutions are hidden under **Solution**.
    """),
    *exercise(
        "09.1",
        r"""
        A training run stored its parameters after every step: `W` of shape `(k, M)` (one row per state) and `B` of
        shape `(k,)`. Write `my_validation_losses(W, B, X_val, y_val)` that returns the validation MSE of every state,
        shape `(k,)`, for validation features `X_val` of shape `(n_val, M)`.
        """,
        """
        def my_validation_losses(W, B, X_val, y_val):
            ...  # your code here


        ex.check_validation_losses(my_validation_losses)
        """,
    ),
    *exercise(
        "09.2",
        r"""
        `val_losses[e]` is the validation loss after epoch `e` (`e = 0`: the start). Write
        `my_early_stopping(val_losses, patience)` that returns `(stop, best)`: the epoch at which early stopping
        stops (the first epoch that is `patience` epochs after the best so far; the last epoch if that never
        happens) and the epoch with the lowest validation loss up to then (the parameters it keeps). On a tie, the
        earlier epoch stays the best.
        """,
        """
        def my_early_stopping(val_losses, patience):
            ...  # your code here


        ex.check_early_stopping(my_early_stopping)
        """,
    ),
    *exercise(
        "09.3",
        r"""
        Write `my_cosine_rate(learning_rate, epoch, epochs)` that returns the learning rate of epoch `epoch`
        (counted from 0) under the cosine schedule of a run of `epochs` epochs (section 3).
        """,
        """
        def my_cosine_rate(learning_rate, epoch, epochs):
            ...  # your code here


        ex.check_cosine_rate(my_cosine_rate)
        """,
    ),
    *exercise(
        "09.4",
        r"""
        Write `my_ridge(X, y, alpha)` that returns `(w, b)` minimising $\mathrm{MSE} + \alpha\lVert\mathbf w\rVert^2$
        (the bias not penalised) for features `X` of shape `(n, M)`: `w` of shape `(M,)` and `b` a number. Solve the
        linear system of section 5; do not invert a matrix.
        """,
        """
        def my_ridge(X, y, alpha):
            ...  # your code here


        ex.check_ridge(my_ridge)
        """,
    ),
]
