"""The store: the engine and its errors, the tables and enumerations of the field, the migrations, the audit trail."""
