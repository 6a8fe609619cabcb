"""Every formula of notebooks/CHEATSHEET.md, checked against finite differences or an independent computation."""

import re
from pathlib import Path

import numpy as np
import pytest

import mogcore
import mogcore.fitting

from . import reference as ref

SHEET = Path(__file__).resolve().parents[1] / "notebooks" / "CHEATSHEET.md"
X = mogcore.load_old_faithful()
M = len(X)
W, MU, VAR = np.array([0.4, 0.6]), np.array([2.1, 4.2]), np.array([0.09, 0.2])


def fd(f, theta, h=1e-6):
    return (f(theta + h) - f(theta - h)) / (2 * h)


def test_the_sheet_fits_on_one_page_and_names_every_equation_it_shows():
    text = SHEET.read_text()
    assert len(text.splitlines()) <= 60
    tags = ("1.3", "1.4", "2.1", "3.3", "4.4", "4.5", "5.1", "5.2", "5.3", "5.4", "5.5", "6.1", "6.2", "4.6")
    tags += ("7.6", "7.7", "8.2", "8.4", "8.5")
    for tag in tags:
        assert f"({tag})" in text or f"\\tag{{{tag}}}" in text, tag


def test_model_loglik_and_responsibilities():
    a = ref.log_joint(X, W, MU, VAR)
    top = a.max(axis=1)
    by_14 = (top + np.log(np.exp(a - top[:, None]).sum(1))).sum()
    assert float(mogcore.log_likelihood(X, W, MU, VAR)) == pytest.approx(by_14)
    gamma = mogcore.responsibilities(X, W, MU, VAR)
    assert np.allclose(gamma, np.exp(a) / np.exp(a).sum(axis=1, keepdims=True))


def moved(values, k, t):
    """``values`` with entry k replaced by t."""
    return np.where(np.arange(len(values)) == k, t, values)


@pytest.mark.parametrize("k", [0, 1])
def test_the_four_boxed_gradients(k):
    gamma, d = ref.resp(X, W, MU, VAR)[:, k], (X - MU[k])

    def L_var(t):
        return ref.loglik(X, W, MU, moved(VAR, k, t))

    assert fd(lambda t: ref.loglik(X, W, moved(MU, k, t), VAR), MU[k]) == pytest.approx((gamma * d / VAR[k]).sum())
    by_44 = 0.5 * (gamma * (d**2 / VAR[k] ** 2 - 1 / VAR[k])).sum()
    assert fd(L_var, VAR[k], 1e-8) == pytest.approx(by_44, rel=1e-5)
    by_45 = (gamma * (d**2 / VAR[k] - 1)).sum()
    assert fd(lambda s: L_var(np.exp(2 * s)), 0.5 * np.log(VAR[k])) == pytest.approx(by_45, rel=1e-6)
    free = fd(lambda t: ref.loglik(X, moved(W, k, t), MU, VAR), W[k])  # pi_k moved alone: the free partial
    assert free == pytest.approx(gamma.sum() / W[k], rel=1e-6)


def test_the_weights_under_the_constraint():
    n = ref.resp(X, W, MU, VAR).sum(axis=0)
    exact = fd(lambda p: ref.loglik(X, [p, 1 - p], MU, VAR), W[0])
    assert exact == pytest.approx(n[0] / W[0] - n[1] / W[1], rel=1e-6)
    assert exact == pytest.approx((n[0] - M * W[0]) / (W[0] * W[1]), rel=1e-6)
    second = (ref.loglik(X, [W[0] + 1e-4, W[1] - 1e-4], MU, VAR) - 2 * ref.loglik(X, W, MU, VAR)) + ref.loglik(
        X, [W[0] - 1e-4, W[1] + 1e-4], MU, VAR
    )
    assert second < 0  # (5.4): concave along pi_1
    eta = np.log(W)
    L_eta = lambda t: ref.loglik(X, np.exp([t, eta[1]]) / np.exp([t, eta[1]]).sum(), MU, VAR)  # noqa: E731
    assert fd(L_eta, eta[0]) == pytest.approx(n[0] - M * W[0], rel=1e-6)
    fit = mogcore.fitting.em_fit(X, W, MU, VAR, iters=2000, tol=1e-12).final  # (5.2): lambda = -m at the fit
    n_fit = ref.resp(X, *fit).sum(axis=0)
    assert np.allclose(n_fit / fit.weights, M, rtol=1e-7) and np.allclose(fit.weights, n_fit / M, atol=1e-9)


def test_em_as_preconditioned_gradient_steps():
    em = mogcore.em_step(X, W, MU, VAR)
    d_mu, d_var, _ = ref.grads(X, W, MU, VAR)
    n = ref.resp(X, W, MU, VAR).sum(axis=0)
    assert np.allclose(em.means, MU + VAR / n * d_mu)
    assert np.allclose(em.weights, n / M)
    assert np.allclose(em.variances, VAR + 2 * VAR**2 / n * d_var - (em.means - MU) ** 2)


def test_identical_components_em_keeps_them_together_gradient_ascent_parts_unequal_weights():
    same = ([0.3, 0.7], [X.mean()] * 2, [X.var()] * 2)
    assert np.allclose(ref.resp(X, *same), [0.3, 0.7])
    d_mu, d_var, _ = ref.grads(X, *same)
    assert np.allclose(d_mu, 0, atol=1e-9) and np.allclose(d_var, 0, atol=1e-9)
    elsewhere = ([0.3, 0.7], [3.0, 3.0], [1.0, 1.0])  # identical, not at the data's mean and variance
    em = mogcore.fitting.em_fit(X, *elsewhere, iters=50)
    assert np.ptp(em.means, axis=1).max() < 1e-9  # EM: the same update for both, for ever
    d_mu, _, _ = ref.grads(X, *elsewhere)
    assert d_mu[0] / 0.3 == pytest.approx(d_mu[1] / 0.7) and abs(d_mu[0] - d_mu[1]) > 1  # steps scale with pi_k
    ascent = mogcore.fitting.gradient_ascent(X, *elsewhere, step=0.1, iters=3000)
    assert np.ptp(ascent.final.means) > 2  # ... so gradient ascent separates them
    equal = mogcore.fitting.gradient_ascent(X, [0.5, 0.5], [3.0, 3.0], [1.0, 1.0], step=0.1, iters=300)
    assert np.ptp(equal.means, axis=1).max() == 0  # equal weights: equal steps


def test_the_sheet_is_linked_from_where_students_and_teachers_start():
    root = SHEET.parents[1]
    assert re.search(r"CHEATSHEET\.md", (root / "notebooks" / "TEACHING.md").read_text())
    assert re.search(r"CHEATSHEET\.md", (root / "README.md").read_text())
    assert "CHEATSHEET.md" in (root / "notebooks" / "00_start_here.ipynb").read_text()


def test_the_d_dimensional_gradients_and_the_em_covariance():
    """(7.3) and (7.6) written out with inverses, against finite differences; (7.7) against EM; the doubling."""
    from mogcore import multivariate as mv

    X2 = mogcore.load_old_faithful("both")
    w, mu = np.array([0.35, 0.65]), np.array([[2.2, 56.0], [4.2, 78.0]])
    cov = np.array([[[0.09, 0.5], [0.5, 30.0]], [[0.2, 1.2], [1.2, 42.0]]])
    gamma = mv.responsibilities(X2, w, mu, cov)
    P = np.linalg.inv(cov)
    d = X2[:, None, :] - mu
    pd = np.einsum("kij,mkj->mki", P, d)
    g_mu = np.einsum("mk,mki->ki", gamma, pd)  # (7.3)
    g_cov = 0.5 * (np.einsum("mk,mki,mkj->kij", gamma, pd, pd) - gamma.sum(0)[:, None, None] * P)  # (7.6)
    h = 1e-6
    for k, j in [(0, 0), (1, 1)]:
        e = np.zeros_like(mu)
        e[k, j] = h
        fd_mu = (mv.log_likelihood(X2, w, mu + e, cov) - mv.log_likelihood(X2, w, mu - e, cov)) / (2 * h)
        assert g_mu[k, j] == pytest.approx(fd_mu, rel=1e-5)
        E = np.zeros_like(cov)
        E[k, j, j] = h
        fd_cov = (mv.log_likelihood(X2, w, mu, cov + E) - mv.log_likelihood(X2, w, mu, cov - E)) / (2 * h)
        assert g_cov[k, j, j] == pytest.approx(fd_cov, rel=1e-5)
    E = np.zeros_like(cov)
    E[0, 0, 1] = E[0, 1, 0] = h  # symmetric perturbation: twice the off-diagonal entry
    fd_sym = (mv.log_likelihood(X2, w, mu, cov + E) - mv.log_likelihood(X2, w, mu, cov - E)) / (2 * h)
    assert fd_sym == pytest.approx(2 * g_cov[0, 0, 1], rel=1e-5)
    em = mv.em_step(X2, w, mu, cov)
    n = gamma.sum(0)
    for k in range(2):
        dk = X2 - em.means[k]
        assert em.covariances[k] == pytest.approx((gamma[:, k, None] * dk).T @ dk / n[k])  # (7.7)
        W = (gamma[:, k, None] * d[:, k]).T @ d[:, k] / n[k]  # about the current mean
        assert cov[k] @ g_cov[k] @ cov[k] == pytest.approx(n[k] / 2 * (W - cov[k]))  # so (7.6) = 0 exactly at W
        move = em.means[k] - mu[k]
        assert em.covariances[k] == pytest.approx(W - np.outer(move, move))  # EM: W minus the mean's move


def test_second_order_the_mean_block_and_the_information_split():
    """(8.2) against finite differences of (3.3) written independently, and (8.4)'s parts against their definitions."""
    gamma = ref.resp(X, W, MU, VAR)
    d = (X[:, None] - MU) / VAR
    by_82 = np.array(
        [[(gamma[:, k] * ((k == j) - gamma[:, j]) * d[:, k] * d[:, j]).sum() - (k == j) * gamma[:, k].sum() / VAR[k]
          for j in range(2)] for k in range(2)]
    )  # fmt: skip

    def mean_grad(mu):
        g = ref.resp(X, W, mu, VAR)
        return (g * (X[:, None] - mu) / VAR).sum(axis=0)

    h = 1e-6
    fd_block = np.column_stack([(mean_grad(MU + h * e) - mean_grad(MU - h * e)) / (2 * h) for e in np.eye(2)])
    assert np.allclose(fd_block, by_82, rtol=1e-5, atol=1e-3)
    info = mogcore.information(X, W, MU, VAR)
    assert np.allclose(info.observed[:2, :2], -by_82)
    assert np.allclose(info.complete[:2, :2], np.diag(gamma.sum(axis=0) / VAR))  # the labels known
    rate = mogcore.em_rate(X, W, MU, VAR)
    ev = np.linalg.eigvals(np.linalg.solve(info.complete, info.missing)).real
    assert rate == pytest.approx(ev.max())
