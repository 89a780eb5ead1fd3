"""The web UI: server-rendered pages over the same service functions the API and CLI use.

Each area lives in its own module under ``api/pages/``; this router just gathers them.
"""

from fastapi import APIRouter

from api.pages import (
    account,
    accounts,
    admin,
    calls,
    cluster_edits,
    clusters,
    documents,
    jobs,
    overview,
    product,
    review,
    team,
    upload,
)

router = APIRouter(include_in_schema=False)
for module in (
    clusters,
    cluster_edits,
    upload,
    calls,
    documents,
    overview,
    account,
    accounts,
    admin,
    team,
    review,
    product,
    jobs,
):
    router.include_router(module.router)
