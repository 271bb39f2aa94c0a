"""milestones REST API: viewsets registered on config.api.router."""
