"""Notebook 07's figures: every number they show is mogcore.multivariate's."""

import matplotlib.colors
import numpy as np
import pytest

from mogcore import multivariate as mv
from mogcore import viz

from . import spies
from .test_viz import MIX2, START2, X2


def test_covariance_explorer_shows_mogcores_gradients_and_the_em_move_of_each_mean():
    ex = viz.explore_covariance(X2, MIX2)
    view, mix = ex.view, MIX2
    L, g = mv.value_and_gradients(X2, *mix)
    assert f"L = {float(L):.2f}" in ex.readout.value and view.ax.get_title() == "component 1"
    assert f"∂L/∂μ<sub>1</sub> = ({g.means[0, 0]:.2f}, {g.means[0, 1]:.3f})" in ex.readout.value
    em = mv.em_step(X2, *mix)
    for k in range(2):
        # the arrow runs from mu_k to mu_k + Sigma_k dL/dmu_k / N_k: EM's new mean
        assert view.arrows[k].get_position() == pytest.approx(tuple(mix.means[k]))
        assert view.arrows[k].xy == pytest.approx(tuple(em.means[k]), rel=1e-9)
        assert view.data.ellipses[k][0].get_center() == pytest.approx(tuple(mix.means[k]))
    gamma = mv.responsibilities(X2, *mix)
    n = gamma.sum(axis=0)
    stepped = mv.covariance_step(mix.covariances, g.covariances, n)[0]
    assert view.step.get_width() == pytest.approx(mv.ellipse_geometry(mix.means[0], stepped, 1.0)[1])
    d0 = X2 - mix.means[0]
    weighted = (gamma[:, :1] * d0).T @ d0 / n[0]
    assert stepped == pytest.approx(0.5 * (mix.covariances[0] + weighted))  # the average of Sigma and W: always valid


def test_at_a_stationary_point_the_step_ellipse_is_the_ellipse():
    fit = mv.MvMixture(np.array([0.5, 0.5]), np.array([[2.0, 55.0], [4.5, 80.0]]), np.array([np.diag([0.5, 50.0])] * 2))
    for _ in range(200):
        fit = mv.em_step(X2, *fit)
    view = viz.EllipseView(X2, fit, 0)
    solid = view.data.ellipses[0][0]
    assert view.step.get_width() == pytest.approx(solid.get_width(), rel=1e-9)
    assert view.step.get_height() == pytest.approx(solid.get_height(), rel=1e-9)


def test_the_toggle_moves_the_sliders_to_the_other_component_and_back_in_one_render():
    ex = viz.explore_covariance(X2, MIX2)
    ex.set(mu_x=2.5)
    renders = spies.frames(ex)
    ex.sliders["component"].value = "2"
    assert renders.count == 1
    assert ex.values["mu_x"] == pytest.approx(4.2) and ex.values["mu_y"] == pytest.approx(78.0)
    assert "component 2" in ex.view.ax.get_title()
    ex.sliders["component"].value = "1"
    assert ex.values["mu_x"] == pytest.approx(2.5), "component 1 kept the value it was moved to"
    ex.set(rho=-0.5, sd_y=4.0)
    sx = ex.values["sd_x"]
    shown = ex.view.data.ellipses[0][0]
    expected = mv.ellipse_geometry(np.array([2.5, 56.0]), mv.covariance(sx, 4.0, -0.5), 1.0)
    assert shown.get_width() == pytest.approx(expected[1]) and shown.get_angle() == pytest.approx(expected[3])


def test_em_view_scrubs_the_iterates_and_its_log_likelihood_never_falls():
    ex = viz.explore_em_2d(X2, START2, iters=40, t=0)
    view = ex.view
    assert np.all(np.diff(view.path.loglik) >= -1e-9)
    assert view.path.loglik[-1] == pytest.approx(-1130.264, abs=1e-3)
    ex.set(t=25)
    mu = view.path.means[25]
    assert view.data.centres[1].get_xydata()[0] == pytest.approx(mu[1])
    assert len(view.trails[0].get_xydata()) == 26
    assert f"EM iteration 25: L = {view.path.loglik[25]:.3f}" in ex.readout.value
    gamma = mv.responsibilities(X2, *view.path.at(25))[:, 0]
    np.testing.assert_allclose(np.asarray(view.data.points.get_array()), gamma)


def test_at_the_fit_the_title_says_zero_not_rounding_noise():
    fit = mv.MvMixture(np.array([0.5, 0.5]), np.array([[2.0, 55.0], [4.5, 80.0]]), np.array([np.diag([0.5, 50.0])] * 2))
    for _ in range(200):
        fit = mv.em_step(X2, *fit)
    assert np.abs(mv.value_and_gradients(X2, *fit)[1].covariances).max() < 1e-9  # the gradient is rounding there
    title = viz.EllipseView(X2, fit, 0).ax.get_title()
    assert "e-" not in title and "[[0, 0], [0, 0]]" in title, title


def test_the_picture_of_a_fit_draws_no_moves_and_the_live_view_no_purple():
    fit = mv.em_fit(X2, [0.5, 0.5], [[2.0, 55.0], [4.5, 80.0]], [np.diag([0.5, 50.0])] * 2, iters=200).final
    still = viz.EllipseView(X2, fit, 0, moves=False)
    assert not still.step.get_visible() and not any(a.get_visible() for a in still.arrows)
    live = viz.EllipseView(X2, MIX2, 0)
    assert live.step.get_visible() and all(a.get_visible() for a in live.arrows)
    assert live.step.get_edgecolor()[:3] != pytest.approx(matplotlib.colors.to_rgb(viz.palette.PURPLE))


def test_em_path_title_holds_the_weights_above_the_data_panel():
    view = viz.EMPathView(X2, START2, iters=10, t=4)
    w = view.path.weights[4]
    assert f"({w[0]:.3f}, {w[1]:.3f})" in view.ax.get_title() and view.gain_ax.get_title() == ""
