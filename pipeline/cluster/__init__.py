"""Cluster stage: recurring themes from mention vectors, with stable ids and the user's edits.

- ``algorithms``: Ward tree on a stable sample, automatic k, spherical k-means, assignment,
  matching; ``criteria``: the two scores k is chosen by (size-aware silhouette, kNN
  modularity); ``tree``: the ``ThemeTree`` kept for other grains.
- ``categories``: clusters of a walled kind never mix the detector's categories; k held run to
  run; ``grain``: fewer / more themes from the saved trees.
- ``questions``: which buyer questions are worth a theme (not small talk or clarifications).
- ``incremental``: a new mention joins its nearest cluster of its category when it clears the
  cluster's own bar (``bounds``), else it waits; ``waiting``: waiting mentions close to each
  other become a theme of their own; ``state``: what
  the last run kept (grain, trees, retired clusters) and when drift warrants a full run;
  ``recluster``: the full re-cluster of one kind; ``stable_ids``: user splits and merges
  replayed so ids and edits survive it; ``llm_names``: optional LLM cluster names.
- ``queries``: clusters with stats, one cluster with quotes, nearest-quote search;
  ``edits``: rename, "not an objection", merge, split; ``schemas``: what the API returns.

- ``index``: the faiss index on disk; ``label``/``label_checks``: names in the buyers' words;
  ``stats``/``trend``: the figures marketing reads; ``phrases``: recurring buyer phrases.

``pipeline.analysis.flow`` runs the stages in order (detect -> embed -> index -> assign ->
re-cluster).
"""
