package dev.quarkade.cluster;

/**
 * A room as the directory knows it: its node and that node's public WebSocket base URL, and its seats ({@code seated}
 * occupied, {@code held} promised to players who have not connected yet).
 */
public record DirectoryRoom(String roomId, String game, String node, String nodeUrl, int capacity, String status,
        int seated, int held) {
}
