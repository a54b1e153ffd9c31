"""PySide6 user interface. Calls core services; never opens a database session itself."""
