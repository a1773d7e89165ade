package io.idflow.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.idflow.core.model.LocalDefinitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cached validation gives exactly what a validation gives, and never an earlier content's. */
class ValidationCacheTest {
  @TempDir Path root;
  private Path dir;
  private Path cache;

  @BeforeEach
  void setUp() throws IOException {
    dir = root.resolve("idflow");
    cache = root.resolve("target/idflow/validated");
    ValidationCache.clearMemory();
    // One error (a SIMPLE task without a taskReferenceName), one warning (an unknown task
    // definition), a task definition without ownerEmail (an error only when it is mandatory).
    write(
        "workflows/a.json",
        """
        {"name":"a","version":1,"schemaVersion":2,"ownerEmail":"t@example.com","tasks":[
          {"name":"known","taskReferenceName":"k","type":"SIMPLE"},
          {"name":"unknown_task","taskReferenceName":"u","type":"SIMPLE"},
          {"name":"known","type":"SIMPLE"}]}
        """);
    write(
        "tasks/known.json",
        "{\"name\":\"known\",\"retryCount\":1,\"timeoutSeconds\":60,"
            + "\"responseTimeoutSeconds\":30}");
  }

  private void write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static List<String> texts(LocalDefinitions defs) {
    return defs.problems().stream().map(p -> p.severity() + " " + p).toList();
  }

  private LocalDefinitions uncached(boolean mandatory) {
    return new DefinitionValidator(mandatory).validate(DefinitionLoader.load(dir));
  }

  private LocalDefinitions cached(LocalFiles files, boolean mandatory) {
    return files.validate(DefinitionLoader.load(files), new DefinitionValidator(mandatory));
  }

  private List<Path> entries() throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(cache)) {
      return list.toList();
    }
  }

  @Test
  void fromMemoryAndFromDiskTheAnswerIsTheValidatorsOwn() throws IOException {
    LocalFiles files = new LocalFiles(dir, Placeholders.none(), cache);
    List<String> expected = texts(uncached(false));
    assertThat(expected)
        .anyMatch(t -> t.startsWith("ERROR"))
        .anyMatch(t -> t.startsWith("WARNING"));

    assertThat(texts(cached(files, false))).isEqualTo(expected); // validated, kept
    assertThat(entries()).hasSize(1);
    assertThat(texts(cached(files, false))).isEqualTo(expected); // from memory
    ValidationCache.clearMemory();
    LocalDefinitions fromDisk = cached(files, false); // a later build
    assertThat(texts(fromDisk)).isEqualTo(expected);
    assertThat(fromDisk.problems()).isEqualTo(uncached(false).problems());
  }

  @Test
  void aChangedFileOrOptionIsANewKeyNeverAnEarlierAnswer() throws IOException {
    LocalFiles files = new LocalFiles(dir, Placeholders.none(), cache);
    cached(files, false);
    assertThat(texts(cached(files, true))).isEqualTo(texts(uncached(true)));
    assertThat(texts(uncached(true))).isNotEqualTo(texts(uncached(false)));

    write(
        "workflows/a.json",
        """
        {"name":"a","version":1,"schemaVersion":2,"ownerEmail":"t@example.com","tasks":[
          {"name":"known","taskReferenceName":"k","type":"SIMPLE"}]}
        """);
    ValidationCache.clearMemory();
    assertThat(cached(files, false).problems()).isEmpty();
    assertThat(entries()).hasSize(3);
  }

  @Test
  void aDamagedEntryIsValidatedAgainAndRewritten() throws IOException {
    LocalFiles files = new LocalFiles(dir, Placeholders.none(), cache);
    List<String> expected = texts(cached(files, false));
    Path entry = entries().get(0);
    Files.writeString(entry, "{\"problems\":[{\"severity\":\"NOT_ONE\"}]");
    ValidationCache.clearMemory();
    assertThat(texts(cached(files, false))).isEqualTo(expected);
    assertThat(Files.readString(entry)).contains("\"severity\": \"ERROR\"");
  }

  @Test
  void withSecretValuesNothingGoesToDisk() throws IOException {
    write(
        "workflows/b.json",
        """
        {"name":"b","version":1,"schemaVersion":2,"ownerEmail":"t@example.com","tasks":[
          {"name":"known","taskReferenceName":"k","type":"SIMPLE",
           "inputParameters":{"token":"@{token}"}}]}
        """);
    Placeholders secret =
        Placeholders.builder("@{", "}")
            .addSecret("settings.xml", Map.of("token", "s3cr3t"))
            .build();
    LocalFiles files = new LocalFiles(dir, secret, cache);
    LocalDefinitions once = cached(files, false);
    assertThat(texts(cached(files, false))).isEqualTo(texts(once));
    assertThat(entries()).isEmpty();
  }

  @Test
  void theGoalsOfABuildShareWhatWasLoadedUntilAByteChanges() throws IOException {
    LocalFiles files = new LocalFiles(dir, Placeholders.none(), cache);
    LocalDefinitions first = DefinitionLoader.load(files);
    assertThat(DefinitionLoader.load(files)).isSameAs(first);
    assertThat(DefinitionLoader.load(LocalFiles.of(dir))).isNotSameAs(first).isEqualTo(first);

    write("tasks/known.json", Files.readString(dir.resolve("tasks/known.json")) + " ");
    LocalDefinitions changed = DefinitionLoader.load(files);
    assertThat(changed).isNotSameAs(first);
    assertThat(changed.content()).isNotEqualTo(first.content());
    Placeholders values =
        Placeholders.builder("@{", "}")
            .add("the plugin's <placeholders>", Map.of("x", "1"))
            .build();
    assertThat(DefinitionLoader.load(new LocalFiles(dir, values, cache)).content())
        .isNotEqualTo(changed.content());
  }

  @Test
  void withoutADirectoryEveryCallValidates() {
    LocalFiles files = LocalFiles.of(dir);
    assertThat(texts(cached(files, false))).isEqualTo(texts(uncached(false)));
    assertThat(root.resolve("target")).doesNotExist();
  }

  @Test
  void theKeyCoversTheDefinitionsTheOptionsAndThePluginsCode() {
    LocalDefinitions defs = DefinitionLoader.load(dir);
    String key = ValidationCache.key(defs, new DefinitionValidator(false));
    assertThat(key)
        .hasSize(64)
        .isEqualTo(ValidationCache.key(defs, new DefinitionValidator(false)));
    assertThat(ValidationCache.key(defs, new DefinitionValidator(true))).isNotEqualTo(key);
    // The task definition has no owner: the default one changes what is validated.
    assertThat(
            ValidationCache.key(
                defs.withDefaultOwnerEmail("x@example.com"), new DefinitionValidator(false)))
        .isNotEqualTo(key);
    assertThat(ValidationCache.codeId()).hasSize(64);
  }

  @Test
  void thePluginsJarIsKnownByItsEntriesContent() throws IOException {
    Path one = jar("one.jar", "rules v1");
    assertThat(ValidationCache.codeId(one))
        .isEqualTo(ValidationCache.codeId(jar("same.jar", "rules v1")));
    assertThat(ValidationCache.codeId(one))
        .isNotEqualTo(ValidationCache.codeId(jar("two.jar", "rules v2")));
  }

  private Path jar(String name, String content) throws IOException {
    Path jar = root.resolve(name);
    try (java.util.zip.ZipOutputStream out =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.zip.ZipEntry("io/idflow/Rules.class"));
      out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }
}
