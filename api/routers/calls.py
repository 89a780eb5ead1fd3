"""Routes for calls (filled in by its issue)."""

from fastapi import APIRouter

router = APIRouter()
