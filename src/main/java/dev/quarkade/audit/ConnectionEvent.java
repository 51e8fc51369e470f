package dev.quarkade.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One room connection: opened, and once it ended, closed with the WebSocket close code and reason. */
@Entity
@Table(name = "connection_events")
public class ConnectionEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID playerId;

    public String roomId;

    /** The server the connection was on: after a crash, its connections still open are closed as "server lost". */
    public String node;

    public String remoteAddress;

    public Instant openedAt;

    public Instant closedAt;

    public Short closeCode;

    public String closeReason;
}
