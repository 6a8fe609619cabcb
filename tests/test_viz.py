"""The figures: every slider of every explorer swept, and each figure's numbers against mogcore."""

import base64
import itertools
import re

import numpy as np
import pytest

import mogcore
from mogcore import Mixture, viz
from mogcore import multivariate as mv
from mogcore.fitting import STARTS, named_start
from mogcore.viz import fitting as viz_fitting
from mogcore.viz._sliders import next_on_grid

from . import reference as ref
from . import spies
from .figure_checks import artist_colors, assert_all_finite, legend_overlaps

X = mogcore.load_old_faithful()
X2 = mogcore.load_old_faithful("both")
MIX2 = mv.MvMixture(  # standard deviations and correlations on the explorer's grids
    np.array([0.35, 0.65]),
    np.array([[2.2, 56.0], [4.2, 78.0]]),
    np.array([mv.covariance(0.3, 5.5, 0.3), mv.covariance(0.45, 6.5, 0.4)]),
)
START2 = mv.MvMixture(np.array([0.5, 0.5]), np.array([[3.0, 75.0], [4.0, 65.0]]), np.array([np.cov(X2.T)] * 2))


def explore_covariance_2d(x):
    """The 2-D explorers take the 2-D data, whatever 1-D data the sweeps hand them."""
    return viz.explore_covariance(X2, MIX2)


def explore_em_2d(x):
    return viz.explore_em_2d(X2, START2, iters=40, t=8)


def explore_separation(x):
    """The separation explorer makes its own data, whatever data the sweeps hand it."""
    return viz.explore_separation(4.0)


DATA = {
    "old_faithful": X,
    "sampled": mogcore.sample(300, [0.3, 0.7], [-2.0, 3.0], [0.5, 2.0], rng=np.random.default_rng(7))[0],
}
FIT = Mixture(np.array([0.35, 0.65]), np.array([2.0, 4.3]), np.array([0.07, 0.19]))


EXPLORERS = [
    viz.explore_mixture,
    viz.explore_responsibilities,
    viz.explore_mean_contributions,
    viz.explore_mean_field,
    viz.explore_variance_slice,
    viz.explore_variance_field,
    viz.explore_collapse,
    viz.explore_weights,
    viz.explore_fitting,
    viz.explore_playground,
    explore_covariance_2d,
    explore_em_2d,
    viz.explore_second_order,
    explore_separation,
]


def slider_stops(s, n=5):
    if hasattr(s, "options"):  # a drop-down: every option
        return list(s.options)
    if hasattr(s, "base"):
        return list(s.base ** np.linspace(s.min, s.max, n))
    return list(np.linspace(s.min, s.max, n))


def corners(s):
    if hasattr(s, "options"):
        return (s.options[0], s.options[-1])
    if hasattr(s, "base"):
        return (s.base**s.min, s.base**s.max)
    return (s.min, s.max)


def random_value(s, rng):
    if hasattr(s, "options"):
        return s.options[rng.integers(len(s.options))]
    if hasattr(s, "base"):
        return float(s.base ** rng.uniform(s.min, s.max))
    value = rng.uniform(s.min, s.max)
    return round(value) if isinstance(s.value, int) else float(value)


def as_value(v):
    return v if isinstance(v, str) else float(v)


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_each_slider_alone_over_its_range(factory, data):
    ex = factory(DATA[data])
    for name, s in ex.sliders.items():
        start, before = s.value, ex.image.value
        with ex.held():  # every stop updates the artists; the image is rendered once, at the end
            for v in slider_stops(s):
                ex.set(**{name: as_value(v)})
                if isinstance(v, str) or isinstance(s.value, int):  # a drop-down, or an integer slider (truncates)
                    assert ex.values[name] == (v if isinstance(v, str) else int(v))
                else:
                    assert ex.values[name] == pytest.approx(v, rel=1e-12), f"{name} did not move to {v}"
                assert_all_finite(ex.fig)
                if data == "old_faithful" and any(ax.get_legend() for ax in ex.fig.axes):
                    assert legend_overlaps(ex.fig) == [], f"{name} = {v}: a legend covers the data"
        assert ex.image.value != before, f"moving {name} did not change the figure"
        ex.set(**{name: start})


@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_sliders_in_combination(factory):
    """Every corner of the first three sliders (the rest at their extremes), then random settings."""
    ex = factory(X)
    s, names = ex.sliders, list(ex.sliders)
    rng = np.random.default_rng(11)
    with ex.held():
        for combo in itertools.product(*[corners(s[n]) for n in names[:3]]):
            values = dict(zip(names[:3], combo))
            values.update({n: corners(s[n])[i % 2] for i, n in enumerate(names[3:])})
            ex.set(**{k: as_value(v) for k, v in values.items()})
            assert_all_finite(ex.fig)
        for _ in range(10):
            ex.set(**{n: random_value(s[n], rng) for n in names})
            assert_all_finite(ex.fig)
    assert viz.figure_png(ex.fig)[:4] == b"\x89PNG"  # and the last state still renders


# --- the finiteness check itself must be able to fail --------------------------------


def test_the_legend_check_can_fail():
    """A legend put over the curves it labels is caught."""
    ex = viz.explore_responsibilities(X)
    assert legend_overlaps(ex.fig) == []
    ex.view.ax.legend(loc="upper left", fontsize=10)  # where gamma_1 runs along 1
    ex.set(mu1=2.0, mu2=4.3, var1=0.1, var2=0.2)
    assert any("under the legend" in o for o in legend_overlaps(ex.fig))


def test_the_finiteness_check_catches_a_nan_tangent_and_a_nan_best_weight_line():
    view = viz.WeightView(X, FIT)
    assert_all_finite(view.fig)
    good = view.tangents["exact"].get_ydata().copy()
    view.tangents["exact"].set_ydata([np.nan, np.nan])
    with pytest.raises(AssertionError, match="non-finite value in line"):
        assert_all_finite(view.fig)
    view.tangents["exact"].set_ydata(good)
    view.best.set_xdata([np.nan, np.nan])
    with pytest.raises(AssertionError, match="non-finite value in line"):
        assert_all_finite(view.fig)
    view.best.set_visible(False)  # a hidden artist is the only one the check skips
    assert_all_finite(view.fig)


def test_the_finiteness_check_catches_nan_in_stems_arrows_and_bars():
    view = viz.PlaygroundView(X, FIT)
    view.bars[2].set_width(np.nan)
    with pytest.raises(AssertionError, match="Rectangle"):
        assert_all_finite(view.fig)
    view = viz.PlaygroundView(X, FIT)
    view.arrows[0].xy = (np.nan, 1.0)
    with pytest.raises(AssertionError, match="arrow"):
        assert_all_finite(view.fig)


def test_the_finiteness_check_looks_inside_inset_axes():
    """06's magnified paths live in an inset (a child of the field's axes, not in ``fig.axes``)."""
    view = viz.FittingView(X, "typical", 0.1, 10)
    assert view.zoom.get_visible() and view.zoom not in view.fig.axes
    assert_all_finite(view.fig)
    view.zoom_dots["EM"].set_data([np.nan], [1.0])
    with pytest.raises(AssertionError, match="non-finite value in line"):
        assert_all_finite(view.fig)


def test_views_hide_what_they_have_nothing_to_show():
    # equal variances: one boundary, so the second boundary line is hidden, not parked at NaN
    view = viz.ResponsibilityView(X, Mixture([0.5, 0.5], [2.0, 4.3], [0.1, 0.1]))
    assert [line.get_visible() for line in view.boundaries] == [True, False]
    roots = mogcore.decision_boundaries([0.5, 0.5], [2.0, 4.3], [0.1, 0.1])
    assert view.boundaries[0].get_xdata()[0] == pytest.approx(roots[0])
    view.update(FIT)  # unequal variances: both boundaries shown where they lie
    shown = [line.get_xdata()[0] for line in view.boundaries if line.get_visible()]
    roots = mogcore.decision_boundaries(*FIT)
    inside = roots[(roots > view.grid[0]) & (roots < view.grid[-1])]
    assert shown == pytest.approx(inside.tolist())


# --- one event, one update, one render --------------------------------------------------


class Counter:
    def __init__(self, func):
        self.func, self.calls = func, 0

    def __call__(self, *a, **k):
        self.calls += 1
        return self.func(*a, **k)


def test_fitting_one_event_is_one_update_one_render_and_only_the_maths_it_needs(monkeypatch):
    ascent, em = Counter(viz_fitting.gradient_ascent), Counter(viz_fitting.em_fit)
    monkeypatch.setattr(viz_fitting, "gradient_ascent", ascent)
    monkeypatch.setattr(viz_fitting, "em_fit", em)
    ex = viz.explore_fitting(X)
    starts = len(ex.sliders["start"].options)
    assert (ascent.calls, em.calls) == (starts, starts)  # every start at its own step, run ahead once
    updates = Counter(ex.view.update)
    ex.view.update = updates
    renders = spies.frames(ex)

    def event(name, value):
        counts = (ascent.calls, em.calls, updates.calls, renders.count)
        ex.sliders[name].value = value  # as the browser sets it: no held(), no set()
        return tuple(
            after - before for after, before in zip((ascent.calls, em.calls, updates.calls, renders.count), counts)
        )

    draws = spies.full_draws(ex.fig)
    assert event("start", "too large a step") == (0, 0, 1, 1)  # run ahead; the step moves with it, quietly
    assert draws.count == 0  # its frame was drawn once when the explorer was made: its background is kept
    assert ex.sliders["step"].value == pytest.approx(0.8, rel=0.06)  # a log slider's grid
    assert ex.view.paths[0].method == "gradient ascent"
    step = f"{ex.sliders['step'].value:.12g}"
    again = ascent.func(X, *named_start("too large a step", X)[0], step=float(step), iters=viz_fitting.ITERS)
    assert ex.view.paths[0].loglik.tolist() == again.loglik.tolist()  # the path of that start and step
    # A step press runs its path, then (its frame sent) the next one the same way; EM does not depend on the step.
    assert event("step", 10**-1.3) == (1, 0, 1, 1)  # a jump (a drag): its own path, no guess at the next
    assert event("step", 10**-1.35) == (2, 0, 1, 1)  # a key press: its own, then the next one down
    assert event("step", 10**-1.4) == (1, 0, 1, 1)  # ready: only the one after it is run
    assert event("step", 10**-1.4 * (1 + 1e-15)) == (0, 0, 0, 0)  # the browser handing the value back: no event
    assert event("t", 42) == (0, 0, 1, 1)  # scrubbing only redraws
    assert event("step", 10**-1.35) == (0, 0, 1, 1)  # kept, and so is the next one up
    assert event("step", 10**-1.3) == (1, 0, 1, 1)  # kept; the next one up is run
    assert event("start", "typical") == (0, 0, 1, 1)
    assert ex.sliders["step"].value == pytest.approx(0.1, rel=0.06)


def test_an_iteration_press_finds_its_field_ready_and_readies_the_next_ones():
    ex = viz.explore_fitting(X)
    fields = spies.Calls(ex.view.field._field, "_compute")
    t = ex.sliders["t"].value
    ex.sliders["t"].value = t + 1
    assert fields.count == 2  # its own field, then the next iterate's
    ex.sliders["t"].value = t + 2
    assert fields.count == 3  # ready: only the one after it
    ex.sliders["t"].value = t + 1
    assert fields.count == 3  # kept, and so is the one before it


@pytest.mark.parametrize(
    ("factory", "name"),
    [(viz.explore_mean_field, "var2"), (viz.explore_variance_field, "pi1"), (viz.explore_weights, "mu2")],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_a_key_press_finds_its_field_ready_and_readies_the_next_one(factory, name):
    ex = factory(X)
    work = ex.view._field if hasattr(ex.view, "_field") else ex.view._curve  # a field, or 05's curve
    computed = spies.Calls(work, "_compute")
    s, sent = ex.sliders[name], []
    ex.image.observe(lambda change: sent.append(computed.count), names="value")
    s.value = one_press(s, -1)  # in plain float arithmetic, as the browser sets it: no held(), no set()
    assert (sent, computed.count) == ([1], 2)  # its own, then (its frame sent) the next one down
    s.value = one_press(s, -1)
    assert (sent[-1], computed.count) == (2, 3)  # ready when its frame was drawn; the one after it run ahead
    s.value = s.base**s.min if hasattr(s, "base") else s.min  # a drag: no guess where it goes next
    assert (sent[-1], computed.count) == (4, 4)


def test_the_next_press_the_same_way_is_one_grid_step_on_and_none_past_the_end():
    t = viz_fitting.int_slider(10, 0, 300, label="t")
    assert (next_on_grid(t, 10, 11), next_on_grid(t, 11, 10), next_on_grid(t, 299, 300)) == (12, 9, None)
    assert type(next_on_grid(t, 10, 11)) is int
    assert next_on_grid(t, 10, 13) is None and next_on_grid(t, 10, 10) is None  # a drag, or no move: no guess
    step = viz_fitting.log_slider(0.1, -3, 0.3, 0.05, label="step")
    assert next_on_grid(step, 10**-1.0, 10**-1.05) == pytest.approx(10**-1.1, rel=1e-12)
    assert next_on_grid(step, 10**-1.05, 10**-1.0) == pytest.approx(10**-0.95, rel=1e-12)
    assert next_on_grid(step, 10**step.max / 10**0.05, 10**step.max) is None


@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_every_slider_event_renders_once(factory):
    ex = factory(X)
    renders = spies.frames(ex)
    for name, s in ex.sliders.items():
        before = renders.count
        stops = slider_stops(s, 3)
        s.value = as_value(stops[1] if as_value(stops[1]) != s.value else stops[2])
        assert renders.count == before + 1, name


def test_held_renders_once_at_the_end():
    ex = viz.explore_mixture(X)
    renders = spies.frames(ex)
    with ex.held():
        ex.set(mu1=2.5)
        ex.set(var2=0.2, pi1=0.3)
        assert renders.count == 0
    assert renders.count == 1


def test_starting_values_sit_on_the_slider_grid():
    ex = viz.explore_mixture(X, [0.5, 0.5], [2.16, 4.45], [0.32, 0.32])
    for name, s in ex.sliders.items():
        if hasattr(s, "base"):
            n = (np.log10(s.value) - s.min) / s.step
        else:
            n = (s.value - s.min) / s.step
        assert n == pytest.approx(round(n), abs=1e-9), name
    # and the figure was drawn at those values, not at the unsnapped ones
    shown = viz.mixture_from_values(ex.values, FIT)
    L = float(mogcore.log_likelihood(X, *shown))
    assert f"L = {L:.2f}" in ex.readout.value


def test_sliders_are_labelled_with_math_symbols_and_show_values():
    ex = viz.explore_mean_field(X)
    labels = {s.description for s in ex.sliders.values()}
    assert labels == {r"$\pi_1$", r"$\mu_1$", r"$\mu_2$", r"$\sigma_1^2$", r"$\sigma_2^2$"}
    assert all(s.readout for s in ex.sliders.values())


@pytest.mark.parametrize(
    ("factory", "lesson"),
    [
        (viz.explore_mean_contributions, ["mu1", "var1"]),
        (viz.explore_variance_slice, ["var1", "mu1"]),
        (viz.explore_weights, ["pi1"]),
    ],
    ids=lambda f: getattr(f, "__name__", ""),
)
def test_one_idea_explorers_lead_with_its_sliders_and_fold_the_rest(factory, lesson):
    ex = factory(X)
    assert ex.widget.children[-3:] == (ex.more, ex.readout, ex.image), "the readout sits just above the figure"
    shown = [c for row in ex.widget.children[:-3] for c in row.children]
    assert shown == [ex.sliders[n] for n in lesson]
    assert ex.more is not None and ex.more.titles == ("more parameters",)
    assert ex.more.selected_index is None, "the fold should start closed"
    folded = [c for row in ex.more.children[0].children for c in row.children]
    assert folded == [s for n, s in ex.sliders.items() if n not in lesson]
    # a folded slider still drives the figure
    renders = spies.frames(ex)
    name = next(n for n in ex.sliders if n not in lesson)
    ex.set(**{name: corners(ex.sliders[name])[1]})
    assert renders.count == 1


def test_explorers_without_a_lesson_slider_show_every_slider():
    ex = viz.explore_mixture(X)
    assert ex.more is None
    assert ex.widget.children[-2:] == (ex.readout, ex.image)
    assert sum(len(row.children) for row in ex.widget.children[:-2]) == len(ex.sliders)


# --- each figure's numbers are mogcore's --------------------------------------------------


def test_mixture_view_shows_the_loglik_and_the_components():
    view = viz.MixtureView(X, FIT)
    L = ref.loglik(X, *FIT)
    assert f"{L:.2f}" in view.ax.get_title()
    g = view.grid
    expected = FIT.weights[0] * np.exp(-((g - 2.0) ** 2) / (2 * 0.07)) / np.sqrt(2 * np.pi * 0.07)
    assert np.allclose(view.components.lines[0].get_ydata(), expected)


def test_mean_pulls_add_up_to_the_gradient():
    view = viz.MeanPullView(X, FIT)
    grads = ref.grads(X, *FIT)[0]
    for k, coll in enumerate(view.stems):
        heights = np.array([seg[1, 1] for seg in coll.get_segments()])
        assert heights.sum() == pytest.approx(grads[k])
        assert f"{grads[k]:.3f}" in view.axes[k].get_title(loc="left")


def direction(arrow):
    (x1, y1), (x0, y0) = arrow.xy, arrow.get_position()
    d = np.array([x1 - x0, y1 - y0])
    return d / np.hypot(*d)


def test_mean_field_dot_and_arrow_follow_the_gradient():
    view = viz.MeanFieldView(X, Mixture([0.35, 0.65], [2.5, 3.9], [0.07, 0.19]))
    g = ref.grads(X, [0.35, 0.65], [2.5, 3.9], [0.07, 0.19])[0]
    assert view.field.dot.get_xydata()[0] == pytest.approx([2.5, 3.9])
    assert direction(view.field.arrow) == pytest.approx(g / np.hypot(*g))
    assert f"({g[0]:.2f}, {g[1]:.2f})" in view.ax.get_title()
    # and the grid arrows: the one nearest the dot points the way the gradient there does
    U, V = view.field.quiver.U, view.field.quiver.V
    assert np.allclose(np.hypot(U, V)[np.hypot(U, V) > 0], 1.0)


def test_variance_slice_tangent_has_the_gradient_as_slope_and_the_stems_add_up():
    view = viz.VarianceSliceView(X, Mixture([0.35, 0.65], [2.0, 4.3], [0.07, 0.19]))
    g = ref.grads(X, [0.35, 0.65], [2.0, 4.3], [0.07, 0.19])[1][0]
    tx, ty = view.tangent.get_data()
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(g)
    heights = np.array([seg[1, 1] for seg in view.stems.get_segments()])
    assert heights.sum() == pytest.approx(g)


def test_variance_field_marker_matches_mogcore():
    mix = Mixture([0.35, 0.65], [2.1, 4.3], [0.08, 0.19])
    view = viz.VarianceFieldView(X, mix)
    d_mu, d_var, _ = ref.grads(X, *mix)
    d_s = 2 * 0.08 * d_var[0]  # the chain rule, by hand
    assert view.field.dot.get_xydata()[0] == pytest.approx([2.1, 0.5 * np.log(0.08)])
    assert f"{d_mu[0]:.2f}" in view.ax.get_title() and f"{d_s:.2f}" in view.ax.get_title()
    sx, sy = view.spans
    expected = np.array([d_mu[0] / sx, d_s / sy])
    got = direction(view.field.arrow) * [1 / sx, 1 / sy]
    assert got / np.hypot(*got) == pytest.approx(expected / np.hypot(*expected))


def _peaks(L):
    """Local maxima that stand out by at least 1 (the finest contour step: smaller ones cannot show)."""
    from scipy.signal import find_peaks

    return len(find_peaks(np.asarray(L), prominence=1.0)[0])


@pytest.mark.parametrize("data", DATA)
def test_variance_field_resolves_every_narrow_peak_at_small_sigma(data):
    """Along the bottom row (the smallest sigma_1) the contour grid finds as many peaks in mu_1 as a grid
    a hundred times finer: no narrow peak falls between two grid nodes."""
    x = DATA[data]
    mix = Mixture([0.35, 0.65], np.percentile(x, [25, 75]), [np.var(x) / 10, np.var(x) / 4])
    view = viz.VarianceFieldView(x, mix)
    var1 = float(np.exp(2 * view.s1[0, 0]))

    def row(mu1):
        means = np.stack([mu1, np.full_like(mu1, mix.means[1])], axis=-1)
        variances = np.stack([np.full_like(mu1, var1), np.full_like(mu1, mix.variances[1])], axis=-1)
        return mogcore.log_likelihood(x, mix.weights, means, variances)

    fine = np.linspace(view.mu1[0, 0], view.mu1[0, -1], 100 * view.mu1.shape[1])
    expected = _peaks(row(fine))
    assert expected >= 5, "the bottom row should have many narrow peaks (else this test shows nothing)"
    assert _peaks(row(view.mu1[0])) == expected


def test_collapse_view_stays_finite_and_rises_as_sigma_shrinks():
    ex = viz.explore_collapse(X)
    values = []
    s = ex.sliders["var1"]
    for v1 in s.base ** np.linspace(s.max, s.min, 12):
        ex.set(var1=float(v1))
        values.append(float(ex.view.dot.get_ydata()[0]))
    assert np.all(np.isfinite(values)) and values[-1] > min(values) + 15
    assert np.all(np.diff(values[-6:]) > 0)
    n = ex.values["n"]
    w, var = [ex.values["pi1"], 1 - ex.values["pi1"]], [ex.values["var1"], X.var()]
    assert values[-1] == pytest.approx(ref.loglik(X, w, [np.sort(X)[n], X.mean()], var))


def test_weight_view_tangents_and_peak():
    mix = Mixture([0.6, 0.4], [2.0, 4.3], [0.06, 0.19])
    view = viz.WeightView(X, mix)
    nk = ref.resp(X, *mix).sum(axis=0)
    g = nk / mix.weights
    expected = {"exact": g[0] - g[1], "simplex": (g[0] - g[1]) / 2, "softmax": nk[0] - len(X) * 0.6, "partial": g[0]}
    for kind, line in view.tangents.items():
        tx, ty = line.get_data()
        assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(expected[kind]), kind
    best = float(view.best.get_xdata()[0])
    assert best == pytest.approx(float(mogcore.best_weight(X, mix.means, mix.variances)))
    assert view.em_next.get_xdata()[0] == pytest.approx(nk[0] / len(X))
    assert [b.get_height() for b in view.bars] == pytest.approx(nk.tolist())


def test_weight_view_survives_em_putting_every_point_in_component_1():
    """With component 2 narrow and right of the data every gamma_i1 rounds to 1.0, so EM's next pi_1 = N_1/m
    is 1.0, which is not a valid weight; the view marks it just inside (0, 1) instead of failing."""
    ex = viz.explore_weights(X)
    s = ex.sliders
    ex.set(
        pi1=s["pi1"].max, mu2=s["mu2"].max, var1=s["var1"].base ** s["var1"].max, var2=s["var2"].base ** s["var2"].min
    )
    n1_over_m = mogcore.em_step(X, *ex.mixture).weights[0]
    assert n1_over_m == 1.0  # the case this test is about
    x_next = ex.view.em_next.get_xdata()[0]
    assert 0 < x_next < 1 and np.isfinite(ex.view.em_next.get_ydata()[0])


def test_fitting_view_scrubs_along_the_paths():
    ex = viz.explore_fitting(X)
    ga, em = ex.view.paths
    ex.set(t=7)
    for path in (ga, em):
        assert ex.view.path_dots[path.method].get_xydata()[0] == pytest.approx(path.means[7])
    ex.set(step=0.5)
    assert ex.view.paths[0] is not ga and ex.view.paths[1] is em
    ex.set(start="collapse onto a point", t=300)
    assert ex.view.paths[1].stopped.startswith("collapsed")
    assert "EM: collapsed at iteration 1" in ex.readout.value  # the saved picture's header of the gap plot


@pytest.mark.parametrize("start", list(viz_fitting.STARTS))
def test_both_paths_are_visible_from_every_start(start):
    """On the field, or magnified in the inset when both are short there: from the default start each
    path spans at least a tenth of the axes it is shown in, from the others at least 3 % (a path that
    does not move at all excepted)."""
    view = viz.explore_fitting(X, start).view
    shown_in = view.zoom if view.zoom.get_visible() else view.field.ax
    assert view.zoom_box.get_visible() == view.zoom.get_visible()
    width = np.diff(shown_in.get_xlim())[0]
    for path in view.paths:
        pts = path.means[np.all(np.isfinite(path.means), axis=1)]
        extent = float(np.max(np.ptp(pts, axis=0)))
        if extent < 1e-9:  # "identical components": a fixed point, every step is zero
            continue
        least = 0.1 if start == "typical" else 0.03
        assert extent >= least * width, f"{start}: the {path.method} path spans {extent:.3g} of {width:.3g}"
        if shown_in is view.zoom:  # the whole of both paths inside the magnified box
            (x0, x1), (y0, y1) = shown_in.get_xlim(), shown_in.get_ylim()
            assert np.all((pts[:, 0] >= x0) & (pts[:, 0] <= x1) & (pts[:, 1] >= y0) & (pts[:, 1] <= y1))
    if start == "typical":
        assert view.zoom.get_visible(), "the default start's paths are short on the field: the inset should show"


def test_playground_bars_and_arrows_are_the_gradients_and_em():
    mix = Mixture(np.array([0.4, 0.6]), np.array([2.4, 4.0]), np.array([0.2, 0.3]))
    view = viz.PlaygroundView(X, mix)
    d_mu, d_var, d_pi = ref.grads(X, *mix)
    expected = np.concatenate([d_mu, 2 * mix.variances * d_var, [d_pi[0] - d_pi[1]]]) / len(X)
    assert [b.get_width() for b in view.bars] == pytest.approx(expected.tolist())
    _w, mu, _var = ref.em_fit(X, *mix, iters=1)
    for k, arrow in enumerate(view.arrows):
        assert arrow.xy[0] == pytest.approx(mu[k])  # the head: EM's new mean
        assert arrow.get_position()[0] == pytest.approx(mix.means[k])  # the tail


@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_nothing_but_component_2_is_drawn_near_its_orange(factory):
    from matplotlib.colors import to_rgb

    orange = np.array(to_rgb(viz.component_color(1)))
    for what, rgb in artist_colors(factory(X).fig):
        distance = float(np.linalg.norm(rgb - orange))  # RGB in [0, 1]; vermillion is 0.26 away
        assert distance == 0 or distance > 0.3, f"{what} is drawn in {rgb}, too close to component 2's orange"


def test_the_colour_check_can_fail():
    view = viz.MixtureView(X, FIT)
    view.mixture_line.set_color("#D55E00")  # vermillion, the old tangent colour
    from matplotlib.colors import to_rgb

    orange = np.array(to_rgb(viz.component_color(1)))
    near = [w for w, rgb in artist_colors(view.fig) if 0 < np.linalg.norm(rgb - orange) <= 0.3]
    assert near == ["line 'mixture $p(x)$'"] * 3


@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_projector_sharp_text_at_least_10_pt_and_png_at_twice_the_shown_width(factory):
    import struct

    ex = factory(X)
    fig = ex.fig
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text")) if t.get_text()]
    assert texts
    small = [(t.get_text(), t.get_fontsize()) for t in texts if t.get_visible() and t.get_fontsize() < 10]
    assert small == [], small
    png = ex.static_png
    png_width = struct.unpack(">I", png[16:20])[0]  # the IHDR chunk
    data, meta = ex._repr_mimebundle_()
    assert base64.b64decode(data["image/png"]) == png
    widest = meta["image/png"]["width"]  # the cell's width, up to this
    assert ex.image.layout.width == "100%" and ex.image.layout.max_width == f"{widest}px"
    assert png_width >= widest and png_width >= 900, "shown wider than its pixels: blurred"
    w, h = fig.get_size_inches()
    assert widest * h / w <= 560 + 1, "taller than two thirds of a laptop screen at its widest"


def test_collapse_view_starts_uncollapsed_and_the_collapse_wins_all_the_way_down():
    ex = viz.explore_collapse(X)
    view = ex.view
    assert ex.values["var1"] == pytest.approx(X.var())  # an ordinary width: nothing to see collapse yet
    best_off = float(view.best_off.get_ydata()[0])
    assert float(view.dot.get_ydata()[0]) < best_off
    s = ex.sliders["var1"]
    ex.set(var1=float(s.base**s.min))  # "move sigma_1^2 all the way down"
    assert float(view.dot.get_ydata()[0]) > best_off + 3
    assert float(view.on.get_ydata()[0]) > best_off  # within the range shown
    own, others = (bar.get_height() for bar in view.bars)
    assert own + others > 0  # a net gain, carried by the one point


def test_contour_colour_bars_say_plainly_what_they_show():
    views = [viz.MeanFieldView(X, FIT), viz.VarianceFieldView(X, FIT)]
    for view in views:
        labels = [ax.get_ylabel() for ax in view.fig.axes if ax.get_ylabel().startswith("contours")]
        assert labels == ["contours: $\\mathcal{L} - \\max\\,\\mathcal{L}$ on this grid"], labels


def test_the_fitting_headers_say_how_a_run_ended_without_never():
    """A run that used all its steps has not failed to converge: EM reaches the floor long before."""
    view = viz.FittingView(X, "typical", 0.1, 10)
    header = view.gap_ax.get_title()
    assert "never" not in header and header.count("all 300 steps run") == 2 and "(no stopping rule)" in header


def test_the_responsibility_bars_start_in_the_overlap():
    """02's explorer: at its start the five bars show mixed responsibilities, not five of one colour."""
    ex = viz.explore_responsibilities(X, [0.35, 0.65], [2.0, 4.3], [0.6, 0.05])
    lower = np.array([bar.get_height() for bar in ex.view.bars[0]])  # gamma_i1 at the picked points
    assert np.ptp(lower) > 0.8 and np.sum((lower > 0.1) & (lower < 0.9)) >= 3
    assert np.allclose(lower, mogcore.responsibilities(ex.view.picked, *ex.mixture)[:, 0])
    assert set(ex.view.picked) <= set(X)  # data points, each named under its bar


def test_the_weight_view_partial_slope_is_visible_and_the_n_k_swatch_has_both_colours():
    from matplotlib.colors import to_rgb

    view = viz.WeightView(X, FIT)
    partial = view.tangents["partial"]
    luminance = np.dot(to_rgb(partial.get_color()), [0.2126, 0.7152, 0.0722])
    assert luminance < 0.5 and partial.get_linewidth() >= 2, "the partial slope fades into the white background"
    legend = view.bar_ax.get_legend()
    view.fig.canvas.draw()
    swatch = next(h for h, t in zip(legend.legend_handles, legend.get_texts()) if t.get_text() == "$N_k$")
    drawn = legend.get_children()[0].findobj(lambda a: hasattr(a, "get_facecolor") and a.get_visible())
    shown = {to_rgb(p.get_facecolor()) for p in drawn}
    assert {to_rgb(viz.component_color(0)), to_rgb(viz.component_color(1))} <= shown, swatch


@pytest.mark.parametrize("start", list(STARTS))
def test_06s_magnified_paths_sit_in_a_corner_no_path_crosses_and_only_when_they_moved(start):
    view = viz.FittingView(X, start, STARTS[start]["step"], 10)
    pts = np.concatenate([p.means for p in view.paths])
    moved = float(np.ptp(pts, axis=0).max())
    if not view.zoom.get_visible():
        width = np.diff(view.field.ax.get_xlim())[0]
        assert moved < 1e-3 * width or moved > 0.1 * width, f"{start}: short paths, but not magnified"
        return
    assert moved > 0, f"{start}: the inset magnifies paths that never moved"
    view.fig.canvas.draw()
    box = view.zoom.get_window_extent()
    shown = view.field.ax.transData.transform(pts)
    inside = (shown[:, 0] > box.x0) & (shown[:, 0] < box.x1) & (shown[:, 1] > box.y0) & (shown[:, 1] < box.y1)
    assert not inside.any(), f"{start}: the inset hides part of a path"


def test_06s_fits_panel_draws_the_two_mixtures_and_no_component_curves():
    view = viz.FittingView(X, "typical", 0.1, 10)
    assert len(view.mixture_ax.lines) == 2


def test_a_curves_picture_draws_what_it_is_given_and_refuses_too_many_panels():
    t = np.linspace(0.0, 1.0, 11)
    panels = [viz.Panel("y", [viz.Curve("t", t, viz.component_color(0)), viz.Curve("1 - t", 1 - t, "#000000", "--")],
                        marks=[(0.5, "half")], yscale="linear", data=X)]  # fmt: skip
    view = viz.CurvesView(t, panels, "t")
    assert np.allclose(view.lines[0][1].get_ydata(), 1 - t) and view.lines[0][1].get_linestyle() == "--"
    assert view.marks[0][0].get_xdata() == [0.5, 0.5] and view.axes[0].patches  # the mark and the histogram
    view.update([viz.Panel("y", [viz.Curve("t", 2 * t, "#000000"), viz.Curve("1 - t", t, "#000000")])])
    assert np.allclose(view.lines[0][0].get_ydata(), 2 * t) and view.axes[0].get_ylim()[1] >= 2
    with pytest.raises(ValueError, match="panels must hold 1 to 3"):
        viz.CurvesView(t, panels * 4, "t")


def test_the_fitting_explorer_moves_its_changing_numbers_out_of_the_titles_and_into_a_readout():
    ex = viz.explore_fitting(X, "typical", t=10)
    view = ex.view
    ascent, em = view.paths
    said = f"iteration 10: L = {ascent.loglik[10]:.2f} (gradient ascent), {em.loglik[10]:.2f} (EM)"
    assert ex.readout.value.startswith(said) and ex.readout.value.endswith(
        "ascent: all 300 steps run; EM: all 300 steps run; (no stopping rule)"
    )
    titles = [view.mixture_ax.get_title(), view.field.ax.get_title(), view.gap_ax.get_title()]
    assert not any(ch.isdigit() for title in titles for ch in title), titles  # nothing to lay out again per frame
    ex.set(t=25)
    assert ex.readout.value.startswith("iteration 25: L = ") and f"{ascent.loglik[25]:.2f}" in ex.readout.value
    saved = viz.FittingView(X, "typical", 0.1, 10)  # a picture, or the explorer's saved first frame
    assert f"{em.loglik[10]:.2f}" in saved.mixture_ax.get_title() and "10" in saved.field.ax.get_title()
    assert ex.static_png != ex.image.value  # the saved frame shows the numbers the live one leaves out


#: Explorers whose live numbers are in a readout, and the controls whose moves may change a title's words.
READOUTS = {
    viz.explore_mixture: (), viz.explore_mean_contributions: (), viz.explore_mean_field: (),
    viz.explore_variance_slice: (), viz.explore_variance_field: (), viz.explore_collapse: ("n",),
    viz.explore_weights: (), viz.explore_fitting: (), viz.explore_playground: ("step",),
    explore_covariance_2d: ("component",), explore_em_2d: (),
}  # fmt: skip
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")


def _titles(fig) -> list[str]:
    return [ax.get_title(loc=loc) for ax in fig.axes for loc in ("left", "center", "right")]


def test_exactly_the_explorers_with_changing_numbers_show_them_in_a_readout():
    with_readout = {factory for factory in EXPLORERS if factory(X).readout is not None}
    assert with_readout == set(READOUTS)


def one_press(s, presses: int):
    """A slider's value ``presses`` key presses from where it is (negative: down), in plain float arithmetic;
    None past its end."""
    at = np.log10(s.value) / np.log10(s.base) if hasattr(s, "base") else s.value
    to = at + presses * s.step
    if not s.min - 1e-9 <= to <= s.max + 1e-9:
        return None
    return s.base**to if hasattr(s, "base") else type(s.value)(to)


@pytest.mark.parametrize("factory", list(READOUTS), ids=lambda f: f.__name__)
def test_every_key_press_changes_the_live_figure_itself_not_only_the_readout(factory):
    ex = factory(X)
    for name, s in ex.sliders.items():
        if not hasattr(s, "step"):
            continue
        way = 1 if one_press(s, 6) is not None else -1  # toward the end with room for five presses
        for _ in range(5):
            before = ex.image.value
            s.value = one_press(s, way)
            assert ex.image.value != before, f"{name} = {s.value}: the same picture (only the readout moved?)"


@pytest.mark.parametrize("factory", list(READOUTS), ids=lambda f: f.__name__)
def test_live_titles_keep_their_words_and_the_readout_gives_the_numbers_a_saved_picture_shows(factory):
    ex = factory(X)
    first = ex.readout.value
    for name, s in ex.sliders.items():
        titles = _titles(ex.fig)
        ex.set(**{name: next(v for v in corners(s) if v != s.value)})
        if name not in READOUTS[factory]:  # a title that changes is laid out again at every frame
            assert _titles(ex.fig) == titles, f"{name} changed a live title"
    assert ex.readout.value != first
    ex.view.live = False  # the same state as a saved picture: every number of the readout is in a title
    ex._update(ex.values)
    shown = set(NUMBER.findall(" ".join(_titles(ex.fig))))
    said = NUMBER.findall(re.sub(r"<su[bp]>.*?</su[bp]>", "", ex.readout.value))
    assert said and set(said) <= shown, (said, shown)
