"""Rebuild resources/fonts/NotoEmoji-Regular.ttf from the npm package @fontsource/noto-emoji.

Noto Emoji (monochrome, SIL OFL 1.1) is published on npm by Fontsource as
WOFF2 web fonts. Qt loads TrueType on every platform, while WOFF2 support
depends on how FreeType was built, so the app ships the font decompressed to
TTF. This runs once, by hand, when the font is updated; the app never needs
fontTools:

    npm pack @fontsource/noto-emoji            # fontsource-noto-emoji-<version>.tgz
    .venv/bin/pip install -e '.[resources]'     # fontTools and brotli
    .venv/bin/python -m bench.build_emoji_font fontsource-noto-emoji-*.tgz

It prints the glyph count, the characters covered and the file size. The
whole "emoji" subset is kept (about 0.9 MB): flags are GSUB ligatures over
regional indicator pairs, and annotators meet every kind of emoji in posts.
"""

from __future__ import annotations

import argparse
import io
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "fonts" / "NotoEmoji-Regular.ttf"
LICENSE_OUT = ROOT / "resources" / "fonts" / "OFL-NotoEmoji.txt"
MEMBER = "package/files/noto-emoji-emoji-400-normal.woff2"
# characters the sample article and the tests need: 👍 and the 🇸🇾 pair
REQUIRED = (0x1F44D, 0x1F1F8, 0x1F1FE)


def build(package: Path, out: Path = OUT, license_out: Path = LICENSE_OUT) -> str:
    """Write the TTF and its licence from the npm tarball; return a one-line summary."""
    from fontTools.ttLib import TTFont  # build-time only: not a dependency of the app

    with tarfile.open(package) as tar:
        woff2 = _member(tar, MEMBER)
        licence = _member(tar, "package/LICENSE")
    font = TTFont(io.BytesIO(woff2))
    cmap = font.getBestCmap()
    missing = [f"U+{cp:04X}" for cp in REQUIRED if cp not in cmap]
    if missing:
        raise SystemExit(f"{package.name}: the font lacks {', '.join(missing)}")
    font.flavor = None  # WOFF2 -> plain TrueType, glyphs unchanged
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    license_out.write_bytes(licence)
    name = font["name"].getDebugName(5)
    return (
        f"{out.name}: {name}, {len(font.getGlyphOrder())} glyphs, {len(cmap)} characters, "
        f"{out.stat().st_size / 1e6:.2f} MB (from {package.name}, {len(woff2) / 1e6:.2f} MB WOFF2)"
    )


def _member(tar: tarfile.TarFile, name: str) -> bytes:
    handle = tar.extractfile(name)
    if handle is None:
        raise SystemExit(f"{name} is not in the package")
    return handle.read()


def main(argv: list[str] | None = None) -> int:
    """Build the font from the tarball given on the command line and print its summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="fontsource-noto-emoji-<version>.tgz")
    args = parser.parse_args(argv)
    print(build(args.package))
    return 0


if __name__ == "__main__":
    sys.exit(main())
