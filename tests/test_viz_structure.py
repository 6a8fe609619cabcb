"""How the figure code is built: one view protocol, labelled controls, maths from mogcore only, caches
keyed by every input, and live frames that copy matplotlib's real draw order."""

from __future__ import annotations

import ast
import inspect
import io
import itertools
import re
import subprocess
import sys
import zlib
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from PIL import Image

import mogcore
from mogcore import Mixture, viz
from mogcore.viz import _frames, means, variances
from mogcore.viz._frames import _draw_list

from . import spies
from .test_frames import assert_same, full_redraw, pixels
from .test_viz import EXPLORERS, MIX2, START2, X2, X

VIZ = Path(viz.__file__).parent
MIX = Mixture(np.array([0.4, 0.6]), np.array([2.1, 4.3]), np.array([0.1, 0.2]))

#: Every view, as (class, arguments before the figure); each must draw into a figure it is given.
VIEWS = [
    (viz.MixtureView, (X, MIX)),
    (viz.ResponsibilityView, (X, MIX)),
    (viz.MeanPullView, (X, MIX)),
    (viz.VarianceSliceView, (X, MIX)),
    (viz.CollapseView, (X, MIX, 3)),
    (viz.WeightView, (X, MIX)),
    (viz.FittingView, (X, "typical", 0.1, 5)),
    (viz.PlaygroundView, (X, MIX)),
    (viz.EllipseView, (X2, MIX2, 0)),
    (viz.EMPathView, (X2, START2, 10, 3)),
    (viz.SecondOrderView, (X, MIX)),
    (viz.SeparationView, (4.0,)),
    (viz.CurvesView, (X[:5], [viz.Panel("y", [viz.Curve("x", X[:5], "#000000")], marks=[(2.0, "two")])], "x")),
]
#: The one-panel views draw on given axes.
AX_VIEWS = [(viz.MeanFieldView, (X, MIX)), (viz.VarianceFieldView, (X, MIX))]


@pytest.mark.parametrize(("cls", "args"), VIEWS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_view_draws_into_the_figure_it_is_given_and_follows_the_protocol(cls, args):
    fig = viz.new_figure(cls.SIZE)
    view = cls(*args, fig=fig)
    assert view.fig is fig and fig.axes, "the view did not draw into the figure it was given"
    assert isinstance(view, viz.View)
    assert isinstance(cls(*args), viz.View) and cls(*args).fig is not fig  # and a new one without


def test_the_static_sample_figure_also_draws_into_a_given_figure():
    fig = viz.new_figure(viz.SampleView.SIZE)
    assert viz.SampleView(MIX, X[:50], (X[:50] > 3).astype(int), fig=fig).fig is fig and fig.axes


@pytest.mark.parametrize(("cls", "args"), AX_VIEWS, ids=lambda v: getattr(v, "__name__", ""))
def test_one_panel_views_draw_on_the_axes_they_are_given(cls, args):
    fig = viz.new_figure((6.0, 5.0))
    ax = fig.subplots()
    view = cls(*args, ax=ax)
    assert view.ax is ax and view.fig is fig and isinstance(view, viz.View)


def test_the_explorer_is_typed_against_the_view_protocol():
    assert inspect.signature(viz.Explorer).parameters["view"].annotation in ("View", viz.View)


@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_every_control_is_made_with_its_label(factory):
    ex = factory(X)
    for name, control in ex.sliders.items():
        assert control.description, f"{name} has no label"
        assert control.layout.width == "340px", name


def test_the_shared_slider_code_names_no_callers_control():
    source = "".join((VIZ / name).read_text() for name in ("_sliders.py", "_explorer.py", "_mixture_sliders.py"))
    for name in ('"step"', '"t"', '"start"', '"component"', '"n"'):
        assert name not in source, f"{name} is a caller's control, named in the shared code"


def _public_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]


#: The module-level functions the figure code may define: explorers, and drawing and slider helpers.
DRAWING_HELPERS = {
    "as_image", "axes_arrow", "collapse_axis", "component_color", "data_grid", "default_mixture", "figure_for",
    "figure_png", "float_slider", "int_slider", "labelled", "legend_below", "level_colors", "log_slider",
    "max_shown_width", "mixture_explorer", "mixture_from_values", "mixture_sliders", "new_figure", "nice_ceil",
    "nice_limits", "on_slider_grid", "png_rgba", "set_stems", "slider_values", "stems", "symmetric_limits", "unit",
    "follow", "follow_nice", "next_on_grid",
    "as_mixture", "projector",
}  # fmt: skip


def test_the_figure_code_defines_no_maths_of_its_own():
    """A new module-level function in mogcore.viz is either an explorer or a drawing helper listed here;
    maths belongs in a documented, tested function of mogcore (and the views call it)."""
    for path in sorted(VIZ.glob("*.py")):
        for name in _public_functions(path):
            assert name.startswith("explore_") or name in DRAWING_HELPERS, f"{path.name}: {name}"


def test_no_test_imports_maths_from_the_figure_code():
    for path in Path(__file__).parent.glob("test_*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mogcore.viz."):
                names = {a.name for a in node.names}
                allowed = {"FrameRenderer", "png_rgba", "_draw_list", "variances", "_frames", "follow", "KEEP_FILL"}
                allowed |= {"next_on_grid"}  # where the next key press goes: a slider helper
                assert names <= allowed | {"fitting"}, f"{path.name} imports {names} from {node.module}"


def test_the_field_is_recomputed_exactly_when_an_input_it_depends_on_changes(monkeypatch):
    batched = spies.Calls(variances, "value_and_unconstrained_gradients")
    ex = viz.explore_variance_field(X)
    fields = lambda: batched.count  # noqa: E731 (each update also calls it once for the dot)
    before = fields()
    ex.set(mu1=ex.values["mu1"] + 0.1)  # the dot moves over the same field
    assert fields() == before + 1
    for name in ("var2", "mu2", "pi1"):
        s = ex.sliders[name]
        before = fields()
        ex.set(**{name: s.value * 1.05 if name != "mu2" else s.value + 0.2})
        assert fields() == before + 2, f"{name} changed and the field was not recomputed"
    ex.set(var2=ex.values["var2"])  # the same value: nothing new
    assert fields() == before + 2
    first = ex.sliders["pi1"].value
    ex.set(pi1=first + 0.05)
    before = fields()
    ex.set(pi1=first)  # back to a setting seen before: its field is kept, only the dot is computed
    assert fields() == before + 1
    assert_same(pixels(ex.image.value), full_redraw(ex.fig), "a kept field redrawn")


def test_scrubbing_back_along_06s_path_reuses_each_iterates_field():
    ex = viz.explore_fitting(X, t=0)
    batched = spies.Calls(means, "value_and_gradients")
    for t in (1, 2, 3):
        ex.set(t=t)
    computed = batched.count
    for t in (2, 1, 0, 3):
        ex.set(t=t)
    assert computed == 6, "each new iterate: its field and the dot's gradient"
    assert batched.count == computed + 4, "back at iterates seen before (t = 0 at the start): only the dot's gradient"


def test_live_frames_copy_the_order_matplotlib_draws_in():
    """Record every artist's draw during a full draw of each explorer's figure and compare with the order
    ``_frames`` assumes; fails when a matplotlib release changes ``Axes.draw``."""
    assert ".".join(matplotlib.__version__.split(".")[:2]) in _frames.DRAW_ORDER_CHECKED
    for factory in EXPLORERS:
        ex = factory(X)
        drawn: list = []
        for ax in ex.fig.axes:
            for artist in ax.get_children():
                original = artist.draw
                artist.draw = lambda r, a=artist, f=original, log=drawn: (log.append(a), f(r))[1]
        ex.fig.canvas.draw()
        for ax in ex.fig.axes:
            own = {id(a) for a in ax.get_children() if a is not ax.patch}
            seen = [a for a in drawn if id(a) in own]
            assert seen == _draw_list(ax), f"{factory.__name__}: matplotlib drew {ax} in another order"


def test_under_an_unchecked_matplotlib_every_frame_is_a_full_redraw_and_still_right():
    ex = viz.explore_mixture(X)
    ex.frames.blit = False
    draws = spies.full_draws(ex.fig)
    for step in (0.1, 0.1, -0.3):
        ex.set(mu1=ex.values["mu1"] + step)
        assert_same(pixels(ex.image.value), full_redraw(ex.fig), "a frame without blitting")
    assert draws.count == 3


def test_png_without_isal_uses_zlib_and_decodes_to_the_same_pixels(monkeypatch):
    rgba = np.asarray(viz.explore_mixture(X).fig.canvas.buffer_rgba()).copy()
    fast = _frames.png_rgba(rgba)
    monkeypatch.setattr(_frames, "_deflate", zlib)
    plain = _frames.png_rgba(rgba)
    for png in (fast, plain):
        assert (np.asarray(Image.open(io.BytesIO(png))) == rgba).all()


def test_the_figure_code_imports_and_draws_frames_without_isal():
    script = (
        "import sys; sys.modules['isal'] = None\n"  # import isal now raises ImportError
        "import numpy as np, mogcore, zlib\n"
        "from mogcore.viz import _frames, explore_mixture\n"
        "assert _frames._deflate is zlib\n"
        "ex = explore_mixture(mogcore.load_old_faithful()); ex.set(mu1=2.5)\n"
        "assert ex.image.value[:4] == b'\\x89PNG'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_frames_are_not_counted_by_the_package():
    ex = viz.explore_mixture(X)
    assert not hasattr(ex, "renders") and not hasattr(ex.frames, "full_draws")
    assert "fast" not in inspect.signature(viz.figure_png).parameters
    assert mogcore.viz.palette.GAMMA_CMAP is viz.palette.GAMMA_CMAP


COLOUR_KEYWORDS = {"color", "colors", "c", "mec", "mfc", "edgecolor", "edgecolors", "facecolor", "backgroundcolor"}


def test_no_view_names_a_colour_of_its_own():
    """Every colour comes from palette.py: a colour written as a string anywhere else in mogcore.viz fails."""
    for path in sorted(VIZ.glob("*.py")):
        if path.name == "palette.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.keyword) and node.arg in COLOUR_KEYWORDS:
                named = isinstance(node.value, ast.Constant) and node.value.value not in ("none", None)
                assert not named, f"{path.name}:{node.lineno}: {node.arg}={node.value.value!r}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not re.fullmatch(r"#[0-9A-Fa-f]{6}", node.value), f"{path.name}:{node.lineno}: {node.value}"


def _words(fig) -> list:
    """Every title, axis label and legend entry of ``fig`` that is shown."""
    found = [lg_text for lg in fig.legends for lg_text in lg.get_texts()]
    for ax in fig.axes:
        found += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        if ax.get_legend() is not None:
            found += ax.get_legend().get_texts()
    return [t for t in found if t.get_visible() and t.get_text()]


@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_the_projector_style_keeps_every_word_on_the_figure_and_titles_apart(factory):
    viz.projector()
    try:
        ex = factory(X)
    finally:
        viz.projector(False)
    fig = ex.fig
    assert fig.get_figwidth() == pytest.approx(0.75 * factory(X).fig.get_figwidth())  # larger as shown
    fig.canvas.draw()
    renderer, box = fig.canvas.get_renderer(), fig.bbox
    boxes = []
    for text in _words(fig):
        bb = text.get_window_extent(renderer)
        assert box.x0 - 4 <= bb.x0 and bb.x1 <= box.x1 + 4 and box.y0 - 4 <= bb.y0 and bb.y1 <= box.y1 + 4, (
            f"{text.get_text()!r} runs off the figure"
        )
        if text in [t for ax in fig.axes for t in (ax.title, ax._left_title, ax._right_title)]:
            boxes.append((text.get_text(), bb))
    for (a, p), (b, q) in itertools.combinations(boxes, 2):
        assert not p.overlaps(q), f"titles {a!r} and {b!r} overlap"
