"""Configuration: the model and its loader (``ecoboard.yaml`` plus ``ECOBOARD__*`` overrides)."""

from ._load import ENV_PREFIX, config_problems, configured_keys, load_config, parse_config
from ._model import (
    ApiSettings,
    BusSettings,
    Config,
    DisplaySettings,
    Location,
    MatrixSettings,
    NightSettings,
    PageSpec,
    ProviderSettings,
    SecretsSettings,
    StoreSettings,
    Teams,
)
from ._values import TEAM_EXPECTED, is_team, unquoted_time_note

__all__ = [
    "ENV_PREFIX",
    "TEAM_EXPECTED",
    "ApiSettings",
    "BusSettings",
    "Config",
    "DisplaySettings",
    "Location",
    "MatrixSettings",
    "NightSettings",
    "PageSpec",
    "ProviderSettings",
    "SecretsSettings",
    "StoreSettings",
    "Teams",
    "config_problems",
    "configured_keys",
    "is_team",
    "load_config",
    "parse_config",
    "unquoted_time_note",
]
