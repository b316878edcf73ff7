"""Data that ships with Tawsim: fonts, gazetteers, models, samples, translations.

A package only so that ``pip install .`` carries the files next to core/ and gui/.
"""
