"""Tawsim's Qt desktop app: a thin layer over core/ (see gui/main_window.py)."""
