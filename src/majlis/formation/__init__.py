"""Government formation: coalition theories, the constitutional process, portfolios, bargaining."""
