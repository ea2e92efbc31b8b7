"""Shared pieces of the evaluation harness: data paths, cached embeddings, metrics, one module per dataset, and the
parts of the longer scripts (``fidelity_*`` of ``fidelity_eval.py``, ``direction_*`` of ``direction_cv.py``,
``real_pairs`` of ``rule_real_data.py``), so that no script outgrows one file.

Scripts in ``benchmarks/`` put this folder's parent on ``sys.path`` and import ``evallib``.
"""
