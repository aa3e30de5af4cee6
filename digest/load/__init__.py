"""Load stage: data/ (YAML) → read → validate against the schema → checks → `Catalogue`."""

from digest.load.catalogue import Catalogue, load_catalogue
from digest.load.read import DataError, DataErrors

__all__ = ["Catalogue", "DataError", "DataErrors", "load_catalogue"]
