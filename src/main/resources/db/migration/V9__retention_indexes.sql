-- The retention job (persistence.DataRetention) finds what is due through these, not by reading whole tables:
-- closed connection records by when they closed, guest accounts by when they were created.
CREATE INDEX connection_events_closed ON connection_events (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX players_guests_created ON players (created_at) WHERE guest;
