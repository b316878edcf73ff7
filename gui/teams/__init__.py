"""Team work in the GUI: compare mode, sharing, curation into gold, the dashboard."""
