"""API fuzzing: schemathesis generates requests from the OpenAPI schema of the app.

Every operation (pages included) gets a bounded number of generated requests, with the write
token so that the bodies of writes are exercised too. No request may answer 5xx, and every
4xx must carry a message (JSON ``detail``, or the ``#error`` element of a page).
"""

from __future__ import annotations

import json
import re

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from majlis.web import create_app  # noqa: E402
from tests.web.conftest import TOKEN  # noqa: E402

EXAMPLES = 30  # per operation: about 25 operations, a minute in all

app = create_app(token=TOKEN)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)

CALLS: list[int] = []


def _message(response: object) -> str:
    text = response.text  # type: ignore[attr-defined]
    try:
        detail = json.loads(text).get("detail")
    except (ValueError, AttributeError):
        found = re.search(r'id="error">([^<]+)<', text)
        return found.group(1).strip() if found else ""
    return json.dumps(detail) if detail else ""


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error_and_every_4xx_has_a_message(case: object) -> None:
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})  # type: ignore[attr-defined]
    CALLS.append(response.status_code)
    assert response.status_code < 500, (case, response.text[:500])  # type: ignore[attr-defined]
    if 400 <= response.status_code < 500:
        assert _message(response), (case, response.status_code, response.text[:300])


def test_zz_fuzz_count() -> None:
    """Print how many generated requests were sent (for the report); at least one per operation."""
    app.state.jobs.shutdown()  # forecasts started by the fuzzer stop between chunks
    if not CALLS:
        pytest.skip("the fuzz test did not run in this session")
    ops = sum(1 for _ in schema.get_all_operations())
    print(f"\nfuzz: {len(CALLS)} requests over {ops} operations, statuses {sorted(set(CALLS))}")
    assert len(CALLS) >= ops
