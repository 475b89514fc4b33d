"""A small local Kubernetes API server for tests: the documented endpoints ecoboard and OpenBao use.

Implements (shapes as in the Kubernetes API reference):
- ``GET/PUT /api/v1/namespaces/{ns}/secrets/{name}``, ``POST /api/v1/namespaces/{ns}/secrets``
- ``GET /api/v1/namespaces/{ns}/configmaps/{name}``
- ``POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token`` (TokenRequest)
- ``POST /apis/authentication.k8s.io/v1/tokenreviews`` (TokenReview, called back by OpenBao)
Every request needs ``Authorization: Bearer <token>``: the admin token or a token this server issued.
Errors are ``Status`` objects.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def kubeconfig_for(url: str, token: str) -> str:
    """A kubeconfig YAML document for the API server at ``url`` with a bearer ``token``."""
    return (
        "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
        f"clusters:\n- name: test\n  cluster:\n    server: {url}\n"
        "contexts:\n- name: test\n  context:\n    cluster: test\n    user: test\n"
        f"users:\n- name: test\n  user:\n    token: {token}\n"
    )


class FakeKubernetes:
    """State and HTTP front of the fake API server; use as a context manager."""

    def __init__(self) -> None:
        self.admin_token = secrets.token_hex(16)
        self.secrets: dict[tuple[str, str], dict[str, Any]] = {}
        self.configmaps: dict[tuple[str, str], dict[str, Any]] = {}
        self.issued: dict[str, dict[str, Any]] = {}
        self.reviews = 0
        self.token_requests = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeKubernetes:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def kubeconfig(self) -> str:
        """A kubeconfig YAML document pointing at this server with the admin token."""
        return kubeconfig_for(self.url, self.admin_token)

    def issue_token(self, namespace: str, account: str, audiences: list[str], seconds: int) -> str:
        """A JWT-shaped service-account token (claims as Kubernetes issues them; fake signature)."""
        now = int(time.time())
        claims = {
            "aud": audiences or ["https://kubernetes.default.svc.cluster.local"],
            "exp": now + seconds, "iat": now, "nbf": now,
            "iss": "https://kubernetes.default.svc.cluster.local",
            "kubernetes.io": {"namespace": namespace, "serviceaccount": {"name": account, "uid": str(uuid.uuid4())}},
            "sub": f"system:serviceaccount:{namespace}:{account}",
        }
        header = {"alg": "RS256", "kid": "test"}
        parts = [json.dumps(header).encode(), json.dumps(claims).encode(), secrets.token_bytes(64)]
        token = ".".join(_b64url(part) for part in parts)
        with self._lock:
            self.issued[token] = claims
        return token

    def put_secret(self, namespace: str, name: str, data: dict[str, str]) -> None:
        """Store a Secret whose ``data`` values are given as text (base64-encoded here)."""
        encoded = {k: base64.b64encode(v.encode()).decode() for k, v in data.items()}
        self.secrets[(namespace, name)] = self._object("Secret", namespace, name, data=encoded, type="Opaque")

    def put_configmap(self, namespace: str, name: str, data: dict[str, str]) -> None:
        """Store a ConfigMap."""
        self.configmaps[(namespace, name)] = self._object("ConfigMap", namespace, name, data=dict(data))

    @staticmethod
    def _object(kind: str, namespace: str, name: str, **fields: Any) -> dict[str, Any]:
        meta = {"name": name, "namespace": namespace, "uid": str(uuid.uuid4()), "resourceVersion": "1",
                "creationTimestamp": "2026-01-01T00:00:00Z"}
        return {"kind": kind, "apiVersion": "v1", "metadata": meta, **fields}

    def _authorized(self, header: str | None) -> bool:
        if not header or not header.startswith("Bearer "):
            return False
        token = header[len("Bearer "):]
        claims = self.issued.get(token)
        return token == self.admin_token or (claims is not None and claims["exp"] > time.time())

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, code: int, body: dict[str, Any]) -> None:
                raw = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _status(self, code: int, reason: str, message: str) -> None:
                self._send(code, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                                  "message": message, "reason": reason, "code": code})

            def _body(self) -> dict[str, Any]:
                length = int(self.headers.get("Content-Length") or 0)
                return json.loads(self.rfile.read(length) or b"{}")

            def _route(self, method: str) -> None:
                if not api._authorized(self.headers.get("Authorization")):
                    self._status(401, "Unauthorized", "Unauthorized")
                    return
                path = self.path.split("?")[0]
                if method == "POST" and path == "/apis/authentication.k8s.io/v1/tokenreviews":
                    self._token_review(self._body())
                    return
                match = re.fullmatch(r"/api/v1/namespaces/([^/]+)/(secrets|configmaps|serviceaccounts)(?:/([^/]+))?"
                                     r"(/token)?", path)
                if not match:
                    self._status(404, "NotFound", f"the server could not find the requested resource {path}")
                    return
                ns, resource, name, sub = match.groups()
                if resource == "serviceaccounts" and sub and method == "POST":
                    self._token_request(ns, name, self._body())
                elif resource == "configmaps" and method == "GET" and name:
                    self._get(api.configmaps, ns, name, "configmaps")
                elif resource == "secrets" and method == "GET" and name:
                    self._get(api.secrets, ns, name, "secrets")
                elif resource == "secrets" and method in ("PUT", "POST"):
                    self._write_secret(method, ns, name, self._body())
                else:
                    self._status(405, "MethodNotAllowed", f"{method} {path} is not supported")

            def _get(self, table: dict[tuple[str, str], dict[str, Any]], ns: str, name: str, res: str) -> None:
                obj = table.get((ns, name))
                if obj is None:
                    self._status(404, "NotFound", f'{res} "{name}" not found')
                else:
                    self._send(200, obj)

            def _write_secret(self, method: str, ns: str, name: str | None, body: dict[str, Any]) -> None:
                name = name or body["metadata"]["name"]
                exists = (ns, name) in api.secrets
                if method == "PUT" and not exists:
                    self._status(404, "NotFound", f'secrets "{name}" not found')
                    return
                if method == "POST" and exists:
                    self._status(409, "AlreadyExists", f'secrets "{name}" already exists')
                    return
                obj = api._object("Secret", ns, name, data=body.get("data") or {}, type=body.get("type", "Opaque"))
                obj["metadata"]["labels"] = body.get("metadata", {}).get("labels") or {}
                api.secrets[(ns, name)] = obj
                self._send(200 if method == "PUT" else 201, obj)

            def _token_request(self, ns: str, account: str, body: dict[str, Any]) -> None:
                spec = body.get("spec") or {}
                seconds = int(spec.get("expirationSeconds") or 3600)
                audiences = list(spec.get("audiences") or [])
                api.token_requests += 1
                token = api.issue_token(ns, account, audiences, seconds)
                expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + seconds))
                self._send(201, {"kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
                                 "metadata": {"name": account, "namespace": ns},
                                 "spec": {"audiences": audiences, "expirationSeconds": seconds},
                                 "status": {"token": token, "expirationTimestamp": expires}})

            def _token_review(self, body: dict[str, Any]) -> None:
                api.reviews += 1
                token = (body.get("spec") or {}).get("token", "")
                claims = api.issued.get(token)
                status: dict[str, Any] = {"authenticated": False, "error": "invalid bearer token"}
                if claims is not None and claims["exp"] > time.time():
                    sa = claims["kubernetes.io"]
                    status = {"authenticated": True, "audiences": claims["aud"], "user": {
                        "username": claims["sub"], "uid": sa["serviceaccount"]["uid"],
                        "groups": ["system:serviceaccounts", f"system:serviceaccounts:{sa['namespace']}",
                                   "system:authenticated"]}}
                self._send(201, {"kind": "TokenReview", "apiVersion": "authentication.k8s.io/v1",
                                 "metadata": {}, "spec": body.get("spec") or {}, "status": status})

            def do_GET(self) -> None:
                self._route("GET")

            def do_POST(self) -> None:
                self._route("POST")

            def do_PUT(self) -> None:
                self._route("PUT")

        return Handler
