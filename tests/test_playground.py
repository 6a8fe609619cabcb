"""Notebook 00's playground buttons: each press is exactly one step of mogcore's algorithm, drawn as a trail
and a point on the plot of L by step, with the sliders moved to the new parameters."""

from __future__ import annotations

import numpy as np
import pytest

import mogcore
from mogcore import viz
from mogcore.fitting import gradient_ascent

from . import spies
from .test_frames import assert_same, full_redraw, pixels

X = mogcore.load_old_faithful()


def same(a, b) -> bool:
    return all(np.array_equal(p, q) for p, q in zip(a, b))


def test_one_em_press_is_exactly_one_em_step_and_one_frame():
    ex = viz.explore_playground(X)
    renders = spies.frames(ex)
    before = ex.mixture
    ex.buttons["EM step"].click()
    assert same(ex.mixture, mogcore.em_step(X, *before)), "a press is not em_step"
    assert renders.count == 1
    for name, value in viz.slider_values(ex.mixture).items():  # the sliders show the new parameters
        assert ex.values[name] == pytest.approx(viz.on_slider_grid(ex.sliders[name], value), rel=1e-12)
        assert abs(np.log(ex.values[name] / value)) < 0.03 or abs(ex.values[name] - value) < 0.01
    assert_same(pixels(ex.image.value), full_redraw(ex.fig), "after a press")


@pytest.mark.parametrize("alpha", [0.1, 1.0])
def test_one_ascent_press_is_exactly_one_gradient_ascent_step_with_the_sliders_alpha(alpha):
    ex = viz.explore_playground(X, step=alpha)
    assert ex.values["step"] == pytest.approx(alpha)
    before = ex.mixture
    ex.buttons["ascent step"].click()
    assert same(ex.mixture, gradient_ascent(X, *before, step=ex.values["step"], iters=1).final)


def test_the_trail_and_the_plot_of_L_by_step_follow_the_presses_and_undo_and_reset():
    ex = viz.explore_playground(X)
    start = ex.mixture
    path = [start]
    for _ in range(4):
        ex.buttons["EM step"].click()
        path.append(mogcore.em_step(X, *path[-1]))
    Ls = [float(mogcore.log_likelihood(X, *m)) for m in path]
    np.testing.assert_allclose(ex.view.steps_line.get_ydata(), Ls, rtol=1e-12)
    assert np.all(np.diff(ex.view.steps_line.get_ydata()) > 0), "EM lowered L"
    for k, trail in enumerate(ex.view.trails):
        np.testing.assert_array_equal(trail.get_xdata(), [m.means[k] for m in path])
    ex.buttons["undo"].click()
    assert same(ex.mixture, path[3]) and len(ex.view.steps_line.get_xdata()) == 4
    assert f"L = {Ls[3]:.2f}" in ex.readout.value
    ex.buttons["reset"].click()
    assert same(ex.mixture, start) and len(ex.view.steps_line.get_xdata()) == 1
    ex.buttons["undo"].click()  # nothing to undo at the start of a trail
    assert same(ex.mixture, start)


def test_a_slider_moved_by_hand_sets_its_parameter_and_starts_a_new_trail():
    ex = viz.explore_playground(X)
    ex.buttons["EM step"].click()
    exact = ex.mixture
    ex.set(mu1=2.5)
    assert ex.mixture.means[0] == 2.5 and ex.mixture.means[1] == exact.means[1], "the other parameters snapped"
    assert np.array_equal(ex.mixture.variances, exact.variances)
    assert len(ex.view.steps_line.get_xdata()) == 1
    ex.set(step=0.5)  # the step size is not a parameter: nothing moves
    assert ex.mixture.means[0] == 2.5


def test_the_browsers_echo_of_the_slider_values_is_not_a_move():
    """After a press JupyterLab sends each moved slider's value back, recomputed in JavaScript and off in the
    last digits: the trail and the exact parameters must survive it (they did not, in a real Lab)."""
    ex = viz.explore_playground(X)
    for _ in range(2):
        ex.buttons["EM step"].click()
        exact = ex.mixture
        for name in ("var1", "var2", "mu1", "pi1"):
            ex.sliders[name].value = ex.values[name] * (1 + 3e-16)  # the echo, as the browser delivers it
        assert same(ex.mixture, exact), "the echo snapped the exact parameters to the grid"
    assert len(ex.view.steps_line.get_xdata()) == 3, "the echo restarted the trail"


def test_a_press_inside_held_renders_once_at_the_end():
    ex = viz.explore_playground(X)
    renders = spies.frames(ex)
    with ex.held():
        ex.buttons["EM step"].click()
        ex.buttons["EM step"].click()
        assert renders.count == 0
    assert renders.count == 1 and len(ex.view.steps_line.get_xdata()) == 3
