"""The words around the derivations: claims in TEACHING.md, the source derivation named, references that resolve."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

import mogcore
import mogcore.multivariate
from mogcore import viz

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
X = mogcore.load_old_faithful()


def markdown(path):
    return "\n".join(
        "".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "markdown"
    )


def test_teaching_md_playground_claim_holds_at_the_playground_start():
    text = (ROOT / "notebooks" / "TEACHING.md").read_text()
    assert "almost nothing near 2.1" in text and "about $-0.73$ at the data's mean" in text
    w, mu, var = viz.explore_playground(X).mixture

    def arrow(mu1):  # where one EM step moves mu_1, minus mu_1: the blue arrow
        return mogcore.em_step(X, w, [mu1, mu[1]], var).means[0] - mu1

    assert abs(arrow(2.1)) < 0.01
    assert arrow(X.mean()) == pytest.approx(-0.73, abs=0.005)
    lengths = [abs(arrow(m)) for m in np.linspace(2.1, X.mean(), 8)]
    assert np.all(np.diff(lengths) > 0)  # it grows toward the centre


@pytest.mark.parametrize("path", [*NOTEBOOKS, ROOT / "notebooks" / "TEACHING.md", ROOT / "notebooks" / "CHEATSHEET.md"])
def test_the_source_derivation_is_named_for_students(path):
    text = markdown(path) if path.suffix == ".ipynb" else path.read_text()
    assert not re.search(r"\bseed\b", text, re.IGNORECASE)


def test_every_criticised_line_of_the_source_is_quoted_from_it():
    # The quotes are checked in the notebooks always; against the source itself where the project's
    # shared folder sits beside the checkout (it does in CI).
    source = ROOT.parent / "shared" / "source-derivation" / "000_340b0ad5deac142b.txt"
    quotes = {
        "03_mean_gradient.ipynb": [r"\sum_{i=1}^{m} \frac{\partial \mathcal{L}}{\partial \mu_k} \left[ \log"],
        "04_variance_gradient.ipynb": [
            r"= -\frac{1}{2\sigma_k^2} (2\pi\sigma_k^2)^{-1/2} = -\frac{1}{2\sigma_k^2} \mathcal{N}",
            r"\frac{\partial \mathcal{N}}{\partial\sigma^{2}_{k}} = (2\pi\sigma^{2}_{k})^{-1/2} \exp",
        ],
        "05_weight_gradient.ipynb": [r"(with constraint $\sum_k \pi_k = 1$)"],
    }
    for name, lines in quotes.items():
        text = markdown(ROOT / "notebooks" / name)
        for line in lines:
            assert line in text, (name, line)
            if source.exists():
                assert line in source.read_text(), line


def test_references_cited_in_the_notebooks_are_listed_in_00():
    refs = markdown(ROOT / "notebooks" / "00_start_here.ipynb")
    refs = refs[refs.index("## References") :]
    for who in ("Dempster, Laird and Rubin (1977)", "Xu and Jordan (1996)", "Bishop (2006)",
                "Deisenroth, Faisal and Ong (2020)", "Härdle (1991)"):  # fmt: skip
        assert who in refs
    cited = set()
    for path in NOTEBOOKS:
        cited |= set(re.findall(r"(Xu and Jordan|Bishop|Dempster)[^()]*\(?(\d{4})", markdown(path)))
    for name, year in cited:
        assert f"{name.split()[0]}" in refs and year in refs, (name, year)


def test_the_glossary_defines_the_terms_the_notebooks_use():
    glossary = markdown(ROOT / "notebooks" / "00_start_here.ipynb")
    glossary = glossary[glossary.index("## Glossary") : glossary.index("## References")]
    for term in ("simplex", "Lagrange multiplier", "Kronecker delta", "lower bound", "k-means++", "MAP estimate",
                 "inverse-gamma prior", "saddle point", "preconditioner"):  # fmt: skip
        assert f"| {term}" in glossary, term


STUDENT_TEXTS = [*NOTEBOOKS, ROOT / "notebooks" / "TEACHING.md", ROOT / "notebooks" / "CHEATSHEET.md"]


@pytest.mark.parametrize("path", STUDENT_TEXTS, ids=lambda p: p.name)
def test_student_text_says_what_is_checked_not_where_or_how_it_is_built(path):
    text = markdown(path) if path.suffix == ".ipynb" else path.read_text()
    for banned in (r"tests/", r"test_\w+\.py", r"test suite", r"\bsession's\b", r"critical point"):
        assert not re.search(banned, text, re.IGNORECASE), (path.name, banned)
    assert "\t" not in text and "\r" not in text, "a TAB or CR: a backslash escape (\\top, \\rho) was eaten"


def test_readme_speaks_of_the_collection_not_of_a_session():
    text = (ROOT / "README.md").read_text()
    assert not re.search(r"session's|test suite", text)


def test_teaching_md_covariance_plan_starts_where_the_explorer_starts():
    text = (ROOT / "notebooks" / "TEACHING.md").read_text()
    assert r"move $\rho_1$ from its start ($-0.3$) through 0 to positive values" in text
    nb = json.loads((ROOT / "notebooks" / "07_more_components_and_dimensions.ipynb").read_text())
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    sd1, sd2, rho = map(float, re.search(r"S2 = np\.array\(\[cov2\(([^)]*)\)", code).group(1).split(","))
    X2 = mogcore.load_old_faithful("both")
    cov = np.array([[sd1**2, rho * sd1 * sd2], [rho * sd1 * sd2, sd2**2]])
    start = mogcore.multivariate.MvMixture(
        np.array([0.5, 0.5]), np.array([[2.0, 55.0], [4.3, 80.0]]), np.array([cov] * 2)
    )
    ex = viz.explore_covariance(X2, start)
    assert ex.values["rho"] == pytest.approx(-0.3)


def test_teaching_md_projector_call_switches_the_style_it_describes():
    text = (ROOT / "notebooks" / "TEACHING.md").read_text()
    assert "`mogcore.viz.projector()`" in text and "`mogcore.viz.projector(False)`" in text
    from mogcore import viz

    viz.projector()
    try:
        assert viz.new_figure((8.0, 4.0)).get_size_inches().tolist() == [6.0, 3.0]  # shown at the same width
    finally:
        viz.projector(False)
    assert viz.new_figure((8.0, 4.0)).get_size_inches().tolist() == [8.0, 4.0]
