"""Storage: engine, ORM models, migrations and change capture."""
