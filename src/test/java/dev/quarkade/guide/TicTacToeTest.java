package dev.quarkade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.quarkade.testing.TestClient;
import dev.quarkade.testing.TestRoom;

/** The example of docs/games.md plays as the guide says, and the guide shows exactly this code. */
class TicTacToeTest {

    @Test
    void threeInARowWinsAndBothPlayersSeeEveryMove() {
        TestRoom room = TestRoom.of(new TicTacToe());
        TestClient x = room.join("X");
        TestClient o = room.join("O");
        room.tick();
        int[] moves = { 0, 4, 1, 5, 2 }; // X takes the top row
        for (int i = 0; i < moves.length; i++) {
            (i % 2 == 0 ? x : o).input(new byte[] { (byte) moves[i] });
            room.tick();
        }
        room.tick();
        assertThat(room.results()).singleElement().satisfies(results -> {
            assertThat(results.get(0).name()).isEqualTo("X");
            assertThat(results.get(0).placement()).isEqualTo(1);
            assertThat(results.get(1).placement()).isEqualTo(2);
        });
        assertThat(o.events()).hasSize(5);
        assertThat(o.world().getGlobal(TicTacToe.WINNER)).isEqualTo(1);
    }

    @Test
    void aMoveOutOfTurnIsIgnored() {
        TestRoom room = TestRoom.of(new TicTacToe());
        room.join("X");
        TestClient o = room.join("O");
        room.tick();
        o.input(new byte[] { 4 });
        room.tick();
        assertThat(o.world().contains(14)).isFalse();
    }

    @Test
    void theGuideShowsThisGameAsItIs() throws IOException {
        String guide = Files.readString(Path.of("docs/games.md"));
        String code = Files.readString(Path.of("src/test/java/dev/quarkade/guide/TicTacToe.java"));
        assertThat(guide).as("docs/games.md holds TicTacToe.java verbatim").contains(code.strip());
    }
}
