"""The strict YAML loader: a key named twice is refused, a key may override one a merge key (``<<``) brings."""

from __future__ import annotations

import pytest
import yaml

from ecoboard.config._yaml import DuplicateKeyError, error_position, load_yaml

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


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("key: [unclosed", (1, 15)),
        ("key: [unclosed\n", (1, 15)),
        ("key: [unclosed\n\n  \n", (1, 15)),
        ("a: 1\r\nkey: [unclosed\r\n", (2, 15)),
        ('a: "open\n', (1, 9)),
        ("a: 1\nb: [x\nc: }\n", (3, 2)),
        ("a: 1\n  b: 2\n", (2, 4)),
    ],
)
def test_the_error_position_is_inside_the_text(text: str, position: tuple[int, int]) -> None:
    """PyYAML marks an input that ends too soon on the line after the last; the position is moved to just
    after the last character. A problem inside the text keeps PyYAML's position."""
    with pytest.raises(yaml.YAMLError) as err:
        load_yaml(text)
    assert error_position(err.value, text) == position
