"""The quarterly bulletin (一季一通报): context, formatting, charts and renderers (docs/bulletin.md)."""
