"""The weekly email's HTML renders in a real browser (headless Chromium).

Needs Debian's chromium: `apt-get install -y chromium`. Without it the test fails and says so;
it is never skipped.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from email.message import EmailMessage
from pathlib import Path

from report_samples import NOW, TZ, USER, process, week_events, week_views

from agent.report import build_report

INSTALL_HINT = (
    "headless Chromium is needed to check the weekly email renders: "
    "install it with `apt-get install -y chromium` (Debian/Ubuntu)"
)
WIDTH, HEIGHT = 800, 1400


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise AssertionError(INSTALL_HINT)


def _screenshot(html: str, tmp_path: Path) -> Path:
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    png = tmp_path / "report.png"
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={png}",
        f"--window-size={WIDTH},{HEIGHT}",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert png.exists(), f"chromium wrote no screenshot (exit {done.returncode}): {done.stderr}"
    return png


def _png_size(png: Path) -> tuple[int, int]:
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _html(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def test_weekly_email_renders_in_chromium(tmp_path: Path) -> None:
    msg = build_report(
        week_views(), week_events(), now=NOW, tz=TZ, user_name="Alex Morgan", to_addr=USER
    )
    png = _screenshot(_html(msg), tmp_path)
    assert _png_size(png) == (WIDTH, HEIGHT)
    # A page of text, badges and rules compresses far worse than a blank one (~5 KB).
    assert png.stat().st_size > 50_000


def test_hostile_company_names_render_as_text_not_markup(tmp_path: Path) -> None:
    views = [
        process(
            "x1",
            "<script>document.title='pwned'</script>",
            role='"quotes" & ampersands',
            state="applied",
            note="<img src=x onerror=alert(1)>",
        )
    ]
    msg = build_report(views, [], now=NOW, tz=TZ, user_name="Alex", to_addr=USER)
    html = _html(msg)
    page = tmp_path / "hostile.html"
    page.write_text(html, encoding="utf-8")
    # --dump-dom prints the DOM after scripts ran: an escaped name stays text in the body.
    done = subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    dom = done.stdout
    assert "<title>" in dom, done.stderr
    assert "pwned" not in dom.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "<img" not in dom
