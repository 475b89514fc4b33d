"""ecoboard.renderer (see README)."""
