"""Source of notebooks/06_convexity.ipynb. Build with: python tools/build_notebooks.py 06 --execute"""
# ruff: noqa: E501  (prose and formulas are easier to edit unwrapped)

from nbtools import checked, code, concept_check, exercise, md, misconception

CELLS = [
    md(r"""
    # 06 · Convexity: why descent on the MSE finds the best line

    **Purpose:** understand why gradient descent on the MSE always ends at the same, best $(w, b)$, wherever it starts,
    and which losses lose that guarantee.

    **Learning objectives.** After this notebook you can

    1. define a **convex set** and a **convex function** (the chord definition) and test a function with chords;
    2. show that the MSE of a linear model is a **convex bowl** in $(w, b)$: its **Hessian** $\frac2n A^\top A$ is
       positive semi-definite (compute its eigenvalues);
    3. explain why, for a convex loss, gradient descent with a small enough step finds the **global minimum**;
    4. tell **convex from smooth**: the MAE is convex but has kinks; the Huber loss is both;
    5. see a **non-convex** loss (Tukey's), where descent from two starts ends in two different valleys;
    6. explain why the **minimum loss is not zero loss**.

    **Prerequisites:** [04 · Gradient descent](04_gradient_descent.ipynb) (the Hessian and its eigenvalues, section 5);
    [02 · Losses](02_losses.ipynb) (MAE and Huber).
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
    ## 1. Convex sets

    A set is **convex** when the straight segment between any two of its points stays inside the set. A disc is
    convex; a crescent is not: the segment between its two tips leaves it.

    The points of the segment from $a$ to $b$ are $(1 - t)\,a + t\,b$ for $t$ from 0 (at $a$) to 1 (at $b$). Checking
    a segment is therefore a loop over $t$:
    """),
    code("""
    def in_disc(p):  # the disc of radius 1 around the origin
        return p[0] ** 2 + p[1] ** 2 <= 1.0


    def in_crescent(p):  # the disc minus a shifted disc
        return in_disc(p) and (p[0] - 0.6) ** 2 + p[1] ** 2 > 0.7**2


    def segment_stays_inside(inside, a, b):
        return all(inside((1 - t) * a + t * b) for t in np.linspace(0, 1, 201))


    tips = np.array([0.05, 0.8]), np.array([0.05, -0.8])  # two points of the crescent, near its tips
    assert in_crescent(tips[0]) and in_crescent(tips[1])
    """),
    checked("""
    print("disc:    ", segment_stays_inside(in_disc, *tips))
    print("crescent:", segment_stays_inside(in_crescent, *tips))
    """),
    code("""
    # extra code – draws the figure: a convex and a non-convex set, with the same segment
    g = np.linspace(-1.1, 1.1, 301)
    G1, G2 = np.meshgrid(g, g)
    fig, axes = plt.subplots(1, 2, figsize=(6.4, 3.0), layout="constrained")
    for ax, inside, name in [(axes[0], in_disc, "disc: convex"), (axes[1], in_crescent, "crescent: not convex")]:
        mask = np.vectorize(lambda u, v, f=inside: f((u, v)))(G1, G2)
        ax.contourf(G1, G2, mask.astype(float), levels=[0.5, 1.5], colors=["#9ecae1"])
        ax.plot(*np.column_stack(tips), "o-", color="C3")
        ax.set(aspect="equal", title=name, xticks=[], yticks=[])
    plt.show()
    """),
    md(r"""
    ## 2. Convex functions: the chord test

    A function $f$ is **convex** when every **chord** (the straight segment between two points of its graph) lies on
    or above the graph:

    $$f\big((1 - t)\,a + t\,b\big) \;\le\; (1 - t)\,f(a) + t\,f(b) \qquad \text{for all } a, b \text{ and all } t \in [0, 1].$$

    Equivalently, the region above the graph is a convex set. In one variable, a twice-differentiable $f$ is convex
    exactly when $f'' \ge 0$ everywhere: its slope never decreases.

    The losses of this series apply a function $\rho$ to each residual $r$: $\rho(r) = r^2$ (MSE), $|r|$ (MAE), Huber's
    $\rho_\delta$, and **Tukey's biweight** $\rho_c$, which grows like $r^2$ near 0 but levels off at $c^2/6$ for
    $|r| \ge c$ (here $c = 4.685$). The chord test on the segment from $r = -1$ to $r = 6$, written out:
    """),
    code("""
    def tukey_rho(r, c=4.685):
        u = np.minimum((r / c) ** 2, 1.0)  # (r/c)², capped at 1 beyond |r| = c
        return c**2 / 6 * (1 - (1 - u) ** 3)


    assert np.isclose(tukey_rho(2.0), lh.tukey([0.0], [2.0]))  # lh.tukey is the mean of tukey_rho(residuals)
    rhos = {
        "r²": lambda r: r**2,
        "|r|": lambda r: np.abs(r),
        "Huber (δ = 1)": lambda r: np.where(np.abs(r) <= 1.0, r**2 / 2, np.abs(r) - 0.5),
        "Tukey (c = 4.685)": tukey_rho,
    }
    a, b = -1.0, 6.0
    t = np.linspace(0, 1, 701)
    gaps = {}
    for name, rho in rhos.items():
        on_graph = rho((1 - t) * a + t * b)  # the function along the segment
        chord = (1 - t) * rho(a) + t * rho(b)  # the chord's height
        gaps[name] = np.max(on_graph - chord)  # > 0 somewhere: the graph rises above the chord
    """),
    checked("""
    for name, gap in gaps.items():
        verdict = "rises above the chord: not convex" if gap > 1e-12 else "never above the chord"
        print(f"{name:>17}: largest (graph − chord) = {gap:.4f}  ->  {verdict}")
    """),
    code("""
    # extra code – draws the figure: the four ρ(r) with the chord from r = −1 to r = 6
    r = np.linspace(-7, 7, 701)
    fig, axes = plt.subplots(1, 4, figsize=(10, 2.6), layout="constrained")
    for ax, (name, rho) in zip(axes, rhos.items(), strict=True):
        ax.plot(r, rho(r), color="C0")
        ax.plot([a, b], [rho(a), rho(b)], "o-", color="C3", lw=1.2, ms=4)
        ax.set(title=name, xlabel="residual r")
    axes[0].set_ylabel("ρ(r)")
    plt.show()
    """),
    md(r"""
    $r^2$, $|r|$ and Huber's loss pass the test for every segment (try others); Tukey's fails, because it levels off:
    between its curved middle and its flat tail the graph bulges above the chord. $|r|$ has a **kink** at 0 where no
    derivative exists, yet it is convex: a kink is not a dent.

    ## 3. The MSE of a linear model is a convex bowl

    Our data set for this notebook: 22 points near the line $y = 2x + 1$, and a second group of 10 points near
    $y = -1.5x + 22$ (say, a different kind of machine measured by mistake).
    """),
    code("""
    x1, y1 = lh.make_linear_data(22, weights=2.0, bias=1.0, noise=0.8, x_range=(0, 10), seed=7)
    x2, y2 = lh.make_linear_data(10, weights=-1.5, bias=22.0, noise=0.8, x_range=(4, 10), seed=8)
    x, y = np.concatenate([x1, x2]), np.concatenate([y1, y2])
    w_best, b_best = lh.fit_closed_form(x, y)
    """),
    md(r"""
    **The Hessian is positive semi-definite.** In notebook 04 we wrote $\mathrm{MSE}(\theta) = \frac1n\lVert A\theta - y\rVert^2$
    with $\theta = [w, b]$ and $A = [x, \mathbf 1]$, and found its Hessian, the same at every point:

    $$H = \frac2n A^\top A .$$

    For any direction $v$, $v^\top H v = \frac2n (Av)^\top (Av) = \frac2n \lVert Av \rVert^2 \ge 0$: the MSE curves
    **upward (or stays flat) in every direction**, everywhere. A symmetric matrix with this property is called
    *positive semi-definite*; equivalently, all its eigenvalues are $\ge 0$. Along any line
    $\theta(t) = \theta_a + t\,(\theta_b - \theta_a)$ the MSE is a parabola in $t$ with leading coefficient
    $\frac1n\lVert A(\theta_b - \theta_a)\rVert^2 \ge 0$, which opens upward, so every chord lies above it:
    the MSE is convex.
    """),
    code("""
    n = len(x)
    A = np.column_stack([x, np.ones(n)])
    H = 2 / n * A.T @ A
    eigenvalues = np.linalg.eigvalsh(H)
    assert np.all(eigenvalues >= 0)
    """, handout="""
    # Exercise 06.2 asks you to build H from A = [x, 1]; until you do, this copy measures it: the MSE's gradient
    # changes linearly with (w, b), so finite differences of lh.mse_gradient give H exactly.
    H = np.array([lh.numerical_gradient(lambda p, k=k: lh.mse_gradient(x, y, *p)[k], [0.0, 0.0]) for k in range(2)])
    eigenvalues = np.linalg.eigvalsh(H)
    assert np.all(eigenvalues >= 0)
    """),
    checked("""
    print("H =", np.round(H, 3).tolist())
    print("eigenvalues of H:", np.round(eigenvalues, 4))
    """),
    md(r"""
    Both eigenvalues are positive, so the bowl curves upward in *every* direction (strictly convex) and has exactly
    one lowest point. An eigenvalue is 0 only when $Av = 0$ for some direction $v \ne 0$, that is when the columns of
    $A$ are dependent: for one feature, when **all $x$ are equal**. Then the slope cannot be told apart from the
    intercept, the bowl becomes a trough with a flat line along its floor, and there are infinitely many best lines
    with the same loss. Still convex, but the minimum is not unique:
    """),
    checked("""
    x_same = np.array([3.0, 3.0, 3.0, 3.0])
    A_same = np.column_stack([x_same, np.ones(4)])
    print("all x equal, eigenvalues:", np.round(np.linalg.eigvalsh(2 / 4 * A_same.T @ A_same), 4) + 0.0)
    """),
    md(r"""
    **A numerical chord test** on the MSE surface, on 200 random segments in the $(w, b)$ plane:
    """),
    code("""
    def mse_wb(p):
        return lh.mse(y, p[0] * x + p[1])


    rng = np.random.default_rng(0)
    worst = -np.inf
    for _ in range(200):
        pa, pb = rng.normal([w_best, b_best], [3.0, 15.0], size=(2, 2))
        for tk in np.linspace(0, 1, 21):
            worst = max(worst, mse_wb((1 - tk) * pa + tk * pb) - ((1 - tk) * mse_wb(pa) + tk * mse_wb(pb)))
    assert worst <= 1e-9 * mse_wb(np.array([0.0, 0.0]))  # never above a chord (up to rounding)
    """),
    md(r"""
    **The general rule.** The residual $r_i = w x_i + b - y_i$ is a *linear* (affine) function of $(w, b)$. A convex
    function of a linear function is convex, and an average of convex functions is convex. So **any convex $\rho$**
    gives a convex loss $\frac1n\sum_i \rho(r_i)$ in $(w, b)$: the MSE, the MAE and the Huber loss of a linear model are
    all convex. Tukey's $\rho$ is not convex, and neither is its loss.
    """),
    misconception(
        '"loss functions for linear models always produce convex surfaces"',
        r"""
        A popular note says so. It is true for the losses it had in mind (MSE, MAE, and also Huber), and the reason is
        the rule above: a **convex $\rho$** of a residual that is **linear in the parameters**. Both parts matter:

        * a linear model with a **non-convex** $\rho$, such as Tukey's biweight (section 6), can have a non-convex
          surface with several valleys (whether it does depends on the data);
        * a convex $\rho$ with a **non-linear** model (a neural network, or even $\hat y = w^2 x$) can be non-convex too.

        So "linear model" alone guarantees nothing; check the loss as well. (The two conditions together are
        *sufficient* for convexity, not necessary: a non-convex $\rho$ can still give a convex loss on some data.)
        """,
    ),
    md(r"""
    ## 4. Why convexity means descent finds the global minimum

    For a convex, differentiable $f$, the **tangent plane lies below the graph** everywhere:

    $$f(\theta') \;\ge\; f(\theta) + \nabla f(\theta)^\top (\theta' - \theta) \qquad \text{for all } \theta, \theta' .$$

    (Take the chord inequality, move $f(a)$ to the left, divide by $t$ and let $t \to 0$.) At a point where the
    gradient is zero this says $f(\theta') \ge f(\theta)$ for *every* $\theta'$: **a flat point is a global minimum**.
    A convex function has no other valleys to get stuck in. Gradient descent stops only where the gradient is zero,
    and with a stable learning rate ($\eta < 2/\lambda_{\max}$ for the MSE, notebook 04) it gets there. So it ends at
    the global minimum **from every start**:
    """),
    code("""
    eta = 0.5 * lh.largest_stable_learning_rate(x)
    starts = [(0.0, 0.0), (-4.0, 30.0), (6.0, -10.0), (5.0, 25.0), (-3.0, -5.0)]
    ends = [lh.gradient_descent(x, y, learning_rate=eta, epochs=5000, w0=w0, b0=b0) for w0, b0 in starts]
    """),
    checked("""
    print(f"closed form: w = {w_best:.4f}, b = {b_best:.4f}")
    for (w0, b0), h in zip(starts, ends, strict=True):
        print(f"start ({w0:5.1f}, {b0:5.1f}) -> w = {h.w[0]:.4f}, b = {h.b:.4f}, MSE = {h.losses[-1]:.4f}")
    """),
    code("""
    # extra code – draws the figure: five starts, one minimum
    weights, biases = np.linspace(-6, 8, 61), np.linspace(-14, 34, 61)
    ax = lh.plot_contour(x, y, weights=weights, biases=biases)
    for h in ends:
        ax.plot(h.weights[:, 0], h.biases, ".-", lw=1, ms=2)
    ax.set_title("MSE: every start ends at the same minimum (★)")
    plt.show()
    """),
    md(r"""
    Two fine points. With a flat trough (all $x$ equal), descent still reaches the lowest loss, but *which* point of the
    floor it stops at depends on the start. And convexity does not say how fast: the long narrow valleys of notebook 04
    are convex, just slow.

    ## 5. MAE: convex, but not smooth; Huber: both

    The MAE surface is built from the kinks of $|r_i|$: it is made of planar (tilted, not horizontal) facets joined along
    creases (one crease for each data point: the line $b = y_i - w x_i$ in the $(w, b)$ plane, where its residual is 0). It passes every chord test, but its (sub)gradient
    $\frac1n\sum_i \operatorname{sign}(r_i)\,x_i$ does not shrink near the minimum (notebook 03). With a fixed learning
    rate, descent therefore never settles: it keeps stepping across the crease at the bottom. The Huber loss rounds off
    the kink (quadratic for $|r| \le \delta$), so its gradient does shrink, and descent settles smoothly:
    """),
    code("""
    mae_run = lh.gradient_descent(x, y, learning_rate=0.05, epochs=3000, loss="mae")
    huber_run = lh.gradient_descent(x, y, learning_rate=0.05, epochs=3000, loss="huber")
    """),
    checked("""
    # the exact MAE minimum: for one feature, a best MAE line passes through two data points (a corner of the facets)
    i, j = np.triu_indices(len(x), k=1)
    pair = x[i] != x[j]
    w_pairs = (y[j] - y[i])[pair] / (x[j] - x[i])[pair]
    b_pairs = y[i][pair] - w_pairs * x[i][pair]
    min_mae = np.abs(y - (np.outer(w_pairs, x) + b_pairs[:, None])).mean(axis=1).min()
    last = mae_run.losses[-5:]
    print("MAE,   last 5 losses:", np.round(last, 4))
    print(f"       jumps between steps up to {np.abs(np.diff(last)).max():.3f}; "
          f"the MAE's true minimum {min_mae:.4f},",
          f"the run stays {last.min() - min_mae:.3f} to {last.max() - min_mae:.3f} above it")
    print("Huber, last 5 losses:", np.round(huber_run.losses[-5:], 4))
    """),
    md(r"""
    The MAE's loss jumps up and down in the **second** decimal, and never comes down to the MAE's true minimum (the
    best line through two of the points; a linear program gives the same value); Huber's has settled. (Remedies for the MAE: a learning
    rate that shrinks over time, or a smooth stand-in such as Huber.) So: **convex** means no false valleys;
    **smooth** means the gradient is informative near the bottom. They are different properties.

    ## 6. A non-convex loss: Tukey's biweight

    Tukey's loss caps the cost of any residual at $c^2/6$: an example more than $c$ away from the line exerts **no pull
    at all** (its $\rho$ is flat). That makes it very robust to outliers, and it makes the surface non-convex: on our
    data it has one valley for each group of points. Descent from two starts, with the same settings:
    """),
    code("""
    start_a, start_b = (0.0, 0.0), (0.0, 20.0)
    tukey_a = lh.gradient_descent(x, y, learning_rate=0.04, epochs=10_000, loss="tukey", w0=start_a[0], b0=start_a[1])
    tukey_b = lh.gradient_descent(x, y, learning_rate=0.04, epochs=10_000, loss="tukey", w0=start_b[0], b0=start_b[1])
    """),
    checked("""
    for start, h in [(start_a, tukey_a), (start_b, tukey_b)]:
        print(f"start {start} -> w = {h.w[0]:.2f}, b = {h.b:.2f}, Tukey loss = {h.losses[-1]:.3f}")
    """),
    code("""
    # extra code – draws the figure: two starts, two valleys
    weights, biases = np.linspace(-3, 4, 71), np.linspace(-6, 30, 71)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
    lh.plot_contour(x, y, loss="tukey", weights=weights, biases=biases, ax=ax1)
    for h, color, name in [(tukey_a, "C3", "from A"), (tukey_b, "C1", "from B")]:
        ax1.plot(h.weights[:, 0], h.biases, ".-", color=color, lw=1, ms=2, label=name)
        ax1.plot(h.weights[-1, 0], h.biases[-1], "o", color=color, ms=7, mec="white")
    ax1.legend(fontsize=8)
    ax1.set_title("Tukey's loss: two valleys")
    ax2.scatter(x, y, s=14, color="C0", alpha=0.7)
    xs = np.array([0.0, 10.0])
    for h, color, name in [(tukey_a, "C3", "from A"), (tukey_b, "C1", "from B")]:
        ax2.plot(xs, h.w[0] * xs + h.b, color=color, label=f"{name}: loss {h.losses[-1]:.2f}")
    ax2.plot(xs, w_best * xs + b_best, "k--", lw=1, label="MSE fit")
    ax2.set(xlabel="x", ylabel="y", title="the two lines")
    ax2.legend(fontsize=8)
    plt.show()
    """),
    md(r"""
    From A (the usual start $w = b = 0$) descent follows the big group and reaches the **global** minimum. From B it
    settles on the line of the small group: a **local** minimum, where the gradient is zero too, but whose loss is
    clearly higher. Nothing in the gradient tells the two apart; only the start decided. Along the segment between the
    two end points, the loss rises above the chord, the signature of a non-convex function:
    """),
    checked("""
    def tukey_wb(p):
        return lh.tukey(y, p[0] * x + p[1])


    p_a, p_b = np.array([tukey_a.w[0], tukey_a.b]), np.array([tukey_b.w[0], tukey_b.b])
    ts = np.linspace(0, 1, 101)
    gap = max(tukey_wb((1 - tk) * p_a + tk * p_b) - ((1 - tk) * tukey_wb(p_a) + tk * tukey_wb(p_b)) for tk in ts)
    print(f"largest (loss − chord) between the two ends: {gap:.3f}")
    """),
    md(r"""
    With the MSE, the same two starts gave the same answer (section 4). This is why non-convex training (every neural
    network) depends on where it starts and on the noise of its mini-batches (notebook 05), and why linear regression
    with a convex loss does not.

    ## 7. Minimum loss is not zero loss

    Convexity promises that descent finds the **lowest** point of the bowl. It does not promise that the lowest point
    is at zero. The MSE is zero only if one line passes through every point; our two groups cannot be fitted by one
    line, and even one noisy group cannot:
    """),
    checked("""
    min_mse = lh.mse(y, lh.predict(x, w_best, b_best))
    print(f"smallest MSE on the two groups:      {min_mse:.3f}")
    print(f"smallest MSE on the first group only: {lh.mse(y1, lh.predict(x1, *lh.fit_closed_form(x1, y1))):.3f}")
    x_line = np.array([0.0, 1.0, 2.0, 3.0])
    y_line = 3.0 * x_line - 1.0  # points exactly on a line
    w_line, b_line = lh.fit_closed_form(x_line, y_line)
    print(f"smallest MSE for points on a line:    {lh.mse(y_line, lh.predict(x_line, w_line, b_line)):.3f}")
    """),
    md(r"""
    The minimum measures how far the data are from *any* straight line: the noise, and whatever the model cannot
    express (here, the second group). Training is finished when the loss reaches that floor, not zero.

    ## 8. The four surfaces, in 3D

    The same data, four losses. With `%matplotlib widget` each surface can be **rotated by dragging** it with the mouse
    (and zoomed with the right button). The MAE and Huber panels are zoomed in on the bottom, where they differ; the
    surfaces are shaded by their slope, so a change of slope shows as a change of brightness. Look at the MSE's smooth
    bowl, the MAE's planar facets and its creases (white: the lines where one residual is zero), Huber's rounded bowl
    (no creases), and Tukey's two valleys on a plateau, seen from above (the end points of the runs from A and B).
    """),
    code("""
    # extra code – draws the figure: MSE, MAE, Huber and Tukey surfaces, shaded by slope, each from its own view
    from matplotlib.colors import LightSource

    near_bottom = (np.linspace(0.5, 3.5, 161), np.linspace(-5, 7, 161))
    whole = (np.linspace(-3, 4, 161), np.linspace(-6, 30, 161))
    panels = {"MSE": ("mse", whole, (30, -60)), "MAE (near the bottom)": ("mae", near_bottom, (40, -60)),
              "Huber (near the bottom)": ("huber", near_bottom, (40, -60)),
              "Tukey (from above)": ("tukey", whole, (60, -105))}
    light = LightSource(azdeg=315, altdeg=40)
    fig = plt.figure(figsize=(9, 7.5), layout="constrained")
    for k, (title, (loss, (weights, biases), view)) in enumerate(panels.items()):
        W, B = np.meshgrid(weights, biases)
        Z = lh.loss_surface(x, y, weights, biases, loss)
        ax = fig.add_subplot(2, 2, k + 1, projection="3d", computed_zorder=False)  # lines stay on top of the surface
        rgb = light.shade(Z, cmap=plt.get_cmap("viridis"), blend_mode="soft")
        ax.plot_surface(W, B, Z, facecolors=rgb, rcount=len(biases), ccount=len(weights), linewidth=0, shade=False)
        if loss == "mae":  # the creases: where residual i is zero, b = y_i − w x_i
            for xi, yi in zip(x, y, strict=True):
                on = (yi - xi * weights >= biases[0]) & (yi - xi * weights <= biases[-1])
                wl, bl = weights[on], yi - xi * weights[on]
                ax.plot(wl, bl, np.abs(y - (np.outer(wl, x) + bl[:, None])).mean(axis=1), color="white", lw=0.7, zorder=3)
        if loss == "tukey":
            for h, color, name in [(tukey_a, "C3", "A"), (tukey_b, "C1", "B")]:
                ax.plot([h.w[0]], [h.b], [h.losses[-1]], "o", color=color, mec="white", ms=7, zorder=3)
                ax.text(h.w[0], h.b, h.losses[-1] + 0.5, f"end from {name}", fontsize=8, zorder=4)
        ax.set(xlabel="w", ylabel="b", zlim=(0, Z.max()))
        ax.view_init(*view)
        ax.set_title(title, fontsize=10)
    plt.show()
    """),
    md(r"""
    ## 9. The convexity explorer

    Pick a loss and two points A and B in the $(w, b)$ plane. The explorer's panels sit where every dashboard of the
    series puts them: top left, the data with the lines of A (dashed) and B (dotted) and the line where a descent run
    from A ends; top right, the 3D surface of the chosen loss with the chord between A and B and the run's path;
    bottom right, the run's loss curve, labelled with the loss it plots, with its lowest value dotted. This
    notebook's own panels are the segment A–B on the contour map with the run (bottom left, ★ at the loss's lowest
    point) and, in the middle, the loss along the segment against the chord, shaded wherever the loss rises above
    the chord (not convex). The preset menu sets up the classic cases.

    Things to try:

    * With the MSE, move A and B anywhere. Can you make any shading appear?
    * Switch to the MAE and to Huber: the loss along the segment has corners (MAE) or not (Huber), but is never
      above the chord.
    * Switch to Tukey and put A and B in the two valleys. Then start the descent (A) in each valley in turn. In one
      of them the loss curve flattens above the dotted minimum: the run is stuck, however long it runs.
    * With Tukey, lower the batch size: does the noise of small batches ever carry the descent into the other valley?
    """),
    code("lh.convexity_explorer(x, y)", tags=["dashboard"]),
    md(r"""
    ## Summary

    * A set is **convex** if it contains the segment between any two of its points; a function is convex if every
      **chord** lies on or above its graph: $f((1-t)a + tb) \le (1-t)f(a) + tf(b)$.
    * The MSE of a linear model is a convex **bowl**: its Hessian $H = \frac2n A^\top A$ satisfies
      $v^\top H v = \frac2n\lVert Av\rVert^2 \ge 0$ (eigenvalues $\ge 0$; both $> 0$ unless all $x$ are equal).
    * For a convex differentiable loss, a point with zero gradient is a **global** minimum, so descent with a stable
      learning rate finds it from every start.
    * Any convex $\rho$ of the (linear) residual gives a convex loss: **MSE, MAE and Huber**. The MAE is convex but not
      smooth (kinks, so fixed-step descent jitters); Huber is both.
    * **Tukey's** bounded loss is not convex: descent from different starts ends in different valleys with different
      losses. A convex $\rho$ of a model linear in its parameters **guarantees** convexity (sufficient, not necessary).
    * The **minimum loss is not zero**: it is how far the data are from the best line.

    **Next:** [07 · Many features](07_many_features.ipynb).

    """),
    *concept_check("06"),
    md(r"""
    ## Exercises

    Replace each `...` with your code and run the cell. Solutions are hidden under **Solution**.
    """),
    *exercise(
        "06.1",
        r"""
        Write `my_chord_gap(f, a, b, t)`: `f` is a loss of a parameter vector (like `mse_wb` in section 3), `a` and `b`
        are two parameter vectors (numpy arrays), `t` is an array of numbers in $[0, 1]$. Return an array with one number
        per entry of `t`: the loss at the point $(1 - t)\,a + t\,b$ minus the chord's height there. (A convex `f` gives
        numbers $\le 0$ only.)
        """,
        """
        def my_chord_gap(f, a, b, t):
            ...  # your code here


        ex.check_chord_gap(my_chord_gap)
        """,
    ),
    *exercise(
        "06.2",
        r"""
        Write `my_mse_hessian(x)` that returns the $2\times2$ Hessian of the MSE with respect to $(w, b)$, in that order,
        for a one-feature data set `x`. Then compute its eigenvalues for the data of this notebook and check that they are
        not negative.
        """,
        """
        def my_mse_hessian(x):
            ...  # your code here


        ex.check_mse_hessian(my_mse_hessian)
        """,
    ),
    *exercise(
        "06.3",
        r"""
        For a linear model, which of these losses is convex in $(w, b)$, on every data set? Answer `True` or `False`
        for each (the explorer's chord test helps).
        """,
        """
        mse_convex = ...
        mae_convex = ...
        huber_convex = ...
        tukey_convex = ...

        ex.check_convex_losses(mse_convex, mae_convex, huber_convex, tukey_convex)
        """,
    ),
    *exercise(
        "06.4",
        r"""
        The bottom of the MSE bowl for the penguins of notebooks 01–02 (`lh.load_dataset("penguins")`, flipper length →
        body mass): what is the smallest MSE any straight line reaches? Store it in `min_mse`.
        """,
        """
        min_mse = ...

        ex.check_min_loss(min_mse)
        """,
    ),
]
