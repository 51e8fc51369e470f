/**
 * This node: its name, its incarnation (one per process start) and the URLs it is reached at. Every other package may
 * use it; it uses none of them.
 */
package dev.quarkade.node;
