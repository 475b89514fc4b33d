"""The one place the software version is written."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/ecoboard/ecoboard"
USER_AGENT = f"ecoboard/{__version__} (+{PROJECT_URL})"
