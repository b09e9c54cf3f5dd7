"""REST API of complaint handling, mounted under /api/v1/complaints/."""
