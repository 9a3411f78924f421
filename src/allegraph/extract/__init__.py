"""spaCy components and rules: actor ruler, attribution, allegations, hedging, polarity.

Only this package imports spaCy.
"""
