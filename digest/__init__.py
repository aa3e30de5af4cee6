"""Net Zero Vietnam Digest: the generator and build of the site (pipeline: ARCHITECTURE.md)."""
