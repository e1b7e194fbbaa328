"""Synthetic demo data (every generated value says "synthetic demo data")."""
