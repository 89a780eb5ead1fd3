"""Cluster stage: recurring themes from mention vectors, with stable ids and the user's edits.

- ``algorithms``: Ward tree + silhouette auto k + spherical k-means, assignment, matching.
- ``categories``: objection clusters never mix the detector's categories; k held run to run.
- ``incremental``: a new mention joins its nearest cluster; ``state``: when drift warrants a
  full re-cluster; ``recluster``: the full re-cluster of one kind; ``stable_ids``: user splits
  and merges replayed so ids and edits survive it; ``llm_names``: optional LLM cluster names.
- ``queries``: clusters with stats, one cluster with quotes, nearest-quote search;
  ``edits``: rename, "not an objection", merge, split; ``schemas``: what the API returns.

``pipeline.analysis`` runs the stages in order (detect -> embed -> index -> assign -> re-cluster).
"""
