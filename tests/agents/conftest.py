"""Agent tests: the Faust app's local state (the merge table's RocksDB) in a fresh directory.

agents.app reads its settings when first imported, which happens after this module runs, so the
environment set here is what it sees. Without it the table lived in ./hadath-data and kept the
events of earlier runs, which then merged with (and changed) what a test published.
"""

from __future__ import annotations

import os
import tempfile

os.environ["HADATH_DATA_DIR"] = tempfile.mkdtemp(prefix="hadath-agent-tests-")
