"""Reading a new audit report: its text, recommendations and metadata, proposed for the
user to confirm before anything is stored."""
