package org.segdiampick.binary;

/**
 * Pixel adjacency for connected components. SIMPLE's picker uses {@link #EIGHT} everywhere
 * (algorithm §7.4, hole filling §7.1 step 5); {@link #FOUR} (edge neighbours only) is offered for
 * comparison and tests.
 */
public enum Connectivity {
    FOUR,
    EIGHT
}
