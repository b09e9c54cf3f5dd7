"""REST API for the organisation structure (units), mounted under /api/v1/."""
