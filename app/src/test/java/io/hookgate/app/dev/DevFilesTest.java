package io.hookgate.app.dev;

import io.hookgate.core.subscription.SecretBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

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
    void theGeneratedSecretsKeyIsKeptAcrossStartsAndReadableByItsOwnerOnly(@TempDir final Path dir) throws Exception {
        final Path data = dir.resolve(".hookgate");
        final String first = new DevFiles(data).secretsKeyOrCreate();
        assertThat(Base64.getDecoder().decode(first)).as("an AES-256 key, as admin.secretsKey takes it").hasSize(32);
        final SecretBox box = new SecretBox(first);
        final String sealed = box.seal("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "billing");
        final String again = new DevFiles(data).secretsKeyOrCreate();
        assertThat(again).as("a restart keeps it").isEqualTo(first);
        assertThat(new SecretBox(again).open(sealed, "billing")).as("what was sealed before the restart opens after it")
            .isEqualTo("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(DevFiles.SECRETS_KEY_FILE))))
            .isEqualTo("rw-------");
        assertThat(new DevFiles(data).tokenOrCreate()).as("the token is another file").isNotEqualTo(first);
        assertThat(new DevFiles(dir.resolve("other")).secretsKeyOrCreate()).as("another data directory, another key").isNotEqualTo(first);
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
