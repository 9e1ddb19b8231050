package dev.cinema.recsys.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class CholeskyTest {

    @Test
    void theSolutionTimesTheMatrixGivesTheRightHandSideBack() {
        double[] matrix = {4, 2, 0.4, 2, 5, 1, 0.4, 1, 3};
        double[] right = {1, -2, 0.5};
        double[] x = Cholesky.of(matrix, 3).solve(right);
        for (int i = 0; i < 3; i++) {
            double product = 0;
            for (int j = 0; j < 3; j++) {
                product += matrix[i * 3 + j] * x[j];
            }
            assertThat(product).isCloseTo(right[i], offset(1e-12));
        }
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteIsRefused() {
        assertThatThrownBy(() -> Cholesky.of(new double[]{1, 2, 2, 1}, 2)).isInstanceOf(ArithmeticException.class);
    }
}
