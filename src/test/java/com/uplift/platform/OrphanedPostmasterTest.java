package com.uplift.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which server is the orphan of a data folder is decided by comparing the folder the server was started on with the
 * one the service is given. A probe named the folder through a symbolic link after a {@code kill -9}: compared by
 * name, the orphan was not recognised and the start failed on its pid file.
 */
class OrphanedPostmasterTest {

    @Test
    void aFolderNamedThroughASymbolicLinkIsTheSameFolder(@TempDir Path temp) throws IOException {
        Path data = Files.createDirectory(temp.resolve("pg"));
        Path link = Files.createSymbolicLink(temp.resolve("pglink"), data);

        assertThat(OrphanedPostmaster.sameFolder(link, data)).isTrue();
        assertThat(OrphanedPostmaster.sameFolder(data, link)).isTrue();
        assertThat(OrphanedPostmaster.sameFolder(temp.resolve("pg/../pg"), data)).isTrue();
    }

    @Test
    void twoFoldersAreNotTheSame(@TempDir Path temp) throws IOException {
        Path one = Files.createDirectory(temp.resolve("one"));
        Path other = Files.createDirectory(temp.resolve("other"));
        Path linkToOther = Files.createSymbolicLink(temp.resolve("link"), other);

        assertThat(OrphanedPostmaster.sameFolder(one, other)).isFalse();
        assertThat(OrphanedPostmaster.sameFolder(one, linkToOther)).isFalse();
        assertThat(OrphanedPostmaster.sameFolder(temp.resolve("gone"), one)).isFalse();
    }
}
