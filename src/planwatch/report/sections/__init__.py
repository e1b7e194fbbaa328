"""The seven sections of the bulletin, one module per part (context.build_context puts them in order)."""
