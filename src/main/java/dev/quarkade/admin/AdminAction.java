package dev.quarkade.admin;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One line of the operators' audit trail: who did what to which room or player, why, and when. */
@Entity
@Table(name = "admin_actions")
public class AdminAction extends PanacheEntityBase {

    /** Closing a room: target {@code room:<roomId>}. */
    public static final String CLOSE_ROOM = "close_room";
    /** Kicking a player: target {@code room:<roomId>/player:<playerId>}. */
    public static final String KICK = "kick";

    @Id
    public UUID id;

    public UUID adminId;

    public String action;

    public String target;

    public String reason;

    public Instant at;
}
