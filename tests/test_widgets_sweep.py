"""Drive every explorer's sliders from Python: no callback raises, nothing plotted is NaN."""

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

import mogcore
from mogcore import widgets as W

EXPLORERS = [
    W.explore_mixture,
    W.explore_responsibilities,
    W.explore_mean_contributions,
    W.explore_mean_field,
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
    return np.linspace(s.min, s.max, n) if not hasattr(s, "base") else s.base ** np.linspace(s.min, s.max, n)


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_each_slider_alone_over_its_range(factory, data):
    ex = factory(DATA[data])
    for name, s in ex.sliders.items():
        start = s.value
        before = ex.image.value
        for v in slider_stops(s):
            ex.set(**{name: float(v)})
            assert ex.params[name] == pytest.approx(s.value)
            assert_all_finite(ex)
        assert ex.image.value != before, f"moving {name} did not change the figure"
        ex.set(**{name: start})


@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_sliders_in_combination(factory):
    x = DATA["old_faithful"]
    ex = factory(x)
    s = ex.sliders
    rng = np.random.default_rng(11)
    corners = itertools.product(*[(s[n].min, s[n].max) for n in ("pi1", "mu1", "mu2")])
    for pi1, mu1, mu2 in corners:
        ex.set(pi1=pi1, mu1=mu1, mu2=mu2, var1=s["var1"].base ** s["var1"].min, var2=s["var2"].base ** s["var2"].max)
        assert_all_finite(ex)
    for _ in range(10):
        vals = {n: float(rng.uniform(s[n].min, s[n].max)) for n in ("pi1", "mu1", "mu2")}
        vals.update({n: float(s[n].base ** rng.uniform(s[n].min, s[n].max)) for n in ("var1", "var2")})
        ex.set(**vals)
        assert_all_finite(ex)


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
