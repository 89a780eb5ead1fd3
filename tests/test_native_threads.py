"""The suite's workers size their native thread pools to their share of the cores
(plugins/cores.py): two workers of two threads each on two cores spin-wait for each other."""

from __future__ import annotations

import os

import scipy.optimize  # noqa: F401  (its own OpenBLAS, loaded here if not before)
import sklearn.linear_model  # noqa: F401  (its OpenMP runtime)
import torch
from threadpoolctl import threadpool_info

from tests.plugins.cores import NATIVE_THREAD_VARIABLES, PINNED_MARK, cores_per_worker


def test_native_thread_pools_match_the_workers_share_of_the_cores() -> None:
    ours = os.environ.get(PINNED_MARK, "").split(",")
    for variable in NATIVE_THREAD_VARIABLES:
        assert os.environ[variable]
        if variable in ours:  # not set by the caller: this worker's share
            assert os.environ[variable] == str(cores_per_worker()), variable
    omp, blas = int(os.environ["OMP_NUM_THREADS"]), int(os.environ["OPENBLAS_NUM_THREADS"])
    if "OMP_NUM_THREADS" in ours:
        assert torch.get_num_threads() == omp
    pools = threadpool_info()
    assert any(pool["user_api"] == "blas" for pool in pools)
    for pool in pools:
        assert pool["num_threads"] == (blas if pool["user_api"] == "blas" else omp), pool
