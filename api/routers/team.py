"""Routes for the team roster: our people, whose lines on any call are the rep's."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.auth import ADMIN, READ
from api.deps import SessionDep
from api.problems import PROBLEM
from pipeline.ingest import team
from pipeline.types import RowId

router = APIRouter(prefix="/api/team", tags=["team"])


@router.get("", response_model=list[team.TeamMemberRead], dependencies=[READ])
def list_team(session: SessionDep) -> list[team.TeamMemberRead]:
    """Everyone on the roster, by name."""
    return team.list_members(session)


@router.post(
    "",
    status_code=201,
    response_model=team.TeamMemberRead,
    responses={409: PROBLEM, 422: PROBLEM},
    dependencies=[ADMIN],
)
def add_to_team(member: team.TeamMemberCreate, session: SessionDep) -> team.TeamMemberRead:
    """Put someone on the roster; calls uploaded from now on treat their lines as the rep's
    (409 if the name is on it already)."""
    return team.add_member(session, member.name, company=member.company)


@router.delete("/{member_id:int}", status_code=204, responses={404: PROBLEM}, dependencies=[ADMIN])
def remove_from_team(member_id: RowId, session: SessionDep) -> Response:
    """Take someone off the roster (calls already stored keep their roles)."""
    team.remove_member(session, member_id)
    return Response(status_code=204)
