"""Source of notebooks/02_losses.ipynb. Build with: python tools/build_notebooks.py 02 --execute"""
# ruff: noqa: E501  (prose and formulas are easier to edit unwrapped)

from nbtools import checked, code, concept_check, exercise, md, misconception

CELLS = [
    md(r"""
    # 02 · Losses: one number for "how wrong"

    **Purpose:** turn a model's residuals into a single number to minimise, and see how the choice
    of that number changes which line counts as best.

    **Learning objectives.** After this notebook you can

    1. explain why a loss measures the **distance** of each error and ignores its direction;
    2. compute the L1 and L2 losses (sums) and the MAE, MSE and RMSE (means), and the Huber loss,
       and give the **unit** of each;
    3. explain why we **average** over the examples instead of adding up;
    4. predict how **outliers** pull an MSE fit (toward the mean) and, much less, an MAE fit
       (toward the median), and watch it happen live;
    5. derive the MSE and the MAE as **maximum likelihood** under Gaussian and under Laplace noise;
    6. judge a fit by its **residuals** (Anscombe's quartet: the same line and MSE for four very different data sets)
       and by its loss on **held-out data** it was not fitted to.

    **Prerequisites:** [01 · The model](01_model.ipynb) (predictions $\hat y = wx + b$ and residuals
    $r_i = \hat y_i - y_i$).
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
    ## 1. Distance without direction

    Back to the four points of notebook 01, $(1, 2), (2, 3), (3, 5), (4, 7)$, and the line
    $\hat y = 1.5x + 0.5$. Its residuals $r_i = \hat y_i - y_i$ are
    """),
    code("""
    x4 = np.array([1.0, 2.0, 3.0, 4.0])
    y4 = np.array([2.0, 3.0, 5.0, 7.0])
    y_hat4 = 1.5 * x4 + 0.5
    r4 = y_hat4 - y4
    r4
    """),
    md(r"""
    Adding them up gives $0 + 0.5 + 0 - 0.5 = 0$, as if the line were perfect. It is not: one
    prediction is too high and one too low, and they **cancel**. A loss must count each error by
    its *size*, whatever its sign. Two ways to do that:

    * the **absolute value** $|r_i|$: the distance itself;
    * the **square** $r_i^2$: also never negative, and zero only when $r_i = 0$.
    """),
    checked("""
    print(f"sum of r = {r4.sum():.2f}, sum of |r| = {np.abs(r4).sum():.2f}, sum of r² = {(r4**2).sum():.2f}")
    """),
    md(r"""
    ## 2. L1 and L2 losses: totals

    Adding up the distances over all $n$ examples gives the two classic totals:

    $$
    L_1 = \sum_{i=1}^{n} |\hat y_i - y_i| \quad\text{(sum of absolute errors, SAE)}, \qquad
    L_2 = \sum_{i=1}^{n} (\hat y_i - y_i)^2 \quad\text{(sum of squared errors, SSE)}.
    $$

    (The SSE also goes by *residual sum of squares*, RSS. Do not confuse it with the *total sum of squares*
    $\sum_i (y_i - \bar y)^2$, which measures the spread of the labels around their mean, with no model at all;
    you will meet it in $R^2$.)

    In code, with real data: the penguins of notebook 01 and the line $\hat y = 50x - 5800$.
    Every loss in `linreg_helpers` is called as `loss(y_true, y_pred)`, observations first (the order
    scikit-learn uses).
    """),
    code("""
    penguins = lh.load_dataset("penguins")
    x, y = penguins.X, penguins.y  # flipper length [mm], body mass [g]
    y_hat = 50.0 * x - 5800.0
    r = y_hat - y

    l1 = np.sum(np.abs(r))
    l2 = np.sum(r**2)
    assert np.isclose(l1, lh.sae(y, y_hat))
    assert np.isclose(l2, lh.sse(y, y_hat))
    """),
    md(r"""
    **How the square weighs errors.** $r^2 = |r| \cdot |r|$: under L2 each error is weighted by its
    own size, so one error of 10 costs as much as a hundred errors of 1. Under L1 it costs as much
    as ten. L2 cares much more about the few large errors; L1 treats all errors alike per unit of size.
    (You may read that squaring "makes errors below 1 smaller": true, but whether an error is below
    1 depends on the unit. 500 g is 0.5 kg. The *relative* weighting above does not.)

    ## 3. MAE, MSE and RMSE: means

    Divide the totals by $n$ and you get the **mean** losses. The RMSE is the square root of the MSE:

    $$
    \mathrm{MAE} = \frac1n \sum_{i=1}^{n} |\hat y_i - y_i|, \qquad
    \mathrm{MSE} = \frac1n \sum_{i=1}^{n} (\hat y_i - y_i)^2, \qquad
    \mathrm{RMSE} = \sqrt{\mathrm{MSE}} .
    $$
    """),
    code("""
    n = len(y)
    mae = np.mean(np.abs(r))  # = l1 / n
    mse = np.mean(r**2)  # = l2 / n
    rmse = np.sqrt(mse)

    assert np.isclose(mae, lh.mae(y, y_hat))
    assert np.isclose(mse, lh.mse(y, y_hat))
    assert np.isclose(rmse, lh.rmse(y, y_hat))
    """),
    checked("""
    print(f"MAE  = {mae:.1f} g")
    print(f"MSE  = {mse:.0f} g²")
    print(f"RMSE = {rmse:.1f} g")
    """),
    md(r"""
    **Units.** A loss has the unit of what it adds up:

    | loss | formula | unit (here) | kind |
    |---|---|---|---|
    | L1 (SAE) | $\sum \lvert r_i\rvert$ | g | total |
    | L2 (SSE) | $\sum r_i^2$ | g² | total |
    | MAE | $\frac1n\sum \lvert r_i\rvert$ | g | mean |
    | MSE | $\frac1n\sum r_i^2$ | **g²** | mean |
    | RMSE | $\sqrt{\mathrm{MSE}}$ | g | mean, then root |
    | Huber (section 5) | $\frac1n\sum h_\delta(r_i)$ | g² | mean |

    MAE and RMSE read as "a typical error is about so many grams". They are not the same number:
    RMSE $\ge$ MAE always, with equality only when all errors have the same size; a large gap means
    a few errors are much larger than the rest.
    """),
    misconception(
        "\"MSE is in the same units as the data\"",
        r"""
        It is not: the MSE averages *squared* errors, so its unit is the square of the label's unit
        (g², mpg², …). That is why the RMSE exists: the square root brings it back to the unit of $y$.
        Minimising the MSE and minimising the RMSE give the same best line (the root is increasing), so
        we train with the MSE (simpler derivative) and *report* the RMSE or MAE (readable unit).
        """,
    ),
    md(r"""
    ## 4. Why average over the examples?

    A total grows with the number of examples, even when the model is equally good on every one.
    Copy the data set three times and watch:
    """),
    code("""
    y3, y_hat3 = np.tile(y, 3), np.tile(y_hat, 3)  # the same penguins, three times over
    """),
    checked("""
    print(f"SSE: {lh.sse(y, y_hat):.4g} -> {lh.sse(y3, y_hat3):.4g} (three times larger)")
    print(f"MSE: {lh.mse(y, y_hat):.4g} -> {lh.mse(y3, y_hat3):.4g} (unchanged)")
    """),
    md(r"""
    The mean measures the model's error *per example*, so it can be compared across data sets of any
    size, and a random subset of the data (a **mini-batch**, notebook 05) gives an estimate of the same
    quantity. It also keeps gradients (notebook 03) from growing with $n$, so one learning rate works
    whatever the size of the data. The minimiser does not change: dividing by $n$ scales the loss,
    it does not move its lowest point.

    ## 5. Huber: quadratic near zero, linear far away

    The Huber loss with threshold $\delta > 0$ (in the unit of $y$) treats small errors like the
    squared loss and large ones like the absolute loss:

    $$
    h_\delta(r) = \begin{cases} \tfrac12 r^2 & \text{if } |r| \le \delta, \\[2pt]
                                \delta\left(|r| - \tfrac12\delta\right) & \text{otherwise,} \end{cases}
    \qquad \mathrm{Huber}_\delta = \frac1n \sum_{i=1}^{n} h_\delta(r_i) .
    $$

    The ½ and the $-\tfrac12\delta$ make the two pieces meet at $|r| = \delta$ with the same value
    ($\tfrac12\delta^2$) and the same slope ($\pm\delta$), so the loss has no kink: it is differentiable
    everywhere (only its curvature jumps, from 1 to 0, at $|r| = \delta$). For small errors it is
    half the squared error; far out it grows only linearly, so outliers weigh less.
    """),
    code("""
    def huber_terms(r, delta):
        small = np.abs(r) <= delta
        return np.where(small, 0.5 * r**2, delta * (np.abs(r) - 0.5 * delta))


    r_demo = np.array([0.0, 0.5, 1.0, 3.0, -3.0])
    assert np.isclose(np.mean(huber_terms(r_demo, 1.0)), lh.huber(np.zeros(5), r_demo, delta=1.0))
    """),
    checked("""
    print("h(r) for r =", r_demo, "->", huber_terms(r_demo, 1.0))
    """),
    code("""
    # extra code – draws the figure: the cost of one error r under each loss
    rs = np.linspace(-3, 3, 301)
    fig, ax = plt.subplots(figsize=(5.5, 3.4), layout="constrained")
    ax.plot(rs, rs**2, label="squared  r²")
    ax.plot(rs, np.abs(rs), label="absolute  |r|")
    ax.plot(rs, huber_terms(rs, 1.0), label="Huber  h₁(r)")
    ax.axvspan(-1, 1, color="grey", alpha=0.12, label="|r| ≤ δ = 1")
    ax.set(xlabel="residual r", ylabel="cost of this one error", ylim=(0, 5))
    ax.legend(fontsize=8)
    plt.show()
    """),
    md(r"""
    ## 6. Outliers: the mean and the median

    What does each loss consider the *best* prediction? Start with the simplest model, one constant
    $c$ predicted for every example, and five observations with one outlier:
    """),
    code("""
    y5 = np.array([2.0, 3.0, 5.0, 7.0, 30.0])
    cs = np.linspace(0, 32, 641)  # candidate constants
    mse_c = [lh.mse(y5, np.full_like(y5, c)) for c in cs]
    mae_c = [lh.mae(y5, np.full_like(y5, c)) for c in cs]
    """),
    checked("""
    print(f"best c under MSE: {cs[np.argmin(mse_c)]:.2f}   mean of y:   {np.mean(y5):.2f}")
    print(f"best c under MAE: {cs[np.argmin(mae_c)]:.2f}   median of y: {np.median(y5):.2f}")
    """),
    code("""
    # extra code – draws the figure
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8, 3), layout="constrained")
    a1.plot(cs, mse_c)
    a1.axvline(np.mean(y5), ls="--", color="grey")
    a1.set(xlabel="constant prediction c", ylabel="MSE", title="MSE: lowest at the mean (9.4)")
    a2.plot(cs, mae_c)
    a2.axvline(np.median(y5), ls="--", color="grey")
    a2.set(xlabel="constant prediction c", ylabel="MAE", title="MAE: lowest at the median (5)")
    plt.show()
    """),
    md(r"""
    Why? The slope of the MSE in $c$ is $\frac2n\sum_i (c - y_i)$, zero when $c$ is the **mean**: each
    point pulls with a force proportional to its distance, so the far-away 30 pulls hardest. The slope
    of the MAE is $\frac1n\left(\#\{y_i < c\} - \#\{y_i > c\}\right)$: every point pulls with the same
    force, whatever its distance, so the balance point is the **median**: as many points above as below.
    Move the 30 to 3000: the mean follows, the median does not.

    The same holds for lines. Below, 30 points from $y = 2x + 1 + \varepsilon$, then the same points
    with the three rightmost labels moved down by 20 (outliers). The MSE line comes from
    `lh.fit_closed_form`; the MAE line from an exact search (an L1-best line can always be found among
    the lines through two data points, so for 30 points we can try all pairs).
    """),
    code("""
    x30, y30 = lh.make_linear_data(n=30, weights=2.0, bias=1.0, noise=1.0, seed=3)
    y30_out = y30.copy()
    rightmost = np.argsort(x30)[-3:]
    y30_out[rightmost] -= 20.0  # three outliers


    def fit_mae_exactly(x, y):
        # extra code – the line through two data points with the lowest MAE
        best = (np.inf, 0.0, 0.0)
        for i in range(len(x)):
            for j in range(i + 1, len(x)):
                w = (y[j] - y[i]) / (x[j] - x[i])
                b = y[i] - w * x[i]
                best = min(best, (lh.mae(y, lh.predict(x, w, b)), w, b))
        return best[1], best[2]


    fits = {}
    for name, labels in [("clean data", y30), ("with outliers", y30_out)]:
        fits[name, "MSE"] = lh.fit_closed_form(x30, labels)
        fits[name, "MAE"] = fit_mae_exactly(x30, labels)
    """),
    checked("""
    for (data, loss), (w, b) in fits.items():
        print(f"{data:>13}, {loss} fit: w = {w:.3f}, b = {b:.3f}")
    """),
    code("""
    # extra code – draws the figure
    fig, ax = plt.subplots(figsize=(5.5, 3.6), layout="constrained")
    ax.scatter(x30, y30_out, s=14, label="data")
    ax.scatter(x30[rightmost], y30_out[rightmost], s=40, facecolors="none", edgecolors="k", label="outliers")
    xs = np.array([0.0, 10.0])
    for loss, style in [("MSE", "-"), ("MAE", "--")]:
        w, b = fits["with outliers", loss]
        ax.plot(xs, w * xs + b, style, label=f"{loss} fit: ŷ = {w:.2f}x + {b:.2f}")
    ax.set(xlabel="x", ylabel="y", title="three outliers pull the MSE line, barely the MAE line")
    ax.legend(fontsize=8)
    plt.show()
    """),
    md(r"""
    Three outliers out of 30 cut the MSE slope from 1.94 to 0.73; the MAE slope hardly moves
    (1.94 to 1.89). Neither loss is "right": if the outliers are real, rare but important events,
    the MSE takes them seriously; if they are recording errors, the MAE (or Huber) ignores them better.

    **But only outliers in $y$.** These outliers have ordinary $x$ and a wrong $y$. A point far out in
    $x$ (a **leverage point**) is another matter: a line can only pass near it by tilting, and the MAE
    pays for its distance like any other. Add one point at $x = 100$, $y = 0$ to the 30 clean points:
    """),
    code("""
    x31, y31 = np.append(x30, 100.0), np.append(y30, 0.0)  # one leverage point, far to the right
    lev = {"MSE": lh.fit_closed_form(x31, y31), "MAE": fit_mae_exactly(x31, y31)}
    """),
    checked("""
    for loss, (w, b) in lev.items():
        print(f"with the leverage point, {loss} fit: w = {w:.3f}, b = {b:.3f}")
    """),
    md(r"""
    Both slopes collapse (the clean slope was 1.94 for both): the MAE line follows the single far point just
    as the MSE line does. The MAE resists outliers in $y$, not in $x$: plot the data and look for such points
    before trusting any fit.
    """),
    misconception(
        "\"with MAE the model moves closer to the average\"",
        r"""
        It is the other way round. The **MSE** is minimised by the **mean** (for a constant model),
        and the mean is exactly what an outlier drags along. The **MAE** is minimised by the **median**,
        which only cares how many points lie on each side, not how far. So: squared losses move toward
        outliers, absolute losses stay with the bulk of the data, as long as the outliers are outliers in
        $y$. A point far out in $x$ (a leverage point) tips the MAE line too (section 6).
        """,
    ),
    md(r"""
    ## 7. Which loss, and on which data?

    Section 6 ended with "neither loss is right". Three more facts help choose a loss and use it well: where the
    squared error comes from, why one number cannot judge a fit, and on which data to compute it.

    ### Why squared error? The noise decides

    Notebook 01 wrote the data as a line plus noise, $y_i = w x_i + b + \varepsilon_i$. Suppose the noise values
    $\varepsilon_i$ are independent, each drawn from the same density $p$. Then $\varepsilon_i = y_i - \hat y_i = -r_i$, and the
    density of the labels we observed, as a function of $(w, b)$, is the **likelihood** $\prod_i p(-r_i)$.
    **Maximum likelihood** picks the $(w, b)$ under which the observed labels are most probable. The logarithm is
    increasing and turns the product into a sum, so that is the $(w, b)$ with the smallest **negative
    log-likelihood** $\mathrm{NLL} = -\sum_i \ln p(-r_i)$.

    **Gaussian noise** with standard deviation $\sigma$: $p(\varepsilon) = \frac{1}{\sqrt{2\pi\sigma^2}}\, e^{-\varepsilon^2/(2\sigma^2)}$,
    so $-\ln p(-r_i) = \tfrac12\ln(2\pi\sigma^2) + \frac{r_i^2}{2\sigma^2}$ and

    $$\mathrm{NLL}_{\text{Gauss}} = \frac n2 \ln(2\pi\sigma^2) + \frac{n}{2\sigma^2}\,\mathrm{MSE} .$$

    **Laplace noise** with scale $s$: $p(\varepsilon) = \frac{1}{2s}\, e^{-|\varepsilon|/s}$, so $-\ln p(-r_i) = \ln(2s) + \frac{|r_i|}{s}$ and

    $$\mathrm{NLL}_{\text{Laplace}} = n \ln(2s) + \frac{n}{s}\,\mathrm{MAE} .$$

    In both, the first term does not depend on $(w, b)$ and the loss is multiplied by a positive number, so the
    ranking of lines is the loss's ranking: **with Gaussian noise the maximum-likelihood line is the MSE line; with
    Laplace noise it is the MAE line.** (If $\sigma$ is unknown and fitted too, $\partial\,\mathrm{NLL}/\partial\sigma^2 =
    \frac{n}{2\sigma^2} - \frac{n\,\mathrm{MSE}}{2\sigma^4} = 0$ gives $\sigma^2 = \mathrm{MSE}$ and
    $\mathrm{NLL} = \frac n2\big(\ln(2\pi\,\mathrm{MSE}) + 1\big)$: still smallest where the MSE is.) The Laplace density has
    **heavier tails**: a far-off label is much less surprising than under a Gaussian, so it costs in proportion to its
    distance, not its square. Huber's loss is the NLL of a density proportional to $e^{-h_\delta(r)}$: Gaussian in the
    middle, Laplace-like tails.

    A check on the penguins, with $\sigma = 400$ g and $s = 300$ g, for the line of section 2 and the best MSE line:
    the NLL added up point by point from the densities equals the formulas.
    """),
    code("""
    n = len(y)  # the number of penguins
    sigma, s = 400.0, 300.0  # noise scales [g]; any fixed positive values give the same ranking
    nll_lines = {"ŷ = 50x − 5800": (50.0, -5800.0), "best MSE line": lh.fit_closed_form(x, y)}
    for w_line, b_line in nll_lines.values():
        y_line = lh.predict(x, w_line, b_line)
        eps = y - y_line  # the noise values this line implies, ε = −r
        gauss_density = np.exp(-(eps**2) / (2 * sigma**2)) / np.sqrt(2 * np.pi * sigma**2)
        laplace_density = np.exp(-np.abs(eps) / s) / (2 * s)
        nll_gauss_formula = n / 2 * np.log(2 * np.pi * sigma**2) + n / (2 * sigma**2) * lh.mse(y, y_line)
        nll_laplace_formula = n * np.log(2 * s) + n / s * lh.mae(y, y_line)
        assert np.isclose(-np.sum(np.log(gauss_density)), nll_gauss_formula)
        assert np.isclose(-np.sum(np.log(laplace_density)), nll_laplace_formula)
    """),
    checked("""
    for name, (w_line, b_line) in nll_lines.items():
        y_line = lh.predict(x, w_line, b_line)
        mse_line, mae_line = lh.mse(y, y_line), lh.mae(y, y_line)
        nll_gauss = n / 2 * np.log(2 * np.pi * sigma**2) + n / (2 * sigma**2) * mse_line
        nll_laplace = n * np.log(2 * s) + n / s * mae_line
        print(f"{name:>15}: MSE = {mse_line:8.0f} g², NLL Gauss = {nll_gauss:7.1f};"
              f"  MAE = {mae_line:5.1f} g, NLL Laplace = {nll_laplace:7.1f}")
    """),
    md(r"""
    So choosing a loss is making an assumption about the noise, and the residuals can test it: roughly bell-shaped,
    with few far-off values, suits the MSE; many more far-off residuals than a Gaussian would give (heavy tails,
    outliers) suit the MAE or Huber.

    ### Same line, same MSE: Anscombe's quartet

    One number cannot say whether a line is a good **model** of the data. The statistician F. J. Anscombe (1973) made
    four small data sets of 11 points each with the same means, the same least-squares line and the same MSE, to two or
    three digits. The package ships his published values:
    """),
    code("""
    quartet = {name: lh.load_dataset(f"anscombe{i}") for i, name in enumerate(["I", "II", "III", "IV"], start=1)}
    quartet_fits = {name: lh.fit_closed_form(d.X, d.y) for name, d in quartet.items()}
    """),
    checked("""
    for name, d in quartet.items():
        w_q, b_q = quartet_fits[name]
        print(f"set {name:>3}: mean x = {np.mean(d.X):.2f}, mean y = {np.mean(d.y):.2f},"
              f" line ŷ = {w_q:.3f}x + {b_q:.2f}, MSE = {lh.mse(d.y, lh.predict(d.X, w_q, b_q)):.2f}")
    """),
    code("""
    # extra code – draws the figure: each set with its line (top), and its residuals r = ŷ − y (bottom)
    fig, axes = plt.subplots(2, 4, figsize=(10, 4.8), sharex=True, sharey="row", layout="constrained")
    xs_q = np.array([3.0, 20.0])
    for (name, d), ax_fit, ax_res in zip(quartet.items(), axes[0], axes[1], strict=True):
        w_q, b_q = quartet_fits[name]
        ax_fit.scatter(d.X, d.y, s=16)
        ax_fit.plot(xs_q, w_q * xs_q + b_q, color="k", lw=1)
        ax_fit.set_title(f"set {name}")
        ax_res.axhline(0.0, color="k", lw=1)
        ax_res.scatter(d.X, lh.predict(d.X, w_q, b_q) - d.y, s=16, color=lh.COLORS["mae"])
        ax_res.set_xlabel("x")
    axes[0, 0].set_ylabel("y and the line")
    axes[1, 0].set_ylabel("residual ŷ − y")
    plt.show()
    """),
    md(r"""
    The residuals tell them apart:

    * **I**: no pattern; a line is a fair model, and the noise looks like noise.
    * **II**: the residuals form a U: the data are curved (an arch), and a line is the wrong model however well it
      is fitted (notebook 07 adds features such as $x^2$).
    * **III**: ten points on one straight line (up to the rounding of the published values) and one outlier in $y$
      that tilts the MSE line.
    * **IV**: ten points share $x = 8$; the single point at $x = 19$, a leverage point, sets the slope on its own (its
      residual is exactly 0).

    For set III the exact MAE line of section 6 ignores the outlier and passes through the other ten points:
    """),
    checked("""
    w_l1, b_l1 = fit_mae_exactly(quartet["III"].X, quartet["III"].y)
    w_l2, b_l2 = quartet_fits["III"]
    print(f"set III, MAE line: ŷ = {w_l1:.3f}x + {b_l1:.2f}; MSE line: ŷ = {w_l2:.3f}x + {b_l2:.2f}")
    """),
    md(r"""
    Plot the data, and the residuals, before trusting a fit or its loss.

    ### Judge a model on data it has not seen

    Every loss in this notebook was computed on the data the line was fitted to, the **training data**. That number is
    optimistic: the fit chose $(w, b)$ to make exactly that number small. What matters is the error on **new** examples
    from the same source. So keep some data aside, never used in training (**held-out** data), and judge the model
    there. Below, 30 training points and 1,000 new ones from the same source, $y = 2x + 1$ plus Gaussian noise of
    standard deviation 1 (so no model can expect an MSE below about $1^2 = 1$ on new data). Two models: the MSE line,
    and a **memoriser** that answers, for any $x$, with the label of the nearest training example.
    """),
    code("""
    x_train, y_train = lh.make_linear_data(30, weights=2.0, bias=1.0, noise=1.0, seed=11)
    x_new, y_new = lh.make_linear_data(1000, weights=2.0, bias=1.0, noise=1.0, seed=12)  # held out: never fitted


    def memoriser(x_query):
        nearest = np.argmin(np.abs(x_query[:, None] - x_train[None, :]), axis=1)  # nearest training example
        return y_train[nearest]


    w_train, b_train = lh.fit_closed_form(x_train, y_train)
    models = {"MSE line": lambda x_query: lh.predict(x_query, w_train, b_train), "memoriser": memoriser}
    """),
    checked("""
    print("             MSE on the training data   MSE on new data")
    for name, model in models.items():
        print(f"{name:>10}: {lh.mse(y_train, model(x_train)):26.3f}   {lh.mse(y_new, model(x_new)):15.3f}")
    """),
    md(r"""
    The memoriser is perfect on its training data and twice as bad as the line on new data. Even the line's training
    MSE (0.68) is below the noise variance of 1: it has adapted a little to its own 30 points, and on new data it does
    worse (1.13). So: **train** on the loss of the training data, but **judge** (and report, as an RMSE or MAE in the
    unit of $y$) on data the model has not seen. [Notebook 09 · Training in practice](09_training_in_practice.ipynb) makes this routine: a validation set,
    its loss after every epoch, and stopping when it stops improving.
    """),
    md(r"""
    ## 8. The loss explorer

    The explorer runs a gradient descent on the loss you pick: MSE, MAE, Huber or RMSE, each descended on
    **itself** (descent on the RMSE uses the RMSE's own gradient, which is the MSE's divided by
    $2\cdot\mathrm{RMSE}$). Its four panels sit where every dashboard of the series puts them. Top left: the
    data with the exact best MSE line, the exact best MAE line and, dashed, where the descent ends. Top right:
    the 3D surface of the loss you picked, over $(w, b)$, on the data as shown, with the descent's path and
    the exact minimum (★); drag it to turn it. The MSE gives a smooth bowl; the MAE a surface of flat
    facets meeting in creases (one crease for each point, where its residual changes sign); Huber a bowl
    near its floor and facets further out. Bottom left: the losses of a constant prediction (mean vs median,
    as above; MAE(b) is the thick green curve). Bottom right: the loss curve, labelled with the loss being
    descended, with that loss's exact minimum dotted. The **outliers** slider adds outliers,
    **outlier shift** moves them up. The learning-rate and batch-size sliders control the descent (notebooks 04
    and 05); each loss takes a step suited to it (the read-out says how much larger than the slider's $\eta$),
    and with the default 1000 epochs every descent ends on that loss's exact best line. The read-out's last
    item gives that exact line and how far the descent still is from it; with the MAE, whose minimum is a
    kink, a fixed step keeps jittering slightly around it (notebook 03, section 7).

    Things to try:

    * Raise **outlier shift** step by step. Which line follows the outliers? Which barely moves?
    * Switch between MSE and RMSE. Does the best line change? (Section 3 says why.) Does the loss curve?
      Does the surface's lowest point move?
    * Switch to MAE and look at the surface: where are its creases? Move the outliers and watch the surface
      and its ★ change with the data.
    * Pick Huber and compare its line with the other two, at $\delta = 1$ and at $\delta = 5$ (two
      presets). With a small $\delta$ Huber treats almost every error like the MAE, so its line lies near
      (even beyond) the MAE line; a large $\delta$ lets it be pulled toward the MSE line. Huber is "between"
      the two in how robust it is, tuned by $\delta$, not always in where its line lies.
    """),
    code("lh.loss_explorer()", tags=["dashboard"]),
    md(r"""
    ## Summary

    * A loss turns residuals into one number; it uses $|r|$ or $r^2$ so that errors cannot cancel.
    * **Totals:** $L_1 = \sum|r_i|$ (SAE) and $L_2 = \sum r_i^2$ (SSE). **Means:** MAE, MSE, and RMSE $= \sqrt{\mathrm{MSE}}$.
      We average so the loss measures error per example, independent of $n$.
    * **Units:** MAE and RMSE in the unit of $y$; MSE, SSE and Huber in its square.
    * The square weighs each error by its size, so large errors dominate the MSE; **Huber** is
      quadratic for $|r| \le \delta$ and linear beyond.
    * Outliers in $y$ pull MSE fits toward them (the best constant is the **mean**); MAE fits follow the
      **median** and move much less. A point far out in $x$ (leverage) tips both.
    * Minimising the **MSE** is maximum likelihood under **Gaussian** noise,
      $\mathrm{NLL} = \frac n2\ln(2\pi\sigma^2) + \frac{n}{2\sigma^2}\mathrm{MSE}$; minimising the **MAE** is maximum likelihood
      under **Laplace** noise, $\mathrm{NLL} = n\ln(2s) + \frac ns\mathrm{MAE}$. A loss is an assumption about the noise.
    * The same line and the same MSE can hide very different data (Anscombe's quartet): look at the **residuals**.
    * Judge a model on **held-out** data: the training loss is optimistic (a memoriser's is zero).
    * Convention of the series: `loss(y_true, y_pred)`, residual $r = \hat y - y$.

    **Next:** [03 · Gradients](03_gradients.ipynb): which way to change $w$ and $b$ to make the loss smaller.

    """),
    *concept_check("02"),
    md(r"""
    ## Exercises

    Replace each `...` with your code and run the cell. Solutions are hidden under **Solution**.
    """),
    *exercise(
        "02.1",
        r"""
        Write `my_mse(y_true, y_pred)` that returns the mean squared error of two 1-D arrays.
        """,
        """
        def my_mse(y_true, y_pred):
            ...  # your code here


        ex.check_mse(my_mse)
        """,
    ),
    *exercise(
        "02.2",
        r"""
        Write `my_mae(y_true, y_pred)` that returns the mean absolute error.
        """,
        """
        def my_mae(y_true, y_pred):
            ...  # your code here


        ex.check_mae(my_mae)
        """,
    ),
    *exercise(
        "02.3",
        r"""
        Write `my_rmse(y_true, y_pred)` that returns the root mean squared error.
        """,
        """
        def my_rmse(y_true, y_pred):
            ...  # your code here


        ex.check_rmse(my_rmse)
        """,
    ),
    *exercise(
        "02.4",
        r"""
        Write `my_huber(y_true, y_pred, delta)` that returns the Huber loss of section 5: the mean over
        the examples of $h_\delta(r_i)$.
        """,
        """
        def my_huber(y_true, y_pred, delta):
            ...  # your code here


        ex.check_huber(my_huber)
        """,
    ),
    *exercise(
        "02.5",
        r"""
        The observations are `y = [1, 2, 3, 4, 100]`. A model predicts the same constant $c$ for every
        example. Find `c_mse`, the $c$ with the smallest MSE, and `c_mae`, the $c$ with the smallest MAE,
        by trying many values of $c$ with `lh.mse` and `lh.mae`, each **to within 0.05** (so try values over
        the whole range of the data, 100 included, and close enough together). Then say in one sentence why
        they differ.
        """,
        """
        c_mse = ...
        c_mae = ...

        ex.check_best_constant(c_mse, c_mae)
        """,
    ),
]
