"""ecoboard.secrets (see README)."""
