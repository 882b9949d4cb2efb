"""Thin ipywidgets views over the course logic. Importing this pulls in ipywidgets."""
