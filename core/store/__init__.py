"""The project store: durable tinydb files in a project folder."""

from core.store.project import Layer, LayerSummary, Project, text_id

__all__ = ["Layer", "LayerSummary", "Project", "text_id"]
