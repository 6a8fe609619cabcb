"""Drive every explorer's sliders from Python: no callback raises, nothing plotted is NaN."""

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

import mogcore
from mogcore import plots
from mogcore import widgets as W

EXPLORERS = [
    W.explore_mixture,
    W.explore_responsibilities,
    W.explore_mean_contributions,
    W.explore_mean_field,
    W.explore_variance_slice,
    W.explore_variance_field,
    W.explore_collapse,
    W.explore_weights,
    W.explore_fitting,
    W.explore_playground,
]
DATA = {
    "old_faithful": mogcore.load_old_faithful(),
    "sampled": mogcore.sample(300, [0.3, 0.7], [-2.0, 3.0], [0.5, 2.0], rng=np.random.default_rng(7))[0],
}


def assert_all_finite(ex):
    values = W.plotted_values(ex.fig)
    assert values, "the figure shows nothing"
    for v in values:
        assert np.all(np.isfinite(v)), f"non-finite plotted value in {ex.fig}"


def slider_stops(s, n=5):
    if hasattr(s, "options"):  # a dropdown: every option
        return list(s.options)
    if hasattr(s, "base"):
        return s.base ** np.linspace(s.min, s.max, n)
    return np.linspace(s.min, s.max, n)


def random_value(s, rng):
    if hasattr(s, "options"):
        return s.options[rng.integers(len(s.options))]
    if hasattr(s, "base"):
        return float(s.base ** rng.uniform(s.min, s.max))
    value = rng.uniform(s.min, s.max)
    return round(value) if isinstance(s.value, int) else float(value)


def corners(s):
    if hasattr(s, "options"):
        return (s.options[0], s.options[-1])
    if hasattr(s, "base"):
        return (s.base**s.min, s.base**s.max)
    return (s.min, s.max)


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_each_slider_alone_over_its_range(factory, data):
    ex = factory(DATA[data])
    for name, s in ex.sliders.items():
        start = s.value
        before = ex.image.value
        with ex.held():  # every stop updates the artists; the image is rendered once, at the end
            for v in slider_stops(s):
                ex.set(**{name: v if isinstance(v, str) else float(v)})
                if not isinstance(v, str):
                    assert ex.params[name] == pytest.approx(s.value)
                assert_all_finite(ex)
        assert ex.image.value != before, f"moving {name} did not change the figure"
        ex.set(**{name: start})


@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_sliders_in_combination(factory):
    """Every corner of the first three sliders (the rest at their extremes), then random settings."""
    x = DATA["old_faithful"]
    ex = factory(x)
    s = ex.sliders
    names = list(s)
    rng = np.random.default_rng(11)
    with ex.held():
        for combo in itertools.product(*[corners(s[n]) for n in names[:3]]):
            values = dict(zip(names[:3], combo))
            values.update({n: corners(s[n])[i % 2] for i, n in enumerate(names[3:])})
            ex.set(**values)
            assert_all_finite(ex)
    with ex.held():
        for _ in range(10):
            ex.set(**{n: random_value(s[n], rng) for n in names})
            assert_all_finite(ex)
    assert plots.figure_png(ex.fig)[:4] == b"\x89PNG"  # and the last state still renders


def test_every_slider_redraws_exactly_once_per_change():
    ex = W.explore_mixture(DATA["old_faithful"])
    n = ex.renders
    ex.set(mu1=2.5)
    ex.set(var2=0.2)
    assert ex.renders == n + 2


def test_sliders_are_labelled_with_math_symbols_and_show_values():
    ex = W.explore_mean_field(DATA["old_faithful"])
    labels = {s.description for s in ex.sliders.values()}
    assert labels == {r"$\pi_1$", r"$\mu_1$", r"$\mu_2$", r"$\sigma_1^2$", r"$\sigma_2^2$"}
    assert all(s.readout and s.continuous_update for s in ex.sliders.values())


def test_mixture_view_title_shows_the_loglik():
    x = DATA["old_faithful"]
    ex = W.explore_mixture(x)
    ex.set(mu1=2.0, mu2=4.3, pi1=0.35, var1=0.07, var2=0.19)
    L = float(mogcore.log_likelihood(x, [0.35, 0.65], [2.0, 4.3], [0.07, 0.19]))
    assert ex.view["loglik"] == pytest.approx(L)
    assert f"{L:.2f}" in ex.view["ax"].get_title()


def test_field_marker_gradient_matches_mogcore():
    x = DATA["old_faithful"]
    ex = W.explore_mean_field(x)
    ex.set(mu1=2.5, mu2=3.9)
    p = ex.params
    g = mogcore.gradients(x, [p["pi1"], 1 - p["pi1"]], [p["mu1"], p["mu2"]], [p["var1"], p["var2"]])
    assert np.allclose(ex.view["gradient"], g.means)


NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_executed_in_order_and_small(path):
    nb = json.loads(path.read_text())
    counts = [c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1)), "re-run the notebook top to bottom (make notebooks)"
    assert path.stat().st_size < 1.5 * 2**20
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            assert o.get("output_type") != "error", f"{path.name} was committed with an error"
    live = [
        c
        for c in nb["cells"]
        if c["cell_type"] == "code" and "explore_" in "".join(c["source"]) and "import" not in "".join(c["source"])
    ]
    for c in live:
        assert "nbval-ignore-output" in c["metadata"].get("tags", [])
        assert any("image/png" in o.get("data", {}) for o in c["outputs"]), "no static figure under a live one"


def test_variance_slice_tangent_has_the_gradient_as_slope():
    x = DATA["old_faithful"]
    ex = W.explore_variance_slice(x, dict(pi1=0.35, mu1=2.0, mu2=4.3, var1=0.1, var2=0.19))
    ex.set(var1=0.07)
    g = mogcore.gradients(x, [0.35, 0.65], [2.0, 4.3], [ex.params["var1"], 0.19]).variances[0]
    tx, ty = ex.view["tangent"].get_data()
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(g)
    assert ex.view["terms"].sum() == pytest.approx(g)


def test_variance_field_marker_matches_mogcore():
    x = DATA["old_faithful"]
    ex = W.explore_variance_field(x)
    ex.set(mu1=2.1, var1=0.08)
    p = ex.params
    args = (x, [p["pi1"], 1 - p["pi1"]], [p["mu1"], p["mu2"]], [p["var1"], p["var2"]])
    assert ex.view["gradient"][0] == pytest.approx(mogcore.gradients(*args).means[0])
    assert ex.view["gradient"][1] == pytest.approx(mogcore.log_sigma_gradient(*args)[0])


def test_collapse_view_stays_finite_and_rises_as_sigma_shrinks():
    x = DATA["old_faithful"]
    ex = W.explore_collapse(x)
    values = []
    for v1 in ex.sliders["var1"].base ** np.linspace(ex.sliders["var1"].max, ex.sliders["var1"].min, 12):
        ex.set(var1=float(v1))
        values.append(ex.view["loglik"])
    assert np.all(np.isfinite(values)) and values[-1] > min(values) + 15
    assert np.all(np.diff(values[-6:]) > 0)


def test_weight_view_slopes_and_peak():
    x = DATA["old_faithful"]
    ex = W.explore_weights(x, dict(pi1=0.6, mu1=2.0, mu2=4.3, var1=0.06, var2=0.19))
    s = ex.view["slopes"]
    exact = mogcore.weight_gradient(x, [0.6, 0.4], [2.0, 4.3], [0.06, 0.19], kind="simplex")[0] * 2
    assert s["exact"] == pytest.approx(exact) and s["projected"] == pytest.approx(exact / 2)
    assert s["softmax"] == pytest.approx(0.6 * 0.4 * exact)
    best = ex.view["best"]  # where the exact derivative is 0, pi_1 = N_1 / m
    n1 = mogcore.responsibilities(x, [best, 1 - best], [2.0, 4.3], [0.06, 0.19])[:, 0].sum()
    assert best == pytest.approx(n1 / len(x), abs=1e-3)


def test_fitting_view_scrubs_along_the_paths():
    x = DATA["old_faithful"]
    ex = W.explore_fitting(x)
    ga, em = ex.view["paths"]
    ex.set(t=7)
    at_ga, at_em = ex.view["at"]
    assert np.array_equal(at_ga.means, ga.means[7]) and np.array_equal(at_em.means, em.means[7])
    ex.set(step=0.5)
    assert ex.view["paths"][0] is not ga and ex.view["paths"][1].loglik[-1] == pytest.approx(em.loglik[-1])
    ex.set(start="collapse onto a point", t=300)
    assert ex.view["paths"][1].stopped.startswith("collapsed")


def test_playground_bars_are_the_gradients_per_point():
    x = DATA["old_faithful"]
    ex = W.explore_playground(x)
    ex.set(mu1=2.3)
    p = ex.params
    args = (x, [p["pi1"], 1 - p["pi1"]], [p["mu1"], p["mu2"]], [p["var1"], p["var2"]])
    g = mogcore.gradients(*args)
    expected = np.concatenate([g.means, mogcore.log_sigma_gradient(*args), [g.weights[0] - g.weights[1]]]) / len(x)
    assert np.allclose(ex.view["bar_values"], expected)


def test_held_renders_once_at_the_end():
    ex = W.explore_mixture(DATA["old_faithful"])
    n = ex.renders
    with ex.held():
        ex.set(mu1=2.5)
        ex.set(var2=0.2, pi1=0.3)
        assert ex.renders == n
    assert ex.renders == n + 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_slides_and_converts_to_a_slideshow(path):
    import nbformat
    from nbconvert import SlidesExporter

    nb = nbformat.read(path, as_version=4)
    slides = [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "slide"]
    assert len(slides) >= 2, "mark the cells a presenter steps through (see notebooks/TEACHING.md)"
    html, _ = SlidesExporter().from_notebook_node(nb)
    assert html.count("<section") >= len(slides)


def test_choosing_a_named_start_sets_its_step():
    ex = W.explore_fitting(DATA["old_faithful"])
    ex.set(start="too large a step")
    assert ex.sliders["step"].value == pytest.approx(0.8, rel=0.06)  # a log slider snaps to its grid
    assert ex.view["key"] == ("too large a step", pytest.approx(ex.sliders["step"].value))
    ex.set(start="typical")
    assert ex.sliders["step"].value == pytest.approx(0.1, rel=0.06)


def test_playground_arrows_end_where_em_moves_the_means():
    x = DATA["old_faithful"]
    ex = W.explore_playground(x, dict(pi1=0.4, mu1=2.4, mu2=4.0, var1=0.2, var2=0.3))
    em = mogcore.em_step(x, [0.4, 0.6], [2.4, 4.0], [0.2, 0.3])
    for k, arrow in enumerate(ex.view["arrows"]):
        assert arrow.xy[0] == pytest.approx(em.means[k])  # the head
        assert arrow.get_position()[0] == pytest.approx([2.4, 4.0][k])  # the tail
