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
| `blinatumomab OR inotuzumab` | rows with either; `OR` is upper case (lower-case `or` is a word) |
| `ph:pos (t-all OR aya)` | parentheses group; `-(a OR b)` excludes rows with either |
| `ph:pos`, `ph:neg`, `ph:like` | Ph+; Ph-negative, Ph-neg, Ph- or Ph-like; Ph-like (derived) |
| `lineage:b`, `lineage:t` | B-ALL, B-LBL; T-ALL, T-LBL, ETP-ALL (CAR-T says nothing of lineage) |
| `setting:nd`, `setting:rr` | newly diagnosed, untreated, frontline; R/R, relapsed, refractory |
| `setting:maintenance` | maintenance (e.g. after HSCT) |
| `age:pediatric`, `age:aya` | pediatric, children; adolescents and young adults (AYA) |
| `age:adult`, `age:older` | adults; older adults, older patients (not also `age:adult`) |
| `ph:unstated` | rows that do not state a Ph status (any facet: `age:unstated`, ...) |
| `class:tki`, `antifungal`, `cyp3a` | rows using an agent of that class (ven-tui's own classes) |

Operators: `>=`, `<=`, `>`, `<`, `=`. Rows without the metric never match a comparison. A
malformed query (an unclosed quote, `cr>=` with no number, a column prefix that fits no
heading or several) is reported with what is wrong and at which column of the query.

Note: in Table 3 the column the review heads "Primary outcome" holds the regimens; there is no
Intervention column there, so `int:azacitidine` finds nothing in Table 3. Search without a
column to cover every table.

OR binds tighter than the spaces between terms, as in Google and Gmail:
`ph:pos blinatumomab OR inotuzumab` means Ph+ rows with either agent. Parentheses nest up to
50 deep. To search for the word "OR" itself, quote it: `"OR"`.

Facets are derived by ven-tui from each row's cells, never printed as such in the review. Ph
status, lineage and age group are read from the Population cell; the setting too, and from
the other cells only where the Population cell states none (Table 3's "maintenance following
HSCT"). A row that states nothing for a facet has no value (`ph:unstated`), never a guess;
where a cell contradicts the Population cell (NCT03319901 in Table 3: R/R, "frontline
therapy"), the detail pane says so. Facet keys (`ph`, `lineage`, `setting`, `age`, `class`)
always mean the facet, never a column prefix. An unknown value (`ph:maybe`) is reported with
the valid values and the query column.

Synonym groups: typing any word of a group matches every word of it, in any cell (with a
column prefix, in that column).

| group | words |
| --- | --- |
| newly diagnosed | `"newly diagnosed"`, `untreated`, `frontline`, `front-line`, `first-line` |
| relapsed or refractory | `r/r`, `relapsed`, `refractory` |
| T-lineage | `t-all`, `t-lbl`, `etp-all`, `t-lineage` |
| B-lineage | `b-all`, `b-lbl`, `b-lineage` |

Drug-class words (ven-tui's own classification, not from the source), as `class:WORD` or bare:
`tki`, `bcl2`, `hma`, `bispecific`, `adc`, `antibody`, `corticosteroid` (`steroid`), `menin`,
`flt3`, `antifungal`, `cyp3a`, `nucleoside`, `vinca`, `asparaginase`, `anthracycline`,
`alkylating`, `antimetabolite`, `topoisomerase`. A bare class word also matches its text.
"""

QUERY_EXAMPLES = """\
query (--filter): terms separated by spaces, all must match, case ignored
  azacitidine            rows whose cells (or abbreviation expansions) contain the word
  "newly diagnosed"      a phrase
  -pediatric             exclude rows containing the word (--filter -pediatric works)
  pop:aya                only in the column whose heading starts with pop (Population)
  cr>=60  orr>50  os<12  a metric comparison (cr also matches CR/CRi, CR/CRp)
  n>=18                  the stated sample size
  blinatumomab OR inotuzumab   either term (upper-case OR; parentheses group)
  ph:pos setting:nd age:aya    population facets derived from the cells (lineage:t, ...)
  class:tki  antifungal  drug classes (ven-tui's own, not from the review)

examples:
  ven-tui export --table phase2 --filter 'ph+ "newly diagnosed"'
  ven-tui export --filter 'cr>=60 n>=10' -o responders.md
  ven-tui ids --filter -pediatric
  ven-tui ids --filter 'ph:pos setting:nd'
`ven-tui help query` prints the whole reference.
"""
