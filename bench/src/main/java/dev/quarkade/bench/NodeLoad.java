package dev.quarkade.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

/** The Colyseus peer's load client (bench/peers/colyseus/load.js), driven over its stdin and stdout. */
final class NodeLoad implements LoadClient {

    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;

    NodeLoad(File peerDir, String node, int port, File log) throws IOException {
        process = new ProcessBuilder("taskset", "-c", "1", node, "load.js", Integer.toString(port)).directory(peerDir)
                .redirectError(log).start();
        commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public JsonObject addPlayers(int count) throws IOException {
        return ask("add " + count);
    }

    @Override
    public void startWindow() throws IOException {
        ask("start");
    }

    @Override
    public JsonObject endWindow() throws IOException {
        return ask("end");
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String transport() {
        return "node";
    }

    private JsonObject ask(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        String line;
        while ((line = answers.readLine()) != null) {
            if (line.startsWith("{")) {
                return new JsonObject(line);
            }
        }
        throw new IOException("the node load client exited");
    }

    @Override
    public void close() {
        try {
            commands.write("quit\n");
            commands.flush();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
