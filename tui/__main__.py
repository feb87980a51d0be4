"""Allow ``python -m tui`` as an alias of the ``ven-tui`` command."""

from __future__ import annotations

from tui.entry import main

raise SystemExit(main())
