package dev.cinema.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the files live that a server run as uid 65534 must reach, when root runs the platform from
 * a folder that uid cannot enter (a clone under {@code /root}, mode 700). A file that uid can reach
 * where it is stays there; anything else is placed under this folder: a copy of a program
 * (Elasticsearch's home, the JDK it runs on) or the server's own files.
 *
 * <p>The folder is {@code CINEMA_UNPRIVILEGED_DIR}, by default {@code /var/lib/cinema/<clone>}:
 * persistent, unlike the temporary directory that a reboot may empty, and one per clone so that
 * {@code ./local_run.sh clean} removes just this clone's part.
 */
final class UnprivilegedFolder {

    static final String VARIABLE = "CINEMA_UNPRIVILEGED_DIR";

    private final Path root;
    private final Path clone;

    UnprivilegedFolder(Path root, Path clone) {
        this.root = root.toAbsolutePath().normalize();
        this.clone = clone.toAbsolutePath().normalize();
    }

    /** This clone's folder: the variable's, or {@code /var/lib/cinema/<name>-<hash of its path>}. */
    static UnprivilegedFolder ofThisClone() {
        Path clone = Dist.root().toAbsolutePath().normalize().getParent().getParent().getParent();
        String configured = System.getProperty("cinema.unprivileged.dir", System.getenv(VARIABLE));
        Path root = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of("/var/lib/cinema", clone.getFileName() + "-" + Integer.toHexString(clone.toString().hashCode()));
        return new UnprivilegedFolder(root, clone);
    }

    Path root() {
        return root;
    }

    /**
     * Whether every folder on the way to {@code path} lets others through, so uid 65534 reaches it.
     * The way is the real one: a symbolic link's own mode says nothing of where it leads.
     */
    static boolean reachableByOthers(Path path) {
        try {
            Path existing = path.toAbsolutePath().normalize();
            while (!Files.exists(existing)) {
                existing = existing.getParent();
            }
            for (Path p = existing.toRealPath(); p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A program's folder as uid 65534 can run it: {@code program} itself when that uid reaches it,
     * else a copy of it here under {@code name}, made once (a name holds a version: a new version is
     * a new name).
     */
    Path program(Path program, String name) {
        if (reachableByOthers(program)) {
            try {
                return program.toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path copy = root.resolve(name);
        if (Files.isDirectory(copy)) {
            return copy;
        }
        try {
            createReachable();
            // Copied beside its place and renamed: a copy cut short is never taken for a whole one.
            Path partial = Files.createTempDirectory(root, name + ".partial-");
            copyTree(program.toRealPath(), partial);
            try {
                Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException madeMeanwhile) {
                // Another start copied it first (the rename onto its folder fails "not empty").
                deleteTree(partial);
                if (!Files.isDirectory(copy)) {
                    throw madeMeanwhile;
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + program + " to " + copy, e);
        }
    }

    /**
     * A server's own folder (config, data, logs): {@code preferred} when uid 65534 reaches it, else
     * the same path inside this folder (relative to the clone when it is in it).
     */
    Path serverFiles(Path preferred) {
        Path absolute = preferred.toAbsolutePath().normalize();
        if (reachableByOthers(absolute)) {
            return realPathOf(absolute);
        }
        Path inside = absolute.startsWith(clone)
                ? root.resolve(clone.relativize(absolute))
                : root.resolve("elsewhere").resolve(Integer.toHexString(absolute.toString().hashCode()));
        try {
            createReachable();
            Files.createDirectories(inside);
            for (Path p = inside; p != null && p.startsWith(root); p = p.getParent()) {
                openToOthers(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inside;
    }

    private static Path realPathOf(Path path) {
        try {
            Files.createDirectories(path);
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This folder, and each folder made for it, open to others whatever the umask. */
    private void createReachable() throws IOException {
        Path existing = root;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        Files.createDirectories(root);
        for (Path p = root; !p.equals(existing); p = p.getParent()) {
            openToOthers(p);
        }
        if (!reachableByOthers(root)) {
            throw new IllegalStateException(root + " is inside a folder that uid 65534 cannot enter: set "
                    + VARIABLE + " to a folder every user can reach (the default is under /var/lib/cinema)");
        }
    }

    private static void openToOthers(Path dir) throws IOException {
        var permissions = Files.getPosixFilePermissions(dir);
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        permissions.add(PosixFilePermission.OTHERS_READ);
        Files.setPosixFilePermissions(dir, permissions);
    }

    /** Copies files, folders and symbolic links as they are (a JDK links some of its files to /etc). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isSymbolicLink(source)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    openToOthers(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    var permissions = Files.getPosixFilePermissions(target);
                    permissions.add(PosixFilePermission.OTHERS_READ);
                    if (permissions.contains(PosixFilePermission.OWNER_EXECUTE)) {
                        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                    }
                    Files.setPosixFilePermissions(target, permissions);
                }
            }
        }
        openToOthers(to);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
