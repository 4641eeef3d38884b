package dev.macula.api.common;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SafePathsTest {

    @TempDir
    Path temp;

    private Path root;
    private Path outside;
    private Path image;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        Files.createDirectories(root.resolve("study/series"));
        image = Files.writeString(root.resolve("study/series/image.png"), "png");
        Files.writeString(root.resolve("top.jpg"), "jpg");
        outside = Files.writeString(temp.resolve("secret.txt"), "secret");
    }

    @Test
    void resolvesExistingFilesInsideTheRoot() throws IOException {
        assertThat(SafePaths.resolveInside(root, "study/series/image.png")).contains(image.toRealPath());
        assertThat(SafePaths.resolveInside(root, "top.jpg")).contains(root.resolve("top.jpg").toRealPath());
        assertThat(SafePaths.resolveInside(root, "study/./series//image.png")).contains(image.toRealPath());
    }

    @Test
    void refusesMissingFilesAndDirectories() {
        assertThat(SafePaths.resolveInside(root, "study/series/missing.png")).isEmpty();
        assertThat(SafePaths.resolveInside(root, "study")).isEmpty();
        assertThat(SafePaths.resolveInside(root, "study/")).isEmpty();
        assertThat(SafePaths.resolveInside(root, ".")).isEmpty();
        assertThat(SafePaths.resolveInside(root.resolve("no-such-root"), "top.jpg")).isEmpty();
    }

    @Test
    void refusesEscapesAndOddCharacters() {
        assertThat(SafePaths.resolveInside(root, "../secret.txt")).isEmpty();
        assertThat(SafePaths.resolveInside(root, "study/../../secret.txt")).isEmpty();
        assertThat(SafePaths.resolveInside(root, "study/../top.jpg")).as("any .. segment").isEmpty();
        assertThat(SafePaths.resolveInside(root, "..")).isEmpty();
        assertThat(SafePaths.resolveInside(root, outside.toString())).isEmpty();
        assertThat(SafePaths.resolveInside(root, root.resolve("top.jpg").toString())).as("absolute").isEmpty();
        assertThat(SafePaths.resolveInside(root, "/etc/passwd")).isEmpty();
        assertThat(SafePaths.resolveInside(root, "//etc/passwd")).isEmpty();
        assertThat(SafePaths.resolveInside(root, "..\\secret.txt")).isEmpty();
        assertThat(SafePaths.resolveInside(root, "study\\series\\image.png")).isEmpty();
        assertThat(SafePaths.resolveInside(root, "top.jpg\0.png")).isEmpty();
        assertThat(SafePaths.resolveInside(root, "")).isEmpty();
        assertThat(SafePaths.resolveInside(root, null)).isEmpty();
        assertThat(SafePaths.resolveInside(null, "top.jpg")).isEmpty();
    }

    @Test
    void refusesSymbolicLinksThatLeaveTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), outside);
        Files.createSymbolicLink(root.resolve("out"), temp);
        Files.createSymbolicLink(root.resolve("study/up"), root.getParent());

        assertThat(SafePaths.resolveInside(root, "link.txt")).isEmpty();
        assertThat(SafePaths.resolveInside(root, "out/secret.txt")).as("link to a directory outside").isEmpty();
        assertThat(SafePaths.resolveInside(root, "study/up/secret.txt")).isEmpty();
    }

    @Test
    void followsSymbolicLinksThatStayInside() throws IOException {
        Files.createSymbolicLink(root.resolve("alias.png"), image);
        Files.createSymbolicLink(root.resolve("series"), root.resolve("study/series"));

        assertThat(SafePaths.resolveInside(root, "alias.png")).contains(image.toRealPath());
        assertThat(SafePaths.resolveInside(root, "series/image.png")).contains(image.toRealPath());
    }

    @Test
    void acceptsARootThatIsItselfALink() throws IOException {
        Path linkedRoot = Files.createSymbolicLink(temp.resolve("linked-root"), root);

        assertThat(SafePaths.resolveInside(linkedRoot, "top.jpg")).contains(root.resolve("top.jpg").toRealPath());
        assertThat(SafePaths.relativeInside(linkedRoot, linkedRoot.resolve("top.jpg").toString()))
                .contains(Path.of("top.jpg"));
        assertThat(SafePaths.relativeInside(linkedRoot, root.resolve("top.jpg").toString()))
                .as("absolute path through the real root").contains(Path.of("top.jpg"));
    }

    @Test
    void relativeInsideMakesAbsolutePathsRelative() {
        assertThat(SafePaths.relativeInside(root, image.toString())).contains(Path.of("study/series/image.png"));
        assertThat(SafePaths.relativeInside(root, root.resolve("study/./series//x.png").toString()))
                .as("existence not required").contains(Path.of("study/series/x.png"));
        assertThat(SafePaths.relativeInside(root, "study/series/image.png")).contains(Path.of("study/series/image.png"));
        assertThat(SafePaths.relativeInside(root, "./new/file.png")).contains(Path.of("new/file.png"));
        assertThat(SafePaths.relativeInside(root, image.toString()).map(SafePaths::posix))
                .contains("study/series/image.png");
    }

    @Test
    void relativeInsideRefusesEscapes() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), outside);

        assertThat(SafePaths.relativeInside(root, outside.toString())).isEmpty();
        assertThat(SafePaths.relativeInside(root, "/etc/passwd")).isEmpty();
        assertThat(SafePaths.relativeInside(root, root + "/../secret.txt")).isEmpty();
        assertThat(SafePaths.relativeInside(root, root + "-sibling/file.png")).as("prefix is not containment").isEmpty();
        assertThat(SafePaths.relativeInside(root, "../secret.txt")).isEmpty();
        assertThat(SafePaths.relativeInside(root, "study/../../secret.txt")).isEmpty();
        assertThat(SafePaths.relativeInside(root, "study\\image.png")).isEmpty();
        assertThat(SafePaths.relativeInside(root, "a\0b")).isEmpty();
        assertThat(SafePaths.relativeInside(root, "")).isEmpty();
        assertThat(SafePaths.relativeInside(root, ".")).isEmpty();
        assertThat(SafePaths.relativeInside(root, root.toString())).as("the root itself").isEmpty();
        assertThat(SafePaths.relativeInside(root, "link.txt")).as("existing link leaving the root").isEmpty();
        assertThat(SafePaths.relativeInside(root, null)).isEmpty();
    }

    @Test
    void posixJoinsWithSlashes() {
        assertThat(SafePaths.posix(Path.of("a", "b", "c.png"))).isEqualTo("a/b/c.png");
        assertThat(SafePaths.posix(Path.of("c.png"))).isEqualTo("c.png");
    }
}
