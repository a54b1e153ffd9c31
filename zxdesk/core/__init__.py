"""Qt-free core: domain, storage, services, sync, documents, importing.

Nothing below this package may import PySide6 (tests/core enforces it).
"""
