"""Kinerja: performance management for Indonesian civil servants (ASN)."""
