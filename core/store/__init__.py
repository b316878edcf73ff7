"""The project store: durable tinydb files in a project folder."""

from core.store.layer import Layer, LayerSummary
from core.store.project import Project, text_id

__all__ = ["Layer", "LayerSummary", "Project", "text_id"]
