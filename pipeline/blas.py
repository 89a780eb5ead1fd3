"""BLAS on one thread for the analysis's many small matrix products.

Why: detection and clustering make thousands of products of a few thousand rows by a few
hundred (seed groups, k-means steps, silhouettes). On two busy cores a pool of two OpenBLAS
threads spins waiting for each other: ``assign_nearest`` on 4,000 x 384 vectors took 5-8 ms of
CPU a call on two threads and 1-3 ms on one, with the same labels (each product's sums are
split by rows and columns, never along a dot product, so one thread gives the same bits).
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits


def one_blas_thread() -> threadpool_limits:
    """A context in which numpy's and scipy's BLAS run on one thread (restored after it)."""
    return threadpool_limits(limits=1, user_api="blas")
