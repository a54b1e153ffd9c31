"""Build the bundled CJK fonts (resources/fonts/ZXSansSC-{Regular,Bold}.ttf).

Why this exists: reportlab's TTFont only understands TrueType ("glyf")
outlines, while Noto Sans CJK ships with CFF (PostScript) outlines inside
.ttc collections. This script takes the Simplified Chinese face of Noto Sans
CJK (OFL 1.1, Debian package fonts-noto-cjk), subsets it to the characters
zxdesk needs (Latin, punctuation, the GB 18030 one/two-byte set, CJK Unified
Ideographs and Extension A), converts the cubic CFF outlines to quadratic
TrueType outlines with cu2qu and renames the family to "ZX Sans SC" so the
modified font cannot be confused with an installed Noto font.

The output is deterministic: the same input files give byte-identical fonts.

Usage:
    .venv/bin/python tools/build_fonts.py [--source-dir DIR] [--out-dir DIR]
"""

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable
from fontTools.ttLib.tables._g_a_s_p import GASP_DOGRAY, GASP_GRIDFIT, \
    GASP_SYMMETRIC_GRIDFIT, GASP_SYMMETRIC_SMOOTHING

SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "ZX Sans SC"
STYLES = ("Regular", "Bold")
# Maximum distance (font units, 1000 per em) between a cubic curve and its
# quadratic approximation. One unit is invisible at any practical size.
MAX_ERR = 1.0

UNICODE_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF),  # Basic Latin, Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x2460, 0x24FF),  # Enclosed Alphanumerics
    (0x2E80, 0x2FDF),  # CJK Radicals Supplement, Kangxi Radicals
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3040, 0x30FF),  # Hiragana, Katakana (in GB 2312)
    (0x31C0, 0x31EF),  # CJK Strokes
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]


def wanted_codepoints():
    """Codepoints to keep; the subsetter silently skips ones the font lacks."""
    cps = set()
    for first, last in UNICODE_RANGES:
        cps.update(range(first, last + 1))
    # Everything GB 18030 encodes in one or two bytes (a superset of GB 2312
    # and GBK: Greek, Cyrillic, kana, bopomofo, pinyin, box drawing, ...).
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF or 0xE000 <= cp <= 0xF8FF:
            continue  # surrogates and private use
        if len(chr(cp).encode("gb18030")) <= 2:
            cps.add(cp)
    return sorted(cps)


def open_sc_face(ttc_path):
    """Return the face of the collection whose family is Noto Sans CJK SC."""
    for font in TTCollection(str(ttc_path)).fonts:
        name = font["name"]
        family = name.getDebugName(16) or name.getDebugName(1)
        if family == SOURCE_FAMILY:
            return font
    raise SystemExit(f"{ttc_path}: no face with family {SOURCE_FAMILY!r}")


def subset_font(font):
    options = subset.Options()
    options.layout_features = ["kern"]  # Latin kerning only; no vertical
    options.drop_tables += ["BASE", "VORG", "vhea", "vmtx"]
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True  # missing characters show as a box
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_codepoints())
    subsetter.subset(font)


def cff_to_glyf(font):
    """Replace the CFF table by quadratic TrueType glyf/loca tables."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = tt_pen.glyph()

    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    font["loca"] = newTable("loca")
    del font["CFF "]

    # TrueType wants the left side bearing to equal the glyph's xMin.
    hmtx = font["hmtx"].metrics
    for name, glyph in glyphs.items():
        glyph.recalcBounds(glyf)
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))

    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage",
                 "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                 "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0

    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and nothing needs them
    post.extraNames, post.mapping = [], {}

    # Unhinted outlines: ask rasterizers to smooth at every size.
    gasp = font["gasp"] = newTable("gasp")
    gasp.gaspRange = {0xFFFF: GASP_GRIDFIT | GASP_DOGRAY
                      | GASP_SYMMETRIC_GRIDFIT | GASP_SYMMETRIC_SMOOTHING}
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font, style):
    name = font["name"]
    version = name.getDebugName(5) or ""
    ps_name = f"{FAMILY.replace(' ', '')}-{style}"
    full_name = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    # Drop every family/style/identity record (all platforms and languages,
    # including the Chinese-localized ones) and write fresh English ones.
    name.names = [n for n in name.names
                  if n.nameID not in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)]
    for name_id, text in ((1, FAMILY), (2, style),
                          (3, f"{version.split(';')[0]};ZX;{ps_name}"),
                          (4, full_name), (6, ps_name)):
        name.setName(text, name_id, 3, 1, 0x409)
    note = (f"{FAMILY} is a modified version of {SOURCE_FAMILY} for zxdesk: "
            "subset and converted to TrueType outlines.")
    name.setName(note, 10, 3, 1, 0x409)


def build(ttc_path, out_path, style):
    font = open_sc_face(ttc_path)
    subset_font(font)
    cff_to_glyf(font)
    rename(font, style)
    # Keep head.created/modified from the source so builds are reproducible.
    font.recalcTimestamp = False
    out_path.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out_path))
    cmap = font.getBestCmap()
    print(f"{out_path}: {out_path.stat().st_size:,} bytes, "
          f"{len(font.getGlyphOrder())} glyphs, {len(cmap)} codepoints")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source-dir", type=Path,
                        default=Path("/usr/share/fonts/opentype/noto"),
                        help="directory holding NotoSansCJK-{Regular,Bold}.ttc")
    parser.add_argument("--out-dir", type=Path,
                        default=Path(__file__).resolve().parent.parent
                        / "resources" / "fonts")
    args = parser.parse_args()
    for style in STYLES:
        build(args.source_dir / f"NotoSansCJK-{style}.ttc",
              args.out_dir / f"ZXSansSC-{style}.ttf", style)


if __name__ == "__main__":
    main()
