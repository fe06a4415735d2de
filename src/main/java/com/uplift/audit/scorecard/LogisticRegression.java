package com.uplift.audit.scorecard;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Maximum-likelihood logistic regression of a 0/1 outcome (1 = bad) on numeric columns, with an intercept, fitted by
 * Newton-Raphson, which for the logistic model is iteratively reweighted least squares:
 * <pre>
 *   p = 1 / (1 + exp(-X b))      W = diag(p (1 - p))
 *   b <- b + (X' W X)^-1 X' (y - p)
 * </pre>
 * until no coefficient moves by more than {@value #TOLERANCE}. The linear algebra (matrices, the LU solve) is
 * Apache Commons Math's; the iteration is the textbook one, short enough to read and check here.
 */
public final class LogisticRegression {

    static final double TOLERANCE = 1e-9;
    static final int MAX_ITERATIONS = 100;

    /**
     * @param intercept    the log-odds of a bad when every column is 0
     * @param coefficients one per column, in column order
     * @param iterations   Newton steps taken
     */
    public record Fit(double intercept, double[] coefficients, int iterations) {

        /** The fitted probability of a bad for one row. */
        public double probability(double[] row) {
            double eta = intercept;
            for (int j = 0; j < row.length; j++) {
                eta += coefficients[j] * row[j];
            }
            return 1 / (1 + Math.exp(-eta));
        }
    }

    /** The columns cannot be told apart (one is a combination of others), or the outcome never varies. */
    public static final class NotEstimable extends RuntimeException {
        NotEstimable(String message) {
            super(message);
        }
    }

    private LogisticRegression() {
    }

    public static Fit fit(double[][] rows, int[] bad) {
        int n = rows.length;
        if (n == 0 || n != bad.length) {
            throw new IllegalArgumentException("one outcome per row, at least one row");
        }
        int k = rows[0].length + 1;
        RealMatrix x = new Array2DRowRealMatrix(n, k);
        RealVector y = new ArrayRealVector(n);
        for (int i = 0; i < n; i++) {
            x.setEntry(i, 0, 1.0);
            for (int j = 1; j < k; j++) {
                x.setEntry(i, j, rows[i][j - 1]);
            }
            y.setEntry(i, bad[i]);
        }
        RealVector beta = new ArrayRealVector(k);
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            RealVector eta = x.operate(beta);
            RealVector p = eta.map(v -> 1 / (1 + Math.exp(-v)));
            RealMatrix weightedX = x.copy();
            for (int i = 0; i < n; i++) {
                double w = p.getEntry(i) * (1 - p.getEntry(i));
                for (int j = 0; j < k; j++) {
                    weightedX.multiplyEntry(i, j, w);
                }
            }
            RealMatrix hessian = x.transpose().multiply(weightedX);
            RealVector gradient = x.transpose().operate(y.subtract(p));
            RealVector step;
            try {
                step = new LUDecomposition(hessian).getSolver().solve(gradient);
            } catch (SingularMatrixException singular) {
                throw new NotEstimable("the characteristics are collinear or the outcome does not vary: " + singular.getMessage());
            }
            beta = beta.add(step);
            if (step.getLInfNorm() < TOLERANCE) {
                return new Fit(beta.getEntry(0), java.util.Arrays.copyOfRange(beta.toArray(), 1, k), iteration);
            }
        }
        throw new NotEstimable("no convergence in " + MAX_ITERATIONS + " iterations (a characteristic separates goods from bads perfectly)");
    }
}
