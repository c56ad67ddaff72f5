"""Extractors: pure functions of a parsed document plus read-only resources.

One subpackage per kind of output, each exporting its `extract_*` function:

- `actors/`: people, organisations and countries with CAMEO actor codes
  (`pieces` -> `chains` -> `resolution`, sharing the `mention` record).
- `events/`: CAMEO-coded (source, event, target) triples (`frames`, `arguments`,
  `participants`, `modality`, `context`, assembled by `coder`).
- `places/`: toponyms resolved to GeoNames (`names`, `mentions`, `patterns`,
  `disambiguation`).
- `quotes/`: direct and indirect speech with cue and speaker (`marks`, `attributions`,
  `bounds`, `scorer`, assembled by `assembly`).
- `times/`: TIMEX3 expressions normalised against the publication date (`grammar`,
  `recognition`, `values`, `rules`, `relative`, run by `tagger`).

`syntax` holds the closed-class words and dependency labels they share, one copy of each.
"""
