"""The strict YAML loader: a key named twice is refused, a key may override one a merge key (``<<``) brings."""

from __future__ import annotations

import pytest

from ecoboard.config._yaml import DuplicateKeyError, load_yaml

ANCHOR = "defaults: &d {lat: 1, lon: 2}\n"


def test_a_merge_key_brings_its_keys_and_a_key_here_overrides_one() -> None:
    assert load_yaml(ANCHOR + "location:\n  <<: *d\n  lon: 3\n") == {
        "defaults": {"lat": 1, "lon": 2},
        "location": {"lat": 1, "lon": 3},
    }


def test_a_key_named_twice_beside_a_merge_key_is_refused() -> None:
    with pytest.raises(DuplicateKeyError) as err:
        load_yaml(ANCHOR + "location:\n  <<: *d\n  lon: 3\n  lon: 4\n")
    assert str(err.value) == "the key 'lon' appears twice at line 5, column 3"
