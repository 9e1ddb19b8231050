package dev.cinema.etl;

import dev.cinema.etl.Command.Action;
import dev.cinema.etl.Command.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTest {

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        Command spaced = Command.parse("run", "--sqlite", "db.sqlite", "--watch", "--embeddings", "off");
        Command joined = Command.parse("run", "--sqlite=db.sqlite", "--watch", "--embeddings=off");

        assertThat(spaced).isEqualTo(joined);
        assertThat(spaced.action()).isEqualTo(Action.RUN);
        assertThat(spaced.sqlite()).isEqualTo(Path.of("db.sqlite"));
        assertThat(spaced.watch()).isTrue();
        assertThat(spaced.embeddings()).isFalse();
    }

    @Test
    void embeddingsFollowTheSettingsUnlessTheCommandLineSaysOtherwise() {
        assertThat(Command.parse("postgres-to-elasticsearch").embeddings()).isNull();
        assertThat(Command.parse("postgres-to-elasticsearch", "--embeddings").embeddings()).isTrue();
    }

    @Test
    void loadingNeedsExactlyOneSource() {
        assertThatThrownBy(() -> Command.parse("sqlite-to-postgres")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--sqlite PATH or --demo");
        assertThatThrownBy(() -> Command.parse("run", "--sqlite", "a.sqlite", "--demo")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> Command.parse("postgres-to-elasticsearch", "--sqlite", "a.sqlite"))
                .hasMessageContaining("reads no SQLite file");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Command.parse()).hasMessageContaining("no command");
        assertThatThrownBy(() -> Command.parse("load")).hasMessageContaining("unknown command 'load'");
        assertThatThrownBy(() -> Command.parse("run", "--demo", "--fast")).hasMessageContaining("unknown option '--fast'");
        assertThatThrownBy(() -> Command.parse("run", "--sqlite")).hasMessageContaining("--sqlite needs a value");
        assertThatThrownBy(() -> Command.parse("generate", "--films", "-5", "--out", "x")).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> Command.parse("run", "--demo", "--embeddings=maybe")).hasMessageContaining("on or off");
        assertThatThrownBy(() -> Command.parse("sqlite-to-postgres", "--demo", "--full")).hasMessageContaining("--full re-indexes");
    }

    @Test
    void aMovieLensCatalogNeedsItsFolderAndItsFile() {
        Command command = Command.parse("movielens", "--dir", "ml", "--out=ml.sqlite");
        assertThat(command.action()).isEqualTo(Action.MOVIELENS);
        assertThat(command.dir()).isEqualTo(Path.of("ml"));
        assertThat(command.out()).isEqualTo(Path.of("ml.sqlite"));
        assertThatThrownBy(() -> Command.parse("movielens", "--out", "ml.sqlite")).hasMessageContaining("movielens needs --dir DIR");
        assertThatThrownBy(() -> Command.parse("movielens", "--dir", "ml")).hasMessageContaining("movielens needs --out PATH");
        assertThatThrownBy(() -> Command.parse("run", "--demo", "--dir", "ml")).hasMessageContaining("run takes no --dir");
    }

    @Test
    void badArgumentsExitWithCodeTwoBeforeAnythingStarts() {
        assertThat(EtlCli.run("index-everything").exitCode()).isEqualTo(EtlCli.BAD_ARGUMENTS);
    }
}
