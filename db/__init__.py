"""The register's schema: numbered migrations in migrations/, shipped inside the package
as `tracker.db` (see pyproject.toml) and read with importlib.resources."""
