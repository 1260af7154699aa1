"""Revisionsuppföljning: follow-up of municipal audit recommendations."""

APP_NAME = "Revisionsuppföljning"
__version__ = "0.1.0"
