"""Synthetic projects for the scale benchmark (no corpus is read or committed).

Articles are built from a small Arabic-looking word list with a realistic
length spread (1,500-4,000 characters), a title, and for annotator "sara" a
layer of suggested spans on every document, some accepted or rejected, and a
share of documents done or in progress. Only the public core API is used
(Project.create, add_documents inside project.batch(), Project.edit_spans), so
the generator keeps working across store rewrites. A generated project is
cached: a folder that already holds a complete one is reused.

    python bench/scale_gen.py 10000            # -> /tmp/tawsim-scale/10000
    python bench/scale_gen.py 100000 --out /tmp/big
    python bench/scale_gen.py --large          # one 1,000,000-character document
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.model import Span, default_labelset  # noqa: E402
from core.store import Project  # noqa: E402

ANNOTATOR = "sara"
DONE_MARK = ".scale-complete"
WORDS = (
    "قال وزير الخارجية إن الحكومة ستعقد اجتماعا مع الوفد في العاصمة يوم الأحد المقبل "
    "وأضاف أن المباحثات تناولت التعاون الاقتصادي والتجاري بين البلدين وسبل تعزيز العلاقات "
    "في مجالات الطاقة والتعليم والصحة وأكد المتحدث باسم الوزارة أن الاتفاق سيوقع قريبا "
    "بعد موافقة البرلمان على مشروع القانون الذي قدمته اللجنة المالية خلال الدورة الحالية"
).split()
NAMES = {
    "PERS": ["محمد العلي", "سارة أحمد", "خالد يوسف", "ليلى حسن", "عمر الفاروق", "نور الهدى"],
    "LOC": ["القاهرة", "بيروت", "عمان", "الرباط", "دمشق", "تونس", "بغداد", "الخرطوم"],
    "ORG": ["الأمم المتحدة", "جامعة الدول العربية", "البنك الدولي", "وزارة الصحة"],
    "MISC": ["كأس العالم", "الدوري الممتاز", "معرض الكتاب"],
}
LABELS = tuple(NAMES)


def article(rng: random.Random, length: int) -> tuple[str, list[tuple[int, int, str]]]:
    """Text of about length characters with entity names spread in it, and their spans."""
    parts, spans = _words(rng, length, lambda size: rng.random() < 0.12)
    return _paragraphs(rng, parts), spans


def _words(
    rng: random.Random, length: int, entity_here: Callable[[int], bool]
) -> tuple[list[str], list[tuple[int, int, str]]]:
    """Words and names of about length characters in all, a full stop every 12-25 pieces;
    ``entity_here(offset)`` says whether the next piece is a name. Returns the pieces and
    the names' spans (offsets as the pieces are joined with one character between)."""
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    size = 0
    sentence = 0
    while size < length:
        if entity_here(size):
            label = rng.choice(LABELS)
            piece = rng.choice(NAMES[label])
            spans.append((size, size + len(piece), label))
        else:
            piece = rng.choice(WORDS)
        sentence += 1
        if sentence > rng.randint(12, 25):
            piece += "."
            sentence = 0
        parts.append(piece)
        size += len(piece) + 1
    return parts, spans


def _paragraphs(rng: random.Random, parts: list[str]) -> str:
    """Join words with spaces, ending a paragraph after a sentence every 400-1,200 characters.

    The separator is one character either way, so span offsets stay put.
    """
    out: list[str] = []
    since = 0
    limit = rng.randint(400, 1200)
    for piece in parts:
        out.append(piece)
        since += len(piece) + 1
        if piece.endswith(".") and since >= limit:
            out.append("\n")
            since, limit = 0, rng.randint(400, 1200)
        else:
            out.append(" ")
    return "".join(out[:-1])


def doc_length(rng: random.Random) -> int:
    """News-article lengths: mostly 1,500-4,000 characters, centred near 2,400."""
    return int(min(4000, max(1500, rng.lognormvariate(7.8, 0.25))))


def layer_spans(rng: random.Random, found: list[tuple[int, int, str]]) -> tuple[list[Span], str]:
    """Spans for sara's layer (mostly suggested, some accepted/rejected) and a status."""
    roll = rng.random()
    status = "done" if roll < 0.2 else "in_progress" if roll < 0.45 else "new"
    spans = []
    for start, end, label in found:
        pick = rng.random()
        if status == "done" or pick < 0.15:
            spans.append(Span(start, end, label, ANNOTATOR, "accepted", "manual"))
        elif pick < 0.2:
            spans.append(Span(start, end, label, ANNOTATOR, "rejected", "crf", score=0.4))
        else:
            spans.append(Span(start, end, label, ANNOTATOR, "suggested", "crf", score=0.8))
    return spans, status


def generate(folder: Path, count: int, *, seed: int = 16, chunk: int = 2000) -> Path:
    """Create (or reuse) a project of count synthetic documents in folder."""
    if (folder / DONE_MARK).exists():
        return folder
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder}: not empty and not a finished generated project; remove it")
    rng = random.Random(seed)
    with Project.create(
        folder, name=f"scale-{count}", labels=default_labelset(), annotator=ANNOTATOR
    ) as project:
        made = 0
        while made < count:
            items, found = [], []
            for n in range(made, min(count, made + chunk)):
                text, spans = article(rng, doc_length(rng))
                # The number keeps every text unique (the store refuses duplicates).
                text = f"{text} ({n})"
                items.append((f"خبر {n}: {rng.choice(WORDS)} {rng.choice(WORDS)}", text, {}))
                found.append(spans)
            with project.batch():
                ids = project.add_documents(items)
            for (doc_id, _), spans in zip(ids, found, strict=True):
                put, status = layer_spans(rng, spans)
                project.edit_spans(doc_id, put=put, status=status, annotator=ANNOTATOR)
            made += len(items)
            print(f"  {made}/{count}", file=sys.stderr, flush=True)
    (folder / DONE_MARK).write_text(f"{count}\n", encoding="utf-8")
    return folder


def generate_large(folder: Path, *, chars: int = 1_000_000, spans: int = 20_000) -> Path:
    """Create (or reuse) a one-document project: chars characters and about spans spans."""
    if (folder / DONE_MARK).exists():
        return folder
    rng = random.Random(1000)
    # One entity every chars/spans characters on average gives the span count asked for.
    every = chars / spans
    next_at = 0.0

    def entity_here(size: int) -> bool:
        nonlocal next_at
        if size < next_at:
            return False
        next_at += every
        return True

    parts, found = _words(rng, chars, entity_here)
    text = _paragraphs(rng, parts)[:chars]
    found = [s for s in found if s[1] <= len(text)][:spans]
    put = [
        Span(a, b, label, ANNOTATOR, "accepted" if i % 10 == 0 else "suggested", "crf", score=0.8)
        for i, (a, b, label) in enumerate(found)
    ]
    with Project.create(
        folder, name="scale-large", labels=default_labelset(), annotator=ANNOTATOR
    ) as project:
        doc_id = project.add_document("وثيقة طويلة", text)
        project.edit_spans(doc_id, put=put, status="in_progress", annotator=ANNOTATOR)
    (folder / DONE_MARK).write_text("large\n", encoding="utf-8")
    return folder


def default_folder(count: int | None) -> Path:
    """Where a generated project is cached unless --out says otherwise."""
    return Path("/tmp/tawsim-scale") / ("large" if count is None else str(count))


def main(argv: list[str] | None = None) -> int:
    """Generate the projects asked for on the command line and print their folders."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", help="number of documents")
    parser.add_argument("--large", action="store_true", help="the 1,000,000-character document")
    parser.add_argument("--out", type=Path, help="folder (default /tmp/tawsim-scale/<n>)")
    args = parser.parse_args(argv)
    if args.count is None and not args.large:
        parser.error("give a document count or --large")
    began = time.perf_counter()
    if args.large:
        folder = generate_large(args.out or default_folder(None))
    else:
        folder = generate(args.out or default_folder(args.count), args.count)
    print(f"{folder}  ({time.perf_counter() - began:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
