package dev.cinema.recsys.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A MovieLens-format folder with structure no simple model gets for free, for the offline
 * evaluation where the real set is absent:
 * <ul>
 * <li>taste clusters that overlap: each film belongs to one cluster, a third of them to a second one
 *     too; each viewer prefers one cluster, four in ten a second one as well;</li>
 * <li>a popularity skew: within a cluster, films are chosen with Zipf weights, so a few are everywhere;</li>
 * <li>noise: a fifth of what a viewer rates is drawn from the whole catalog by popularity, and is
 *     liked a third of the time; a film of the viewer's own taste is liked 85% of the time;</li>
 * <li>content that tells something: a film's genres are its clusters' (its title says nothing), so
 *     its embedding carries part of its cluster.</li>
 * </ul>
 * The same seed writes the same files.
 */
final class SyntheticMovieLens {

    private static final String[] GENRES = {"Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
            "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"};
    private static final int CLUSTERS = 12;
    private static final double ZIPF = 0.9;

    private SyntheticMovieLens() {
    }

    /** Writes movies.csv and ratings.csv into {@code dir}; returns it. */
    static Path write(Path dir, int films, int viewers, long seed) throws IOException {
        Random random = new Random(seed);
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < CLUSTERS; c++) {
            members.add(new ArrayList<>());
        }
        Files.createDirectories(dir);
        int[][] clustersOf = new int[films][];
        try (BufferedWriter movies = Files.newBufferedWriter(dir.resolve("movies.csv"), StandardCharsets.UTF_8)) {
            movies.write("movieId,title,genres\n");
            for (int film = 0; film < films; film++) {
                int first = random.nextInt(CLUSTERS);
                int second = random.nextDouble() < 1.0 / 3 ? random.nextInt(CLUSTERS) : first;
                clustersOf[film] = first == second ? new int[]{first} : new int[]{first, second};
                Set<String> genres = new HashSet<>();
                for (int cluster : clustersOf[film]) {
                    members.get(cluster).add(film);
                    genres.add(GENRES[cluster]);
                    genres.add(GENRES[(cluster + CLUSTERS / 2) % GENRES.length]);
                }
                movies.write("%d,Film %d (%d),%s%n".formatted(film + 1, film + 1, 1950 + random.nextInt(70), String.join("|", genres.stream().sorted().toList())));
            }
        }
        double[][] clusterWeights = members.stream().map(SyntheticMovieLens::zipf).toArray(double[][]::new);
        List<Integer> everyFilm = new ArrayList<>();
        for (int film = 0; film < films; film++) {
            everyFilm.add(film);
        }
        double[] globalWeights = zipf(everyFilm);
        try (BufferedWriter ratings = Files.newBufferedWriter(dir.resolve("ratings.csv"), StandardCharsets.UTF_8)) {
            ratings.write("userId,movieId,rating,timestamp\n");
            for (int viewer = 0; viewer < viewers; viewer++) {
                int favourite = random.nextInt(CLUSTERS);
                int other = random.nextDouble() < 0.4 ? random.nextInt(CLUSTERS) : favourite;
                int count = (int) Math.min(300, Math.round(Math.exp(3.2 + 0.8 * random.nextGaussian())) + 5);
                long time = 1_500_000_000L + random.nextInt(50_000_000);
                Set<Integer> rated = new HashSet<>();
                for (int n = 0; n < count; n++) {
                    boolean noise = random.nextDouble() < 0.2;
                    int cluster = random.nextDouble() < 0.65 ? favourite : other;
                    int film = noise ? everyFilm.get(pick(globalWeights, random)) : members.get(cluster).get(pick(clusterWeights[cluster], random));
                    if (!rated.add(film)) {
                        continue;
                    }
                    boolean ofTaste = contains(clustersOf[film], favourite) || contains(clustersOf[film], other);
                    boolean like = random.nextDouble() < (ofTaste ? 0.85 : 0.33);
                    double rating = like ? 4.0 + 0.5 * random.nextInt(3) : 0.5 * (1 + random.nextInt(6));
                    time += 30 + random.nextInt(3_600);
                    ratings.write("%d,%d,%.1f,%d%n".formatted(viewer + 1, film + 1, rating, time));
                }
            }
        }
        return dir;
    }

    /** Zipf weights over these films in their order (the lower a film's number, the more it is chosen), as a cumulative table. */
    private static double[] zipf(List<Integer> films) {
        double[] cumulative = new double[films.size()];
        double sum = 0;
        for (int rank = 0; rank < films.size(); rank++) {
            sum += 1 / Math.pow(rank + 1, ZIPF);
            cumulative[rank] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static int pick(double[] cumulative, Random random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
    }

    private static boolean contains(int[] values, int value) {
        for (int each : values) {
            if (each == value) {
                return true;
            }
        }
        return false;
    }
}
