"""ecoboard.api (see README)."""
