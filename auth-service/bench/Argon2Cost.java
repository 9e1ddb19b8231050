import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.util.Arrays;

/**
 * The cost of one password check, side by side: Spring's former defaults (16 MiB) and the encoder
 * auth-service uses (OWASP's minimum, 19 MiB, 2 iterations, 1 lane). Prints the median of each of
 * ROUNDS rounds of CHECKS checks, interleaved so that both meet the same machine.
 */
public class Argon2Cost {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Argon2PasswordEncoder before = new Argon2PasswordEncoder(16, 32, 1, 1 << 14, 2);
        Argon2PasswordEncoder owasp = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
        String beforeHash = before.encode("a password of the usual length");
        String owaspHash = owasp.encode("a password of the usual length");
        for (int i = 0; i < 5; i++) { // warm-up
            before.matches("a password of the usual length", beforeHash);
            owasp.matches("a password of the usual length", owaspHash);
        }
        double[] beforeMs = new double[rounds];
        double[] owaspMs = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            beforeMs[round] = perCheck(before, beforeHash, checks);
            owaspMs[round] = perCheck(owasp, owaspHash, checks);
        }
        System.out.printf("argon2id 16 MiB, t=2, p=1 (before)   %6.1f ms per check (median of %d rounds of %d)%n", median(beforeMs), rounds, checks);
        System.out.printf("argon2id 19 MiB, t=2, p=1 (OWASP)    %6.1f ms per check%n", median(owaspMs));
    }

    private static double perCheck(Argon2PasswordEncoder encoder, String hash, int checks) {
        long start = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            encoder.matches("a password of the usual length", hash);
        }
        return (System.nanoTime() - start) / 1e6 / checks;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
