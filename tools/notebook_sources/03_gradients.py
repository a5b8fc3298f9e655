"""Source of notebooks/03_gradients.ipynb. Build with: python tools/build_notebooks.py 03 --execute"""
# ruff: noqa: E501  (prose and formulas are easier to edit unwrapped)

from nbtools import checked, code, concept_check, exercise, md, misconception

CELLS = [
    md(r"""
    # 03 · Gradients: which way is downhill?

    **Purpose:** work out how the loss changes when we nudge $w$ or $b$. That direction is what
    gradient descent (notebook 04) follows to train the model.

    **Learning objectives.** After this notebook you can

    1. read a derivative as the **slope** of a function, and estimate it from two nearby values;
    2. derive the **partial derivatives** $\partial\,\mathrm{MSE}/\partial w$ and $\partial\,\mathrm{MSE}/\partial b$ step by step;
    3. set them to zero and **solve by hand** for the best line, which passes through the mean point $(\bar x, \bar y)$;
    4. put them together into the **gradient vector** and explain why $-\nabla$ points downhill;
    5. state this series' **constant convention** and convert to the ½ and the "sum" conventions;
    6. check any derivative with **finite differences**;
    7. compute a **subgradient** of the MAE, which has a kink.

    **Prerequisites:** [02 · Losses](02_losses.ipynb); the derivative of $x^2$ and the chain rule
    (recalled below).
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
    ## 1. The slope of a function

    The derivative $f'(w)$ is the slope of the graph of $f$ at $w$: if $w$ grows by a tiny $h$, $f$
    grows by about $f'(w)\,h$. Its **sign** tells which way is downhill: where $f'(w) > 0$, decreasing
    $w$ decreases $f$; where $f'(w) < 0$, increasing $w$ does.

    Example: $f(w) = (w - 3)^2 + 1$ has $f'(w) = 2(w - 3)$: negative left of 3, zero at the minimum
    $w = 3$, positive to the right. Two nearby values of $f$ give an estimate of the slope, the
    **central difference**

    $$f'(w) \approx \frac{f(w + h) - f(w - h)}{2h} .$$
    """),
    code("""
    def f(w):
        return (w - 3.0) ** 2 + 1.0


    def f_prime(w):
        return 2.0 * (w - 3.0)


    h = 1e-4
    for w0 in [0.0, 3.0, 4.5]:
        estimate = (f(w0 + h) - f(w0 - h)) / (2 * h)
        assert np.isclose(estimate, f_prime(w0), atol=1e-6)
    """),
    code("""
    # extra code – draws the figure: f and its tangent lines
    ws = np.linspace(-0.5, 6.5, 200)
    fig, ax = plt.subplots(figsize=(5.5, 3.4), layout="constrained")
    ax.plot(ws, f(ws), label="f(w) = (w − 3)² + 1")
    for w0 in [0.5, 3.0, 5.0]:
        near = np.linspace(w0 - 1.2, w0 + 1.2, 2)
        ax.plot(near, f(w0) + f_prime(w0) * (near - w0), "--", label=f"slope at w = {w0}: {f_prime(w0):+.0f}")
        ax.plot(w0, f(w0), "ko", ms=4)
    ax.set(xlabel="w", ylabel="f(w)", ylim=(0, 12))
    ax.legend(fontsize=8)
    plt.show()
    """),
    md(r"""
    ## 2. The loss is a function of the parameters

    In notebook 02 the data were fixed and we computed the loss of one line. Now turn it around:
    the data $(x_i, y_i)$ stay fixed and the **parameters vary**. The MSE becomes a function of two
    variables,

    $$\mathrm{MSE}(w, b) = \frac1n \sum_{i=1}^{n} (w x_i + b - y_i)^2 ,$$

    a surface over the $(w, b)$ plane. Training means finding its lowest point. We use the four
    points of notebooks 01–02, whose best line turns out to be $\hat y = 1.7x + 0$ (section 3 solves for it).
    """),
    code("""
    x4 = np.array([1.0, 2.0, 3.0, 4.0])
    y4 = np.array([2.0, 3.0, 5.0, 7.0])


    def mse_of(w, b):
        return lh.mse(y4, w * x4 + b)
    """),
    code("""
    # extra code – draws the figure: the MSE surface and its contour map
    fig = plt.figure(figsize=(9, 3.6), layout="constrained")
    lh.plot_loss_surface(x4, y4, ax=fig.add_subplot(1, 2, 1, projection="3d"))
    lh.plot_contour(x4, y4, ax=fig.add_subplot(1, 2, 2))
    plt.show()
    """),
    md(r"""
    ## 3. Partial derivatives of the MSE, step by step

    A **partial derivative** is an ordinary derivative in one variable while the others are held
    fixed: $\partial\,\mathrm{MSE}/\partial w$ is the slope of the surface when you walk in the $w$
    direction only.

    **The convention of this series** (used in every notebook and in `linreg_helpers`):

    $$
    \boxed{\;\mathrm{MSE} = \frac1n\sum_{i=1}^{n} r_i^2, \qquad r_i = \hat y_i - y_i = w x_i + b - y_i\;}
    $$

    **Step 1: one example at a time.** The derivative of a sum is the sum of the derivatives, and
    the constant $\frac1n$ stays in front:

    $$\frac{\partial\,\mathrm{MSE}}{\partial w} = \frac1n \sum_{i=1}^{n} \frac{\partial\,(r_i^2)}{\partial w} .$$

    **Step 2: the chain rule.** $r_i^2$ is "square" applied to $r_i$, and $r_i$ depends on $w$:

    $$\frac{\partial\,(r_i^2)}{\partial w} = 2 r_i \cdot \frac{\partial r_i}{\partial w} .$$

    **Step 3: the inner derivative.** In $r_i = w x_i + b - y_i$ only the term $w x_i$ contains $w$;
    $b$ and $y_i$ are constants here:

    $$\frac{\partial r_i}{\partial w} = x_i, \qquad \frac{\partial r_i}{\partial b} = 1 .$$

    **Step 4: put it together.**

    $$
    \boxed{\;\frac{\partial\,\mathrm{MSE}}{\partial w} = \frac2n \sum_{i=1}^{n} r_i\, x_i ,
    \qquad
    \frac{\partial\,\mathrm{MSE}}{\partial b} = \frac2n \sum_{i=1}^{n} r_i\;}
    $$

    Read it: each example pushes with its residual $r_i$; for $w$ that push is scaled by its feature
    $x_i$ (a residual at large $x$ says more about the slope), for $b$ it is not. In numpy:
    """),
    code("""
    def mse_gradient(x, y, w, b):
        n = len(x)
        r = (w * x + b) - y  # residuals r = ŷ − y
        dw = 2 / n * np.sum(r * x)
        db = 2 / n * np.sum(r)
        return dw, db


    for w, b in [(0.0, 0.0), (0.5, 1.5), (1.7, 0.0)]:
        assert np.allclose(mse_gradient(x4, y4, w, b), lh.mse_gradient(x4, y4, w, b))
    """, handout="""
    # Exercise 03.1 asks you to write this function; until you do, this copy uses the library's.
    mse_gradient = lh.mse_gradient
    """),
    checked("""
    for w, b in [(0.0, 0.0), (0.5, 1.5), (1.7, 0.0)]:
        dw, db = mse_gradient(x4, y4, w, b)
        dw, db = np.round([dw, db], 4) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0
        print(f"at w = {w}, b = {b}:  ∂MSE/∂w = {dw:+.4f},  ∂MSE/∂b = {db:+.4f}")
    """),
    md(r"""
    At $(0, 0)$ both derivatives are negative: increasing $w$ or $b$ lowers the MSE (the line is too
    low everywhere). At $(0.5, 1.5)$, the line of notebook 01, they are still negative but smaller.
    At $(1.7, 0)$ both are zero: a flat point, the minimum.
    """),
    md(r"""
    ### Solving gradient = 0 by hand

    Where do 1.7 and 0 come from? At the bottom of the bowl both partial derivatives are zero, so set them to zero
    and solve for $w$ and $b$. Write $\bar x = \frac1n\sum_i x_i$ and $\bar y = \frac1n\sum_i y_i$ for the means.

    **The bias.** $\frac{\partial\,\mathrm{MSE}}{\partial b} = \frac2n\sum_i (w x_i + b - y_i) = 2\,(w\bar x + b - \bar y) = 0$
    gives $b = \bar y - w\bar x$: the best line passes through the **mean point** $(\bar x, \bar y)$.

    **The weight.** With that $b$, each residual is $r_i = w(x_i - \bar x) - (y_i - \bar y)$, and these residuals
    add up to zero, because $\sum_i (x_i - \bar x) = \sum_i (y_i - \bar y) = 0$. So $\sum_i r_i\,\bar x = 0$, and in
    $\frac{\partial\,\mathrm{MSE}}{\partial w} = \frac2n\sum_i r_i x_i = 0$ the $x_i$ may be replaced by $x_i - \bar x$:
    $\sum_i \big(w(x_i - \bar x) - (y_i - \bar y)\big)(x_i - \bar x) = 0$, that is

    $$
    \boxed{\;w = \frac{\sum_i (x_i - \bar x)(y_i - \bar y)}{\sum_i (x_i - \bar x)^2}, \qquad b = \bar y - w\,\bar x\;}
    $$

    **The four points.** $\bar x = 10/4 = 2.5$ and $\bar y = 17/4 = 4.25$. The deviations $x_i - \bar x$ are
    $-1.5, -0.5, 0.5, 1.5$ and the $y_i - \bar y$ are $-2.25, -1.25, 0.75, 2.75$, so

    $$
    w = \frac{3.375 + 0.625 + 0.375 + 4.125}{2.25 + 0.25 + 0.25 + 2.25} = \frac{8.5}{5} = 1.7, \qquad
    b = 4.25 - 1.7 \cdot 2.5 = 0 .
    $$

    The same in numpy, checked against `lh.fit_closed_form` and numpy's least-squares solver:
    """),
    code("""
    x_bar, y_bar = np.mean(x4), np.mean(y4)
    w_star = np.sum((x4 - x_bar) * (y4 - y_bar)) / np.sum((x4 - x_bar) ** 2)
    b_star = y_bar - w_star * x_bar

    A4 = np.column_stack([x4, np.ones_like(x4)])  # the design matrix [x, 1] of notebook 01
    assert np.allclose([w_star, b_star], lh.fit_closed_form(x4, y4))
    assert np.allclose([w_star, b_star], np.linalg.lstsq(A4, y4, rcond=None)[0])
    assert np.allclose(lh.mse_gradient(x4, y4, w_star, b_star), 0.0)  # the gradient is zero there
    """),
    checked("""
    print(f"mean point: x̄ = {x_bar}, ȳ = {y_bar}")
    solutions = {"by hand": (w_star, b_star), "lh.fit_closed_form": lh.fit_closed_form(x4, y4),
                 "np.linalg.lstsq": np.linalg.lstsq(A4, y4, rcond=None)[0]}
    for name, (w_k, b_k) in solutions.items():
        w_k, b_k = np.round([w_k, b_k], 4) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0
        print(f"{name:>18}: w = {w_k:.4f}, b = {b_k:.4f}")
    print(f"the smallest MSE: {mse_of(w_star, b_star):.4f}")
    """),
    md(r"""
    Setting the gradient to zero finds the minimum here because the MSE is a bowl with a single lowest point
    (notebook 06 shows why). The boxed formula is the closed-form answer for one feature: notebook 04 (section 6)
    compares it with gradient descent, and notebook 07 solves gradient = 0 for any number of features (the
    **normal equation**).

    ## 4. The gradient vector

    The **gradient** collects the partial derivatives into one vector,

    $$\nabla\mathrm{MSE}(w, b) = \begin{bmatrix} \partial\,\mathrm{MSE}/\partial w \\ \partial\,\mathrm{MSE}/\partial b \end{bmatrix} .$$

    It points in the direction in which the loss grows **fastest**, and its length is that rate of growth.
    So $-\nabla\mathrm{MSE}$ points **steepest downhill**, at right angles to the contour lines (when both
    axes are drawn to the same scale). A small step
    against the gradient lowers the loss:
    """),
    code("""
    w, b = 0.5, 1.5
    dw, db = mse_gradient(x4, y4, w, b)
    step = 0.01  # a small step size (the learning rate of notebook 04)
    w_new, b_new = w - step * dw, b - step * db
    """),
    checked("""
    print(f"MSE at ({w}, {b}): {mse_of(w, b):.4f}")
    print(f"MSE after a small step against the gradient: {mse_of(w_new, b_new):.4f}")
    """),
    code("""
    # extra code – draws the figure: −gradient arrows on the contour map, both axes to the same scale
    fig, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
    lh.plot_contour(x4, y4, weights=np.linspace(-2.3, 5.7, 81), biases=np.linspace(-2.6, 2.6, 53), ax=ax)
    ax.set_aspect("equal")
    for w0, b0 in [(0.0, 0.0), (0.5, 1.5), (3.5, 1.0), (1.0, -2.0), (4.0, -1.5), (-1.5, 2.0)]:
        gw, gb = lh.mse_gradient(x4, y4, w0, b0)
        scale = 0.8 / np.hypot(gw, gb)  # draw every arrow with the same length
        ax.annotate("", xy=(w0 - scale * gw, b0 - scale * gb), xytext=(w0, b0),
                    arrowprops={"arrowstyle": "->", "color": "k", "lw": 1.5})
    ax.set_title("−∇MSE: steepest downhill, across the contours")
    plt.show()
    """),
    md(r"""
    Look where the arrows point: straight across the narrow valley, **not at the minimum ★**. The
    steepest way down is not the direct route to the bottom; notebook 04 shows what that does to
    gradient descent.
    """),
    md(r"""
    **Many features.** With $X$ of shape $(n, M)$ and $\mathbf r = X\mathbf w + b - \mathbf y$, the same four steps
    give one partial derivative per weight, $\partial\,\mathrm{MSE}/\partial w_j = \frac2n\sum_i r_i x_{ij}$, which
    is a matrix product:

    $$\nabla_{\mathbf w}\mathrm{MSE} = \frac2n X^\top \mathbf r \quad (M,), \qquad \frac{\partial\,\mathrm{MSE}}{\partial b} = \frac2n \sum_i r_i .$$

    With the design matrix $A = [X, \mathbf 1]$ of notebook 01 and $\boldsymbol\theta = [\mathbf w; b]$ this is one formula,
    $\nabla_{\boldsymbol\theta}\mathrm{MSE} = \frac2n A^\top (A\boldsymbol\theta - \mathbf y)$.
    """),
    code("""
    A = np.column_stack([x4, np.ones_like(x4)])
    theta = np.array([0.5, 1.5])  # [w, b]
    grad_theta = 2 / len(y4) * A.T @ (A @ theta - y4)
    assert np.allclose(grad_theta, lh.mse_gradient(x4, y4, 0.5, 1.5))
    """),
    md(r"""
    ## 5. Constants: 2/n, 1/n, ½ and why they do not change the answer

    Texts define "the" squared loss with different constants, and the gradient changes with it:

    | objective | formula | $\partial/\partial w$ |
    |---|---|---|
    | SSE (L2 loss) | $\sum r_i^2$ | $2\sum r_i x_i$ |
    | **MSE (this series)** | $\frac1n\sum r_i^2$ | $\frac2n\sum r_i x_i$ |
    | ½·MSE | $\frac1{2n}\sum r_i^2$ | $\frac1n\sum r_i x_i$ |

    The ½ is there only to cancel the 2 of the derivative; dividing by $n$ makes it a mean (02, section 4).
    All three are the same function up to a positive constant, so they have the **same minimiser**:
    the best $w$ and $b$ do not depend on the convention. What changes is the size of the gradient, and
    so the learning rate: gradient descent on ½·MSE with learning rate $\eta$ takes exactly the same steps
    as on MSE with $\eta/2$. Pick one convention, say it, and keep it. This series uses MSE with $\frac2n$.
    """),
    code("""
    def sse_obj(p):
        return lh.sse(y4, p[0] * x4 + p[1])


    def mse_obj(p):
        return lh.mse(y4, p[0] * x4 + p[1])


    def half_mse_obj(p):
        return 0.5 * lh.mse(y4, p[0] * x4 + p[1])


    point = [0.5, 1.5]
    """),
    checked("""
    for name, obj in [("SSE", sse_obj), ("MSE", mse_obj), ("½·MSE", half_mse_obj)]:
        print(f"{name:>6}: gradient = {np.round(lh.numerical_gradient(obj, point), 4)}")
    """),
    misconception(
        "\"Loss = 1/(2m) Σ (y − ŷ)² is the MSE\", and the sign of the gradient",
        r"""
        One popular note calls $\frac1{2m}\sum (y_i - \hat y_i)^2$ "MSE" (and, in its matrix form, divides by
        $m$, which there is the number of **features**, not of examples: a further slip). That is **half** the MSE: a fine objective with the same minimiser, but its values and its
        gradient are half of this series' MSE, so learning rates are not interchangeable between the two.

        With the residual written the other way, $y_i - \hat y_i$, the chain rule gives an inner derivative
        $-x_i$, so $\partial/\partial w = -\frac2n\sum (y_i - \hat y_i)\,x_i$: the **minus sign is essential**,
        and equals our $+\frac2n\sum(\hat y_i - y_i)\,x_i$. Dropping it makes "descent" climb uphill.
        """,
    ),
    md(r"""
    ## 6. Checking a derivative with finite differences

    A derived formula can hide a slip (a lost 2, a sign, a missing $x_i$). The central difference of
    section 1 checks it, one parameter at a time: `lh.numerical_gradient(f, params)` nudges each entry of
    `params` by a small $\pm h$ and returns the estimated gradient. For a correct formula the two agree
    to about 6–8 significant digits.
    """),
    code("""
    x_syn, y_syn = lh.make_linear_data(n=40, weights=2.0, bias=1.0, noise=1.0, seed=1)


    def loss_wb(p):
        return lh.mse(y_syn, p[0] * x_syn + p[1])


    p0 = np.array([0.3, -0.8])
    analytic = np.array(mse_gradient(x_syn, y_syn, *p0))
    numeric = lh.numerical_gradient(loss_wb, p0)
    assert np.allclose(analytic, numeric, rtol=1e-6)


    def buggy_gradient(x, y, w, b):  # the same formula with the 2 forgotten
        r = w * x + b - y
        return np.mean(r * x), np.mean(r)


    assert not np.allclose(buggy_gradient(x_syn, y_syn, *p0), numeric, rtol=1e-6)  # caught
    """),
    checked("""
    print("analytic:", np.round(analytic, 4))
    print("numeric: ", np.round(numeric, 4))
    """),
    md(r"""
    **How small should $h$ be?** The central difference has an error of order $h^2$ from the curvature,
    but computers round every value of $f$ to about 16 digits, and dividing by a tiny $2h$ magnifies that
    rounding. The best $h$ is in between: around $10^{-5}$ to $10^{-6}$ (times the size of the parameter) for
    the central difference, around $10^{-8}$ for the less accurate forward difference $(f(w + h) - f(w))/h$:
    """),
    code("""
    # extra code – draws the figure: error of the estimate against the step h
    hs = np.logspace(-12, 0, 49)


    def g(t):  # a curved test function with a known derivative
        return np.exp(t) * np.sin(3 * t)


    exact = np.exp(0.7) * (np.sin(2.1) + 3 * np.cos(2.1))
    central = [abs((g(0.7 + s) - g(0.7 - s)) / (2 * s) - exact) for s in hs]
    forward = [abs((g(0.7 + s) - g(0.7)) / s - exact) for s in hs]
    fig, ax = plt.subplots(figsize=(5.5, 3.4), layout="constrained")
    ax.loglog(hs, central, label="central (f(w+h) − f(w−h)) / 2h")
    ax.loglog(hs, forward, label="forward (f(w+h) − f(w)) / h")
    ax.set(xlabel="step h", ylabel="error of the estimate", title="too large: curvature; too small: rounding")
    ax.legend(fontsize=8)
    plt.show()
    """),
    md(r"""
    ## 7. MAE: a kink, and a subgradient

    The MAE uses $|r|$, whose slope is $-1$ for $r < 0$ and $+1$ for $r > 0$, that is $\operatorname{sign}(r)$. The
    chain rule then gives, wherever no residual is exactly zero,

    $$\frac{\partial\,\mathrm{MAE}}{\partial w} = \frac1n \sum_{i=1}^{n} \operatorname{sign}(r_i)\, x_i, \qquad
    \frac{\partial\,\mathrm{MAE}}{\partial b} = \frac1n \sum_{i=1}^{n} \operatorname{sign}(r_i) .$$

    No factor 2 (there is no square), and the size of each residual does not matter, only its sign.

    At $r = 0$, $|r|$ has a **kink** and no derivative. But every slope between $-1$ and $+1$ still gives
    a line that touches $|r|$ at 0 and stays below it: each such slope is a **subgradient**. The subgradient
    method may use any of them (with a step size that shrinks over time it still converges), although a step
    along one can go uphill, as we will see in a moment. `lh.mae_gradient` picks $\operatorname{sign}(0) = 0$,
    which is what `np.sign` does, and which makes the subgradient zero when every residual is zero.

    The line $\hat y = 1.5x + 0.5$ has residuals $[0, 0.5, 0, -0.5]$, two of them exactly zero:
    """),
    code("""
    def mae_subgradient(x, y, w, b):
        s = np.sign((w * x + b) - y)  # sign(0) = 0
        return np.mean(s * x), np.mean(s)


    sub = mae_subgradient(x4, y4, 1.5, 0.5)
    assert np.allclose(sub, lh.mae_gradient(x4, y4, 1.5, 0.5))
    """),
    checked("""
    numeric_sub = lh.numerical_gradient(lambda p: lh.mae(y4, p[0] * x4 + p[1]), [1.5, 0.5])
    print("subgradient (sign(0) = 0):", np.round(sub, 4) + 0.0)
    print("central differences:      ", np.round(numeric_sub, 4) + 0.0)
    """),
    md(r"""
    The central difference agrees here: stepping $\pm h$ across a kink of $|r|$ gives the average of the
    two one-sided slopes, $(+1 - 1)/2 = 0$, the same choice as $\operatorname{sign}(0) = 0$.

    **This point is already a minimum.** The subgradient printed is not zero, yet $(1.5, 0.5)$ is a best
    line for the MAE of these four points: at a kink, the set of all subgradients is a whole range, and the
    point is a minimum as soon as $(0, 0)$ lies in that range. Here it does: the two zero residuals (at
    $x = 1$ and $x = 3$) may each take any slope in $[-1, 1]$, and the slopes $-1$ and $+1$ give
    $\frac14\left((-1)\cdot 1 + 2 + (+1)\cdot 3 - 4\right) = 0$ for $w$ and $\frac14(-1 + 1 + 1 - 1) = 0$ for $b$. So with kinks, **a nonzero subgradient does not mean you are not at the bottom**, and a step
    against it can go *up*:
    """),
    checked("""
    for t in [0.0, 0.1, 0.2]:
        w_t, b_t = 1.5 - t * sub[0], 0.5 - t * sub[1]  # a step of size t against the subgradient
        print(f"t = {t}: (w, b) = ({w_t:.2f}, {b_t:.2f}), MAE = {lh.mae(y4, w_t * x4 + b_t):.4f}")
    """),
    md(r"""
    The MAE rises from 0.25, its smallest possible value. And that minimum is not unique: the MAE of these four
    points has infinitely many best lines, a whole flat region of $(w, b)$:
    """),
    checked("""
    for w_k, b_k in [(1.5, 0.5), (5 / 3, 1 / 3), (2.0, -1.0), (1.7, 0.0)]:
        print(f"(w, b) = ({w_k:.3f}, {b_k:.3f}): MAE = {lh.mae(y4, w_k * x4 + b_k):.4f}")
    """),
    md(r"""
    A convex loss has no minimum other than the lowest one, but its lowest value can be reached at many points.

    Two consequences for training (notebooks 04 and 06): the MAE's gradient does **not shrink** near the
    minimum (each example contributes $\pm x_i$ however small its error), so descent with a fixed step
    keeps jittering around the minimum; and a subgradient need not point downhill, so the loss can
    go up for a step.

    ## 8. The gradient explorer

    The explorer draws the gradient at a point $(w, b)$ you choose. Its panels sit where every dashboard of the
    series puts them: top left, the data with the line of $(w, b)$, its residuals and, dashed, the line one step
    $-\eta\nabla\mathrm{MSE}$ later; top right, the 3D MSE surface with the two partial-derivative tangents (the
    slopes along $w$ and along $b$); bottom right, the loss curve. In between are this notebook's own panels: the two
    slices with the same tangents (middle column) and, bottom left, the step $-\eta\nabla\mathrm{MSE}$ on the contour
    map. The **learning rate** $\eta$ sets the length of that step; the **batch size** shows the step you would take
    with the gradient estimated from a random batch of examples instead of all of them (notebook 05).

    The loss curve answers the question the arrow raises: what if you took that step again and again? It shows the
    MSE over 20 such steps from $(w, b)$ (blue: full batch; reddish purple: with random batches, the first being the
    batch of the arrow), with the smallest possible MSE dotted; the 3D surface shows the full-batch steps as a path.
    That repetition is gradient descent, the subject of notebook 04.

    The contour map is drawn with both axes **to the same scale** (one unit of $b$ as long as one unit of
    $w$, which is why its $w$ range is wider than the slider's), so the arrow meets the contour line through
    the point at a right angle, as section 4 says; on a stretched map it would not. A few contour lines are
    labelled with their MSE.

    Things to try:

    * Put the point on the far side of the minimum. How do the signs of the two partial derivatives change?
    * Where is the gradient longest? Where is it zero?
    * Move the point along one contour line. The loss stays the same: what happens to the arrow?
    * Raise the learning rate until the loss curve rises instead of falling. What does the dashed line do then?
    """),
    code("lh.gradient_explorer()", tags=["dashboard"]),
    md(r"""
    ## Summary

    * A derivative is a slope; its sign says which way is downhill. A **partial derivative** varies one
      parameter and holds the others fixed.
    * With $\mathrm{MSE} = \frac1n\sum r_i^2$ and $r_i = \hat y_i - y_i$ (this series' convention):
      $\partial\,\mathrm{MSE}/\partial w = \frac2n\sum r_i x_i$ and $\partial\,\mathrm{MSE}/\partial b = \frac2n\sum r_i$;
      for many features $\nabla_{\mathbf w} = \frac2n X^\top\mathbf r$.
    * Setting both to zero and solving gives the best line: $b = \bar y - w\bar x$ (it passes through the mean point)
      and $w = \sum_i (x_i - \bar x)(y_i - \bar y) / \sum_i (x_i - \bar x)^2$; for the four points $w = 1.7$, $b = 0$.
    * The **gradient** points uphill fastest; a small step along $-\nabla$ lowers the loss.
    * SSE, MSE and ½·MSE differ by constants: same minimiser, gradients (and good learning rates)
      scaled by the same constants.
    * **Finite differences** $(f(\theta + h) - f(\theta - h))/2h$ (`lh.numerical_gradient`) check any derived gradient.
    * The MAE has kinks: its **subgradient** uses $\operatorname{sign}(r_i)$, with $\operatorname{sign}(0) = 0$ in `lh`.

    **Next:** [04 · Gradient descent](04_gradient_descent.ipynb): follow $-\nabla$ step after step to train the model.

    """),
    *concept_check("03"),
    md(r"""
    ## Exercises

    Replace each `...` with your code and run the cell. Solutions are hidden under **Solution**.
    """),
    *exercise(
        "03.1",
        r"""
        Write `my_mse_gradient(x, y, w, b)` for one feature, returning the tuple `(dw, db)` of
        $\partial\,\mathrm{MSE}/\partial w$ and $\partial\,\mathrm{MSE}/\partial b$ with this series' convention.
        """,
        """
        def my_mse_gradient(x, y, w, b):
            ...  # your code here


        ex.check_mse_gradient(my_mse_gradient)
        """,
    ),
    *exercise(
        "03.2",
        r"""
        Write `my_mse_gradient_matrix(X, y, w, b)` for many features: `X` has shape `(n, M)`, `w` shape `(M,)`.
        Return `(dw, db)` with `dw` of shape `(M,)` and `db` a number. No loop over the examples: use `@`.
        """,
        """
        def my_mse_gradient_matrix(X, y, w, b):
            ...  # your code here


        ex.check_mse_gradient_matrix(my_mse_gradient_matrix)
        """,
    ),
    *exercise(
        "03.3",
        r"""
        Write `my_numerical_gradient(f, w, b, h)`: for a loss `f(w, b)` of two numbers, return the central-difference
        estimates `(dw, db)` of its two partial derivatives with step `h`.
        """,
        """
        def my_numerical_gradient(f, w, b, h):
            ...  # your code here


        ex.check_numerical_gradient(my_numerical_gradient)
        """,
    ),
    *exercise(
        "03.4",
        r"""
        Write `my_mae_gradient(x, y, w, b)` returning a subgradient `(dw, db)` of the MAE for one feature
        (use $\operatorname{sign}(0) = 0$).
        """,
        """
        def my_mae_gradient(x, y, w, b):
            ...  # your code here


        ex.check_mae_gradient(my_mae_gradient)
        """,
    ),
]
