"""Annotators: entities, quotes and speakers, background sidebars."""
