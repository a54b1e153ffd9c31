"""Spreadsheet import (rosters as clerks have them) and export (.xlsx)."""
