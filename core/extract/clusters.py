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
    out: dict[str, WordInfo] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 6:
                out[parts[0]] = (parts[1], parts[2], parts[3], parts[4], parts[5])
    return out
