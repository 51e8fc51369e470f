package dev.quarkade.persistence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the database keeps and for how long ({@code quarkade.retention.*}); docs/persistence.md explains it. */
@ConfigMapping(prefix = "quarkade.retention")
public interface RetentionConfig {

    /** How often the retention job runs (the first run one interval after start). */
    @WithDefault("1H")
    Duration interval();

    /** Connection records closed longer ago than this are deleted. */
    @WithDefault("90D")
    Duration connectionEvents();

    /**
     * Guest accounts idle this long (created, signed in and refreshed no later than this ago) and that never played
     * a match are deleted, with their sessions and connection records. Guests in match history are kept.
     */
    @WithDefault("30D")
    Duration guestIdle();

    /** Rows one statement deletes at most; a run repeats it until nothing more is due or ten batches are done. */
    @WithDefault("1000")
    int batchSize();
}
