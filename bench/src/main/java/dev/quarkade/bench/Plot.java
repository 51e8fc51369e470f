package dev.quarkade.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;

import javax.imageio.ImageIO;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Two panels, p99 latency and server CPU against players (log2 axis), one line per ramp; headless AWT to PNG. */
final class Plot {

    private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b) };
    private static final int W = 1100;
    private static final int H = 460;

    private Plot() {
    }

    static void write(JsonArray runs, File png, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 20, 22);
        int maxPlayers = 250;
        double maxP99 = 60;
        for (int i = 0; i < runs.size(); i++) {
            if (!Summary.kind(runs.getJsonObject(i)).equals("ramp")) {
                continue;
            }
            for (Object o : runs.getJsonObject(i).getJsonArray("steps")) {
                JsonObject s = (JsonObject) o;
                maxPlayers = Math.max(maxPlayers, s.getInteger("players"));
                maxP99 = Math.max(maxP99, s.getLong("latencyP99Ms"));
            }
        }
        panel(g, runs, 60, "p99 tick-to-receive latency (ms, log)", "latencyP99Ms", maxPlayers, maxP99, true);
        panel(g, runs, 600, "server CPU (% of one core)", "serverCpuPercent", maxPlayers, 110, false);
        int y = H - 12;
        int x = 60;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < runs.size(); i++) {
            String name = runs.getJsonObject(i).getString("server");
            if (!Summary.kind(runs.getJsonObject(i)).equals("ramp")) {
                continue;
            }
            g.setColor(COLORS[i % COLORS.length]);
            g.fillRect(x, y - 10, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(name, x + 20, y);
            x += 140;
        }
        g.drawString("players (log scale); dashed line: p99 = 50 ms", x + 40, y);
        g.dispose();
        ImageIO.write(image, "png", png);
    }

    private static void panel(Graphics2D g, JsonArray runs, int left, String label, String key, int maxPlayers,
            double maxY, boolean logY) {
        int top = 50;
        int width = 460;
        int height = 330;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(label, left, top - 8);
        g.drawRect(left, top, width, height);
        double minX = Math.log(200);
        double maxX = Math.log(maxPlayers * 1.25);
        double lo = logY ? Math.log(1) : 0;
        double hi = logY ? Math.log(maxY * 1.5) : maxY;
        java.util.function.DoubleUnaryOperator px = p -> left + (Math.log(p) - minX) / (maxX - minX) * width;
        java.util.function.DoubleUnaryOperator py = v -> top + height
                - ((logY ? Math.log(Math.max(1, v)) : v) - lo) / (hi - lo) * height;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int p = 250; p <= maxPlayers; p *= 2) {
            int x = (int) px.applyAsDouble(p);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(x, top, x, top + height);
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(p), x - 12, top + height + 15);
        }
        double[] ticks = logY ? new double[] { 1, 5, 10, 50, 100, 500, 1000, 5000, 10000 }
                : new double[] { 0, 25, 50, 75, 100 };
        for (double t : ticks) {
            if (t > maxY * 1.5) {
                break;
            }
            int y = (int) py.applyAsDouble(t);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(left, y, left + width, y);
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString((int) t), left - 38, y + 4);
        }
        if (logY) {
            int y = (int) py.applyAsDouble(Summary.P99_LIMIT_MS);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] { 6, 4 }, 0));
            g.drawLine(left, y, left + width, y);
        }
        g.setStroke(new BasicStroke(2.2f));
        for (int i = 0; i < runs.size(); i++) {
            JsonObject run = runs.getJsonObject(i);
            if (!Summary.kind(run).equals("ramp")) {
                continue;
            }
            g.setColor(COLORS[i % COLORS.length]);
            int lastX = -1;
            int lastY = -1;
            for (Object o : run.getJsonArray("steps")) {
                JsonObject s = (JsonObject) o;
                int x = (int) px.applyAsDouble(s.getInteger("players"));
                int y = (int) py.applyAsDouble(s.getDouble(key));
                g.fillOval(x - 4, y - 4, 8, 8);
                if (lastX >= 0) {
                    g.drawLine(lastX, lastY, x, y);
                }
                lastX = x;
                lastY = y;
            }
        }
        g.setStroke(new BasicStroke(1));
    }
}
