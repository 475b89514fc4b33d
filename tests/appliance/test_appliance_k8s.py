"""The kustomization builds (``kubectl kustomize k8s/``) into the cluster layout the README promises."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from ecoboard.api._health import STORE_CHECK_SECONDS
from ecoboard.config import parse_config

K8S = Path(__file__).resolve().parents[2] / "k8s"


@pytest.fixture(scope="module")
def objects() -> list[dict]:
    kubectl = shutil.which("kubectl")
    assert kubectl is not None, "kubectl is needed to build the kustomization"
    built = subprocess.run([kubectl, "kustomize", str(K8S)], capture_output=True, text=True, check=True)
    return [doc for doc in yaml.safe_load_all(built.stdout) if doc]


def by_kind(objects: list[dict], kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == kind}


def pod_spec(obj: dict) -> dict:
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return obj["spec"]["template"]["spec"]


def test_every_kind_is_fetched_into_postgres_and_redis(objects: list[dict]) -> None:
    cronjobs = by_kind(objects, "CronJob")
    deployments = by_kind(objects, "Deployment")
    commands = {
        name: pod_spec(o)["containers"][0]["command"]
        for name, o in {**cronjobs, **deployments}.items()
        if name.startswith("fetch-")
    }
    assert commands == {
        "fetch-weather": ["python", "-m", "ecoboard.fetchers", "weather", "--once"],
        "fetch-aqi": ["python", "-m", "ecoboard.fetchers", "aqi", "--once"],
        "fetch-sun-moon": ["python", "-m", "ecoboard.fetchers", "sun_moon", "--once"],
        "fetch-mlb": ["python", "-m", "ecoboard.fetchers", "mlb", "--heartbeat", "/tmp/heartbeat"],
        "fetch-nfl": ["python", "-m", "ecoboard.fetchers", "nfl", "--heartbeat", "/tmp/heartbeat"],
    }
    assert {name: o["spec"]["schedule"] for name, o in cronjobs.items()} == {
        "fetch-weather": "*/15 * * * *",
        "fetch-aqi": "*/30 * * * *",
        "fetch-sun-moon": "7 */6 * * *",
    }
    assert all(o["spec"]["concurrencyPolicy"] == "Forbid" for o in cronjobs.values())


def test_api_deployment_service_and_probes(objects: list[dict]) -> None:
    api = by_kind(objects, "Deployment")["ecoboard-api"]
    container = pod_spec(api)["containers"][0]
    assert container["args"] == ["api", "--config", "/etc/ecoboard/ecoboard.yaml"]
    # readiness is /healthz: a store outage must not take every replica (and the dashboard) out of the Service
    assert container["readinessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    service = by_kind(objects, "Service")["ecoboard-api"]
    assert service["spec"]["ports"] == [{"name": "http", "port": 80, "targetPort": "http"}]
    assert service["spec"]["selector"] == api["spec"]["selector"]["matchLabels"]


PROBE_SLACK_SECONDS = 1.0
"""What a probe's timeout must leave beyond the store check for the rest of /readyz and the network."""


def test_every_probe_gives_readyz_time_to_answer_with_its_reason(objects: list[dict]) -> None:
    probes = [
        (obj["metadata"]["name"], field, container[field])
        for obj in objects
        if obj["kind"] in ("Deployment", "CronJob")
        for container in pod_spec(obj)["containers"]
        for field in ("readinessProbe", "livenessProbe", "startupProbe")
        if field in container
    ]
    assert [(name, field) for name, field, _ in probes] == [
        ("ecoboard-api", "readinessProbe"),
        ("ecoboard-api", "livenessProbe"),
        ("fetch-mlb", "livenessProbe"),
        ("fetch-nfl", "livenessProbe"),
    ]
    for name, field, probe in probes:
        if "exec" in probe:  # the pollers' heartbeat file (tests/cli/test_cli_fetch_heartbeat.py runs it)
            assert probe["exec"]["command"] == ["sh", "-c", 'test "$(date +%s)" -lt "$(cat /tmp/heartbeat)"']
            continue
        path = probe["httpGet"]["path"]
        assert path in ("/readyz", "/healthz"), (name, field, path)
        needs = STORE_CHECK_SECONDS + PROBE_SLACK_SECONDS if path == "/readyz" else PROBE_SLACK_SECONDS
        assert probe["timeoutSeconds"] >= needs, (name, field, probe["timeoutSeconds"], needs)


def test_every_pod_is_non_root_read_only_limited_and_mounts_config_and_secret(objects: list[dict]) -> None:
    workloads = [o for o in objects if o["kind"] in ("Deployment", "CronJob")]
    assert len(workloads) == 6
    configmap = next(iter(by_kind(objects, "ConfigMap")))
    for obj in workloads:
        spec = pod_spec(obj)
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["runAsUser"] == 10001
        assert spec["automountServiceAccountToken"] is False
        container = spec["containers"][0]
        assert container["image"] == "ghcr.io/ecoboard/ecoboard:0.1.0"
        assert container["securityContext"] == {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True,
            "capabilities": {"drop": ["ALL"]},
        }
        assert set(container["resources"]["limits"]) == {"cpu", "memory"}
        volumes = {v["name"]: v for v in spec["volumes"]}
        assert volumes["config"]["configMap"]["name"] == configmap
        assert volumes["secrets"]["secret"]["secretName"] == "ecoboard-secrets"


def test_every_pod_mounting_the_secret_can_read_it(objects: list[dict]) -> None:
    """A Secret volume's files are root:fsGroup with defaultMode: without fsGroup, uid 10001 cannot open
    0440 files (every fetcher exited 2). The group is the pod's own, so the FILE source does not warn."""
    readers = {}
    for obj in objects:
        if obj["kind"] not in ("Deployment", "CronJob"):
            continue
        spec = pod_spec(obj)
        secret_volumes = {v["name"] for v in spec["volumes"] if "secret" in v}
        mounted = [m for c in spec["containers"] for m in c.get("volumeMounts", []) if m["name"] in secret_volumes]
        if mounted:
            context = spec["securityContext"]
            modes = {v["secret"]["defaultMode"] for v in spec["volumes"] if "secret" in v}
            readers[obj["metadata"]["name"]] = (context.get("fsGroup"), context["runAsGroup"], modes)
    assert readers == {
        name: (10001, 10001, {0o440})
        for name in ("ecoboard-api", "fetch-weather", "fetch-aqi", "fetch-sun-moon", "fetch-mlb", "fetch-nfl")
    }


def test_the_pollers_heartbeat_lives_on_a_writable_tmp(objects: list[dict]) -> None:
    for name in ("fetch-mlb", "fetch-nfl"):
        spec = pod_spec(by_kind(objects, "Deployment")[name])
        mounts = {m["mountPath"]: m["name"] for m in spec["containers"][0]["volumeMounts"]}
        volumes = {v["name"]: v for v in spec["volumes"]}
        assert "emptyDir" in volumes[mounts["/tmp"]], name


def test_configmap_holds_a_valid_cluster_config_without_secret_values(objects: list[dict]) -> None:
    configmap = next(iter(by_kind(objects, "ConfigMap").values()))
    text = configmap["data"]["ecoboard.yaml"]
    config = parse_config(yaml.safe_load(text), source="k8s ecoboard.yaml", environ={})
    assert config.mode == "cluster"
    assert (config.store.url_secret, config.bus.url_secret, config.api.token_secret) == (
        "store_url",
        "bus_url",
        "control_token",
    )
    assert config.secrets.file == "/etc/ecoboard/secrets/secrets.yaml"
    assert "postgresql://" not in text and "redis://" not in text
