"""Source of notebooks/04_gradient_descent.ipynb. Build with: python tools/build_notebooks.py 04 --execute"""
# ruff: noqa: E501  (prose and formulas are easier to edit unwrapped)

from nbtools import checked, code, concept_check, exercise, md, misconception

CELLS = [
    md(r"""
    # 04 · Gradient descent: training the model step by step

    **Purpose:** train the model. Start from $w = b = 0$, step downhill against the gradient of notebook 03,
    and repeat until the loss stops falling; then find out how big a step may be.

    **Learning objectives.** After this notebook you can

    1. carry out one step of **gradient descent** by hand: loss, gradient, step against it;
    2. write the whole descent as a **ten-line numpy loop** and check it against `lh.gradient_descent`;
    3. read a **loss curve**: convergence, a crawl, a zigzag, a divergence;
    4. **derive the largest stable learning rate** $\eta_{\max} = 2/\lambda_{\max}$ from the data (the Hessian's
       largest eigenvalue) and check it numerically;
    5. derive the **best fixed learning rate** $\eta^* = 2/(\lambda_{\min} + \lambda_{\max})$ and its rate
       $(\kappa - 1)/(\kappa + 1)$ per step, and say why a rounder bowl (a smaller condition number $\kappa$) is faster;
    6. compare the result with the exact **closed-form** answer and say when each is used.

    **Prerequisites:** [03 · Gradients](03_gradients.ipynb) (the MSE gradient $\frac2n\sum r_i x_i$,
    $\frac2n\sum r_i$); for section 5, what an eigenvalue is (recalled there).
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
    """),
    md(r"""
    ## 1. The algorithm in four steps

    The gradient $\nabla\mathrm{MSE}(w, b)$ points uphill, so a small step against it lowers the loss (notebook 03).
    **Gradient descent** does exactly that, over and over:

    0. **Start** somewhere, usually at $w = 0$, $b = 0$.
    1. **Compute the loss** $\mathrm{MSE}(w, b) = \frac1n\sum_i r_i^2$ with the residuals $r_i = w x_i + b - y_i$.
    2. **Compute the gradient** $\frac{\partial\,\mathrm{MSE}}{\partial w} = \frac2n\sum_i r_i x_i$ and
       $\frac{\partial\,\mathrm{MSE}}{\partial b} = \frac2n\sum_i r_i$.
    3. **Step against it**, both parameters at once, by the **learning rate** $\eta$ (eta) times the gradient:

       $$w \leftarrow w - \eta\,\frac{\partial\,\mathrm{MSE}}{\partial w}, \qquad b \leftarrow b - \eta\,\frac{\partial\,\mathrm{MSE}}{\partial b} .$$

    4. **Repeat** from 1 until the loss stops falling.

    One step by hand on the four points of notebooks 01–03, with $\eta = 0.05$:
    """),
    code("""
    x4 = np.array([1.0, 2.0, 3.0, 4.0])
    y4 = np.array([2.0, 3.0, 5.0, 7.0])

    w, b = 0.0, 0.0  # 0. start
    eta = 0.05  # the learning rate η
    loss = lh.mse(y4, w * x4 + b)  # 1. the loss
    dw, db = lh.mse_gradient(x4, y4, w, b)  # 2. the gradient
    w_new, b_new = w - eta * dw, b - eta * db  # 3. a step against it
    """),
    checked("""
    print(f"start:    w = {w}, b = {b}, MSE = {loss:.4g}")
    print(f"gradient: ∂MSE/∂w = {dw:.4g}, ∂MSE/∂b = {db:.4g}")
    print(f"step:     w = {w_new:.4g}, b = {b_new:.4g}, MSE = {lh.mse(y4, w_new * x4 + b_new):.4g}")
    """),
    md(r"""
    Both derivatives were negative (the line $\hat y = 0$ is below every point), so the step *increased* $w$ and $b$,
    and the MSE fell from 21.75 to about 0.71. Repeating (step 4) a few times:
    """),
    checked("""
    w, b = 0.0, 0.0
    for step in range(1, 7):
        dw, db = lh.mse_gradient(x4, y4, w, b)
        w, b = w - eta * dw, b - eta * db
        print(f"after step {step}: w = {w:.4f}, b = {b:.4f}, MSE = {lh.mse(y4, w * x4 + b):.4f}")
    """),
    md(r"""
    The loss falls quickly at first, then slowly; $w$ heads towards 1.7 and $b$ towards 0, the best line of
    notebook 03. Section 5 explains why it slows down.

    ## 2. The descent as a loop

    A real data set from now on: 392 cars from 1970–82, their **weight** (in 1000 lb) and their **fuel efficiency**
    (miles per US gallon). Heavier cars go fewer miles on a gallon.
    """),
    code("""
    cars = lh.load_dataset("cars")
    x, y = cars.X, cars.y  # weight [1000 lb] -> mpg
    cars
    """),
    md(r"""
    The four steps as a plain numpy loop. It keeps every state, so that we can draw the path and the loss curve, and
    it stops when the loss no longer falls by more than a tiny fraction `tol` of itself (step 4). A loss that
    **rises** is not "no longer falling": below the largest stable learning rate of section 5 the MSE falls at every
    step, so a rise means the learning rate is too large, and the loop says so instead of looking converged:
    """),
    code("""
    def descend(x, y, learning_rate, max_steps, tol=1e-10):
        n = len(x)
        w, b = 0.0, 0.0  # 0. start at w = b = 0
        path, losses = [(w, b)], [np.mean((w * x + b - y) ** 2)]  # 1. the loss
        for _ in range(max_steps):
            r = w * x + b - y  # residuals r = ŷ − y
            dw, db = 2 / n * np.sum(r * x), 2 / n * np.sum(r)  # 2. the gradient
            w, b = w - learning_rate * dw, b - learning_rate * db  # 3. step against it
            path.append((w, b))
            losses.append(np.mean((w * x + b - y) ** 2))
            if losses[-1] > losses[-2]:  # the loss rose: the step was too long (section 5)
                print(f"the loss rose at step {len(losses) - 1}: the learning rate is too large, lower it")
                break
            if losses[-2] - losses[-1] <= tol * losses[-2]:  # 4. until the loss stops falling
                break
        return np.array(path), np.array(losses)


    path, losses = descend(x, y, learning_rate=0.05, max_steps=10_000)
    """),
    md(r"""
    With a learning rate that is too large (section 5 finds the limit), the loop stops at once and says why:
    """),
    checked("""
    _, losses_too_fast = descend(x, y, learning_rate=0.1, max_steps=10_000)
    n_steps = len(losses_too_fast) - 1
    print(f"η = 0.1: stopped after {n_steps} step, MSE {losses_too_fast[0]:.0f} -> {losses_too_fast[-1]:.0f}")
    """),
    md(r"""
    `lh.gradient_descent` runs the same algorithm (written for speed, and for the mini-batches of notebook 05).
    Given the same learning rate and number of steps, it must go through the same states:
    """),
    code("""
    steps = len(losses) - 1
    history = lh.gradient_descent(x, y, learning_rate=0.05, epochs=steps)  # full batch: one step per epoch
    assert np.allclose(path[:, 0], history.weights[:, 0])  # w at every state
    assert np.allclose(path[:, 1], history.biases)  # b at every state
    assert np.allclose(losses, history.losses)
    history
    """),
    checked("""
    w_gd, b_gd = path[-1]
    print(f"stopped after {steps} steps: w = {w_gd:.4f}, b = {b_gd:.4f}, MSE = {losses[-1]:.4f}")
    """),
    md(r"""
    The fitted line: every extra 1000 lb costs about 7.6 mpg. The MSE does not go to zero (the cars are not on one line);
    it goes to the **smallest value any line can reach** on these data, here about 18.68 mpg². (The stopping rule ends
    the run when the progress per step becomes tiny, which is a little before the exact minimum: section 6 compares.)

    ## 3. Loss curves: what convergence looks like

    A **loss curve** plots the loss after every step. The left panel is the loss itself: a fast drop, then a long
    flat tail just above the minimum (dotted). On the right, the **gap** to the minimum on a logarithmic scale: after
    the first few steps it is a **straight line**, so every step multiplies the gap by the same factor. That is what
    convergence of gradient descent on the MSE looks like: the loss falls geometrically towards its minimum.
    """),
    code("""
    w_best, b_best = lh.fit_closed_form(x, y)  # the exact minimiser (section 6)
    min_loss = lh.mse(y, lh.predict(x, w_best, b_best))
    """),
    code("""
    # extra code – draws the figure: the loss curve, and the gap to the minimum on a log scale
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 3.4), layout="constrained")
    lh.plot_loss_curve(history, log=False, ax=ax1)
    ax1.axhline(min_loss, color="k", ls=":", lw=1, label=f"minimum MSE ≈ {min_loss:.2f}")
    ax1.legend(fontsize=8)
    ax1.set_title("loss curve")
    ax2.semilogy(history.losses - min_loss)
    ax2.set(xlabel="step (iteration)", ylabel="MSE − minimum", title="gap to the minimum (log scale)")
    plt.show()
    """),
    misconception(
        '"the model has converged when the loss reaches zero"',
        r"""
        The loss of a trained model is almost never zero. Zero MSE means a line through *every* point, which noisy
        data do not allow. Training has converged when the loss **stops falling**: the curve is flat at the smallest
        loss this model can reach on these data (here about 18.68 mpg², an RMSE of about 4.3 mpg). A loss of zero on
        real data would rather be a warning sign (a model that memorises its training data).
        """,
    ),
    md(r"""
    ## 4. The learning rate: crawl, converge, zigzag, diverge

    The learning rate $\eta$ sets the length of each step. Four runs of 300 steps from $w = b = 0$ on the cars data:
    """),
    code("""
    etas = [0.002, 0.05, 0.09, 0.1]
    runs = {eta: lh.gradient_descent(x, y, learning_rate=eta, epochs=300) for eta in etas}
    """),
    checked("""
    for eta, h in runs.items():
        state = f"diverged at step {h.diverged_at}" if h.diverged else f"MSE after 300 steps = {h.losses[-1]:.4g}"
        print(f"η = {eta:<5}: {state}")
    """),
    code("""
    # extra code – draws the figure: loss curves, and each run's path on the contour map
    def inside_part(h, weights, biases):  # the path up to where it leaves the map
        w, b = h.weights[:, 0], h.biases
        out = (w < weights[0]) | (w > weights[-1]) | (b < biases[0]) | (b > biases[-1])
        k = int(np.argmax(out)) if out.any() else len(w)
        return w[: k + 1], b[: k + 1]


    labels = {0.002: "crawls", 0.05: "converges", 0.09: "zigzags, converges", 0.1: "diverges"}
    colors = {0.002: lh.COLORS["huber"], 0.05: lh.COLORS["converges"], 0.09: lh.COLORS["mae"], 0.1: lh.COLORS["diverges"]}
    A_cars = np.column_stack([x, np.ones(len(x))])
    q_steep = np.linalg.eigh(2 / len(x) * A_cars.T @ A_cars)[1][:, -1]  # the steepest direction of the bowl (section 5)
    fig = plt.figure(figsize=(10, 5.8), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[1.1, 1])
    ax, ax_steep = top.subplots(1, 2, width_ratios=[1.6, 1])
    for eta, h in runs.items():
        lh.plot_loss_curve(h, ax=ax, label=f"η = {eta}: {labels[eta]}", color=colors[eta])
        across = np.abs((h.weights[:, 0] - w_best) * q_steep[0] + (h.biases - b_best) * q_steep[1])
        ax_steep.semilogy(across[:60], ".-", color=colors[eta], lw=1, ms=3)
    ax.axhline(min_loss, color="k", ls=":", lw=1)
    ax.set_ylim(10, 1e4)  # the diverging run leaves through the top
    ax.legend(fontsize=8, loc="upper right", bbox_to_anchor=(1.0, 0.85))
    ax_steep.set(xlabel="step", ylabel="|distance across the valley|", title="across the valley: the overshoots",
                 ylim=(1e-6, None))
    converging = [h for h in runs.values() if not h.diverged]  # the map covers their whole paths
    w_all = np.concatenate([h.weights[:, 0] for h in converging] + [[w_best]])
    b_all = np.concatenate([h.biases for h in converging] + [[b_best]])
    pad_w, pad_b = 0.25 * np.ptp(w_all), 0.25 * np.ptp(b_all)  # room around ★ for its closed ellipses
    weights = np.linspace(w_all.min() - pad_w, w_all.max() + pad_w, 81)
    biases = np.linspace(b_all.min() - pad_b, b_all.max() + pad_b, 81)
    for ax, (eta, h) in zip(bottom.subplots(1, 4, sharey=True), runs.items(), strict=True):
        lh.plot_contour(x, y, weights=weights, biases=biases, ax=ax)
        ax.plot(*inside_part(h, weights, biases), ".-", color=colors[eta], lw=1, ms=3)
        ax.set_title(f"η = {eta}: {labels[eta]}", fontsize=9)
        ax.label_outer()
    plt.show()
    """),
    md(r"""
    * $\eta = 0.002$ **crawls**: after 300 steps it is still far from the minimum (the purple curve).
    * $\eta = 0.05$ **converges**: its first step overshoots a little across the valley, then it slides steadily
      along the valley floor.
    * $\eta = 0.09$ **zigzags** across the narrow valley (each step overshoots in the steep direction), but every
      zigzag is smaller than the one before, and it converges *faster* than 0.05.
    * $\eta = 0.1$ **diverges**: each zigzag is larger than the last, and the loss explodes. `lh.gradient_descent`
      flags the run as **diverged** at the first step whose loss is ten times worse than where it started (or
      than predicting the mean of $y$), reports that step, and stops storing it once the loss is a million times
      larger. On the map the growing overshoots lie on top of each other along one line
      and soon leave it; the top-right panel shows them: the distance from the minimum measured **across** the
      valley (along its steepest direction) on a log scale. It falls along a straight line for 0.05 and 0.09
      (every step shrinks it by the same factor) and **rises** along a straight line for 0.1.

    Between 0.09 and 0.1 lies a sharp border. The next section finds it, from the data alone.

    ## 5. The largest stable learning rate, derived

    **The MSE is a quadratic bowl.** Write the parameters as one vector $\theta = [w, b]$ and the data as the design
    matrix $A = [\,x, \mathbf 1\,]$ (notebook 01), so that the predictions are $A\theta$ and
    $\mathrm{MSE}(\theta) = \frac1n\lVert A\theta - y\rVert^2$. Its gradient is (notebook 03)

    $$\nabla\mathrm{MSE}(\theta) = \frac2n A^\top (A\theta - y) .$$

    At the minimum $\theta^*$ the gradient is zero, $\frac2n A^\top A\,\theta^* = \frac2n A^\top y$. Subtracting this from
    the gradient leaves

    $$\nabla\mathrm{MSE}(\theta) = H\,(\theta - \theta^*), \qquad H = \frac2n A^\top A .$$

    $H$ is the **Hessian**, the $2\times2$ matrix of second derivatives of the MSE; for a quadratic it is the same
    everywhere.

    **One step, seen from the minimum.** The update $\theta \leftarrow \theta - \eta\,\nabla\mathrm{MSE}(\theta)$ moves the
    error $e = \theta - \theta^*$ to

    $$e \leftarrow (I - \eta H)\, e .$$

    $H$ is symmetric, so it has two perpendicular **eigenvectors** $q_1, q_2$ with real **eigenvalues**
    $\lambda_1 \le \lambda_2$: $H q_i = \lambda_i q_i$ (both $\ge 0$ for the MSE; notebook 06 shows why). Along $q_i$ the error is simply multiplied by the number
    $1 - \eta\lambda_i$ at every step, so after $k$ steps by $(1 - \eta\lambda_i)^k$:

    | $\eta\lambda_i$ | factor $1 - \eta\lambda_i$ | along $q_i$ |
    |---|---|---|
    | between 0 and 1 | between 0 and 1 | shrinks steadily (small $\eta\lambda_i$: a crawl) |
    | between 1 and 2 | between −1 and 0 | overshoots, flips sign every step, still shrinks: a zigzag |
    | exactly 2 | −1 | bounces between two points for ever |
    | above 2 | below −1 | grows, flipping sign: divergence |

    Every direction shrinks exactly when $|1 - \eta\lambda_i| < 1$ for both eigenvalues, that is

    $$\boxed{\;0 < \eta < \eta_{\max} = \frac{2}{\lambda_{\max}(H)}, \qquad H = \frac2n A^\top A\;}$$

    The steepest direction (largest eigenvalue) sets the limit. For the cars:
    """),
    code("""
    n = len(x)
    A = np.column_stack([x, np.ones(n)])  # design matrix [x, 1]
    H = 2 / n * A.T @ A  # Hessian of the MSE in (w, b)
    lam = np.linalg.eigvalsh(H)  # eigenvalues of a symmetric matrix, smallest first
    eta_max = 2 / lam.max()
    assert np.isclose(eta_max, lh.largest_stable_learning_rate(x))
    """, handout="""
    # Exercise 04.3 asks you to compute η_max from H = (2/n) AᵀA; until you do, this copy takes η_max from the
    # library and measures H: the MSE's gradient changes linearly with (w, b), so finite differences give H exactly.
    n = len(x)
    H = np.array([lh.numerical_gradient(lambda p, k=k: lh.mse_gradient(x, y, *p)[k], [0.0, 0.0]) for k in range(2)])
    lam = np.linalg.eigvalsh(H)  # eigenvalues of a symmetric matrix, smallest first
    eta_max = lh.largest_stable_learning_rate(x)
    """),
    checked("""
    print("H =", np.round(H, 4).tolist())
    print("eigenvalues:", np.round(lam, 4))
    print(f"largest stable learning rate η_max = 2 / λ_max = {eta_max:.4f}")
    print(f"the zig-zag band starts at 1 / λ_max = {1 / lam.max():.4f}")
    for eta in [0.05, 0.09, 0.1]:
        print(f"η = {eta:<4}: factor across the valley 1 − ηλ_max = {1 - eta * lam.max():+.3f}")
    """),
    md(r"""
    That is the border between the zigzag at 0.09 and the divergence at 0.1 in section 4. And $\eta = 0.05$ lies
    just **inside** the zig-zag band (between $1/\lambda_{\max}$ and $2/\lambda_{\max}$): its factor across the
    valley is slightly negative, so it overshoots once, but by only about a twentieth, and the zig-zag is damped at
    once. That is the one small overshoot of section 4. At 0.09 the factor is close to −1 (a long, slowly
    shrinking zig-zag), and at 0.1 it is below −1 (growing). A numerical check, just
    below and just above it, 3000 steps each:
    """),
    code("""
    below = lh.gradient_descent(x, y, learning_rate=0.99 * eta_max, epochs=3000)
    above = lh.gradient_descent(x, y, learning_rate=1.01 * eta_max, epochs=3000)
    assert not below.diverged and np.isclose(below.losses[-1], min_loss, rtol=1e-9)
    assert above.diverged
    """),
    checked("""
    print(f"0.99 × η_max: final MSE = {below.losses[-1]:.4f} (minimum {min_loss:.4f}), diverged: {below.diverged}")
    print(f"1.01 × η_max: diverged: {above.diverged}, at step {above.diverged_at}")
    """),
    md(r"""
    **How fast does it converge?** The slow direction decides: along $q_1$ the error shrinks by $|1 - \eta\lambda_1|$ per
    step, and the MSE gap, which is quadratic in the error, by $(1 - \eta\lambda_1)^2$. This is the slope of the straight
    line in section 3. Measured on the run with $\eta = 0.05$:
    """),
    checked("""
    gap = history.losses - min_loss
    measured = gap[501] / gap[500]  # late in the run, where the slow direction is all that is left
    predicted = (1 - 0.05 * lam.min()) ** 2
    print(f"gap shrinks per step by: measured {measured:.4f}, predicted (1 − ηλ_min)² = {predicted:.4f}")
    """),
    md(r"""
    Here $\lambda_{\max}/\lambda_{\min} \approx 154$: the bowl is a long narrow valley. A learning rate small enough for
    the steep direction crawls along the flat one; that is why even the best fixed learning rate needs a few hundred
    steps here. (Rescaling the feature, for example to mean 0 and standard deviation 1, makes the bowl rounder
    and descent much faster.)
    """),
    md(r"""
    ### The best fixed step, and its rate

    Which fixed $\eta$ is fastest? Along $q_i$ the error is multiplied by $1 - \eta\lambda_i$, so from **any** start the
    length of the error shrinks at least by the larger of the two factors,

    $$\rho(\eta) = \max\big(|1 - \eta\lambda_{\min}|,\ |1 - \eta\lambda_{\max}|\big) \quad\text{per step.}$$

    A larger $\eta$ helps the flat direction ($1 - \eta\lambda_{\min}$ falls) but, beyond $1/\lambda_{\max}$, hurts the
    steep one ($|1 - \eta\lambda_{\max}| = \eta\lambda_{\max} - 1$ grows). The best compromise makes the two equal,
    $1 - \eta\lambda_{\min} = \eta\lambda_{\max} - 1$:

    $$
    \boxed{\;\eta^* = \frac{2}{\lambda_{\min} + \lambda_{\max}}, \qquad
    \rho(\eta^*) = 1 - \frac{2\lambda_{\min}}{\lambda_{\min} + \lambda_{\max}} = \frac{\lambda_{\max} - \lambda_{\min}}{\lambda_{\max} + \lambda_{\min}}
    = \frac{\kappa - 1}{\kappa + 1}, \qquad \kappa = \frac{\lambda_{\max}}{\lambda_{\min}}\;}
    $$

    $\kappa$ is the **condition number** of $H$. At $\eta^*$ both directions shrink by the same factor (the steep one
    flipping sign), so the length of the error $\lVert\theta - \theta^*\rVert$ shrinks by **exactly** $(\kappa - 1)/(\kappa + 1)$
    at every step, and the MSE gap, which is quadratic in the error, by its square. Checked on the cars, step by step:
    """),
    code("""
    kappa = lam.max() / lam.min()  # condition number of the Hessian
    eta_best = 2 / (lam.min() + lam.max())
    rate_best = (kappa - 1) / (kappa + 1)
    eta_grid = np.linspace(0.001, eta_max, 20_001)  # a brute-force search for the best η, as a check of the algebra
    rho_grid = np.maximum(np.abs(1 - eta_grid * lam.min()), np.abs(1 - eta_grid * lam.max()))
    assert abs(eta_grid[np.argmin(rho_grid)] - eta_best) <= eta_grid[1] - eta_grid[0]
    assert np.isclose(rho_grid.min(), rate_best, rtol=1e-5)

    best_run = lh.gradient_descent(x, y, learning_rate=eta_best, epochs=400)
    error = np.hypot(best_run.weights[:, 0] - w_best, best_run.biases - b_best)  # length of θ − θ*
    assert np.allclose(error[1:] / error[:-1], rate_best)  # at every one of the 400 steps
    gap_best = best_run.losses - min_loss
    assert np.allclose(gap_best[1:201] / gap_best[:200], rate_best**2)
    """),
    checked("""
    print(f"condition number κ = λ_max / λ_min = {kappa:.1f}")
    print(f"best fixed step η* = 2 / (λ_min + λ_max) = {eta_best:.4f}   (η_max = {eta_max:.4f})")
    ratios = error[1:] / error[:-1]
    print(f"rate (κ − 1)/(κ + 1) = {rate_best:.4f}; measured per step: {ratios.min():.4f} to {ratios.max():.4f}")
    print(f"steps to shrink the error 10×: ln 10 / (−ln rate) = {np.log(10) / -np.log(rate_best):.0f}")
    for name, eta in [("0.05", 0.05), ("0.09", 0.09), ("η*", eta_best), ("0.99 η_max", 0.99 * eta_max)]:
        rho = max(abs(1 - eta * lam.min()), abs(1 - eta * lam.max()))
        print(f"η = {name:<10} ({eta:.4f}): slowest factor per step ρ(η) = {rho:.5f}")
    """),
    md(r"""
    With $\kappa \approx 154$ the best rate is $\approx 1 - 2/\kappa$: no fixed $\eta$ can promise more than 1.3 % less error
    per step. $\lambda_{\min}$ is so small next to $\lambda_{\max}$ that $\eta^*$ lies just below $\eta_{\max}$, and even there
    the flat direction crawls. (The rate is the best **guarantee** for every start; from one particular start a nearby
    $\eta$ may need a few steps fewer, since $\rho$ hardly changes around $\eta^*$.) The cure is a rounder bowl. Standardise the feature (mean 0, standard
    deviation 1): then $H = 2I$, $\kappa = 1$, $\eta^* = 0.5$ and the rate is 0, so **one step** lands on the minimum:
    """),
    code("""
    x_std = (x - np.mean(x)) / np.std(x)  # weight in standard deviations from the mean
    A_std = np.column_stack([x_std, np.ones(n)])
    lam_std = np.linalg.eigvalsh(2 / n * A_std.T @ A_std)
    one_step = lh.gradient_descent(x_std, y, learning_rate=2 / (lam_std.min() + lam_std.max()), epochs=1)
    assert np.allclose(lam_std, [2.0, 2.0])
    assert np.allclose([one_step.w[0], one_step.b], lh.fit_closed_form(x_std, y))
    """),
    checked("""
    print(f"standardised: eigenvalues {np.round(lam_std, 6) + 0.0}, κ = {lam_std.max() / lam_std.min():.4f}")
    w1, b1 = lh.fit_closed_form(x_std, y)
    print(f"one step with η* = 0.5: w = {one_step.w[0]:.4f}, b = {one_step.b:.4f}; closed form: w = {w1:.4f}, b = {b1:.4f}")
    """),
    misconception(
        '"a too-large learning rate just bounces around and never converges"',
        r"""
        Two different things happen above a "good" learning rate, and only one of them is failure:

        * **Zigzag, but converges** ($1/\lambda_{\max} < \eta < 2/\lambda_{\max}$): each step overshoots the valley floor
          in the steep direction, but by less each time. This is often the *fastest* setting.
        * **Diverges** ($\eta > 2/\lambda_{\max}$): each overshoot is larger than the last; the loss does not hover, it
          **grows geometrically** until the numbers overflow.

        The limit $2/\lambda_{\max}$ belongs to *this* loss. With the "½·MSE" convention ($\frac1{2n}\sum r_i^2$, which some
        notes call MSE) the Hessian is $\frac1n A^\top A$ and the limit is **twice as large**; with the sum of squared
        errors it is $n$ times smaller. A learning rate means nothing without the loss's constant.
        """,
    ),
    md(r"""
    ## 6. Gradient descent and the closed-form answer

    For the MSE of a linear model there is also an exact answer without any steps: the point where the gradient is
    zero solves the **normal equation** $A^\top A\,\theta = A^\top y$ (section 5; a later notebook solves it in general). `lh.fit_closed_form`
    computes it; for one feature it is the textbook formula

    $$w = \frac{n\sum x_i y_i - \sum x_i \sum y_i}{n\sum x_i^2 - \left(\sum x_i\right)^2}, \qquad b = \frac{\sum y_i - w \sum x_i}{n} .$$
    """),
    code("""
    w_formula = (n * np.sum(x * y) - np.sum(x) * np.sum(y)) / (n * np.sum(x**2) - np.sum(x) ** 2)
    b_formula = (np.sum(y) - w_formula * np.sum(x)) / n
    assert np.allclose([w_formula, b_formula], [w_best, b_best])

    long_run = lh.gradient_descent(x, y, learning_rate=0.9 * eta_max, epochs=3000)
    """),
    checked("""
    print(f"closed form:                w = {w_best:.4f}, b = {b_best:.4f}")
    print(f"3000 steps, η = 0.9 η_max:  w = {long_run.w[0]:.4f}, b = {long_run.b:.4f}")
    print("equal to 8 decimals:", np.allclose([long_run.w[0], long_run.b], [w_best, b_best], rtol=0, atol=1e-8))
    """),
    md(r"""
    Both reach the same line. So why learn gradient descent at all?

    * The closed form exists only for the (squared-error) least-squares problem of a *linear* model. The MAE, the Huber
      loss (notebook 06), logistic regression and neural networks have no such formula; gradient descent works for all
      of them.
    * The closed form solves an $(M+1)\times(M+1)$ system: cheap for a few features, costly (about $M^3$ operations,
      and $M^2$ numbers in memory) for hundreds of thousands. Gradient descent only needs products with the data.
    * Gradient descent can learn from **small batches** of data at a time, even while the data stream in
      (notebook 05).
    * For this small problem the closed form is faster and exact: use it when it exists.

    ## 7. The gradient-descent dashboard

    The dashboard runs `lh.gradient_descent` on 40 synthetic points and shows the line, the path on the 3D bowl (drag
    to rotate it) and on the contour map, and the loss curve. The read-out under the figure gives $\eta$ as a multiple
    of this data set's $\eta_{\max}$. The preset menu sets up the four cases of section 4; *Show as code* prints the
    `lh.gradient_descent` call that reproduces the picture.

    Things to try:

    * Slide the learning rate from the far left to the far right. Where does the crawl become a zigzag? Where does the
      zigzag become a divergence? Compare with the $\eta_{\max}$ in the read-out.
    * Move the start $(w_0, b_0)$. Does the end point depend on where you start? (Notebook 06 explains why not.)
    * With a good $\eta$, how many epochs does the loss curve need to flatten? Then switch **loss curve shows** to
      *gap to minimum*: the dotted minimum line of the loss view becomes the bottom of a log scale. Has the run
      really reached the minimum, or does it only look flat?
    * Lower the batch size: the path gets noisy. That is notebook 05.
    * The cars' long narrow valley: `lh.descent_dashboard(x, y, learning_rate=0.05, epochs=300)`.
    """),
    code("lh.descent_dashboard()", tags=["dashboard"]),
    md(r"""
    ## Summary

    * **Gradient descent**: start at $w = b = 0$; compute the loss and its gradient; step against the gradient,
      $w \leftarrow w - \eta\,\partial\mathrm{MSE}/\partial w$, $b \leftarrow b - \eta\,\partial\mathrm{MSE}/\partial b$
      (both from the same point); repeat until the loss stops falling.
    * A **loss curve** of a converging run flattens at the **minimum loss, which is not zero**; on a log scale the gap
      to it is a straight line.
    * The **learning rate** decides: too small crawls, moderate converges, larger zigzags but converges, above
      $\eta_{\max}$ diverges.
    * For the MSE, $\eta_{\max} = 2/\lambda_{\max}(H)$ with the Hessian $H = \frac2n A^\top A$: each eigen-direction is
      multiplied by $1 - \eta\lambda$ per step. The smallest eigenvalue sets the speed.
    * The **best fixed step** $\eta^* = 2/(\lambda_{\min} + \lambda_{\max})$ shrinks the error by $(\kappa - 1)/(\kappa + 1)$
      per step, with $\kappa = \lambda_{\max}/\lambda_{\min}$: 0.987 on the cars ($\kappa \approx 154$), 0 for a
      standardised feature ($\kappa = 1$, one step).
    * Gradient descent reaches the **closed-form** answer; the closed form is exact but exists only for least squares.

    **Next:** [05 · Batch sizes](05_batch_sizes.ipynb): steps from a few examples at a time, epochs and iterations.

    """),
    *concept_check("04"),
    md(r"""
    ## Exercises

    Replace each `...` with your code and run the cell. Solutions are hidden under **Solution**.
    """),
    *exercise(
        "04.1",
        r"""
        Write `my_gd_step(x, y, w, b, learning_rate)` that takes **one** gradient-descent step on the MSE for one feature
        and returns the new `(w, b)`.
        """,
        """
        def my_gd_step(x, y, w, b, learning_rate):
            ...  # your code here


        ex.check_gd_step(my_gd_step)
        """,
    ),
    *exercise(
        "04.2",
        r"""
        Write `my_gradient_descent(X, y, learning_rate, steps)` for **many features**: `X` has shape `(n, M)`. Start at
        `w = 0` (shape `(M,)`) and `b = 0`, take `steps` full-batch steps, and return `(w, b)`. (The matrix form of the
        gradient is in notebook 03, section 4.)
        """,
        """
        def my_gradient_descent(X, y, learning_rate, steps):
            ...  # your code here


        ex.check_gradient_descent(my_gradient_descent)
        """,
    ),
    *exercise(
        "04.3",
        r"""
        Write `my_largest_stable_rate(x)` that returns the largest stable learning rate of full-batch gradient descent on
        the MSE for a one-feature data set `x`, from the Hessian as in section 5 (without calling
        `lh.largest_stable_learning_rate`).
        """,
        """
        def my_largest_stable_rate(x):
            ...  # your code here


        ex.check_largest_stable_rate(my_largest_stable_rate)
        """,
    ),
    *exercise(
        "04.4",
        r"""
        On the cars data, run full-batch gradient descent from $w = b = 0$ with $\eta = 0.5\,\eta_{\max}$ for 2000 steps.
        After how many steps is the MSE within 1 % of its minimum for the first time (the smallest $k$ with
        `losses[k] <= 1.01 * minimum`)? Store the number in `steps_needed`.
        """,
        """
        steps_needed = ...

        ex.check_steps_to_converge(steps_needed)
        """,
    ),
]
