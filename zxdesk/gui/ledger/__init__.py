"""Widgets of the member ledger tab (委员台账): members, duty records, assessment, import."""
