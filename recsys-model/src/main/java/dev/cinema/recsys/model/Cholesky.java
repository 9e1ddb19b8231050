package dev.cinema.recsys.model;

/**
 * A symmetric positive-definite matrix factored once as L·Lᵀ, then solved for as many right-hand
 * sides as needed (the viewer's vector, then one per film whose reason is asked for).
 */
final class Cholesky {

    private final double[] lower;
    private final int size;

    Cholesky(double[] lower, int size) {
        this.lower = lower;
        this.size = size;
    }

    /** @param matrix row-major, {@code size × size}, symmetric positive definite (left unchanged) */
    static Cholesky of(double[] matrix, int size) {
        double[] l = new double[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = matrix[i * size + j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i * size + k] * l[j * size + k];
                }
                if (i == j) {
                    if (sum <= 0) {
                        throw new ArithmeticException("the matrix is not positive definite");
                    }
                    l[i * size + i] = Math.sqrt(sum);
                } else {
                    l[i * size + j] = sum / l[j * size + j];
                }
            }
        }
        return new Cholesky(l, size);
    }

    double[] solve(double[] right) {
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            double sum = right[i];
            for (int k = 0; k < i; k++) {
                sum -= lower[i * size + k] * y[k];
            }
            y[i] = sum / lower[i * size + i];
        }
        double[] x = new double[size];
        for (int i = size - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < size; k++) {
                sum -= lower[k * size + i] * x[k];
            }
            x[i] = sum / lower[i * size + i];
        }
        return x;
    }
}
