"""What ``ven-tui export`` writes, and the table name it takes beside the review's three.

Apart from the exporters (``tui.domain.export``): the command line lists these as its
choices on every start, and the browser's first frame needs none of the exporters.
"""

from __future__ import annotations

FORMATS = ("json", "csv", "md")
REGISTRY_TABLE = "registry"
"""The table id of the trials the discovery search found that the review does not list
(``--table registry``)."""
