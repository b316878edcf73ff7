"""Build the word-cluster table the CRF uses, from the unlabeled Arabic news text.

    .venv/bin/pip install -e '.[resources]'
    .venv/bin/python bench/build_clusters.py [--unlabeled ../shared/data/unlabeled/saudinewsnet]
        [--out resources/clusters/saudinewsnet.tsv] [--vocab 60000] [--dim 100] [--epochs 5]

Reads every article (title and content) of SaudiNewsNet's zips, tokenizes
them as the extractor does (``core.text.tokenize``) and normalises each word
(``core.text.normalize_str``); trains word2vec (gensim, CBOW, two threads,
fixed seed) on that; keeps the --vocab most frequent words; and clusters their
unit-length vectors with k-means (scikit-learn) into 1024 clusters, whose
centroids are clustered again into 256 and those into 64, so the three ids
are nested like Brown-cluster prefixes. Each line of the table is
``word<TAB>c64<TAB>c256<TAB>c1024<TAB>frequency band<TAB>article band``:
the frequency band is ``int(log2(count))``; the article band says how often
the word is seen with the article ال in front (``ال`` + word, as a share of
both forms, in fifths: 0 never, 4 nearly always; ``-`` for a word that
itself starts with ال). A name rarely takes the article (سوريا, محمد), a
common noun often does. Only this table is shipped: the text is never
committed (see the note beside the table for the licence).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.text import normalize_str, tokenize  # noqa: E402

DEFAULT_IN = ROOT.parent / "shared" / "data" / "unlabeled" / "saudinewsnet"
DEFAULT_OUT = ROOT / "resources" / "clusters" / "saudinewsnet.tsv"
SEED = 14
SIZES = (1024, 256, 64)


def articles(folder: Path):  # type: ignore[no-untyped-def]
    """Every article's title and content, zip by zip in name order."""
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    yield f"{art.get('title') or ''}\n{art.get('content') or ''}"


def write_corpus(folder: Path, out: Path) -> Counter[str]:
    """Tokenized, normalised text, one line a paragraph; returns the word counts."""
    counts: Counter[str] = Counter()
    with out.open("w", encoding="utf-8") as fh:
        for text in articles(folder):
            for para in text.split("\n"):
                words = [
                    normalize_str(t.text) for t in tokenize(para) if t.kind in ("word", "latin")
                ]
                if len(words) >= 3:
                    counts.update(words)
                    fh.write(" ".join(words) + "\n")
    return counts


def main() -> int:
    """Build the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unlabeled", default=str(DEFAULT_IN))
    parser.add_argument("--out", default=str(DEFAULT_OUT))
    parser.add_argument("--vocab", type=int, default=60000)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    import numpy as np
    from gensim.models import Word2Vec

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tawsim-clusters-") as tmp:
        corpus = Path(tmp) / "corpus.txt"
        counts = write_corpus(Path(args.unlabeled), corpus)
        total = sum(counts.values())
        print(f"{total:,} words, {len(counts):,} distinct [{time.monotonic() - started:.0f} s]")
        model = Word2Vec(
            corpus_file=str(corpus),
            vector_size=args.dim,
            window=5,
            min_count=5,
            workers=2,
            epochs=args.epochs,
            sg=0,
            seed=SEED,
        )
    print(f"word2vec trained [{time.monotonic() - started:.0f} s]")
    vocab = [w for w, _ in counts.most_common() if w in model.wv.key_to_index][: args.vocab]
    vectors = np.stack([model.wv[w] for w in vocab])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    levels = cluster_levels(vectors)
    print(f"k-means done [{time.monotonic() - started:.0f} s]")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fine, mid, coarse = levels
    with out.open("w", encoding="utf-8") as fh:
        for n, word in enumerate(vocab):
            band = int(math.log2(counts[word]))
            if word.startswith("ال"):
                art = "-"
            else:
                with_art = counts.get("ال" + word, 0)
                art = str(min(int(with_art / (with_art + counts[word]) * 5), 4))
            fh.write(f"{word}\t{coarse[n]}\t{mid[n]}\t{fine[n]}\t{band}\t{art}\n")
    print(f"{out}: {len(vocab):,} words, {out.stat().st_size / 1e6:.2f} MB")
    return 0


def cluster_levels(vectors):  # type: ignore[no-untyped-def]
    """Word cluster ids at 1024, 256 and 64 clusters, nested (coarser = clusters of centroids)."""
    import numpy as np
    from sklearn.cluster import KMeans

    levels = []
    word_to_cluster = np.arange(len(vectors))
    points = vectors
    for k in SIZES:
        km = KMeans(n_clusters=k, n_init=1, max_iter=60, random_state=SEED).fit(points)
        word_to_cluster = km.labels_[word_to_cluster]
        levels.append(word_to_cluster.copy())
        centres = km.cluster_centers_
        points = centres / (np.linalg.norm(centres, axis=1, keepdims=True) + 1e-9)
    return levels


if __name__ == "__main__":
    raise SystemExit(main())
