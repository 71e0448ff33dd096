"""Custody and case events from agencies: their schema, signatures, and intake."""
