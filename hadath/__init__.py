"""hadath: Arabic news articles in, structured political and conflict events out.

This package holds the pure pipeline logic; it imports neither faust nor aiokafka.
"""

__version__ = "0.1.0"
