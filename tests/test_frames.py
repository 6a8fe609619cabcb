"""Live frames redraw only what moved (``mogcore.viz._frames``): each must equal a full redraw, pixel for pixel."""

import io

import numpy as np
import pytest
from PIL import Image

from mogcore import viz
from mogcore.viz._frames import FrameRenderer, png_rgba
from mogcore.viz._limits import KEEP_FILL, follow

from . import spies
from .test_viz import EXPLORERS, X, as_value, slider_stops


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def full_redraw(fig) -> np.ndarray:
    """The figure drawn from scratch by savefig, as the saved notebook shows it."""
    return pixels(viz.figure_png(fig))


def moves(s):
    """What a user does to one slider: three key presses each way, then jumps across its range."""
    if hasattr(s, "options"):
        return [*s.options[1:], s.options[0]]
    step = s.step if not hasattr(s, "base") else None
    presses = []
    if step is not None:
        v = s.value
        for sign in (1, 1, 1, -1, -1, -1):
            v = min(max(v + sign * step, s.min), s.max)
            presses.append(v)
    return [*presses, *slider_stops(s, 4), s.value]


#: Agg may round an antialiased edge pixel one or two levels differently when the same artists
#: are drawn over a restored background; a missed or misplaced artist differs by far more.
ROUNDING = 4


def assert_same(live: np.ndarray, full: np.ndarray, what: str) -> None:
    assert live.shape == full.shape, what
    diff = np.abs(live.astype(int) - full.astype(int)).max(axis=-1)
    wrong = diff > ROUNDING
    if wrong.any():
        ys, xs = np.nonzero(wrong)
        raise AssertionError(
            f"{what}: {wrong.sum()} pixels differ from a full redraw (by up to {diff.max()} of 255), "
            f"in x {xs.min()}-{xs.max()}, y {ys.min()}-{ys.max()} (an artist changed without being redrawn?)"
        )


@pytest.mark.parametrize("factory", EXPLORERS, ids=lambda f: f.__name__)
def test_every_live_frame_equals_a_full_redraw(factory):
    """Two moves, then compare: a comparison (savefig) forces the next frame to redraw everything,
    so the second move of each pair is the one drawn on the stored background."""
    ex = factory(X)
    draws = spies.full_draws(ex.fig)
    blitted = 0
    for name, s in ex.sliders.items():
        values = moves(s)
        for first, second in zip(values[::2], values[1::2], strict=False):
            ex.sliders[name].value = as_value(first)
            full_before = draws.count
            ex.sliders[name].value = as_value(second)
            if ex.sliders[name].value == as_value(first):
                continue  # the same grid value: no event, no frame
            blitted += draws.count == full_before
            assert_same(pixels(ex.image.value), full_redraw(ex.fig), f"{name} = {second}")
    assert blitted > 0, "no frame was drawn on a stored background: the test compared only full redraws"


def test_the_frame_check_can_fail():
    """An artist changed without marking it stale (an in-place edit) is missed: the check sees it."""
    ex = viz.explore_mixture(X)
    ex.set(mu1=ex.values["mu1"] + 0.1)
    ex.set(mu1=ex.values["mu1"] + 0.1)  # the curves are now known to move; the histogram is background
    bars = [p for p in ex.view.ax.patches if p.get_height() > 0]
    bars[0]._height *= 3  # behind matplotlib's back: no stale flag
    ex.set(mu1=ex.values["mu1"] + 0.1)
    with pytest.raises(AssertionError, match="pixels differ"):
        assert_same(pixels(ex.image.value), full_redraw(ex.fig), "mu1")


def test_a_draw_from_elsewhere_and_changed_limits_force_a_full_frame():
    ex = viz.explore_mixture(X)
    for _ in range(3):
        ex.set(mu1=ex.values["mu1"] + 0.1)
    draws = spies.full_draws(ex.fig)
    ex.set(mu1=ex.values["mu1"] + 0.1)
    assert draws.count == 0  # a curve moved: drawn on the background
    viz.figure_png(ex.fig)  # someone else drew the figure
    ex.set(mu1=ex.values["mu1"] + 0.1)
    assert draws.count == 1
    ex.view.ax.set_xlim(0, 10)
    ex.set(mu1=ex.values["mu1"] + 0.1)
    assert draws.count == 2
    assert_same(pixels(ex.image.value), full_redraw(ex.fig), "after new limits")


def test_the_first_frame_learns_nothing_and_a_moved_artist_leaves_the_background():
    fig = viz.new_figure((3.0, 2.0))
    ax = fig.add_subplot()
    still = ax.plot([0, 1], [1, 0], color="k")[0]
    moving = ax.plot([0, 1], [0, 1], color="C0")[0]
    fig.set_layout_engine(None)
    frames = FrameRenderer(fig)
    draws, made = spies.full_draws(fig), spies.Calls(frames, "png")
    frames.png()
    moving.set_ydata([0.5, 0.2])
    frames.png()  # learns that `moving` moves: a new background without it
    moving.set_ydata([0.1, 0.9])
    live = pixels(frames.png())
    assert (made.count, draws.count) == (3, 2)
    assert still.get_animated() is False and moving.get_animated() is False  # left as they were
    assert_same(live, full_redraw(fig), "two lines")


def test_png_rgba_is_the_rendered_buffer():
    ex = viz.explore_mixture(X)
    canvas = ex.fig.canvas
    png = ex.frames.png()
    with_dpi = np.asarray(canvas.buffer_rgba())  # the buffer the frame was encoded from
    back = np.asarray(Image.open(io.BytesIO(png)))
    assert back.shape == with_dpi.shape and (back == with_dpi).all()
    assert png_rgba(with_dpi)[:8] == b"\x89PNG\r\n\x1a\n"


def test_followed_limits_always_hold_what_must_be_shown_and_a_fresh_choice_is_kept():
    """Random walks of a range through follow(): after every call the limits hold it and it fills at least
    KEEP_FILL of them; a fresh choice (nice_limits, the views' rule) is never replaced at the next, equal call."""
    rng = np.random.default_rng(3)
    ax = viz.new_figure((2.0, 2.0)).add_subplot()
    for _ in range(20):
        lo, hi = sorted(rng.normal(0.0, 10.0, 2))
        for _ in range(50):
            lo, hi = sorted((lo + rng.normal(0.0, 0.3), hi * float(np.exp(rng.normal(0.0, 0.1))) + 0.01))
            room = 0.02 * (hi - lo)
            follow(ax, (lo - room, hi + room), viz._limits.nice_limits(lo, hi))
            a, b = ax.get_ylim()
            assert a <= lo - room and hi + room <= b, (lo, hi, a, b)
            assert hi - lo + 2 * room >= KEEP_FILL * (b - a), (lo, hi, a, b)
            follow(ax, (lo - room, hi + room), (a - 1.0, b + 1.0))
            assert ax.get_ylim() == (a, b), "limits that suit were replaced"


def test_limits_set_by_anything_else_are_replaced():
    ax = viz.new_figure((2.0, 2.0)).add_subplot()
    follow(ax, (0.0, 9.0), (0.0, 10.0))
    ax.set_ylim(0.0, 12.0)
    follow(ax, (0.0, 9.0), (0.0, 10.0))
    assert ax.get_ylim() == (0.0, 10.0)


def test_a_narrowing_component_leaves_the_axes_where_they_were_for_most_moves():
    """01's explorer at pi_1 = 0.2, sigma_1^2 = 0.08: sigma_2^2 pressed down 30 times makes the mixture's peak,
    above the histogram, grow at every press. Limits that followed the peak exactly moved the y axis (a full
    redraw) at 19 of the 30 presses; kept limits move it far less often."""
    ex = viz.explore_mixture(X)
    ex.set(pi1=0.2, var1=float(ex.sliders["var1"].base ** (np.log10(ex.sliders["var1"].value) - 0.6)))
    s, moved = ex.sliders["var2"], 0
    for _ in range(30):
        before = ex.view.ax.get_ylim()
        s.value = s.base ** (np.log10(s.value) - s.step)
        moved += ex.view.ax.get_ylim() != before
    assert moved <= 6, f"the y axis moved at {moved} of 30 presses"


def knowing_the_line_moves(fig, line, moved) -> FrameRenderer:
    """Freeze ``fig``'s layout, as an explorer does, and render two frames, ``line`` moved to ``moved`` between
    them: the frames now know that the line moves."""
    fig.set_layout_engine(None)
    frames = FrameRenderer(fig)
    frames.png()
    line.set_ydata(moved)
    frames.png()
    return frames


def test_a_title_that_never_changes_is_drawn_once_and_one_that_changes_every_frame():
    """Titles come after the moving artists in the draw order: one that never changes sits clear of them, so the
    background holds it; once it changes it costs one full redraw and is drawn at every frame from then on."""
    fig = viz.new_figure((3.0, 2.0))
    ax = fig.add_subplot()
    ax.set_title("fixed words")
    line = ax.plot([0, 1], [0, 1])[0]
    frames = knowing_the_line_moves(fig, line, [1, 0])
    drawn, draws = spies.Calls(ax.title, "draw"), spies.full_draws(fig)
    line.set_ydata([0.5, 0.5])
    live = pixels(frames.png())
    assert (drawn.count, draws.count) == (0, 0)
    assert_same(live, full_redraw(fig), "a fixed title")  # savefig draws the title too, and makes the next frame full
    line.set_ydata([0.2, 0.8])
    frames.png()
    assert (drawn.count, draws.count) == (2, 1)
    ax.set_title("new words")
    frames.png()
    assert (drawn.count, draws.count) == (3, 2)  # a full redraw
    ax.set_title("newer words")
    live = pixels(frames.png())
    assert (drawn.count, draws.count) == (4, 2)  # drawn at the frame, on the background
    assert_same(live, full_redraw(fig), "a title that changes")


def test_a_layout_seen_before_brings_back_its_background_until_something_in_it_changes():
    fig = viz.new_figure((3.0, 2.0))
    ax = fig.add_subplot()
    ax.set_title("fixed words")
    still = ax.plot([0, 1], [1, 0], color="k")[0]
    moving = ax.plot([0, 1], [0, 1])[0]
    frames = knowing_the_line_moves(fig, moving, [1, 0])
    draws = spies.full_draws(fig)
    for right in (2, 1, 2, 1):  # two layouts, each seen before from the second time on
        ax.set_xlim(0, right)
        moving.set_ydata([0.1 * right, 0.9])
        live = pixels(frames.png())
    assert draws.count == 2  # a new background for each new layout, then none
    assert_same(live, full_redraw(fig), "a layout seen before")  # savefig: the kept backgrounds are dropped
    ax.set_xlim(0, 2)
    frames.png()
    ax.set_xlim(0, 1)
    frames.png()
    assert draws.count == 4  # after a draw from elsewhere nothing kept is trusted
    still.set_ydata([0.5, 0.5])  # a background artist moves: both kept backgrounds are out of date
    ax.set_xlim(0, 2)
    live = pixels(frames.png())
    assert draws.count == 5
    assert_same(live, full_redraw(fig), "a background artist moved")
    ax.set_xlim(0, 1)
    frames.png()
    ax.set_xlim(0, 2)
    frames.png()
    ax.set_title("new words")  # a text in the kept background changes while another layout is shown
    ax.set_xlim(0, 1)
    frames.png()
    ax.set_xlim(0, 2)
    live = pixels(frames.png())
    assert draws.count == 9  # neither kept background is used again
    assert_same(live, full_redraw(fig), "a title that changed at another layout")


def test_every_start_of_the_fitting_explorer_seen_again_draws_nothing_in_full_and_is_right():
    """06's starts change the layout (the magnified inset, the fits' height): once the explorer has learnt what
    moves, a start chosen again comes back from a kept background. Every start is compared; a comparison drops
    what was kept, so each is chosen, then every other, then it again."""
    ex = viz.explore_fitting(X)
    starts = list(ex.sliders["start"].options)
    for start in [*starts[1:], starts[0]] * 2:  # what moves is learnt
        ex.sliders["start"].value = start
    draws = spies.full_draws(ex.fig)
    for start in starts:
        for other in [start, *starts[starts.index(start) + 1 :], *starts[: starts.index(start)]]:
            ex.sliders["start"].value = other
        before = draws.count
        ex.sliders["start"].value = start
        assert draws.count == before, start
        assert_same(pixels(ex.image.value), full_redraw(ex.fig), start)


def test_a_text_changed_where_it_is_drawn_per_frame_is_not_brought_back_from_another_layouts_background():
    """The title sits clear of the unclipped line at one layout (kept in its background) but not at the other
    (drawn per frame there): changed there, it must not come back old with the first layout's background."""
    fig = viz.new_figure((3.0, 2.0))
    ax = fig.add_subplot()
    ax.set_title("old words")
    line = ax.plot([0, 1], [0, 0.9], clip_on=False)[0]
    frames = knowing_the_line_moves(fig, line, [0.1, 0.9])
    ax.set_ylim(0, 0.4)  # the line now runs through the title
    frames.png()
    ax.set_ylim(0, 1)
    frames.png()
    ax.set_ylim(0, 0.4)
    frames.png()
    ax.set_title("new words")  # drawn per frame at this layout
    frames.png()
    ax.set_ylim(0, 1)
    assert_same(pixels(frames.png()), full_redraw(fig), "back at the first layout")
