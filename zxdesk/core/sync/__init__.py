"""Sync by file between township workstations and the county office.

Modules: ``sites`` (roles, keys, enrolment), ``keys`` and ``sealed`` (signing,
encryption), ``fileformat`` and ``payload`` (the file), ``export`` and ``importer``,
``merge``/``causality``/``conflict_store`` (per-field merge and the conflict queue),
``scope`` (which records a workstation may change), ``conflicts`` and ``status``
(services for the CLI and GUI), ``atomic_write`` (writing to a USB stick).
"""
