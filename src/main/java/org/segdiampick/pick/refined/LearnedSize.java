package org.segdiampick.pick.refined;

import java.io.Serializable;

/**
 * What the driver learns about the particle size from a batch.
 *
 * @param particleDiameter  the learned particle diameter, Å (the exported {@code particle_diameter})
 * @param detectionDiameter the diameter the blob detector looks for, Å (its best-responding size)
 * @param bestScale         grid index of {@link SizeEvidence} nearest to the detection diameter
 * @param cappedByPolicy    true when the policy's accepted maximum diameter bounded the result
 */
public record LearnedSize(double particleDiameter, double detectionDiameter, int bestScale, boolean cappedByPolicy)
        implements Serializable {
}
