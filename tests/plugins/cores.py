"""Cores per pytest worker, and native thread pools pinned to them.

``make test`` runs one xdist worker per core. Left alone, each worker's llama.cpp server, torch,
faiss (OpenMP) and BLAS start a thread per core, and those threads spin-wait for each other:
measured on this 2-core machine, two llama.cpp servers of two threads each ran the generation
tests in 417 s against 193 s with one each, and native pools of two threads per worker ran the
whole suite in 368 s against 311 s with one.
"""

from __future__ import annotations

import os
import sys

NATIVE_THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
PINNED_MARK = "CALLMINE_TESTS_PINNED"  # the variables pin_native_threads set, not the caller


def cores_per_worker() -> int:
    """The cores this pytest process may use (all of them without xdist)."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    return max(1, (os.cpu_count() or 1) // max(workers, 1))


def pin_native_threads() -> None:
    """Size the native thread pools to this worker's cores, before torch or faiss are imported;
    the servers and benchmarks the tests start inherit it. A value set by the caller wins.

    The xdist controller pins first (it does not know the worker count yet, so two threads) and
    its workers inherit its environment: a value this function set (listed in ``PINNED_MARK``)
    is sized again in each worker. Pools loaded before this call (numpy's OpenBLAS, imported by
    plugins) are sized through threadpoolctl, torch through ``set_num_threads``.
    """
    cores = str(cores_per_worker())
    ours = {name for name in os.environ.get(PINNED_MARK, "").split(",") if name}
    for variable in NATIVE_THREAD_VARIABLES:
        if variable in ours or variable not in os.environ:
            os.environ[variable] = cores
            ours.add(variable)
    os.environ[PINNED_MARK] = ",".join(sorted(ours))
    from threadpoolctl import threadpool_limits

    threadpool_limits(int(os.environ["OPENBLAS_NUM_THREADS"]), user_api="blas")
    threadpool_limits(int(os.environ["OMP_NUM_THREADS"]), user_api="openmp")
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(int(os.environ["OMP_NUM_THREADS"]))
