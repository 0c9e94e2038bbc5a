"""adoptbook: adoption playbooks from YAML plays, published as MkDocs-Material sites."""

__version__ = "0.1.0"
