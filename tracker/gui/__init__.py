"""The Qt window over the core; nothing here is imported by tracker.core or the CLI at start."""
