"""The three stages chained in memory: the embedded mode (``hadath extract``) and evaluation."""
