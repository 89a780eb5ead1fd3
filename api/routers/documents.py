"""Routes for documents (filled in by its issue)."""

from fastapi import APIRouter

router = APIRouter()
