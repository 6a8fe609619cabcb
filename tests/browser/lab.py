"""Driving one notebook in JupyterLab through Playwright (shared by the tests and the latency benchmark)."""

from __future__ import annotations

import contextlib
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

SYSTEM_CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def running_lab(notebooks: Path):
    """A JupyterLab server on 127.0.0.1 (free port, random token) over a copy of ``notebooks``."""
    work = Path(tempfile.mkdtemp(prefix="mog-lab-"))
    shutil.copytree(notebooks, work / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
        "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={work}", "--LabApp.expose_app_in_browser=True",
    ]  # fmt: skip
    log = open(work / "server.log", "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=work)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    tail = (work / "server.log").read_text()[-3000:]
                    raise RuntimeError("JupyterLab did not start:\n" + tail) from None
                time.sleep(0.3)
        yield {"base": base, "token": token, "root": work}
    finally:
        proc.terminate()  # the server shuts its kernels down on SIGTERM
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


NOTEBOOK_READY = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return !!(w && w.content && w.sessionContext && w.sessionContext.session
            && w.sessionContext.session.kernel && w.content.widgets.length > 0);
}"""

RUN_FINISHED = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  return !!kernel && kernel.status === 'idle' && cells.every(c => c.model.executionCount !== null);
}"""

ERRORS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const out = [];
  w.content.widgets.forEach((c, i) => {
    if (c.model.type !== 'code') return;
    c.model.outputs.toJSON().forEach(o => {
      if (o.output_type === 'error') out.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
    });
  });
  return out;
}"""

FIGURES_PER_EXPLORER = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const out = [];
  w.content.widgets.forEach((c, i) => {
    if (c.model.type !== 'code') return;
    if (!/^(\\w+ = )?explore_\\w+\\(/m.test(c.model.sharedModel.getSource())) return;
    out.push([i, c.outputArea.node.querySelectorAll('img').length,
              c.outputArea.node.querySelectorAll('.widget-slider').length]);
  });
  return out;
}"""

WIDE_EQUATIONS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const out = [];
  w.content.widgets.forEach((c, i) => {
    if (c.model.type !== 'markdown') return;
    c.node.querySelectorAll('mjx-container[display="true"]').forEach((el, n) => {
      const box = el.getBoundingClientRect();
      const area = c.node.querySelector('.jp-RenderedMarkdown').getBoundingClientRect();
      const math = el.querySelector('mjx-math');
      const width = math ? math.getBoundingClientRect().width : 0;
      if (el.scrollWidth > el.clientWidth + 1 || width > box.width + 1 || box.right > area.right + 1) {
        out.push(`markdown cell ${i}, display equation ${n}: ${Math.round(Math.max(width, el.scrollWidth))} px `
                 + `in ${Math.round(Math.min(box.width, area.width))} px`);
      }
    });
  });
  return out;
}"""

WIDE_LINES = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const out = [];
  w.content.widgets.forEach((c, i) => {
    if (c.model.type !== 'code') return;
    const editor = c.node.querySelector('.cm-scroller');
    if (editor && editor.scrollWidth > editor.clientWidth + 1) {
      out.push(`code cell ${i}: ${editor.scrollWidth} px of code in ${editor.clientWidth} px`);
    }
    c.node.querySelectorAll('.jp-OutputArea-output pre').forEach(pre => {
      const style = getComputedStyle(pre);
      const lines = pre.textContent.replace(/\\n$/, '').split('\\n').length;
      const shown = Math.round((pre.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom))
                               / parseFloat(style.lineHeight));
      if (pre.scrollWidth > pre.clientWidth + 1 || shown > lines) {
        out.push(`output of cell ${i}: ${lines} lines shown as ${shown}, ${pre.scrollWidth} px in `
                 + `${pre.clientWidth} px`);
      }
    });
  });
  return out;
}"""

# The headings where a notebook's end matter starts: exercises (solutions folded), summary, references, and in 00
# the order, notation and glossary tables. The lesson is everything above the first of them.
END_MATTER = ("Exercises", "The order")

# The lesson's stretches without a figure (a live figure's image or a static one), in screens of the notebook's own
# height (what a reader scrolls through at once): [screens, after cell, before cell or 'end matter'], the first
# from the top of the first cell.
STRETCHES = """(endMatter) => {
  const w = window.jupyterapp.shell.currentWidget;
  const scroller = w.content.node.querySelector('.jp-WindowedPanel-outer') || w.content.node;
  const screen = scroller.clientHeight;
  const top0 = w.content.widgets[0].node.getBoundingClientRect().top;
  const out = [];
  let prev = 0, prevCell = 'top';
  for (const [i, c] of w.content.widgets.entries()) {
    const heading = c.model.type === 'markdown' && c.node.querySelector('h2');
    if (heading && endMatter.some(t => heading.textContent.startsWith(t))) {
      out.push([(c.node.getBoundingClientRect().top - top0 - prev) / screen, prevCell, 'end matter']);
      return out;
    }
    for (const img of c.node.querySelectorAll('.jp-OutputArea-output img')) {
      const r = img.getBoundingClientRect();
      if (r.height <= 50) continue;
      out.push([(r.top - top0 - prev) / screen, prevCell, i]);
      prev = Math.max(prev, r.bottom - top0);
      prevCell = i;
    }
  }
  const last = w.content.widgets[w.content.widgets.length - 1].node.getBoundingClientRect();
  out.push([(last.bottom - top0 - prev) / screen, prevCell, 'end']);
  return out;
}"""

# Figures narrower than 90% of their cell's output area, unless they stop at the tallest a figure is shown (560 px).
NARROW_FIGURES = """() => {
  const out = [];
  window.jupyterapp.shell.currentWidget.content.widgets.forEach((c, i) => {
    c.node.querySelectorAll('.jp-OutputArea-output img').forEach(img => {
      const area = img.closest('.jp-OutputArea-output');
      if (img.clientHeight > 50 && img.clientWidth < 0.9 * area.clientWidth && img.clientHeight < 550) {
        out.push(`cell ${i}: a figure ${img.clientWidth} x ${img.clientHeight} px in ${area.clientWidth} px`);
      }
    });
  });
  return out;
}"""

# Run ``code`` in the open notebook's kernel and return what it printed.
IN_KERNEL = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let out = '';
  future.onIOPub = msg => { if (msg.header.msg_type === 'stream') out += msg.content.text; };
  await future.done;
  return out;
}"""

IMAGE_DATA = """(img) => {
  const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  c.getContext('2d').drawImage(img, 0, 0);
  return c.toDataURL();
}"""


def open_and_run(page, server, name, timeout=60):
    """Open notebooks/NAME in JupyterLab, clear it, run all cells, wait until idle."""
    workspace = f"t{time.time_ns()}"  # a fresh workspace: no notebook restored from an earlier visit
    page.goto(f"{server['base']}/lab/workspaces/{workspace}/tree/notebooks/{name}?token={server['token']}")
    page.wait_for_function(NOTEBOOK_READY, timeout=timeout * 1000)
    page.wait_for_function(
        "() => { const s = window.jupyterapp.shell.currentWidget.sessionContext.session;"
        " return !!(s && s.kernel && s.kernel.status === 'idle'); }",
        timeout=timeout * 1000,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    start = time.perf_counter()
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(RUN_FINISHED, timeout=timeout * 1000, polling=100)
    return time.perf_counter() - start


def explorer_image(handle):
    """The figure image of the explorer that a slider handle belongs to."""
    return handle.evaluate_handle(
        "h => { let box = h.closest('.widget-vbox');"  # a folded slider sits in a box inside the explorer's box
        " while (box && !box.querySelector('img')) box = box.parentElement.closest('.widget-vbox');"
        " return box.querySelector('img'); }"
    ).as_element()


def dropdown_choices(page):
    """Every drop-down's choices in turn, as ``(select, its explorer's image, option index, option text)``:
    options 1 to n-1, then 0 to n-1 again, so that every choice changes the value (from the first, the default)."""
    selects = page.locator(".widget-dropdown select")
    for i in range(selects.count()):
        sel = selects.nth(i)
        sel.scroll_into_view_if_needed()
        img = explorer_image(sel)
        options = sel.locator("option").all_inner_texts()
        for index in [*range(1, len(options)), *range(len(options))]:
            yield sel, img, index, options[index]


def image_data(img) -> str:
    return img.evaluate(IMAGE_DATA)


def wait_for_change(page, get, before, timeout=2.0):
    """Poll ``get()`` until it differs from ``before``; return the seconds it took (or None)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if get() != before:
            return time.perf_counter() - start
        page.wait_for_timeout(10)
    return None
