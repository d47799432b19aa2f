# The studio's version (package.json): a test keeps the two equal, and the wheel reads it here.
__version__ = "0.1.0"
