"""``ecoboard secrets check|encrypt|rotate``: read, write and rotate secrets; never print a value."""

from __future__ import annotations

import argparse
import json
from typing import Any

import yaml

from ..secrets import SecretManager, encrypt_file, rotate
from ..secrets._parse import as_mapping, parse_document, read_text


def _load_dict(path: str, what: str) -> dict[str, Any]:
    fmt = "YAML" if path.endswith((".yaml", ".yml")) else "JSON"
    return as_mapping(parse_document(read_text(path, what), fmt, f"{what} {path}"), f"{what} {path}")


def _check(args: argparse.Namespace) -> int:
    with SecretManager(_load_dict(args.secretcfg, "secretcfg")) as manager:
        values = manager.read(_load_dict(args.secretdef, "secretdef"))
    print(f"ok: {len(values)} key(s): {', '.join(sorted(values))}")
    return 0


def _encrypt(args: argparse.Namespace) -> int:
    secretdef = _load_dict(args.secretdef, "secretdef")
    with SecretManager(_load_dict(args.secretcfg, "secretcfg")) as manager:
        manifest = encrypt_file(manager, secretdef, args.source, write=not args.print)
    if args.print:
        print(yaml.safe_dump(manifest, sort_keys=False), end="")
    else:
        meta = manifest["metadata"]
        print(f"ok: wrote Secret {meta['namespace']}/{meta['name']} and verified it reads back")
    return 0


def _rotate(args: argparse.Namespace) -> int:
    secretdef = _load_dict(args.secretdef, "secretdef")
    with SecretManager(_load_dict(args.secretcfg, "secretcfg")) as manager:
        result = rotate(manager, secretdef, raise_min=args.min_decryption_version)
    print(json.dumps({"latest_version": result.latest_version,
                      "min_decryption_version": result.min_decryption_version}))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``secrets`` and its subcommands."""
    parser = subparsers.add_parser("secrets", help="check, encrypt or rotate secrets (values are never printed)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, fn, help_text in (
        ("check", _check, "read a secret and print its key names"),
        ("encrypt", _encrypt, "transit-encrypt a JSON file into a Kubernetes Secret"),
        ("rotate", _rotate, "rotate the transit key and re-encrypt the Secret"),
    ):
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("secretcfg", help="secretcfg file (JSON or YAML)")
        sub.add_argument("secretdef", help="secretdef file (JSON or YAML)")
        sub.set_defaults(handler=fn)
        if name == "encrypt":
            sub.add_argument("--from", dest="source", required=True, help="the plaintext JSON file")
            sub.add_argument("--print", action="store_true", help="print the Secret manifest instead of writing it")
        if name == "rotate":
            sub.add_argument("--min-decryption-version", action="store_true",
                             help="also refuse ciphertext older than the new key version")

