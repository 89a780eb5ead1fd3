"""The suite's workers size torch's threads to their share of the cores (plugins/cores.py)."""

from __future__ import annotations

import os

import torch

from tests.plugins.cores import NATIVE_THREAD_VARIABLES, cores_per_worker


def test_native_thread_pools_match_the_workers_share_of_the_cores() -> None:
    for variable in NATIVE_THREAD_VARIABLES:
        assert os.environ[variable]
    if os.environ["OMP_NUM_THREADS"] == str(cores_per_worker()):  # not overridden by the caller
        assert torch.get_num_threads() == cores_per_worker()
