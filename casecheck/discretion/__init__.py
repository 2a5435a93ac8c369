"""Discretion benchmarks (行政处罚裁量基准) as data: the model, the shipped and imported
benchmarks, and the importer of the tables departments publish."""
