"""Jinja2 templates of the bulletin (a package so the templates ship in the wheel)."""
