/**
 * The benchmark of docs/benchmarks.md: a load generator for Quarkade, a bare Vert.x floor server, the orchestration
 * that drives them and the Colyseus peer (bench/peers/colyseus), and the plot. Not part of the server or its tests.
 */
package dev.quarkade.bench;
