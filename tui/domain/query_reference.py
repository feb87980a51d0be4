"""The query language's reference: one text for the README, ``ven-tui help query`` and the help.

Written once here so the README, the command line and the browser cannot drift apart; a test
holds the README's "Query language" section to ``QUERY_REFERENCE``.
"""

from __future__ import annotations

QUERY_REFERENCE = """\
One language for `--filter` and the browser's filter bar. Terms are separated by spaces and
all must match; matching ignores case.

| you type | it matches |
| --- | --- |
| `azacitidine` | rows whose cells contain the text |
| `philadelphia` | also rows that use an abbreviation whose expansion contains it (`Ph`) |
| `"newly diagnosed"` | a phrase, spaces included |
| `-ph+` | excludes rows containing `ph+` |
| `pop:aya` | only the column whose heading starts with `pop` (Population) |
| `cr>=60` | rows with a CR-type metric of at least 60 (`cr` also matches CR/CRi, CR/CRp) |
| `orr > 50`, `os<12`, `mrd-neg=100` | other metrics; spaces around the operator are optional |
| `n>=18` | rows whose stated sample size ("n = 18") is at least 18 |

Operators: `>=`, `<=`, `>`, `<`, `=`. Rows without the metric never match a comparison. A
malformed query (an unclosed quote, `cr>=` with no number, a column prefix that fits no
heading or several) is reported with what is wrong and at which column of the query.

Note: in Table 3 the column the review heads "Primary outcome" holds the regimens; there is no
Intervention column there, so `int:azacitidine` finds nothing in Table 3. Search without a
column to cover every table.
"""

QUERY_EXAMPLES = """\
query (--filter): terms separated by spaces, all must match, case ignored
  azacitidine            rows whose cells (or abbreviation expansions) contain the word
  "newly diagnosed"      a phrase
  -pediatric             exclude rows containing the word (--filter -pediatric works)
  pop:aya                only in the column whose heading starts with pop (Population)
  cr>=60  orr>50  os<12  a metric comparison (cr also matches CR/CRi, CR/CRp)
  n>=18                  the stated sample size

examples:
  ven-tui export --table phase2 --filter 'ph+ "newly diagnosed"'
  ven-tui export --filter 'cr>=60 n>=10' -o responders.md
  ven-tui ids --filter -pediatric
`ven-tui help query` prints the whole reference.
"""
