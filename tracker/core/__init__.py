"""The register's data, rules and file formats. Never imports Qt."""
