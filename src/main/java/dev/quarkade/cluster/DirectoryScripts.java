package dev.quarkade.cluster;

/**
 * The Lua scripts that read and change the directory in Redis. Each runs atomically in Redis (nothing else runs in
 * between), which is what makes a seat hold safe across nodes: the check "seated + held < capacity" and the hold are
 * one step. Time is Redis's own clock ({@code TIME}), so nodes with skewed clocks agree on when a hold expires.
 *
 * <p>
 * Keys, all under the hash tag {@code {quarkade}} (one slot, so the scripts also work on a Redis Cluster):
 * <ul>
 * <li>{@code node:<id>} hash {url, http, rooms, players, started}, with the node TTL; {@code nodes} set of ids</li>
 * <li>{@code room:<id>} hash {node, game, capacity, status}; {@code rooms} and {@code rooms:<game>} sets of ids;
 * {@code node-rooms:<node>} set of the node's room ids</li>
 * <li>{@code seated:<room>} set of player ids; {@code holds:<room>} sorted set player id → expiry (ms);
 * {@code hold-of:<player>} the room the player last held a seat in, for twice the hold's time (the hold, then the
 * wait before the same player may hold there again)</li>
 * <li>{@code creating:<game>} a short-lived marker: a room of that game is being created</li>
 * </ul>
 */
final class DirectoryScripts {

    private DirectoryScripts() {
    }

    /** The prefix (hash tag) of every key. */
    static final String PREFIX = "{quarkade}:";

    private static final String COMMON = """
            local P = '{quarkade}:'
            local function now()
              local t = redis.call('TIME')
              return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            end
            local function purge(id, t)
              redis.call('ZREMRANGEBYSCORE', P .. 'holds:' .. id, '-inf', t)
            end
            -- 1 when the player has (or now holds) a seat, 0 when the room has none free. A hold is never extended by
            -- asking again, and a player holds one seat at a time: a new hold gives up the one in another room.
            local function hold(id, player, ms, cap, t)
              local sk, hk = P .. 'seated:' .. id, P .. 'holds:' .. id
              purge(id, t)
              if redis.call('SISMEMBER', sk, player) == 1 then return 1 end
              if redis.call('ZSCORE', hk, player) then return 1 end
              local ok = P .. 'hold-of:' .. player
              local before = redis.call('GET', ok)
              -- Their hold here ran out without a connection: they wait as long again before holding here anew.
              if before == id then return 0 end
              if redis.call('SCARD', sk) + redis.call('ZCARD', hk) < cap then
                if before then redis.call('ZREM', P .. 'holds:' .. before, player) end
                redis.call('ZADD', hk, t + ms, player)
                redis.call('PEXPIRE', hk, ms)
                redis.call('SET', ok, id, 'PX', 2 * ms)
                return 1
              end
              return 0
            end
            local function remove(id)
              local rk = P .. 'room:' .. id
              local game = redis.call('HGET', rk, 'game')
              local node = redis.call('HGET', rk, 'node')
              if game then redis.call('SREM', P .. 'rooms:' .. game, id) end
              if node then redis.call('SREM', P .. 'node-rooms:' .. node, id) end
              redis.call('SREM', P .. 'rooms', id)
              redis.call('DEL', rk, P .. 'seated:' .. id, P .. 'holds:' .. id)
            end
            local urls = {}
            -- The public URL of a live node, false when its key expired (the node is dead).
            local function url(node)
              if urls[node] == nil then urls[node] = redis.call('HGET', P .. 'node:' .. node, 'url') or false end
              return urls[node]
            end
            """;

    /**
     * ARGV: node, url, http, rooms, players, started, ttlMs. Answers 1 if the node key still existed, 0 if renewed from
     * scratch.
     */
    static final String HEARTBEAT = COMMON + """
            local k = P .. 'node:' .. ARGV[1]
            local existed = redis.call('EXISTS', k)
            redis.call('HSET', k, 'url', ARGV[2], 'http', ARGV[3], 'rooms', ARGV[4], 'players', ARGV[5], 'started', ARGV[6])
            redis.call('PEXPIRE', k, ARGV[7])
            redis.call('SADD', P .. 'nodes', ARGV[1])
            return existed
            """;

    /** ARGV: node. The node leaves now; its rooms go with the next reap. */
    static final String UNREGISTER = COMMON + """
            redis.call('DEL', P .. 'node:' .. ARGV[1])
            return 1
            """;

    /**
     * ARGV: room, node, game, capacity, status, seated player ids... Registers or updates a room: seated players'
     * holds become seats. A first registration ends the "creating" marker of its game.
     */
    static final String PUT_ROOM = COMMON + """
            local id, node, game = ARGV[1], ARGV[2], ARGV[3]
            local rk = P .. 'room:' .. id
            local old = redis.call('HGET', rk, 'node')
            if old and old ~= node then redis.call('SREM', P .. 'node-rooms:' .. old, id) end
            if not old then redis.call('DEL', P .. 'creating:' .. game) end
            redis.call('HSET', rk, 'node', node, 'game', game, 'capacity', ARGV[4], 'status', ARGV[5])
            redis.call('SADD', P .. 'rooms', id)
            redis.call('SADD', P .. 'rooms:' .. game, id)
            redis.call('SADD', P .. 'node-rooms:' .. node, id)
            local sk, hk = P .. 'seated:' .. id, P .. 'holds:' .. id
            redis.call('DEL', sk)
            for i = 6, #ARGV do
              redis.call('SADD', sk, ARGV[i])
              redis.call('ZREM', hk, ARGV[i])
              if redis.call('GET', P .. 'hold-of:' .. ARGV[i]) == id then redis.call('DEL', P .. 'hold-of:' .. ARGV[i]) end
            end
            return 1
            """;

    /** ARGV: room, node. Removes the room if that node still owns it. */
    static final String REMOVE_ROOM = COMMON + """
            if redis.call('HGET', P .. 'room:' .. ARGV[1], 'node') == ARGV[2] then remove(ARGV[1]) end
            return 1
            """;

    /**
     * ARGV: room, player, holdMs. Answers {1, node, url} held, {0, node, url} full, {-1} no such room,
     * {-2, node} its node is dead.
     */
    static final String HOLD = COMMON + """
            local id = ARGV[1]
            local rk = P .. 'room:' .. id
            local node = redis.call('HGET', rk, 'node')
            if not node then return {-1} end
            local u = url(node)
            if not u then return {-2, node} end
            local cap = tonumber(redis.call('HGET', rk, 'capacity'))
            return {hold(id, ARGV[2], tonumber(ARGV[3]), cap, now()), node, u}
            """;

    /**
     * ARGV: game, player, holdMs, self node, creatingTtlMs. Matchmaking in one atomic step: the player's own room if
     * they already have a seat or hold there; else the fullest room of live nodes with a free seat, holding it; else,
     * if nobody is creating a room of this game, the least loaded live node to create one on ({'create', node, url,
     * http}), marking the game as being created; else {'wait'}.
     */
    static final String PICK = COMMON + """
            local game, player, ms, self = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
            local t = now()
            local best, bestTaken, bestCap, bestNode = nil, -1, 0, nil
            for _, id in ipairs(redis.call('SMEMBERS', P .. 'rooms:' .. game)) do
              local rk = P .. 'room:' .. id
              local node = redis.call('HGET', rk, 'node')
              if node and url(node) then
                local sk, hk = P .. 'seated:' .. id, P .. 'holds:' .. id
                local cap = tonumber(redis.call('HGET', rk, 'capacity'))
                purge(id, t)
                if redis.call('SISMEMBER', sk, player) == 1 or redis.call('ZSCORE', hk, player) then
                  hold(id, player, ms, cap, t)
                  return {'room', id, node, url(node)}
                end
                local taken = redis.call('SCARD', sk) + redis.call('ZCARD', hk)
                if taken < cap and taken > bestTaken then
                  best, bestTaken, bestCap, bestNode = id, taken, cap, node
                end
              end
            end
            if best then
              hold(best, player, ms, bestCap, t)
              return {'room', best, bestNode, url(bestNode)}
            end
            if not redis.call('SET', P .. 'creating:' .. game, self, 'NX', 'PX', ARGV[5]) then return {'wait'} end
            local pick, pickRooms, pickPlayers = nil, 0, 0
            for _, node in ipairs(redis.call('SMEMBERS', P .. 'nodes')) do
              if url(node) then
                local rooms = redis.call('SCARD', P .. 'node-rooms:' .. node)
                local players = tonumber(redis.call('HGET', P .. 'node:' .. node, 'players') or '0')
                if pick == nil or rooms < pickRooms or (rooms == pickRooms and players < pickPlayers)
                    or (rooms == pickRooms and players == pickPlayers and node == self) then
                  pick, pickRooms, pickPlayers = node, rooms, players
                end
              end
            end
            if pick == nil then
              redis.call('DEL', P .. 'creating:' .. game)
              return {'none'}
            end
            return {'create', pick, url(pick), redis.call('HGET', P .. 'node:' .. pick, 'http')}
            """;

    /** ARGV: game. Clears the creating marker after a failed creation, so the next caller tries again. */
    static final String CREATE_FAILED = COMMON + """
            redis.call('DEL', P .. 'creating:' .. ARGV[1])
            return 1
            """;

    /**
     * No ARGV. Every room of a live node, flattened: id, game, node, url, capacity, status, seated, held (held: seats
     * promised and not yet taken).
     */
    static final String LIST = COMMON + """
            local t = now()
            local out = {}
            for _, id in ipairs(redis.call('SMEMBERS', P .. 'rooms')) do
              local r = redis.call('HMGET', P .. 'room:' .. id, 'node', 'game', 'capacity', 'status')
              if r[1] and url(r[1]) then
                purge(id, t)
                local seated = redis.call('SCARD', P .. 'seated:' .. id)
                local held = redis.call('ZCARD', P .. 'holds:' .. id)
                for _, v in ipairs({id, r[2], r[1], url(r[1]), r[3], r[4], tostring(seated), tostring(held)}) do
                  out[#out + 1] = v
                end
              end
            end
            return out
            """;

    /**
     * ARGV: room. {'live', node, url, game, capacity, status, seated, held} | {'dead', node} (its node's key expired)
     * | {'missing'}.
     */
    static final String LOCATE = COMMON + """
            local id = ARGV[1]
            local r = redis.call('HMGET', P .. 'room:' .. id, 'node', 'game', 'capacity', 'status')
            if not r[1] then return {'missing'} end
            if not url(r[1]) then return {'dead', r[1]} end
            purge(id, now())
            return {'live', r[1], url(r[1]), r[2], r[3], r[4], tostring(redis.call('SCARD', P .. 'seated:' .. id)),
              tostring(redis.call('ZCARD', P .. 'holds:' .. id))}
            """;

    /** No ARGV. Forgets nodes whose key expired and the rooms they still owned; answers how many nodes. */
    static final String REAP = COMMON + """
            local reaped = 0
            for _, node in ipairs(redis.call('SMEMBERS', P .. 'nodes')) do
              if not url(node) then
                for _, id in ipairs(redis.call('SMEMBERS', P .. 'node-rooms:' .. node)) do
                  if redis.call('HGET', P .. 'room:' .. id, 'node') == node then remove(id) end
                end
                redis.call('DEL', P .. 'node-rooms:' .. node)
                redis.call('SREM', P .. 'nodes', node)
                reaped = reaped + 1
              end
            end
            return reaped
            """;
}
