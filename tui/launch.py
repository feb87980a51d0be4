"""Start the Textual app from the CLI; kept apart so the CLI imports Textual only when needed."""

from __future__ import annotations

from tui.domain import Evidence


def run_app(evidence: Evidence, *, pick: bool = False) -> int:
    """Run the browser full-screen; with ``pick``, print the chosen NCT IDs after it closes."""
    from tui.app import VenTuiApp

    app = VenTuiApp(evidence)
    picked = app.run()
    if pick and picked:
        print("\n".join(picked))
    return app.return_code or 0
