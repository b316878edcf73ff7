"""Child process for the crash test: saves span changes until it is killed.

After each save returns it prints one JSON line describing the change, so the
parent knows exactly which saves were acknowledged.
"""

from __future__ import annotations

import json
import random
import sys

from core.model import Span
from core.store import Project, journal


def main(folder: str, doc_id: str, seed: int, mode: str = "whole") -> None:
    """Open the project and change spans in a loop, forever.

    In mode ``journal`` every write goes to the layer's journal, compacted
    whenever it passes half the layer's size, so kills land in appends and
    in compactions alike.
    """
    if mode == "journal":
        journal.MIN_LAYER_BYTES = 0
        journal.COMPACT_RATIO = 2
    rng = random.Random(seed)
    project = Project.open(folder, annotator="crash")
    layer = project.layer(doc_id)
    length = project.document(doc_id).length
    labels = project.labels.names
    print(json.dumps({"ready": True}), flush=True)
    while True:
        spans = layer.spans()
        choice = rng.random()
        if spans and choice < 0.25:
            victim = rng.choice(spans)
            layer.remove(victim.id)
            print(json.dumps({"remove": victim.id}), flush=True)
        elif spans and choice < 0.5:
            victim = rng.choice(spans)
            saved = layer.put(victim.evolve(label=rng.choice(labels)))
            print(json.dumps({"put": [saved.id, saved.start, saved.end, saved.label]}), flush=True)
        else:
            start = rng.randrange(length - 1)
            end = min(length, start + rng.randint(1, 12))
            saved = layer.add(Span(start, end, rng.choice(labels), "crash"))
            print(json.dumps({"put": [saved.id, saved.start, saved.end, saved.label]}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:5])
