"""ecoboard.appliance (see README)."""
