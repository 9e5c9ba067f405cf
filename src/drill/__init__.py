"""drill: practise the 申论 essay paper in the terminal, with marks that explain themselves."""

__version__ = "0.1.0"
