package io.hookgate.app.dev;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class DevFilesTest {

    @Test
    void theGeneratedTokenIsKeptAcrossStartsAndReadableByItsOwnerOnly(@TempDir final Path dir) throws Exception {
        final Path data = dir.resolve(".hookgate");
        final String first = new DevFiles(data).tokenOrCreate();
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(new DevFiles(data).tokenOrCreate()).as("a restart keeps it").isEqualTo(first);
        assertThat(new DevFiles(data).token()).contains(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(DevFiles.TOKEN_FILE)))).isEqualTo("rw-------");
        assertThat(new DevFiles(dir.resolve("other")).tokenOrCreate()).as("another data directory, another token").isNotEqualTo(first);
    }

    @Test
    void theAdminUrlIsTheLastStartsAndAbsentBeforeAnyStart(@TempDir final Path dir) {
        final DevFiles files = new DevFiles(dir);
        assertThat(files.adminUrl()).isEmpty();
        assertThat(files.token()).isEmpty();
        files.writeAdminUrl("http://127.0.0.1:18081");
        files.writeAdminUrl("http://127.0.0.1:28081");
        assertThat(files.adminUrl()).contains("http://127.0.0.1:28081");
    }
}
