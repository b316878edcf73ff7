"""Word clusters and corpus statistics from unlabeled Arabic news, as CRF features.

The table ``resources/clusters/saudinewsnet.tsv`` (built by
``bench/build_clusters.py``; its README names the corpus and licence) maps a
normalised word to three nested k-means clusters of its word2vec vector (64,
256 and 1024 clusters, like Brown-cluster prefixes of three lengths), a
frequency band and an article band (how often the corpus writes it with ال).
Words outside the table get no cluster features.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["CLUSTERS", "WordInfo", "load_clusters"]

CLUSTERS = Path(__file__).resolve().parents[2] / "resources" / "clusters" / "saudinewsnet.tsv"

# (c64, c256, c1024, frequency band, article band)
WordInfo = tuple[str, str, str, str, str]


@lru_cache(maxsize=4)
def load_clusters(path: Path = CLUSTERS) -> dict[str, WordInfo]:
    """The table as a dict (empty when the file is missing), read once per process."""
    if not path.exists():
        return {}
    rows = (line.split("\t") for line in path.read_text("utf-8").splitlines())
    return {p[0]: (p[1], p[2], p[3], p[4], p[5]) for p in rows if len(p) >= 6}
