"""REST API for the employee directory, mounted under /api/v1/."""
