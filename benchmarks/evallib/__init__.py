"""Shared pieces of the evaluation harness: data paths, cached embeddings, metrics, one module per dataset.

Scripts in ``benchmarks/`` put this folder's parent on ``sys.path`` and import ``evallib``.
"""
