"""The scan on Apache Spark (``retold scan --engine spark``, extra ``retold[spark]``): the local engine's
stages as Spark operations around the same library calls, so both give the same edges and stories.

``retold.spark.engine.scan`` runs it; ``retold.spark.records`` holds what each task runs (plain
Python). Nothing here imports pyspark until a scan starts.
"""
