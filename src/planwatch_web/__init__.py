"""planwatch_web: the Django web platform over the pure planwatch core (docs/web.md)."""
