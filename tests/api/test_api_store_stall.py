"""A stalled PostgreSQL (a throwaway server SIGSTOPped: connections stay open, nothing answers)
under the running API: /readyz answers 503 with the reason within the probe's timeout."""

from __future__ import annotations

import logging
from pathlib import Path

import trio
import yaml

from ecoboard.api._health import STORE_CHECK_SECONDS

from ..store.pg_server import PgServer
from ._support import running_api

K8S_API = Path(__file__).resolve().parents[2] / "k8s" / "api.yaml"


def readiness_timeout() -> float:
    """``timeoutSeconds`` of the API's readiness probe in k8s/api.yaml."""
    deployment = next(doc for doc in yaml.safe_load_all(K8S_API.read_text()) if doc["kind"] == "Deployment")
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    return float(container["readinessProbe"]["timeoutSeconds"])


async def test_readyz_answers_503_with_the_reason_before_the_probe_gives_up(pg: PgServer, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.api")
    async with running_api(f"{pg.url}?schema=ready_stall&connect_timeout=3") as api:
        await api.write("weather")
        assert (await api.client.get("/readyz")).status_code == 200
        pg.pause()
        try:
            for _ in range(2):  # the second waits behind the first one's abandoned call, as long and no longer
                with trio.fail_after(readiness_timeout()):
                    response = await api.client.get("/readyz")
                assert response.status_code == 503
                body = response.json()
                assert (body["ready"], body["store"]) == (False, "unreachable")
                assert body["reasons"] == [
                    f"store unreachable: the store did not answer within {STORE_CHECK_SECONDS:g} s"
                ]
                # what this process holds and serves, said to come from memory, not the store
                assert (body["records_from"], body["kinds"]["weather"]["version"]) == ("memory", 1)
        finally:
            pg.resume()
        with trio.fail_after(15):
            ready = await api.client.get("/readyz")
            while ready.status_code != 200:  # the abandoned call's thread returns once the server runs again
                await trio.sleep(0.2)
                ready = await api.client.get("/readyz")
    outage = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "ecoboard.api._outage"]
    assert outage == [
        (
            logging.WARNING,
            f"GET /readyz: the record store failed (the store did not answer within {STORE_CHECK_SECONDS:g} s); "
            "requests that need it answer 503 until it answers again",
        ),
        (logging.INFO, "the record store answers API requests again"),
    ]
