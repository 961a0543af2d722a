#!/usr/bin/env python3
"""Build the one-folder kisdesk application with PyInstaller (installer.spec) and check it.

    python scripts/build.py                 build dist/kisdesk/, then run its --self-test
    python scripts/build.py --no-check      build only
    python scripts/build.py --icons         (re)draw resources/icons/kisdesk.png and .ico

Run it with the project's Python after `pip install -e ".[build]"` (PyInstaller); on
Windows the result is dist\\kisdesk\\kisdesk.exe, on Linux dist/kisdesk/kisdesk. The build
cannot cross-compile: build the Windows folder on Windows (docs/BUILD.md).
Exit status 0 when the build (and the self-test) succeeded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def executable(dist: Path, name: str = "kisdesk") -> Path:
    suffix = ".exe" if sys.platform == "win32" else ""
    return dist / "kisdesk" / f"{name}{suffix}"


def make_icons() -> list[Path]:
    """The application icon as PNG and multi-size ICO, drawn from resources/icons/app.svg
    (the icon the running program shows) with Qt's SVG renderer; Pillow writes the .ico."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / "app.svg"))
    if not renderer.isValid():
        raise SystemExit("resources/icons/app.svg cannot be read")

    def draw(size: int) -> Image.Image:
        image = QImage(size, size, QImage.Format.Format_RGBA8888)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = bytes(image.constBits())[: size * size * 4]
        return Image.frombytes("RGBA", (size, size), data)

    png = ICONS / "kisdesk.png"
    draw(256).save(png, optimize=True)
    ico = ICONS / "kisdesk.ico"
    largest = draw(256)
    # each size drawn by Qt at that size (sharper than Pillow scaling the 256 px one)
    largest.save(ico, sizes=[(s, s) for s in ICO_SIZES], append_images=[draw(s) for s in ICO_SIZES])
    return [png, ico]


def build(dist: Path, work: Path) -> float:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            'PyInstaller is missing: pip install -e ".[build]"  (then run this again)'
        ) from None
    if not (ICONS / "kisdesk.ico").exists():
        make_icons()
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(ROOT / "installer.spec"),
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    subprocess.run(command, cwd=ROOT, check=True)
    return time.perf_counter() - started


def self_test(dist: Path) -> int:
    program = executable(dist, "kisdesk-cli")
    env = dict(os.environ)
    if sys.platform.startswith("linux") and not env.get("DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.run([str(program), "--self-test"], env=env, timeout=300).returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="output folder (dist/)")
    parser.add_argument("--work", default=str(ROOT / "build"), help="PyInstaller's work folder")
    parser.add_argument("--no-check", action="store_true", help="skip the self-test")
    parser.add_argument("--icons", action="store_true", help="only redraw the icons")
    args = parser.parse_args(argv)
    if args.icons:
        for path in make_icons():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    shutil.rmtree(dist / "kisdesk", ignore_errors=True)
    seconds = build(dist, work)
    size = folder_size(dist / "kisdesk")
    print(f"built {dist / 'kisdesk'} in {seconds:.0f} s, {size / 2**20:.0f} MiB")
    if args.no_check:
        return 0
    status = self_test(dist)
    print("self-test passed" if status == 0 else f"self-test FAILED (exit status {status})")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
