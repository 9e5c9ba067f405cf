"""The terminal interface: screens that render core models and collect input."""
