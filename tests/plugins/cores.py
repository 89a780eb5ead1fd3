"""Cores per pytest worker, and native thread pools pinned to them.

``make test`` runs one xdist worker per core. Left alone, each worker's llama.cpp server, torch,
faiss (OpenMP) and BLAS start a thread per core, and those threads spin-wait for each other:
measured on this 2-core machine, two llama.cpp servers of two threads each ran the generation
tests in 417 s against 193 s with one each, and native pools of two threads per worker ran the
whole suite in 368 s against 311 s with one.
"""

from __future__ import annotations

import os

NATIVE_THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def cores_per_worker() -> int:
    """The cores this pytest process may use (all of them without xdist)."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    return max(1, (os.cpu_count() or 1) // max(workers, 1))


def pin_native_threads() -> None:
    """Size the native thread pools to this worker's cores, before torch or faiss are imported;
    the servers and benchmarks the tests start inherit it. A value set by the caller wins."""
    for variable in NATIVE_THREAD_VARIABLES:
        os.environ.setdefault(variable, str(cores_per_worker()))
