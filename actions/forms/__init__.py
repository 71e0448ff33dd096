"""Validation of the registration, contact and verification forms."""
