"""The build pipeline: content → pages → indexes → published folder, redoing only what changed.

- :mod:`.trace` records what each page reads while it renders (entries, lists of a section,
  versions, citation links …);
- :mod:`.digest` turns each such read into a fingerprint against a catalogue;
- :mod:`.manifest` keeps, beside the published folder, every page's reads with their
  fingerprints and the fingerprint of what every page depends on (code, templates, static
  files, settings, the day);
- :mod:`.freezer` reuses a page of the previous build when all its reads still give the same
  fingerprints, and renders it otherwise;
- :mod:`.build` runs the whole build in order.

A page reused this way is byte for byte the page a cold build would write, because nothing it
read has changed; tests/test_incremental_build.py compares the two trees.
"""
