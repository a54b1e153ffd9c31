"""zxdesk: member-work desktop for local CPPCC committees."""

__version__ = "0.1.0"
